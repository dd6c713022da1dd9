import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * bench/run cases: anonymous 随手拍 reports (POST /api/v1/cases, multipart) with three ~1 MB JPEG photos each
 * carrying an EXIF segment (so the hub's re-encoding does real work), sent open-loop at a fixed rate: report i
 * is due at start + i / rate and its latency runs from that due time to the full answer (no coordinated
 * omission). Each report comes "from" its own client through X-Forwarded-For (the hub must trust 127.0.0.1),
 * so the per-client throttle does not answer 429. The first WARMUP seconds are not counted.
 *
 * <p>Usage: java bench/CaseLoad.java BASE_URL RATE SECONDS WARMUP POINTS_FILE LATENCIES_OUT
 * (POINTS_FILE: "lon lat" per line). Prints one line: key=value pairs (sent, ok, p50, p99, max, statuses,
 * photo_bytes, photo_px).
 */
public class CaseLoad {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--write-photos")) {
            // The three photos as files (for PhotoCpuRun, the per-stage CPU of the hub's photo sanitizer).
            for (int i = 1; i <= 3; i++) {
                Files.write(Path.of(args[1], "bench-photo-" + i + ".jpg"), photo(i));
            }
            return;
        }
        String base = args[0];
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        List<double[]> points = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[4]))) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 2) {
                points.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
            }
        }
        List<byte[]> photos = List.of(photo(1), photo(2), photo(3));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int total = (int) Math.round(rate * (warmup + seconds));
        int counted = (int) Math.round(rate * warmup);
        long[] latencies = new long[total];
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        String[] categories = {"environment", "facility_damage", "safety_hazard", "noise", "other"};
        Random random = new Random(16);
        long start = System.nanoTime() + 200_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            double[] at = points.get(random.nextInt(points.size()));
            String boundary = "----bench" + i;
            byte[] body = multipart(boundary, Map.of("category", categories[i % categories.length],
                    "description", "bench report " + i + "：垃圾桶满了", "lon", String.valueOf(at[0]),
                    "lat", String.valueOf(at[1]), "contact", "13800138000"), photos);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
                    .timeout(Duration.ofSeconds(60))
                    .header("content-type", "multipart/form-data; boundary=" + boundary)
                    .header("X-Forwarded-For", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            int n = i;
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
                latencies[n] = System.nanoTime() - due;
                statuses.computeIfAbsent(e != null ? -1 : r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        long[] measured = Arrays.copyOfRange(latencies, counted, total);
        Arrays.sort(measured);
        StringBuilder raw = new StringBuilder();
        for (long l : measured) {
            raw.append(String.format(Locale.ROOT, "%.1f%n", l / 1e6));
        }
        Files.writeString(Path.of(args[5]), raw);
        int ok = statuses.getOrDefault(201, new AtomicInteger()).get();
        System.out.printf(Locale.ROOT, "sent=%d measured=%d ok=%d p50=%.1f p99=%.1f max=%.1f statuses=%s photo_bytes=%s"
                        + " photo_px=%s%n", total, measured.length, ok, pct(measured, 0.50), pct(measured, 0.99),
                measured[measured.length - 1] / 1e6, new TreeMap<>(statuses).toString().replace(" ", ""),
                photos.stream().map(p -> String.valueOf(p.length)).reduce((a, b) -> a + "," + b).orElse(""),
                WIDTH + "x" + HEIGHT);
    }

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 1200;

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    /**
     * A 1600 × 1200 "photo" (sky, a street, blocks, grain like a phone sensor's) of about 1 MB: the JPEG quality
     * is searched until the size is within 1 MB ± 5 %. Then an EXIF APP1 segment with a GPS-like text goes in.
     */
    static byte[] photo(int seed) throws Exception {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int base = y < HEIGHT / 3 ? 170 + y / 20 : ((x / 140 + y / 90) % 3 == 0 ? 120 : 80);
                int red = clamp(base + (x * 7 / WIDTH) * 9 + r.nextInt(29) - 14);
                int green = clamp(base + 10 + r.nextInt(29) - 14);
                int blue = clamp((y < HEIGHT / 3 ? 230 : base - 20) + r.nextInt(29) - 14);
                img.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
        float lo = 0.3f;
        float hi = 1.0f;
        byte[] best = null;
        for (int i = 0; i < 12; i++) {
            float q = (lo + hi) / 2;
            byte[] jpeg = encode(img, q);
            best = jpeg;
            if (Math.abs(jpeg.length - 1_000_000) < 50_000) {
                break;
            }
            if (jpeg.length > 1_000_000) {
                hi = q;
            } else {
                lo = q;
            }
        }
        byte[] exif = ("Exif\0\0GPS 22.5431N 114.0579E Model BENCH-PHONE Serial " + seed)
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(best.length + exif.length + 4);
        b.put(best, 0, 2).put((byte) 0xff).put((byte) 0xe1).putShort((short) (exif.length + 2)).put(exif)
                .put(best, 2, best.length - 2);
        return b.array();
    }

    private static byte[] encode(BufferedImage img, float quality) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] multipart(String boundary, Map<String, String> fields, List<byte[]> photos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < photos.size(); i++) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"IMG_"
                    + i + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(photos.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
