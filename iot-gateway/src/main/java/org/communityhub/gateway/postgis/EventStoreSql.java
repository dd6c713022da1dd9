package org.communityhub.gateway.postgis;

/** The SQL that chooses and prepares the event store before the migrations run (see {@link EventStoreSetup}). */
final class EventStoreSql {

    private EventStoreSql() {
    }

    /**
     * What the database offers. {@code preloaded}: TimescaleDB's loader defines its
     * {@code timescaledb.bgw_launcher_poll_time} setting only when it is in
     * {@code shared_preload_libraries}, which itself only superusers may read. {@code permitted}:
     * a superuser, or CREATE on the database for an extension marked trusted (TimescaleDB is).
     * {@code existing}: the kind of an event table made earlier ({@code p}: partitioned, {@code r}: hypertable).
     */
    static final String FACTS = """
            SELECT (SELECT c.relkind::text FROM pg_class c WHERE c.oid = to_regclass('event')) AS existing,
                   EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') AS installed,
                   EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS created,
                   EXISTS (SELECT 1 FROM pg_settings WHERE name = 'timescaledb.bgw_launcher_poll_time') AS preloaded,
                   (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                     OR (has_database_privilege(current_database(), 'CREATE')
                         AND EXISTS (SELECT 1 FROM pg_available_extension_versions v
                                       JOIN pg_available_extensions e ON e.name = v.name AND e.default_version = v.version
                                      WHERE v.name = 'timescaledb' AND v.trusted)) AS permitted,
                   current_user, current_database()""";

    static final String CREATE_EXTENSION = "CREATE EXTENSION IF NOT EXISTS timescaledb";

    /** The migration reads this (V100); the value is one of two fixed words. */
    static final String SESSION_SETTING = "SET hub.event_store = '%s'";

    static final String HISTORY_EXISTS = "SELECT to_regclass('flyway_schema_history') IS NOT NULL";

    /** Re-records the checksum of an applied migration whose text changed deliberately. */
    static final String UPDATE_CHECKSUM = """
            UPDATE flyway_schema_history SET checksum = ? WHERE version = ? AND checksum = ? AND success""";
}
