package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the {@code hub_change} channel, where every transaction that changes an alert or a
 * device's status sends {@code alert:<id>} or {@code device:<code>} on commit (and triggers send
 * {@code facilities} or {@code hierarchy} for changed facilities or communities/compounds/buildings). Every gateway
 * instance listens, so a change made by one reaches WebSocket clients of all. One dedicated
 * connection and one daemon thread; reconnects by itself after a database outage and then emits
 * {@code resync} so listeners can catch up. Payloads reach the consumer on the listener thread.
 */
public final class ChangeListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);

    private final String url;
    private final Properties credentials = new Properties();
    private final Consumer<String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public ChangeListener(String url, String user, String password, Consumer<String> consumer) {
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
                    consumer.accept("resync");
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            deliver(n.getParameter());
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

    private void deliver(String payload) {
        try {
            consumer.accept(payload);
        } catch (RuntimeException e) {
            LOG.warn("change listener consumer failed on {}: {}", payload, e.getMessage());
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
