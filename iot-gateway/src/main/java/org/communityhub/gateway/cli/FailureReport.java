package org.communityhub.gateway.cli;

import java.net.BindException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.communityhub.gateway.config.ConfigException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Turns a command's failure into the one line an operator reads: what went wrong and what to do.
 * Expected failures (bad configuration, bad input) are their own message; anything else is named by
 * its root cause and the setting to check, and its whole stack is logged once by the caller. Never
 * prints a secret (JDBC URLs are shown without their query part). Stateless; thread-safe.
 */
final class FailureReport {

    private FailureReport() {
    }

    /** Whether the failure is an expected one, whose message says everything (no stack needed). */
    static boolean expected(Throwable e) {
        return e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                && !(e.getCause() instanceof SQLException);
    }

    /** The one line (without the {@code hub: } prefix). */
    static String line(Throwable e) {
        if (expected(e)) {
            return e.getMessage();
        }
        Throwable root = e;
        SQLException sql = null;
        MqttException mqtt = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (sql == null && t instanceof SQLException s) {
                sql = s;
            }
            if (mqtt == null && t instanceof MqttException m) {
                mqtt = m;
            }
        }
        String cause = message(root);
        if (sql != null) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            if (state.startsWith("08") || root instanceof ConnectException) {
                return "cannot reach the database (" + cause + "): check HUB_DB_URL and that PostgreSQL is running"
                        + " (./hub services up starts the private one)";
            }
            if (state.equals("28P01") || state.equals("28000")) {
                return "the database refused the login (" + cause + "): check HUB_DB_USER and HUB_DB_PASSWORD";
            }
            if (state.equals("3D000")) {
                return "the database does not exist (" + cause + "): check the database name in HUB_DB_URL";
            }
            return "database error " + state + " (" + cause + "): see the log lines above; check HUB_DB_URL and"
                    + " that the role may create tables";
        }
        if (mqtt != null) {
            return "the MQTT broker failed (" + cause + "): check HUB_MQTT_URL, HUB_MQTT_USER and HUB_MQTT_PASSWORD"
                    + " and that the broker is running";
        }
        if (root instanceof BindException) {
            return "cannot listen (" + cause + "): another program holds the port; set HUB_HTTP_PORT to a free one";
        }
        return "unexpected " + root.getClass().getSimpleName() + " (" + cause + "): the stack trace is in the log"
                + " above; please report it with the log";
    }

    private static String message(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
