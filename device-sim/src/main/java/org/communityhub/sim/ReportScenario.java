package org.communityhub.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hub sim scenario report}: a resident's 随手拍 report over HTTP (no login, no device), at the given
 * point or else at the middle of the hub's first community; prints the tracking code and what the hub should
 * show. One request; not thread-safe (a run).
 */
final class ReportScenario {

    private ReportScenario() {
    }

    /** Files the report; {@code lon}/{@code lat} NaN for the first community's middle. Exit code as the sim's. */
    static int run(HubApi hub, double lon, double lat, String category, String description, boolean json,
                   PrintStream out) throws InterruptedException {
        double[] at = Double.isNaN(lon) || Double.isNaN(lat) ? middleOfFirstCommunity(hub) : new double[] {lon, lat};
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("category", category);
        fields.put("description", description);
        fields.put("lon", at[0]);
        fields.put("lat", at[1]);
        HubApi.Answer a = hub.report(fields);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", "report");
            m.put("status", a.status());
            m.put("answer", a.body());
            out.println(EventJson.text(m));
        } else if (a.status() == 201) {
            JsonNode b = a.body();
            out.println("scenario report: " + category + " at " + at[0] + "," + at[1] + " → case " + b.path("id").asLong()
                    + ", tracking code " + b.path("tracking_code").asText());
            out.println("expect: 1 submitted case in community " + b.path("community").path("code").asText()
                    + (b.path("grid").isObject() ? ", grid " + b.path("grid").path("code").asText() : "")
                    + " (GET /api/v1/cases/track/" + b.path("tracking_code").asText() + ")");
        } else {
            out.println("FAILED: the hub answered " + a.status() + " " + a.errorCode());
        }
        return a.status() == 201 ? SimCommand.OK : SimCommand.FAILED;
    }

    private static double[] middleOfFirstCommunity(HubApi hub) throws InterruptedException {
        HubApi.Answer a = hub.firstCommunity();
        JsonNode ring = a.body() == null ? null : a.body().path("features").path(0).path("geometry").path("coordinates");
        while (ring != null && ring.isArray() && ring.path(0).path(0).isArray()) {
            ring = ring.path(0); // MultiPolygon → Polygon → outer ring
        }
        if (ring == null || !ring.isArray() || ring.isEmpty()) {
            throw new SimUsageException("the hub has no community to report in; pass --lon and --lat");
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (JsonNode p : ring) {
            minX = Math.min(minX, p.path(0).asDouble());
            maxX = Math.max(maxX, p.path(0).asDouble());
            minY = Math.min(minY, p.path(1).asDouble());
            maxY = Math.max(maxY, p.path(1).asDouble());
        }
        return new double[] {(minX + maxX) / 2, (minY + maxY) / 2};
    }
}
