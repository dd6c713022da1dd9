package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.EventType;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.AlertPolicy;
import org.communityhub.gateway.alert.AlertStatus;
import org.communityhub.gateway.change.CommittedAlerts;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.device.RegisteredDevice;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.ingest.DecidedEvent;
import org.communityhub.gateway.ingest.IngestBatch;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The short way of an alert to this instance's stream: after committing a batch, the ingest store hands over every
 * alert the batch opened, folded into or reset, in the state the database holds after the commit (one read, however
 * many of the batch's events fold into it), and only while someone listens; a batch that raises nothing, or that is
 * not committed, hands over nothing.
 */
class CommittedAlertsIT {

    private static final Instant NOW = Instant.parse("2030-06-01T08:00:00Z");
    private static final RegisteredDevice BUTTON = new RegisteredDevice("fb-1", "Button", DeviceType.FIRE_BUTTON, "c-1",
            "p-1", "b-1", 3, 116.40, 39.90);
    private static final RegisteredDevice OTHER_BUTTON = new RegisteredDevice("fb-2", "Button", DeviceType.FIRE_BUTTON,
            "c-1", "p-1", "b-2", 1, 116.40, 39.90);

    private TestDatabase db;
    private DataSource ds;
    private final List<List<Alert>> handed = new CopyOnWriteArrayList<>();
    private volatile boolean listening = true;
    private final AlertPolicy policy = new AlertPolicy(Duration.ofSeconds(60), Duration.ofMinutes(10));
    private PostgisIngestStore store;

    @BeforeEach
    void create() throws Exception {
        db = TestDatabase.createEmpty();
        HubDatabases.migrate(db.database(), HubConfig.EventStore.NATIVE);
        ds = db.database().dataSource();
        String area = "ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(116.40, 39.90), 4326), 0.01))";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO community (code, name, geom) VALUES ('c-1', 'One', " + area + ")");
            s.execute("INSERT INTO compound (code, name, community_code, geom) VALUES ('p-1', 'P', 'c-1', " + area + ")");
            for (String b : List.of("b-1", "b-2")) {
                s.execute("INSERT INTO building (code, name, compound_code, geom) VALUES ('" + b + "', 'B', 'p-1', "
                        + area + ")");
            }
            for (RegisteredDevice d : List.of(BUTTON, OTHER_BUTTON)) {
                s.execute("INSERT INTO device (code, name, type, community_code, compound_code, building_code, floor, geom)"
                        + " VALUES ('" + d.code() + "', 'Button', 'fire_button', 'c-1', 'p-1', '" + d.building() + "', "
                        + d.floor() + ", ST_SetSRID(ST_MakePoint(116.40, 39.90), 4326))");
            }
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        CommittedAlerts committed = new CommittedAlerts();
        committed.connect(new CommittedAlerts.Target() {
            @Override
            public boolean listening() {
                return listening;
            }

            @Override
            public void alertsCommitted(List<Alert> alerts) {
                handed.add(List.copyOf(alerts));
            }
        });
        store = new PostgisIngestStore(ds, policy, new PostgisDeviceDirectory(ds, clock), clock, committed);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void aBatchHandsOverEachAlertItChangedOnceAsCommitted() throws Exception {
        store.write(batch(event(BUTTON, "a-1", EventType.FIRE_ALARM, 0), event(BUTTON, "a-2", EventType.FIRE_ALARM, 1),
                event(OTHER_BUTTON, "b-1", EventType.FIRE_ALARM, 2)));

        assertThat(handed).hasSize(1);
        List<Alert> first = handed.get(0);
        assertThat(first).as("one alert per building, each once").extracting(Alert::device)
                .containsExactlyInAnyOrder("fb-1", "fb-2");
        Alert folded = first.stream().filter(a -> a.device().equals("fb-1")).findFirst().orElseThrow();
        assertThat(folded.count()).isEqualTo(2);
        assertThat(folded.eventIds()).containsExactly("a-1", "a-2");
        assertThat(folded.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(folded.changeSeq()).as("the state the database holds").isEqualTo(storedSeq(folded.id()));
        assertThat(first).extracting(Alert::changeSeq).as("oldest change first").isSorted();

        store.write(batch(event(BUTTON, "a-3", EventType.FIRE_RESET, 3)));
        assertThat(handed).hasSize(2);
        Alert reset = handed.get(1).get(0);
        assertThat(reset.id()).isEqualTo(folded.id());
        assertThat(reset.resetAt()).isNotNull();
        assertThat(reset.changeSeq()).isGreaterThan(folded.changeSeq()).isEqualTo(storedSeq(reset.id()));
    }

    @Test
    void nothingIsHandedOverWhileNobodyListensOrWhenNoAlertChanged() throws Exception {
        listening = false;
        store.write(batch(event(BUTTON, "q-1", EventType.FIRE_ALARM, 0)));
        assertThat(handed).as("nobody listens: no read back, nothing handed over").isEmpty();
        assertThat(storedSeq(alertId("fb-1"))).as("the alert itself is stored").isPositive();

        listening = true;
        store.write(batch(event(BUTTON, "q-2", EventType.HEARTBEAT, 1)));
        assertThat(handed).as("a heartbeat changes no alert").isEmpty();

        store.write(batch(event(BUTTON, "q-1", EventType.FIRE_ALARM, 0)));
        assertThat(handed).as("a redelivered alarm is stored once and changes nothing").isEmpty();
    }

    @Test
    void anAlarmRacingAGuardsResolveOpensANewAlertInsteadOfFoldingIntoTheResolvedOne() throws Exception {
        store.write(batch(event(BUTTON, "r-1", EventType.FIRE_ALARM, 0)));
        long first = alertId("fb-1");
        try (Connection guard = ds.getConnection()) {
            guard.setAutoCommit(false);
            try (Statement s = guard.createStatement()) {
                s.executeUpdate("UPDATE alert SET status = 'resolved', resolved_at = now(), outcome = 'resolved'"
                        + " WHERE id = " + first);
            }
            // The alarm's statement takes its snapshot now (the resolve is not committed) and then waits for the
            // alert's row lock, which the guard holds until the commit below.
            CompletableFuture<Throwable> alarm = CompletableFuture.supplyAsync(() -> {
                try {
                    store.write(batch(event(BUTTON, "r-2", EventType.FIRE_ALARM, 1)));
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            awaitWaitingForARowLock();
            guard.commit();
            Throwable failed = alarm.get(30, TimeUnit.SECONDS);
            if (failed != null) {
                assertThat(failed).as("a transient failure, retried like the ingest pipeline does")
                        .isInstanceOf(SQLException.class);
                store.write(batch(event(BUTTON, "r-2", EventType.FIRE_ALARM, 1)));
            }
        }
        assertThat(single("SELECT count FROM alert WHERE id = " + first)).as("the resolved alert is left as resolved")
                .isEqualTo(1);
        assertThat(single("SELECT count(*) FROM alert WHERE device_code = 'fb-1' AND status = 'open' AND id <> " + first
                + " AND 'r-2' = ANY(event_ids)")).as("the alarm opened a new alert").isEqualTo(1);
    }

    private void awaitWaitingForARowLock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (single("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'") == 0) {
            assertThat(System.nanoTime()).as("the alarm's statement waits for the guard's row lock").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private DecidedEvent event(RegisteredDevice device, String id, EventType type, int second) {
        OffsetDateTime time = NOW.minusSeconds(30 - second).atOffset(ZoneOffset.ofHours(8));
        Map<String, Object> data = type == EventType.FIRE_ALARM ? Map.of("floor", 3) : Map.of();
        DeviceEvent e = new DeviceEvent(device, id, type, time, data, NOW.minusSeconds(29 - second), null);
        return new DecidedEvent(e, policy.decide(e));
    }

    private static IngestBatch batch(DecidedEvent... events) {
        return new IngestBatch(new ArrayList<>(List.of(events)), new ArrayList<>(), new ArrayList<>());
    }

    private long storedSeq(long alertId) throws Exception {
        return single("SELECT change_seq FROM alert WHERE id = " + alertId);
    }

    private long alertId(String device) throws Exception {
        return single("SELECT id FROM alert WHERE device_code = '" + device + "'");
    }

    private long single(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }
}
