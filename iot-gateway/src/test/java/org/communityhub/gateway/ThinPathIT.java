package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path on the real services: imported device → fire.alarm over MQTT → stored event →
 * critical alert over HTTP → redelivery is a no-op → reset recorded → acknowledged → resolved.
 */
class ThinPathIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void fireAlarmBecomesOneCriticalAlertThatStaffAcknowledgeAndResolve() throws Exception {
        String token = hub.login("guard-a", Role.SECURITY, "ita");
        TestDevice button = hub.device("ita-fb-1");
        String alarm = TestDevice.payload("fa-1", "fire.alarm", "{\"floor\":2,\"zone\":\"stairwell\"}");
        MqttClient client = button.connect(hub.mqttUrl());
        try {
            button.publish(client, alarm);
            JsonObject alert = awaitOneAlert(token);
            assertThat(alert.getString("severity")).isEqualTo("critical");
            assertThat(alert.getString("kind")).isEqualTo("fire");
            assertThat(alert.getString("status")).isEqualTo("open");
            assertThat(alert.getString("device")).isEqualTo("ita-fb-1");
            assertThat(alert.getString("building")).isEqualTo("ita-b1");
            assertThat(alert.getString("compound")).isEqualTo("ita-q1");
            assertThat(alert.getString("community")).isEqualTo("ita");
            assertThat(alert.getInteger("floor")).isEqualTo(2);
            assertThat(alert.getInteger("count")).isEqualTo(1);
            assertThat(alert.getJsonArray("event_ids")).containsExactly("fa-1");
            assertThat(alert.getDouble("lon")).isCloseTo(114.052, org.assertj.core.data.Offset.offset(1e-6));

            button.publish(client, alarm); // a re-sent event: stored once, no second alert
            button.publish(client, TestDevice.payload("fa-2", "fire.alarm", "{}"));
            HubFixture.await(Duration.ofSeconds(10), "the second alarm to fold into the alert",
                    () -> alerts(token).getJsonObject(0).getInteger("count") == 2);
            button.publish(client, TestDevice.payload("fr-1", "fire.reset", "{}"));
            HubFixture.await(Duration.ofSeconds(10), "the reset to be recorded",
                    () -> alerts(token).getJsonObject(0).getString("reset_at") != null);
        } finally {
            client.disconnect();
            client.close();
        }
        assertThat(alerts(token)).hasSize(1);
        assertThat(alerts(token).getJsonObject(0).getString("status")).as("a reset does not close it").isEqualTo("open");
        assertThat(hub.column("SELECT count(*) FROM event WHERE device_code = 'ita-fb-1'")).containsExactly(3L);

        HttpResponse<String> events = hub.get("/api/v1/devices/ita-fb-1/events", token);
        assertThat(events.statusCode()).isEqualTo(200);
        JsonArray stored = new JsonObject(events.body()).getJsonArray("events");
        assertThat(stored).hasSize(3);
        assertThat(stored.getJsonObject(2).getJsonObject("data").getString("zone")).isEqualTo("stairwell");

        long id = alerts(token).getJsonObject(0).getLong("id");
        JsonObject detail = new JsonObject(hub.get("/api/v1/alerts/" + id, token).body());
        JsonObject context = detail.getJsonObject("context");
        assertThat(context.getJsonObject("building").getString("name")).isEqualTo("1栋");
        assertThat(context.getJsonObject("building").getInteger("floors")).isEqualTo(18);
        assertThat(context.getJsonArray("nearby").stream().map(o -> ((JsonObject) o).getString("category")))
                .contains("fire_hydrant", "exit", "aed", "guard_post");

        HttpResponse<String> falseAlarmWithoutCause = hub.post("/api/v1/alerts/" + id + "/resolve", token,
                "{\"outcome\":\"false_alarm\"}");
        assertThat(falseAlarmWithoutCause.statusCode()).isEqualTo(400);
        assertThat(falseAlarmWithoutCause.body()).contains("note");

        HttpResponse<String> ack = hub.post("/api/v1/alerts/" + id + "/ack", token, "{}");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ack.body()).getString("acknowledged_by")).isEqualTo("guard-a");
        assertThat(hub.post("/api/v1/alerts/" + id + "/ack", token, "{}").statusCode()).as("already acknowledged")
                .isEqualTo(409);

        HttpResponse<String> resolved = hub.post("/api/v1/alerts/" + id + "/resolve", token,
                "{\"outcome\":\"false_alarm\",\"note\":\"burnt toast on floor 2\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        JsonObject closed = new JsonObject(resolved.body());
        assertThat(closed.getString("status")).isEqualTo("resolved");
        assertThat(closed.getString("outcome")).isEqualTo("false_alarm");
        assertThat(closed.getString("note")).isEqualTo("burnt toast on floor 2");
        assertThat(hub.column("SELECT action FROM audit_log WHERE object_type = 'alert' ORDER BY id"))
                .containsExactly("alert.acknowledge", "alert.resolve");
        assertThat(new JsonObject(hub.get("/api/v1/alerts?status=open", token).body()).getJsonArray("alerts")).isEmpty();
    }

    @Test
    void nearestFacilitiesCarryOpeningHoursAndPhone() throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/facilities/nearest?lon=114.0545&lat=22.5440&category=kindergarten", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject first = new JsonObject(r.body()).getJsonArray("features").getJsonObject(0).getJsonObject("properties");
        assertThat(first.getString("code")).isEqualTo("ita-kg-1");
        assertThat(first.getString("name")).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(first.getString("opening_hours")).isEqualTo("08:00-17:30");
        assertThat(first.getString("phone")).isEqualTo("0755-80000001");
        assertThat(first.getDouble("distance_m")).isLessThan(1.0);
    }

    @Test
    void healthReportsDatabaseAndBroker() throws Exception {
        HttpResponse<String> r = hub.get("/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getMap()).containsEntry("status", "up").containsEntry("database", "up")
                .containsEntry("broker", "up");
    }

    private static JsonObject awaitOneAlert(String token) {
        HubFixture.await(Duration.ofSeconds(10), () -> "an alert; " + hub.diagnostics(), () -> !alerts(token).isEmpty());
        return alerts(token).getJsonObject(0);
    }

    private static JsonArray alerts(String token) {
        try {
            HttpResponse<String> r = hub.get("/api/v1/alerts?community=ita", token);
            assertThat(r.statusCode()).isEqualTo(200);
            return new JsonObject(r.body()).getJsonArray("alerts");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
