package org.communityhub.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few hub HTTP endpoints (CONTRACT §5) the installer check reads: login, devices, a device's
 * events and the rejects list. Lists are accepted as a top-level JSON array or as the first array
 * member of an object ({@code items}, {@code events}, ...). Thread-safe (the JDK client is); one
 * request per call.
 */
public final class HubApi {

    /** An HTTP answer: status and parsed body (null when the body is not JSON). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The error code of a CONTRACT §5 error body, or null. */
        public String errorCode() {
            return body == null ? null : body.path("error").path("code").asText(null);
        }
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl e.g. {@code http://127.0.0.1:8080} */
    public HubApi(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {@code POST /api/v1/login}; the token, or null when the hub refuses the login. */
    public String login(String user, String password) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/login"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.bytes(Map.of("username", user, "password", password))))
                .build();
        Answer a = send(request);
        return a.ok() && a.body() != null && a.body().hasNonNull("token") ? a.body().get("token").asText() : null;
    }

    /** {@code GET /api/v1/devices}. */
    public Answer devices(String token) throws InterruptedException {
        return get(token, "/api/v1/devices");
    }

    /** {@code GET /api/v1/devices/{code}}: the registration and status of one device (404 when unknown or out of scope). */
    public Answer device(String token, String code) throws InterruptedException {
        return get(token, "/api/v1/devices/" + enc(code));
    }

    /** {@code GET /api/v1/devices/{code}/events?from=}. */
    public Answer events(String token, String code, String fromIso) throws InterruptedException {
        return get(token, "/api/v1/devices/" + enc(code) + "/events?from=" + enc(fromIso) + "&limit=1000");
    }

    /** {@code GET /api/v1/rejects?device=}. */
    public Answer rejects(String token, String code) throws InterruptedException {
        return get(token, "/api/v1/rejects?device=" + enc(code));
    }

    /** {@code POST /api/v1/devices/{code}/check}: starts the hub's acceptance check (202; installer or admin). */
    public Answer startCheck(String token, String code) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/devices/" + enc(code) + "/check"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build();
        return send(request);
    }

    /** {@code GET /api/v1/devices/{code}/check}: {@code {"result","cause","steps"}}. */
    public Answer check(String token, String code) throws InterruptedException {
        return get(token, "/api/v1/devices/" + enc(code) + "/check");
    }

    /** The list items of a JSON answer (see class comment); empty when there are none. */
    public static List<JsonNode> items(JsonNode body) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode list = body;
        if (body != null && body.isObject()) {
            list = null;
            for (String name : List.of("items", "events", "devices", "rejects", "features", "data")) {
                if (body.path(name).isArray()) {
                    list = body.get(name);
                    break;
                }
            }
        }
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }

    /** {@code POST /api/v1/cases} as a resident (no login): a 随手拍 report with the given fields. */
    public Answer report(Map<String, Object> fields) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/cases"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.bytes(fields))).build();
        return send(request);
    }

    /** {@code GET /collections/communities/items?limit=1} (public): the first community, as GeoJSON. */
    public Answer firstCommunity() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/collections/communities/items?limit=1"))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/geo+json").GET().build();
        return send(request);
    }

    private Answer get(String token, String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        return send(request);
    }

    private Answer send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = null;
            try {
                body = response.body().length == 0 ? null : EventJson.MAPPER.readTree(response.body());
            } catch (IOException e) {
                body = null;
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new HubUnreachable("hub unreachable at " + baseUrl + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
