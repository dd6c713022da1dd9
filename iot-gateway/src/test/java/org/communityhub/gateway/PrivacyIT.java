package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.testing.HubTestServices;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;

/**
 * PIPL: an admin exports everything stored about one person reference and erases it (alerts keep
 * a pseudonymised reference), both audited; and the hub's logs of a whole run — valid traffic,
 * rejected personal data, failed logins — contain no person reference and no secret.
 */
class PrivacyIT {

    private static final String PERSON = "p-secret-4711";

    @Test
    void exportEraseAndLogsWithoutPersonalDataOrSecrets() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        String userPassword;
        try (HubFixture hub = HubFixture.start()) {
            userPassword = HubFixture.PASSWORD;
            String admin = hub.login("root", Role.ADMIN, null);
            TestDevice gate = hub.device("ita-gate-1");
            MqttClient c = gate.connect(hub.mqttUrl());
            try {
                for (int i = 0; i < 3; i++) {
                    gate.publish(c, TestDevice.payload("in-" + i, "access.granted",
                            "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"" + PERSON + "\"}"));
                }
                gate.publish(c, TestDevice.payload("other", "access.granted",
                        "{\"direction\":\"in\",\"method\":\"card\",\"person\":\"p-someone-else\"}"));
                gate.publish(c, TestDevice.payload("tail", "access.tailgating", "{\"direction\":\"in\",\"count\":2}"));
                gate.publish(c, TestDevice.payload("img", "access.granted",
                        "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"" + PERSON + "\",\"face\":\"/9j/\"}"));
            } finally {
                c.disconnect();
                c.close();
            }
            HubFixture.await(Duration.ofSeconds(10), () -> "events stored; " + hub.diagnostics(), () -> {
                try {
                    return hub.column("SELECT count(*) FROM event").get(0).equals(5L);
                } catch (Exception e) {
                    return false;
                }
            });
            hub.post("/api/v1/login", null, "{\"username\":\"root\",\"password\":\"wrong-password-1\"}");

            JsonObject export = new JsonObject(hub.get("/api/v1/admin/persons/" + PERSON, admin).body());
            assertThat(export.getJsonArray("events")).hasSize(3);
            assertThat(export.getJsonArray("events").getJsonObject(0).getString("device")).isEqualTo("ita-gate-1");
            String guard = hub.login("guard", Role.SECURITY, "ita");
            assertThat(hub.get("/api/v1/admin/persons/" + PERSON, guard).statusCode()).isEqualTo(403);
            assertThat(hub.get("/api/v1/admin/persons/bad%20ref", admin).statusCode()).isEqualTo(400);

            var erase = hub.http().send(java.net.http.HttpRequest.newBuilder(hub.uri("/api/v1/admin/persons/" + PERSON))
                    .header("Authorization", "Bearer " + admin).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(new JsonObject(erase.body()).getInteger("erased_events")).isEqualTo(3);
            assertThat(hub.column("SELECT count(*) FROM event WHERE person_ref = '" + PERSON + "'")).containsExactly(0L);
            assertThat(hub.column("SELECT count(*) FROM event")).as("other people's events stay").containsExactly(2L);
            assertThat(new JsonObject(hub.get("/api/v1/admin/audit?object_type=person", admin).body())
                    .getJsonArray("entries").stream().map(o -> ((JsonObject) o).getString("action")))
                    .containsExactly("person.erase", "person.export");
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the run was logged at all").contains("Community Hub is serving");
        assertThat(logs).doesNotContain(PERSON, "p-someone-else", HubTestServices.dbPassword(),
                HubTestServices.mqttPassword(), userPassword, "wrong-password-1");
    }

    /** Writes to the console and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
