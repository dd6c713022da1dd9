package org.communityhub.sim;

/**
 * Every SQL statement of the simulator, against the hub's event table. The table and column names are
 * constants here, in one place, so they follow the gateway's schema with a one-line change.
 * Run prefixes contain only {@code [a-z0-9]}, so they need no LIKE escaping.
 */
public final class EventTableSql {

    /** The hub's stored events. */
    public static final String TABLE = "event";
    /** Device code (text). */
    public static final String DEVICE_CODE = "device_code";
    /** The event's {@code id} from the payload (text). */
    public static final String EVENT_ID = "event_id";
    /** The event's {@code time} from the payload (timestamptz). */
    public static final String EVENT_TIME = "event_time";
    /** When the hub stored the row (timestamptz, default now()). */
    public static final String STORED_AT = "stored_at";

    /** Rows and distinct (device, id) pairs whose id starts with a run prefix; parameter: {@code prefix-%}. */
    public static final String COUNT_BY_PREFIX = "SELECT count(*), count(DISTINCT (" + DEVICE_CODE + ", " + EVENT_ID + ")) FROM "
            + TABLE + " WHERE " + EVENT_ID + " LIKE ?";

    /**
     * Publish-to-stored latency in milliseconds (p50, p95, p99, max) of a run's events; parameter:
     * {@code prefix-%}. The simulator sets each event's {@code time} to the instant it publishes it.
     */
    public static final String LATENCY_BY_PREFIX = "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), "
            + "percentile_cont(0.95) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms) "
            + "FROM (SELECT extract(epoch FROM (" + STORED_AT + " - " + EVENT_TIME + ")) * 1000 AS ms FROM " + TABLE
            + " WHERE " + EVENT_ID + " LIKE ?) AS t";

    private EventTableSql() {
    }
}
