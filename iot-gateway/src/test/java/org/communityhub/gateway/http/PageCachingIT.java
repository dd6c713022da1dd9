package org.communityhub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20: a returning phone asks again only for what can change. The page's bundle (hub-ui/dist, content-hashed
 * names from map-ui/build-ui.mjs) is kept a year without asking ({@code immutable}); the page itself, the service
 * worker, the manifest and the icons are revalidated on each use ({@code no-cache}) and answered 304 when unchanged,
 * so a new build is seen at once.
 */
class PageCachingIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void theBundleIsKeptAYearAndEverythingElseIsRevalidated() throws Exception {
        JsonObject bundle = bundle();
        List<String> hashed = new ArrayList<>();
        bundle.getJsonArray("files").forEach(f -> hashed.add("/" + f));
        assertThat(hashed).as("the entry, its style sheet and the lazy staff views").hasSizeGreaterThanOrEqualTo(3);
        for (String path : hashed) {
            HttpResponse<byte[]> file = get(path, null);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("Cache-Control")).as(path)
                    .hasValueSatisfying(v -> assertThat(v).contains("public", "immutable", "max-age=31536000"));
            assertThat(file.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(v -> assertThat(v).containsAnyOf("javascript", "text/css"));
        }

        for (String path : new String[] {"/", "/index.html", "/sw.js", "/manifest.webmanifest", "/icons/icon-192.png"}) {
            HttpResponse<byte[]> first = get(path, null);
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
            String modified = first.headers().firstValue("Last-Modified").orElse(null);
            assertThat(modified).as(path + " has Last-Modified to revalidate against").isNotBlank();
            HttpResponse<byte[]> again = get(path, modified);
            assertThat(again.statusCode()).as(path + " unchanged: 304").isEqualTo(304);
            assertThat(again.body()).as(path).isEmpty();
        }
        String page = new String(get("/", null).body(), StandardCharsets.UTF_8);
        assertThat(page).as("the page loads the bundle").contains("src=\"" + bundle.getString("entry") + "\"");

        HttpResponse<byte[]> missing = get("/dist/app-NOSUCHFILE.js", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Cache-Control")).as("a miss is never kept a year")
                .hasValueSatisfying(v -> assertThat(v).doesNotContain("immutable"));
        HttpResponse<byte[]> api = get("/api/v1/hierarchy", null);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Cache-Control").orElse("")).as("API answers keep their own rules")
                .doesNotContain("immutable");
    }

    static JsonObject bundle() throws IOException {
        try (InputStream in = PageCachingIT.class.getClassLoader().getResourceAsStream("META-INF/hub-ui-bundle.json")) {
            assertThat(in).as("map-ui's build wrote META-INF/hub-ui-bundle.json (build-ui.mjs)").isNotNull();
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static HttpResponse<byte[]> get(String path, String ifModifiedSince) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).GET();
        if (ifModifiedSince != null) {
            request.header("If-Modified-Since", ifModifiedSince);
        }
        return hub.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
