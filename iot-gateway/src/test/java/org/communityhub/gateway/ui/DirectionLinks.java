package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;

/**
 * Reads the page's "到这里去" links (directions.js) the way each provider reads them and checks them
 * against geo-service's converters ({@link DatumConverter}): AMap and Tencent in GCJ-02, Baidu in BD-09.
 * Stateless; thread-safe.
 */
final class DirectionLinks {

    /** Mean Earth radius (m); the points compared are metres apart at most, so a sphere is exact enough. */
    private static final double EARTH_RADIUS = 6_371_008.8;

    private DirectionLinks() {
    }

    /** A destination (and origin, if the link has one) as the link states it, in the provider's datum. */
    record Target(String provider, LonLat to, String name, LonLat from) {
    }

    /** Parses one provider's link, checking its fixed parameters (walking, the datum it declares, the source). */
    static Target parse(String provider, String href) {
        URI uri = URI.create(href.replace("|", "%7C"));
        Map<String, String> q = query(uri.getRawQuery());
        switch (provider) {
            case "amap" -> {
                assertThat(uri.getHost() + uri.getPath()).isEqualTo("uri.amap.com/navigation");
                assertThat(q).containsEntry("mode", "walk").containsEntry("coordinate", "gaode").containsKey("src");
                String[] to = q.get("to").split(",", 3);
                LonLat from = q.containsKey("from") ? lonLat(q.get("from").split(",", 3), 0, 1) : null;
                return new Target(provider, lonLat(to, 0, 1), to[2], from);
            }
            case "baidu" -> {
                assertThat(uri.getHost() + uri.getPath()).isEqualTo("api.map.baidu.com/direction");
                assertThat(q).containsEntry("mode", "walking").containsEntry("coord_type", "bd09ll")
                        .containsEntry("output", "html").containsKey("src");
                String[] to = baiduPoint(q.get("destination"));
                LonLat from = q.containsKey("origin") ? lonLat(baiduPoint(q.get("origin")), 1, 0) : null;
                return new Target(provider, lonLat(to, 1, 0), to[2], from);
            }
            case "tencent" -> {
                assertThat(uri.getHost() + uri.getPath()).isEqualTo("apis.map.qq.com/uri/v1/routeplan");
                assertThat(q).containsEntry("type", "walk").containsEntry("coord_type", "2").containsKey("referer");
                LonLat from = q.containsKey("fromcoord") ? lonLat(q.get("fromcoord").split(","), 1, 0) : null;
                return new Target(provider, lonLat(q.get("tocoord").split(","), 1, 0), q.get("to"), from);
            }
            default -> throw new IllegalArgumentException("unknown provider " + provider);
        }
    }

    /** The datum a provider's link must use. */
    static Datum datum(String provider) {
        return "baidu".equals(provider) ? Datum.BD09 : Datum.GCJ02;
    }

    /** Metres between the link's point and the Java converters' image of the WGS-84 point {@code wgs84}. */
    static double metresOff(String provider, LonLat stated, LonLat wgs84) {
        LonLat truth = DatumConverter.fromWgs84(datum(provider), wgs84);
        return metres(stated, truth);
    }

    /** Great-circle distance in metres. */
    static double metres(LonLat a, LonLat b) {
        double p1 = Math.toRadians(a.lat());
        double p2 = Math.toRadians(b.lat());
        double dp = p2 - p1;
        double dl = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** "latlng:LAT,LNG|name:NAME" → {LAT, LNG, NAME}. */
    private static String[] baiduPoint(String value) {
        String[] parts = value.split("\\|", 2);
        assertThat(parts[0]).startsWith("latlng:");
        String[] latLng = parts[0].substring("latlng:".length()).split(",");
        String name = parts.length > 1 && parts[1].startsWith("name:") ? parts[1].substring("name:".length()) : "";
        return new String[] {latLng[0], latLng[1], name};
    }

    private static LonLat lonLat(String[] values, int lonIndex, int latIndex) {
        return new LonLat(Double.parseDouble(values[lonIndex]), Double.parseDouble(values[latIndex]));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }
}
