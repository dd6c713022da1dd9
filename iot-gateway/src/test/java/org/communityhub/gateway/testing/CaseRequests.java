package org.communityhub.gateway.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.communityhub.geo.GeoImports;

/**
 * Requests of the case tests (issue 16): grids imported into the two-community fixture, logins with grids
 * through the admin API, multipart reports with real photos, and a JPEG that carries EXIF text.
 */
public final class CaseRequests {

    /** The text hidden in the test photo's EXIF segment. */
    public static final String EXIF_SECRET = "GPS 22.5431N 114.0579E SERIAL-XYZ-123";
    /** Inside community ita, compound ita-q1, building ita-b1 and grid ita-g1. */
    public static final double[] IN_GRID_A = {114.052, 22.542};
    /** Inside community ita and grid ita-g2. */
    public static final double[] IN_GRID_B = {114.0545, 22.5435};
    /** Inside community itb and grid itb-g1. */
    public static final double[] IN_ITB = {114.063, 22.543};

    private final HubFixture hub;

    public CaseRequests(HubFixture hub) {
        this.hub = hub;
    }

    /** Imports grids ita-g1 (west half of ita), ita-g2 (east half) and itb-g1 (all of itb). */
    public void importGrids() throws Exception {
        String fc = gridsGeoJson();
        var report = GeoImports.service(hub.dataSource()).importGeoJson(
                new ByteArrayInputStream(fc.getBytes(StandardCharsets.UTF_8)), null);
        if (!report.ok()) {
            throw new IllegalStateException("grid import failed: " + report.render());
        }
    }

    /** The grids of {@link #importGrids} as a GeoJSON import file (§3). */
    public static String gridsGeoJson() {
        JsonArray features = new JsonArray()
                .add(grid("ita-g1", "甲一网格", "ita", 114.05, 114.053, 22.54, 22.546))
                .add(grid("ita-g2", "甲二网格", "ita", 114.053, 114.056, 22.54, 22.546))
                .add(grid("itb-g1", "乙一网格", "itb", 114.06, 114.066, 22.54, 22.546));
        return new JsonObject().put("type", "FeatureCollection").put("features", features).encode();
    }

    private static JsonObject grid(String code, String name, String parent, double w, double e, double s, double n) {
        JsonArray ring = new JsonArray().add(new JsonArray().add(w).add(s)).add(new JsonArray().add(e).add(s))
                .add(new JsonArray().add(e).add(n)).add(new JsonArray().add(w).add(n)).add(new JsonArray().add(w).add(s));
        return new JsonObject().put("type", "Feature")
                .put("properties", new JsonObject().put("layer", "grid").put("code", code).put("name", name)
                        .put("parent", parent))
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)));
    }

    /** Saves a login through the admin API ({@code grids} may be empty) and returns the admin's answer. */
    public HttpResponse<String> saveUser(String adminToken, String username, String role, String community,
                                         List<String> grids) throws Exception {
        JsonObject body = new JsonObject().put("username", username).put("password", HubFixture.PASSWORD)
                .put("role", role).put("grids", new JsonArray(grids));
        if (community != null) {
            body.put("community", community);
        }
        return hub.post("/api/v1/admin/users", adminToken, body.encode());
    }

    public String token(String username) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/login", null, new JsonObject().put("username", username)
                .put("password", HubFixture.PASSWORD).encode());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        return new JsonObject(r.body()).getString("token");
    }

    /**
     * A multipart POST: text {@code fields}, then one {@code photo} part per entry of {@code photos}; sent as
     * coming from {@code client} (X-Forwarded-For; the fixture trusts 127.0.0.1 as a proxy).
     */
    public HttpResponse<String> multipart(String path, String token, String client, Map<String, String> fields,
                                          List<byte[]> photos) throws Exception {
        return multipart(path, token, client, fields, photos, List.of());
    }

    /** A multipart POST with {@code photo} parts and {@code after_photo} parts (现场办结). */
    public HttpResponse<String> multipart(String path, String token, String client, Map<String, String> fields,
                                          List<byte[]> photos, List<byte[]> afterPhotos) throws Exception {
        return multipart(hub.http(), hub.uri(path), token, client, fields, photos, afterPhotos);
    }

    /** The same POST to {@code uri} (e.g. through a proxy) with {@code http}. */
    public static HttpResponse<String> multipart(java.net.http.HttpClient http, java.net.URI uri, String token,
                                                 String client, Map<String, String> fields, List<byte[]> photos,
                                                 List<byte[]> afterPhotos) throws Exception {
        String boundary = "----hub" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var f : fields.entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        int i = 0;
        for (byte[] p : photos) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p" + (++i)
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(p);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] p : afterPhotos) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"after_photo\"; filename=\"a"
                    + (++i) + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(p);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (client != null) {
            b.header("X-Forwarded-For", client);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A PNG of random pixels of {@code width} × {@code height} (incompressible: about 3 bytes a pixel), an image by
     * its bytes as the hub checks them; 1280 × 1270 is just under 5 MiB.
     */
    public static byte[] noisePng(int width, int height, long seed) throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A JSON POST as coming from {@code client}. */
    public HttpResponse<String> json(String path, String token, String client, JsonObject body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return hub.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> bytes(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return hub.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The report fields of a case at {@code point}. */
    public static Map<String, String> report(String category, String description, double[] point) {
        return Map.of("category", category, "description", description, "lon", String.valueOf(point[0]),
                "lat", String.valueOf(point[1]));
    }

    /** A real 800×600 JPEG photo with an EXIF (APP1) segment holding {@link #EXIF_SECRET}. */
    public static byte[] jpegWithExif() throws Exception {
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 120, 60));
        g.fillRect(0, 0, 800, 600);
        g.setColor(Color.ORANGE);
        g.fillOval(200, 150, 400, 300);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        byte[] jpeg = out.toByteArray();
        byte[] payload = ("Exif\0\0" + EXIF_SECRET).getBytes(StandardCharsets.ISO_8859_1);
        return JpegSegments.withApp1(jpeg, payload);
    }

    public static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
