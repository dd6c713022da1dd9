package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubEnv;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.HubProcess;
import org.communityhub.gateway.testing.HubSessions;
import org.communityhub.gateway.testing.ReconnectingDevice;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The hub process is killed with SIGKILL in the middle of a stream and started again: messages it
 * had taken but not committed were never acknowledged, so the broker redelivers them to the same
 * session; the store makes redeliveries no-ops. Nothing is lost, no row or alert is doubled.
 */
class HubCrashIT {

    @Test
    void aHubKilledMidStreamLosesAndDoublesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(HubApplication.MIGRATIONS)) {
            var ds = db.database().dataSource();
            try (InputStream in = getClass().getResourceAsStream("/fixtures/two-communities.geojson")) {
                assertThat(GeoImports.service(ds).importGeoJson(in, null).ok()).isTrue();
            }
            PostgisDeviceCredentials creds = new PostgisDeviceCredentials(ds, new InstallationSecrets(ds).getOrCreate(
                    InstallationSecrets.DEVICE_KEY));
            BrokerLogins.addAll(creds.all());
            Map<String, String> env = HubEnv.of(db.jdbcUrl(), "crash-" + UUID.randomUUID().toString().substring(0, 8));
            env.put("HUB_MQTT_SESSION_EXPIRY_SECONDS", "120");

            var gateCred = creds.get("ita-gate-1", false).orElseThrow();
            TestDevice gate = new TestDevice(gateCred.code(), gateCred.password(), "ita", "gate");
            var buttonCred = creds.get("ita-fb-1", false).orElseThrow();
            TestDevice button = new TestDevice(buttonCred.code(), buttonCred.password(), "ita", "fire_button");
            int n = 3000;
            HubProcess hub = HubProcess.start(env);
            try {
                // Should the broker die meanwhile (Mosquitto 2.0.11, see README, Tests), the watchdog restarts it
                // and the devices re-send what was not acknowledged.
                try (ReconnectingDevice g = new ReconnectingDevice(gate, HubTestServices.mqttUrl(), Duration.ofSeconds(30));
                     ReconnectingDevice b = new ReconnectingDevice(button, HubTestServices.mqttUrl(), Duration.ofSeconds(30))) {
                    for (int i = 0; i < n; i++) {
                        g.publish(TestDevice.payload("s-" + i, "heartbeat", "{}"));
                        if (i % 500 == 0) {
                            b.publish(TestDevice.payload("fire-" + i, "fire.alarm", "{}"));
                        }
                        if (i == n / 2) {
                            hub.kill();
                            System.out.println("HubCrashIT: killed with " + count(ds, "SELECT count(*) FROM event")
                                    + " of " + (i + 1) + " events stored");
                        }
                    }
                    if (g.reconnects() + b.reconnects() > 0) {
                        System.out.println("HubCrashIT: the broker went away; devices reconnected " + (g.reconnects()
                                + b.reconnects()) + " time(s) and re-sent");
                    }
                }
                hub = HubProcess.start(env);
                HubFixture.await(Duration.ofSeconds(60), "every event stored after the restart",
                        () -> count(ds, "SELECT count(*) FROM event") == n + 6);
            } finally {
                hub.close();
                HubSessions.end(env);
            }
            assertThat(count(ds, "SELECT count(DISTINCT (device_code, event_id)) FROM event")).isEqualTo(n + 6);
            assertThat(count(ds, "SELECT count(*) FROM alert")).as("one fire alert, folded").isEqualTo(1);
            assertThat(count(ds, "SELECT count FROM alert")).as("each alarm counted once").isEqualTo(6);
            assertThat(count(ds, "SELECT count(*) FROM alert_source")).isEqualTo(6);
        }
    }

    private static long count(javax.sql.DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
