package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may see and do what: no token → 401, wrong role → 403, another community's objects → 404,
 * bad parameters → 400 naming the parameter, oversized bodies → 413, failed logins → 429; registering
 * another community's device code → 404 with nothing changed, a type change by an installer → 409.
 */
class AccessControlIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    private static long alertInB;

    @BeforeAll
    static void start() throws Exception {
        TestDevice camera = hub.device("itb-cam-1");
        MqttClient c = camera.connect(hub.mqttUrl());
        try {
            camera.publish(c, TestDevice.payload("climb-1", "camera.climb", "{\"confidence\":0.93}"));
        } finally {
            c.disconnect();
            c.close();
        }
        HubFixture.await(Duration.ofSeconds(10), "the alert in community itb", () -> {
            try {
                return !hub.column("SELECT id FROM alert").isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        alertInB = (Long) hub.column("SELECT id FROM alert").get(0);
    }

    @Test
    void anonymousCallersSeeNoAlertsDevicesOrEvents() throws Exception {
        for (String path : new String[] {"/api/v1/alerts", "/api/v1/devices", "/api/v1/devices/itb-cam-1/events",
            "/api/v1/rejects", "/api/v1/alerts/" + alertInB}) {
            HttpResponse<String> r = hub.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("unauthorized");
        }
        assertThat(hub.get("/api/v1/alerts", "forged.token").statusCode()).isEqualTo(401);
    }

    @Test
    void staffOfAnotherCommunityGetNotFoundNotForbidden() throws Exception {
        String guardA = hub.login("guard-a", Role.SECURITY, "ita");
        assertThat(hub.get("/api/v1/alerts/" + alertInB, guardA).statusCode()).isEqualTo(404);
        assertThat(hub.post("/api/v1/alerts/" + alertInB + "/ack", guardA, "{}").statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/devices/itb-cam-1/events", guardA).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/alerts?community=itb", guardA).statusCode()).isEqualTo(404);
        assertThat(new JsonObject(hub.get("/api/v1/alerts", guardA).body()).getJsonArray("alerts")).isEmpty();
        assertThat(hub.get("/api/v1/devices", guardA).body()).doesNotContain("itb-");

        String guardB = hub.login("guard-b", Role.SECURITY, "itb");
        assertThat(hub.get("/api/v1/alerts/" + alertInB, guardB).statusCode()).isEqualTo(200);
        String admin = hub.login("root", Role.ADMIN, null);
        assertThat(new JsonObject(hub.get("/api/v1/alerts", admin).body()).getJsonArray("alerts")).hasSize(1);
    }

    @Test
    void randomForeignIdsOnlyEverGiveNotFound() throws Exception {
        String guardA = hub.login("guard-r", Role.SECURITY, "ita");
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            long id = i == 0 ? alertInB : Math.abs(random.nextLong() % 1_000_000);
            int status = hub.post("/api/v1/alerts/" + id + "/ack", guardA, "{}").statusCode();
            assertThat(status).as("ack of alert " + id).isIn(403, 404);
        }
    }

    @Test
    void installersMayNotAcknowledgeAndRoleFieldsInBodiesAreIgnored() throws Exception {
        String installer = hub.login("installer-b", Role.INSTALLER, "itb");
        HttpResponse<String> r = hub.post("/api/v1/alerts/" + alertInB + "/ack", installer,
                "{\"role\":\"admin\",\"community\":\"itb\"}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(hub.post("/api/v1/admin/users", installer,
                "{\"username\":\"evil\",\"password\":\"0123456789ab\",\"role\":\"admin\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void badParametersAreNamed() throws Exception {
        String admin = hub.login("root2", Role.ADMIN, null);
        HttpResponse<String> r = hub.get("/api/v1/alerts?status=burning", admin);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("status");
        assertThat(hub.get("/api/v1/alerts?limit=0", admin).body()).contains("limit");
        assertThat(hub.get("/api/v1/devices/itb-cam-1/events?from=yesterday", admin).body()).contains("'from'");
        HttpResponse<String> resolve = hub.post("/api/v1/alerts/" + alertInB + "/resolve", admin, "{\"outcome\":\"maybe\"}");
        assertThat(resolve.statusCode()).isEqualTo(400);
        assertThat(resolve.body()).contains("outcome");
        HttpResponse<String> malformed = hub.post("/api/v1/alerts/" + alertInB + "/resolve", admin, "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(malformed.body()).getJsonObject("error").getString("code")).isEqualTo("malformed_json");
    }

    @Test
    void oversizedBodiesAreRefusedWith413() throws Exception {
        String big = "{\"username\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"password\":\"y\"}";
        assertThat(hub.post("/api/v1/login", null, big).statusCode()).isEqualTo(413);
    }

    @Test
    void registeringAnotherCommunitysDeviceCodeIsNotFoundAndChangesNothing() throws Exception {
        String installerA = hub.login("installer-take", Role.INSTALLER, "ita");
        String takeover = "{\"code\":\"itb-fb-1\",\"name\":\"mine now\",\"type\":\"fire_button\","
                + "\"building\":\"ita-b1\",\"lon\":114.0541,\"lat\":22.5412}";
        HttpResponse<String> r = hub.post("/api/v1/devices", installerA, takeover);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("not_found");
        assertThat(hub.column("SELECT community_code || ' ' || type || ' ' || name FROM device WHERE code = 'itb-fb-1'"))
                .containsExactly("itb fire_button 1栋2层消防按钮");

        String installerB = hub.login("installer-type", Role.INSTALLER, "itb");
        String asGate = "{\"code\":\"itb-fb-1\",\"name\":\"gate now\",\"type\":\"gate\",\"compound\":\"itb-q1\","
                + "\"lon\":114.062,\"lat\":22.542}";
        HttpResponse<String> typeChange = hub.post("/api/v1/devices", installerB, asGate);
        assertThat(typeChange.statusCode()).as(typeChange.body()).isEqualTo(409);
        assertThat(new JsonObject(typeChange.body()).getJsonObject("error").getString("message")).contains("'type'");
        assertThat(hub.column("SELECT type || ' ' || name FROM device WHERE code = 'itb-fb-1'"))
                .containsExactly("fire_button 1栋2层消防按钮");
        HttpResponse<String> rename = hub.post("/api/v1/devices", installerB, asGate.replace("\"gate\"", "\"fire_button\""));
        assertThat(rename.statusCode()).as("same type in its own community still updates").isEqualTo(201);

        String admin = hub.login("root-type", Role.ADMIN, null);
        HttpResponse<String> byAdmin = hub.post("/api/v1/devices", admin, asGate.replace("itb-fb-1", "itb-fb-2"));
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
        assertThat(hub.column("SELECT detail FROM audit_log WHERE object_id = 'itb-fb-2'"))
                .containsExactly("type fire_button → gate");
    }

    @Test
    void repeatedFailedLoginsAreThrottledAndLockTheAccount() throws Exception {
        hub.login("target", Role.SECURITY, "ita");
        int throttled = 0;
        for (int i = 0; i < 100; i++) {
            int status = hub.post("/api/v1/login", null, "{\"username\":\"target\",\"password\":\"wrong-" + i + "\"}")
                    .statusCode();
            assertThat(status).isIn(401, 429);
            throttled += status == 429 ? 1 : 0;
        }
        assertThat(throttled).isGreaterThan(50);
        HttpResponse<String> right = hub.post("/api/v1/login", null,
                "{\"username\":\"target\",\"password\":\"" + HubFixture.PASSWORD + "\"}");
        assertThat(right.statusCode()).as("locked out even with the right password").isEqualTo(429);
        assertThat(hub.column("SELECT locked_until > now() FROM hub_user WHERE username = 'target'")).containsExactly(true);
    }
}
