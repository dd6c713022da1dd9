package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.HubProcess;
import org.communityhub.gateway.testing.Launcher;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.testing.HubTestServices;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hub backup} and {@code ./hub restore} as an operator moves a hub to another machine: a
 * backup of a hub with users, devices and alerts, restored into a brand-new private cluster and
 * broker (their own HUB_DATA_DIR), serves the same alerts and devices to a token issued before the
 * backup, and a device's old MQTT password still logs in and reports. A non-empty database is refused
 * unless {@code --force}; a file that is not a backup is refused with one line.
 */
class BackupRestoreIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRestoreInAFreshClusterServesTheSameHubToOldTokensAndDeviceLogins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hub.backup");
        String token;
        String alertsBefore;
        String devicesBefore;
        TestDevice button;
        CasePhoto photo;
        try (HubFixture source = HubFixture.start()) {
            token = source.login("boss", Role.ADMIN, null);
            button = source.device("ita-fb-1");
            TestDevice camera = source.device("itb-cam-1");
            publish(button, HubTestServices.mqttUrl(), TestDevice.payload("fire-1", "fire.alarm", "{\"floor\":3}"));
            publish(camera, HubTestServices.mqttUrl(), TestDevice.payload("climb-1", "camera.climb", "{\"confidence\":0.9}"));
            HubFixture.await(WAIT, "two alerts", () -> alerts(source.baseUrl(), token).size() == 2);
            alertsBefore = summary(alerts(source.baseUrl(), token));
            devicesBefore = devices(source.baseUrl(), token);
            photo = casePhoto(source, token);

            Map<String, String> sourceDb = Map.of("HUB_DB_URL", source.config().dbUrl(), "HUB_DB_USER",
                    HubTestServices.dbUser(), "HUB_DB_PASSWORD", HubTestServices.dbPassword(),
                    "HUB_DATA_DIR", dir.resolve("unused").toString());
            Launcher.Result backup = Launcher.run(sourceDb, 120, "backup", file.toString());
            assertThat(backup.code()).as(backup.output()).isZero();
            assertThat(backup.output()).contains("alerts 2").contains("devices 8").contains("users 1");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            Launcher.Result refused = Launcher.run(sourceDb, 120, "restore", file.toString());
            assertThat(refused.code()).isNotZero();
            assertThat(refused.output()).contains("is not empty").contains("--force").doesNotContain("\n");
        }

        Path data = Files.createTempDirectory("hub-restore");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> fresh = Map.of("HUB_DATA_DIR", data.toString());
        try {
            Launcher.Result restore = Launcher.run(fresh, 300, "restore", file.toString());
            assertThat(restore.code()).as(restore.output()).isZero();
            Map<String, String> env = new HashMap<>(Launcher.servicesEnv(data.resolve("services.env")));
            assertThat(env.get("HUB_DB_URL")).as("a cluster of its own").isNotEqualTo(HubTestServices.dbUrl());
            env.put("HUB_HTTP_PORT", "0");
            try (HubProcess hub = HubProcess.start(env)) {
                assertThat(summary(alerts(hub.baseUrl(), token))).isEqualTo(alertsBefore);
                assertThat(devices(hub.baseUrl(), token)).isEqualTo(devicesBefore);
                photo.assertServedBy(hub.baseUrl(), token);

                publish(button, env.get("HUB_MQTT_URL"), TestDevice.payload("fire-2", "fire.alarm", "{}"));
                HubFixture.await(WAIT, "the restored hub to store the old device's new alarm",
                        () -> get(hub.baseUrl() + "/api/v1/devices/ita-fb-1/events", token).getJsonArray("events")
                                .stream().anyMatch(e -> ((JsonObject) e).getString("id").equals("fire-2")));
                TestDevice impostor = new TestDevice(button.code(), button.password() + "x", "ita", "fire_button");
                assertThatThrownBy(() -> impostor.connect(env.get("HUB_MQTT_URL")).close())
                        .isInstanceOf(MqttException.class);
            }
            Launcher.Result again = Launcher.run(fresh, 120, "restore", file.toString());
            assertThat(again.output()).contains("is not empty");
            Launcher.Result forced = Launcher.run(fresh, 300, "restore", file.toString(), "--force");
            assertThat(forced.code()).as(forced.output()).isZero();

            Path notBackup = dir.resolve("notes.txt");
            Files.writeString(notBackup, "hello");
            Launcher.Result bad = Launcher.run(fresh, 60, "restore", notBackup.toString());
            assertThat(bad.code()).isNotZero();
            assertThat(bad.output()).isEqualTo("hub: " + notBackup + " is not a hub backup (expected a tar with "
                    + "MANIFEST and hub.dump, as ./hub backup writes)");
        } finally {
            Launcher.run(fresh, 120, "services", "down");
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void publish(TestDevice device, String brokerUrl, String payload) throws Exception {
        MqttClient client = device.connect(brokerUrl);
        try {
            device.publish(client, payload);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private JsonArray alerts(String baseUrl, String token) {
        return get(baseUrl + "/api/v1/alerts", token).getJsonArray("alerts");
    }

    private String devices(String baseUrl, String token) {
        return get(baseUrl + "/api/v1/devices", token).getJsonArray("devices").stream().map(o -> (JsonObject) o)
                .map(d -> d.getString("code") + "/" + d.getString("community") + "/" + d.getString("type"))
                .sorted().toList().toString();
    }

    /** What must survive: each alert's identity, source, state and first time. */
    private static String summary(JsonArray alerts) {
        List<String> out = alerts.stream().map(o -> (JsonObject) o).map(a -> a.getLong("id") + " " + a.getString("kind")
                + " " + a.getString("device") + " " + a.getString("status") + " " + a.getString("opened_at") + " "
                + a.getInteger("count")).toList();
        return String.join("\n", out);
    }

    /** A case photo as served before the backup: the photo, its thumbnail, and the case's ids. */
    private record CasePhoto(BackupRestoreIT test, long id, String trackingCode, byte[] photo, byte[] thumbnail) {

        /** The same bytes from the hub at {@code baseUrl}: photo and thumbnail, and the photo by tracking code. */
        void assertServedBy(String baseUrl, String token) {
            String url = baseUrl + "/api/v1/cases/" + id + "/photos/1";
            assertThat(test.bytes(url, token)).as("the case photo").isEqualTo(photo);
            assertThat(test.bytes(url + "?thumbnail=true", token)).as("its thumbnail").isEqualTo(thumbnail);
            assertThat(test.bytes(baseUrl + "/api/v1/cases/track/" + trackingCode + "/photos/1", null))
                    .as("through the tracking code").isEqualTo(photo);
        }
    }

    /** A resident's case with a photo in the grids of {@link CaseRequests#importGrids}, as served now. */
    private CasePhoto casePhoto(HubFixture source, String token) throws Exception {
        CaseRequests cases = new CaseRequests(source);
        cases.importGrids();
        HttpResponse<String> filed = cases.multipart("/api/v1/cases", null, null, CaseRequests.report("environment",
                "备份前的照片", CaseRequests.IN_GRID_A), List.of(CaseRequests.noisePng(480, 360, 5)));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long id = new JsonObject(filed.body()).getLong("id");
        String url = source.baseUrl() + "/api/v1/cases/" + id + "/photos/1";
        CasePhoto p = new CasePhoto(this, id, new JsonObject(filed.body()).getString("tracking_code"), bytes(url, token),
                bytes(url + "?thumbnail=true", token));
        assertThat(p.thumbnail()).as("a thumbnail of its own").isNotEqualTo(p.photo());
        return p;
    }

    private byte[] bytes(String url, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            return r.body();
        } catch (Exception e) {
            throw new AssertionError(url + ": " + e, e);
        }
    }

    private JsonObject get(String url, String token) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
            return new JsonObject(r.body());
        } catch (Exception e) {
            throw new AssertionError(url + ": " + e, e);
        }
    }
}
