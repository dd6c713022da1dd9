package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the installer's registration form relies on (issue 18): a registration the import's rules refuse answers 400
 * naming the request field (the form shows it next to that input); unregistered senders are listed with the community
 * and type of their topic, only within the installer's community, and leave the list once registered; another
 * community's place or device is 404 for registering, editing and retiring.
 */
class DeviceRegistrationApiIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    private static final JsonObject GATE = new JsonObject().put("code", "ita-gate-7").put("name", "西门闸机")
            .put("type", "gate").put("building", "ita-b2").put("floor", 1).put("lon", 114.0533).put("lat", 22.5418);

    /** The parameter a 400 names ({@code parameter 'NAME': …}), after checking it is a bad_parameter. */
    private static String namedField(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonObject error = new JsonObject(r.body()).getJsonObject("error");
        assertThat(error.getString("code")).as(r.body()).isEqualTo("bad_parameter");
        String message = error.getString("message");
        assertThat(message).as(r.body()).startsWith("parameter '");
        return message.substring("parameter '".length(), message.indexOf('\'', "parameter '".length()));
    }

    private static HttpResponse<String> register(String token, JsonObject body) throws Exception {
        return hub.post("/api/v1/devices", token, body.encode());
    }

    private static HttpResponse<String> patch(String code, String token, String body) throws Exception {
        return hub.http().send(HttpRequest.newBuilder(hub.uri("/api/v1/devices/" + code))
                .header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefusedRegistrationNamesTheFieldAndAnotherCommunityIsNotFound() throws Exception {
        String installer = hub.login("reg-a", Role.INSTALLER, "ita");
        assertThat(namedField(register(installer, GATE.copy().put("floor", "2.5")))).isEqualTo("floor");
        assertThat(namedField(register(installer, GATE.copy().put("code", "West Gate 7")))).isEqualTo("code");
        assertThat(namedField(register(installer, GATE.copy().put("type", "drone")))).isEqualTo("type");
        assertThat(namedField(register(installer, GATE.copy().put("lon", 190.0)))).isEqualTo("lon");
        assertThat(namedField(register(installer, GATE.copy().put("compound", "ita-q9")))).isEqualTo("building");
        JsonObject nowhere = GATE.copy();
        nowhere.remove("building");
        assertThat(namedField(register(installer, nowhere))).isEqualTo("building");
        nowhere.remove("lon");
        assertThat(namedField(register(installer, nowhere.put("compound", "ita-q1")))).isEqualTo("lon");
        assertThat(hub.column("SELECT count(*) FROM device WHERE code = 'ita-gate-7'")).containsExactly(0L);

        assertThat(register(installer, GATE.copy().put("building", "itb-b2")).statusCode())
                .as("another community's building").isEqualTo(404);
        assertThat(register(installer, GATE.copy().put("code", "itb-gate-1")).statusCode())
                .as("another community's device code").isEqualTo(404);
        assertThat(patch("itb-gate-1", installer, "{\"install_state\":\"retired\"}").statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/devices/itb-gate-1", installer).statusCode()).isEqualTo(404);

        HttpResponse<String> created = register(installer, GATE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject device = new JsonObject(created.body());
        assertThat(device.getString("building")).isEqualTo("ita-b2");
        assertThat(device.getString("compound")).isEqualTo("ita-q1");
        assertThat(device.getInteger("floor")).isEqualTo(1);
        HttpResponse<String> retired = patch("ita-gate-7", installer, "{\"install_state\":\"retired\"}");
        assertThat(new JsonObject(retired.body()).getString("install_state")).as(retired.body()).isEqualTo("retired");
    }

    @Test
    void unregisteredSendersCarryTheirTopicsCommunityAndTypeWithinScopeUntilRegistered() throws Exception {
        BrokerLogins.add("ghost-a1", "ghost-password-a1", "ita", "camera");
        BrokerLogins.add("ghost-b1", "ghost-password-b1", "itb", "gate");
        for (TestDevice ghost : List.of(new TestDevice("ghost-a1", "ghost-password-a1", "ita", "camera"),
                new TestDevice("ghost-b1", "ghost-password-b1", "itb", "gate"))) {
            ghost.publishAll(hub.mqttUrl(), List.of(TestDevice.payload("u1", "heartbeat", "{}")));
        }
        String installer = hub.login("reg-u", Role.INSTALLER, "ita");
        String admin = hub.login("reg-admin", Role.ADMIN, null);
        HubFixture.await(Duration.ofSeconds(20), "both senders listed for the admin", () -> {
            String body = get("/api/v1/devices/unregistered", admin);
            return body.contains("ghost-a1") && body.contains("ghost-b1");
        });
        JsonArray seen = new JsonObject(get("/api/v1/devices/unregistered", installer)).getJsonArray("devices");
        assertThat(seen).hasSize(1);
        JsonObject ghost = seen.getJsonObject(0);
        assertThat(ghost.getString("code")).isEqualTo("ghost-a1");
        assertThat(ghost.getString("community")).isEqualTo("ita");
        assertThat(ghost.getString("type")).isEqualTo("camera");
        assertThat(ghost.getString("topic")).isEqualTo("hub/v1/ita/camera/ghost-a1/event");

        HttpResponse<String> registered = register(installer, new JsonObject().put("code", "ghost-a1")
                .put("name", "北门摄像头").put("type", "camera").put("compound", "ita-q1").put("lon", 114.0512).put("lat", 22.5449));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(get("/api/v1/devices/unregistered", installer)).doesNotContain("ghost-a1");
        assertThat(get("/api/v1/devices/unregistered", admin)).contains("ghost-b1").doesNotContain("ghost-a1");
    }

    private static String get(String path, String token) {
        try {
            return hub.get(path, token).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
