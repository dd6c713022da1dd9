package org.communityhub.geo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.communityhub.geo.mbtiles.MbtilesFile;
import org.communityhub.geo.testing.TestMbtiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BasemapRoutes} over real MBTiles files of each format on a Vert.x server of its own: the Content-Type of
 * the file's format, its extension (and alias) only, and gzipped vector tiles sent as they are to a client that
 * accepts gzip ({@code Content-Encoding: gzip}) and unzipped to one that does not. The PNG basics (row order,
 * ETag, 304, 400, 404) are checked through the whole hub by {@code BasemapIT}.
 */
class BasemapRoutesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private Vertx vertx;
    private MbtilesFile file;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (file != null) {
            file.close();
        }
    }

    @Test
    void jpegTilesAreImageJpegUnderJpgAndJpeg() throws Exception {
        byte[] jpeg = TestMbtiles.jpeg(Color.BLUE);
        serve(TestMbtiles.builder().meta("format", "jpg").tileXyz(1, 1, 0, jpeg));
        HttpResponse<byte[]> r = get("/basemap/1/1/0.jpg");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(r.body()).isEqualTo(jpeg);
        assertThat(get("/basemap/1/1/0.jpeg").statusCode()).isEqualTo(200);
        assertThat(get("/basemap/1/1/0.png").statusCode()).as("not this file's format").isEqualTo(404);
        assertThat(get("/basemap/1/1/1.jpg").statusCode()).as("stored at TMS row 1, not 0").isEqualTo(404);
    }

    @Test
    void webpTilesAreImageWebp() throws Exception {
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 fake".getBytes(StandardCharsets.US_ASCII);
        serve(TestMbtiles.builder().meta("format", "webp").tileXyz(0, 0, 0, webp));
        HttpResponse<byte[]> r = get("/basemap/0/0/0.webp");
        assertThat(r.headers().firstValue("Content-Type")).contains("image/webp");
        assertThat(r.body()).isEqualTo(webp);
    }

    @Test
    void gzippedVectorTilesAreSentGzippedOnlyToClientsThatAcceptIt() throws Exception {
        byte[] mvt = "a vector tile's protobuf bytes".getBytes(StandardCharsets.US_ASCII);
        byte[] gzipped = gzip(mvt);
        serve(TestMbtiles.builder().meta("format", "pbf").tileXyz(2, 3, 1, gzipped));
        HttpResponse<byte[]> zipped = get("/basemap/2/3/1.pbf", "Accept-Encoding", "gzip, deflate");
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Type")).contains("application/vnd.mapbox-vector-tile");
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(zipped.body()).isEqualTo(gzipped);
        HttpResponse<byte[]> plain = get("/basemap/2/3/1.mvt");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(mvt);
        assertThat(plain.headers().firstValue("ETag")).isNotEqualTo(zipped.headers().firstValue("ETag"));
        assertThat(get("/basemap/2/3/1.pbf", "Accept-Encoding", "gzip;q=0").body()).isEqualTo(mvt);
    }

    private void serve(TestMbtiles mbtiles) throws Exception {
        file = MbtilesFile.open(mbtiles.write(dir.resolve("t.mbtiles")), 2);
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new BasemapRoutes(vertx.createSharedWorkerExecutor("basemap-test", 2), file).mount(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
