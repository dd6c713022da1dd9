package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.testing.TimescaleDb;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both event stores on real PostgreSQL, with a controllable clock: face-gate access events are
 * purged after their 30 days while alarms stay, and whole daily partitions (native: created ahead
 * by the hub) or chunks (TimescaleDB hypertable: {@code drop_chunks}) older than the longest
 * retention are dropped. The hypertable case needs TimescaleDB (skipped with a printed line without it).
 */
class EventRetentionIT {

    private static final HubConfig.Retention RETENTION =
            new HubConfig.Retention(Duration.ofDays(30), Duration.ofDays(365), Duration.ofDays(30));

    private TestDatabase db;

    @BeforeEach
    void create() {
        db = TestDatabase.createEmpty();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void partitionsAheadPurgeByClassAndDropOldPartitions() throws Exception {
        HubDatabases.migrate(db.database(), HubConfig.EventStore.NATIVE);
        Instant now = Instant.now();
        EventRetention.Report first = retention(now).run();
        assertThat(first.partitionsCreated()).isEqualTo(10);
        assertThat(partitions()).contains(partitionOf(now), partitionOf(now.plus(Duration.ofDays(7))));
        assertThat(retention(now).run().partitionsCreated()).as("idempotent").isZero();

        insert("gate-1", "a-1", "access");
        insert("fb-1", "f-1", "alarm");
        insert("cam-1", "t-1", "technical");
        assertThat(partitionHolding("a-1")).isEqualTo(partitionOf(now));

        EventRetention.Report month = retention(now.plus(Duration.ofDays(31))).run();
        assertThat(month.rowsDeleted()).isEqualTo(2);
        assertThat(ids()).containsExactly("f-1");
        assertThat(partitions()).contains(partitionOf(now.plus(Duration.ofDays(38))));

        EventRetention.Report year = retention(now.plus(Duration.ofDays(400))).run();
        assertThat(year.partitionsDropped()).contains(partitionOf(now));
        assertThat(partitions()).doesNotContain(partitionOf(now));
        assertThat(ids()).isEmpty();
    }

    @Test
    void hypertableDropsWholeChunksAndPurgesByClass() throws Exception {
        TimescaleDb.assumeUsable("EventRetentionIT.hypertableDropsWholeChunksAndPurgesByClass");
        HubDatabases.migrate(db.database(), HubConfig.EventStore.TIMESCALEDB);
        assertThat(query("SELECT hypertable_name FROM timescaledb_information.hypertables")).containsExactly("event");
        Instant now = Instant.now();
        EventRetention.Report first = retention(now).run();
        assertThat(first.partitionsCreated()).as("TimescaleDB makes its own chunks").isZero();
        assertThat(first.partitionsDropped()).isEmpty();

        insert("gate-1", "a-1", "access");
        insert("fb-1", "f-1", "alarm");
        insert("cam-1", "t-1", "technical");
        List<String> chunks = query("SELECT show_chunks('event')::text");
        assertThat(chunks).hasSize(1);
        assertThat(query("SELECT tableoid::regclass::text FROM event WHERE event_id = 'a-1'")).isEqualTo(chunks);

        EventRetention.Report month = retention(now.plus(Duration.ofDays(31))).run();
        assertThat(month.rowsDeleted()).isEqualTo(2);
        assertThat(month.partitionsDropped()).isEmpty();
        assertThat(ids()).containsExactly("f-1");
        assertThat(query("SELECT show_chunks('event')::text")).isEqualTo(chunks);

        EventRetention.Report year = retention(now.plus(Duration.ofDays(400))).run();
        assertThat(year.partitionsDropped()).isEqualTo(chunks);
        assertThat(year.rowsDeleted()).as("the alarm went with its chunk, not row by row").isZero();
        assertThat(query("SELECT show_chunks('event')::text")).isEmpty();
        assertThat(query("SELECT to_regclass('" + chunks.get(0) + "')::text")).containsOnlyNulls();
        assertThat(ids()).isEmpty();
    }

    private EventRetention retention(Instant at) {
        return new EventRetention(db.database().dataSource(), RETENTION, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static String partitionOf(Instant at) {
        return "event_p" + LocalDate.ofInstant(at, ZoneOffset.UTC).toString().replace("-", "");
    }

    private void insert(String device, String id, String eventClass) throws Exception {
        exec("INSERT INTO event (device_code, event_id, event_time, received_at, community_code, device_type, type, "
                + "event_class, data) VALUES ('" + device + "', '" + id + "', now(), now(), 'c1', 'gate', 'heartbeat', '"
                + eventClass + "', '{}')");
    }

    private String partitionHolding(String id) throws Exception {
        return query("SELECT tableoid::regclass::text FROM event WHERE event_id = '" + id + "'").get(0);
    }

    private List<String> ids() throws Exception {
        return query("SELECT event_id FROM event ORDER BY event_id");
    }

    private List<String> partitions() throws Exception {
        return query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'event'::regclass");
    }

    private void exec(String sql) throws Exception {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> query(String sql) throws Exception {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
