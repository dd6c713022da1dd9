package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.communityhub.gateway.event.EventValidator;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubEnv;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.HubMetrics;
import org.communityhub.gateway.testing.HubProcess;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.geo.testing.TestDatabase;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/**
 * One device login cannot exhaust the hub's heap (issue 14, item 4): the broker refuses packets
 * larger than the contract's 16 KiB payload plus headroom (it allowed 4 MiB), and while the
 * database is paused (the event table locked) 300 largest-valid QoS-1 messages are held by a hub
 * running in {@code -Xmx512m} and all stored once the database returns. Functional only.
 */
class OversizeFloodIT {

    private static final int MESSAGES = 300;

    @Test
    void oversizedPacketsAreRefusedAndAMaxSizeBacklogSurvivesAPausedDatabase() throws Exception {
        try (TestDatabase db = TestDatabase.create(HubApplication.MIGRATIONS)) {
            DataSource ds = db.database().dataSource();
            try (InputStream in = getClass().getResourceAsStream("/fixtures/two-communities.geojson")) {
                assertThat(GeoImports.service(ds).importGeoJson(in, null).ok()).isTrue();
            }
            PostgisDeviceCredentials creds = new PostgisDeviceCredentials(ds, new InstallationSecrets(ds).getOrCreate(
                    InstallationSecrets.DEVICE_KEY));
            BrokerLogins.addAll(creds.all());
            String id = "flood-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> env = HubEnv.of(db.jdbcUrl(), id);
            env.put("HUB_MQTT_SESSION_EXPIRY_SECONDS", "120");
            var g = creds.get("ita-gate-1", false).orElseThrow();
            TestDevice gate = new TestDevice(g.code(), g.password(), g.community(), g.type().code());

            try (HubProcess hub = HubProcess.start(env, List.of("-Xmx512m"))) {
                MqttClient c = gate.connect(HubTestServices.mqttUrl());
                try {
                    byte[] oneMiB = padded("too-big", 1024 * 1024);
                    assertThatThrownBy(() -> publish(c, gate.topic("event"), oneMiB))
                            .as("the broker refuses a 1 MiB packet").isInstanceOf(Exception.class);
                } finally {
                    if (c.isConnected()) {
                        c.disconnect();
                    }
                    c.close();
                }

                HubMetrics metrics = new HubMetrics(hub.baseUrl());
                long before = metrics.value("hub_messages_received_total");
                try (Connection lock = DriverManager.getConnection(db.jdbcUrl(), HubTestServices.dbUser(),
                        HubTestServices.dbPassword())) {
                    lock.setAutoCommit(false);
                    try (Statement s = lock.createStatement()) {
                        s.execute("LOCK TABLE event IN ACCESS EXCLUSIVE MODE"); // the database is "paused" for events
                    }
                    MqttClient d = gate.connect(HubTestServices.mqttUrl());
                    try {
                        for (int i = 0; i < MESSAGES; i++) {
                            publish(d, gate.topic("event"), padded("max-" + i, EventValidator.MAX_PAYLOAD_BYTES));
                        }
                    } finally {
                        d.disconnect();
                        d.close();
                    }
                    HubFixture.await(Duration.ofSeconds(60), () -> "the hub to take all " + MESSAGES + " messages; "
                            + hub.lastOutput(), () -> received(metrics) - before >= MESSAGES || !hub.isAlive());
                    assertThat(hub.isAlive()).as(hub.lastOutput()).isTrue();
                    assertThat(count(ds, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"))
                            .as("the hub's writer waits for the paused table").isPositive();
                    lock.rollback();
                }
                HubFixture.await(Duration.ofSeconds(60), () -> "all " + MESSAGES + " stored; " + hub.lastOutput(),
                        () -> count(ds, "SELECT count(*) FROM event WHERE event_id LIKE 'max-%'") == MESSAGES);
                assertThat(hub.isAlive()).isTrue();
                assertThat(count(ds, "SELECT count(*) FROM event WHERE event_id = 'too-big'")
                        + count(ds, "SELECT count(*) FROM rejected_message WHERE device_code = 'ita-gate-1'")).isZero();
            }
        }
    }

    /** A valid heartbeat of exactly {@code size} bytes (JSON whitespace fills it). */
    private static byte[] padded(String id, int size) {
        String head = "{\"id\":\"" + id + "\",\"type\":\"heartbeat\",\"time\":\"" + OffsetDateTime.now(ZoneOffset.ofHours(8))
                + "\",\"data\":{}";
        return (head + " ".repeat(size - head.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void publish(MqttClient client, String topic, byte[] payload) throws Exception {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m);
    }

    private static long received(HubMetrics metrics) {
        try {
            return metrics.value("hub_messages_received_total");
        } catch (Exception e) {
            return -1;
        }
    }

    private static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
