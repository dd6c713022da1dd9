package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.change.ChangeNotice;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Change notices through real PostgreSQL: every kind from {@link ChangePublisher} arrives typed at a
 * {@link ChangeListener}, the triggers' {@code facilities} and {@code hierarchy} arrive as their
 * kinds, a rolled-back notice never arrives, unknown payloads are skipped without stopping the
 * listener, and a listener whose connection was killed comes back with a {@code Resync}.
 */
class ChangeListenerIT {

    private static final long WAIT_SECONDS = 15;

    private static final ChangeNotice PROBE = new ChangeNotice.DeviceChanged("listener-probe");

    private static TestDatabase db;
    private static DataSource ds;
    private static ChangeListener listener;
    private static final BlockingQueue<ChangeNotice> HEARD = new LinkedBlockingQueue<>();

    @BeforeAll
    static void listen() throws Exception {
        db = TestDatabase.create(HubApplication.MIGRATIONS);
        ds = db.database().dataSource();
        listener = new ChangeListener(db.jdbcUrl(), HubTestServices.dbUser(), HubTestServices.dbPassword(), HEARD::add);
        listener.start();
        awaitListening();
    }

    @AfterAll
    static void stop() {
        listener.close();
        db.close();
    }

    @BeforeEach
    void quiet() throws Exception {
        awaitListening();
        HEARD.clear();
    }

    @Test
    void everyKindTravelsFromThePublisherToTheListenerTyped() throws Exception {
        List<ChangeNotice> all = List.of(new ChangeNotice.AlertChanged(42), new ChangeNotice.DeviceChanged("fb-0001"),
                new ChangeNotice.DevicesChanged(), new ChangeNotice.FacilitiesChanged(),
                new ChangeNotice.HierarchyChanged(), new ChangeNotice.Resync());
        for (ChangeNotice notice : all) {
            ChangePublisher.publish(ds, notice);
            assertThat(next()).isEqualTo(notice);
        }
    }

    @Test
    void theTriggersOfFacilitiesAndTheHierarchyArriveAsTheirKinds() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM facility WHERE false");
            assertThat(next()).isEqualTo(new ChangeNotice.FacilitiesChanged());
            s.execute("DELETE FROM building WHERE false");
            assertThat(next()).isEqualTo(new ChangeNotice.HierarchyChanged());
        }
    }

    @Test
    void rolledBackAndUnknownNoticesAreSkippedAndTheListenerGoesOn() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            ChangePublisher.publish(c, new ChangeNotice.AlertChanged(1));
            c.rollback();
            c.setAutoCommit(true);
            for (String payload : List.of("case:12", "alert:not-a-number", "", "case:13")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('hub_change', ?)")) {
                    ps.setString(1, payload);
                    ps.execute();
                }
            }
        }
        ChangePublisher.publish(ds, new ChangeNotice.AlertChanged(2));
        assertThat(next()).isEqualTo(new ChangeNotice.AlertChanged(2));
        assertThat(HEARD).allMatch(PROBE::equals);
    }

    @Test
    void aListenerThatLostItsConnectionComesBackWithAResync() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND query = 'LISTEN hub_change'");
        }
        assertThat(next()).isEqualTo(new ChangeNotice.Resync());
    }

    /** The next notice heard other than a late probe (null after the deadline). */
    private static ChangeNotice next() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        ChangeNotice heard;
        do {
            heard = HEARD.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (PROBE.equals(heard));
        return heard;
    }

    /** Until the listener hears a probe notice: LISTEN runs on its own thread, after {@code start}. */
    private static void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            ChangePublisher.publish(ds, PROBE);
            if (PROBE.equals(HEARD.poll(200, TimeUnit.MILLISECONDS))) {
                return;
            }
        }
        throw new AssertionError("the listener did not start listening within " + WAIT_SECONDS + " s");
    }
}
