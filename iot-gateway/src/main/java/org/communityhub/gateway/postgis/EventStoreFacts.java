package org.communityhub.gateway.postgis;

import org.communityhub.gateway.config.HubConfig.EventStore;

/**
 * What the database offers for the event store, and the decision {@code HUB_EVENT_STORE} makes from
 * it ({@link #decide}). A hypertable needs TimescaleDB installed, preloaded (else loading it is FATAL:
 * the connection dies) and either created in this database already or creatable by this role. An
 * event table made earlier keeps its kind: the mode applies when the store is created. Pure and
 * immutable: the table of cases is unit-tested without a database.
 *
 * @param existing  the kind of an existing event table, or null when there is none yet
 * @param installed TimescaleDB is installed on the database server
 * @param created   the extension exists in this database
 * @param preloaded TimescaleDB is in {@code shared_preload_libraries}
 * @param permitted this role may create it (superuser, or CREATE on the database: it is a trusted extension)
 */
record EventStoreFacts(Kind existing, boolean installed, boolean created, boolean preloaded, boolean permitted,
                       String role, String database) {

    /** How the event table is stored. */
    enum Kind {
        HYPERTABLE("TimescaleDB hypertable (daily chunks)"), NATIVE("native daily partitions");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** The decision: the kind, whether the hub creates the extension first, and why (the one log line). */
    record Choice(Kind kind, boolean createExtension, String why, boolean notable) {

        String logLine() {
            return "event store: " + kind.label + " (" + why + ")";
        }

        /** The session setting V100 reads when it creates the event table. */
        String sessionSql() {
            return String.format(EventStoreSql.SESSION_SETTING, kind == Kind.HYPERTABLE ? "timescaledb" : "native");
        }
    }

    static final String PRELOAD_FIX = "add shared_preload_libraries = 'timescaledb' to postgresql.conf (keep any "
            + "libraries already listed there) and restart PostgreSQL";

    /**
     * Decides, or throws {@link EventStoreException} with the fix when {@code mode} cannot be honoured.
     */
    Choice decide(EventStore mode) {
        if (existing != null) {
            return keep(mode);
        }
        if (mode == EventStore.NATIVE) {
            return new Choice(Kind.NATIVE, false, "HUB_EVENT_STORE=native", false);
        }
        String obstacle = obstacle();
        if (obstacle == null) {
            String how = created ? "the timescaledb extension exists in database " + database
                    : "TimescaleDB is preloaded and role " + role + " may create its extension";
            return new Choice(Kind.HYPERTABLE, !created, "HUB_EVENT_STORE=" + name(mode) + ": " + how, false);
        }
        if (mode == EventStore.TIMESCALEDB) {
            throw new EventStoreException("HUB_EVENT_STORE=timescaledb, but " + obstacle
                    + "; or set HUB_EVENT_STORE=native (or auto)");
        }
        return new Choice(Kind.NATIVE, false, "HUB_EVENT_STORE=auto: " + obstacle
                + "; the event table is created once, so do that before a new database's first start", installed);
    }

    /** Why a hypertable cannot be made here, with what fixes it; null when it can. */
    String obstacle() {
        if (!installed) {
            return "TimescaleDB is not installed on the database server: install it from Timescale's package "
                    + "repository (see README, TimescaleDB) and " + PRELOAD_FIX;
        }
        if (!preloaded) {
            return "TimescaleDB is installed but not preloaded: " + PRELOAD_FIX;
        }
        if (!created && !permitted) {
            return "role " + role + " may not create the timescaledb extension in database " + database
                    + ": as a superuser run CREATE EXTENSION timescaledb; in that database (or GRANT CREATE ON DATABASE "
                    + database + " TO " + role + ")";
        }
        return null;
    }

    private Choice keep(EventStore mode) {
        if (existing == Kind.HYPERTABLE && !preloaded) {
            throw new EventStoreException("the event table of database " + database + " is a TimescaleDB hypertable, "
                    + "but TimescaleDB is not preloaded: " + PRELOAD_FIX);
        }
        boolean mismatch = mode == EventStore.TIMESCALEDB && existing == Kind.NATIVE
                || mode == EventStore.NATIVE && existing == Kind.HYPERTABLE;
        if (mismatch) {
            throw new EventStoreException("HUB_EVENT_STORE=" + name(mode) + ", but the event table of database "
                    + database + " was created earlier as " + existing.label + " and is not converted in place: "
                    + "set HUB_EVENT_STORE=auto to keep it, or use a new database");
        }
        return new Choice(existing, false, "HUB_EVENT_STORE=" + name(mode) + ": kept as created earlier", false);
    }

    private static String name(EventStore mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
