package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.communityhub.gateway.change.ChangeNotice;
import org.communityhub.gateway.change.ChangeNoticeCodec;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the {@code hub_change} channel, where {@link ChangePublisher} (alerts, device status,
 * the device registry) and the database's triggers (facilities; communities, compounds, buildings)
 * send {@link ChangeNotice}s on commit. Every gateway instance listens, so a change made by one
 * reaches the caches and WebSocket clients of all. Payloads are decoded by {@link ChangeNoticeCodec};
 * one this version does not know (a newer hub sharing the database, garbage) is skipped, with a
 * warning the first time its kind is seen. One dedicated connection and one daemon thread;
 * reconnects by itself after a database outage and then hands on {@link ChangeNotice.Resync} so
 * the consumer can catch up. Notices reach the consumer on the listener thread; an exception of the
 * consumer is logged and never ends the thread.
 */
public final class ChangeListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    /** Past this many distinct unknown kinds, every unknown payload is logged at debug only. */
    private static final int UNKNOWN_KINDS_LOGGED = 32;

    private final String url;
    private final Properties credentials = new Properties();
    private final Consumer<ChangeNotice> consumer;
    /** Kinds of unknown payloads warned about so far (at most {@value #UNKNOWN_KINDS_LOGGED}); listener thread only. */
    private final Set<String> unknownKinds = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ChangeListener(String url, String user, String password, Consumer<ChangeNotice> consumer) {
        this.url = url;
        this.credentials.setProperty("user", user);
        if (password != null) {
            this.credentials.setProperty("password", password);
        }
        this.consumer = consumer;
        this.thread = new Thread(this::run, "hub-change-listener");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        boolean first = true;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, credentials)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN hub_change");
                }
                if (!first) {
                    deliver(new ChangeNotice.Resync());
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            received(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("change listener lost the database ({}); reconnecting", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void received(String payload) {
        Optional<ChangeNotice> notice = ChangeNoticeCodec.decode(payload);
        if (notice.isPresent()) {
            deliver(notice.get());
            return;
        }
        String kind = ChangeNoticeCodec.kindOf(payload);
        if (unknownKinds.size() < UNKNOWN_KINDS_LOGGED && unknownKinds.add(kind)) {
            LOG.warn("change listener skips a notice it does not know (kind '{}'; further ones of this kind "
                    + "are logged at debug): {}", kind, abbreviated(payload));
        } else {
            LOG.debug("change listener skips an unknown notice: {}", abbreviated(payload));
        }
    }

    private static String abbreviated(String payload) {
        return payload == null || payload.length() <= 100 ? String.valueOf(payload) : payload.substring(0, 100) + "…";
    }

    private void deliver(ChangeNotice notice) {
        try {
            consumer.accept(notice);
        } catch (RuntimeException e) {
            LOG.warn("change listener consumer failed on {}: {}", notice, e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
