package org.communityhub.gateway.postgis;

/** SQL of the read replica's checks (issue 19): WAL positions as byte offsets. */
final class ReplicaSql {

    private ReplicaSql() {
    }

    /** On the primary: where its WAL ends now. */
    static final String PRIMARY_LSN = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint";

    /** On the replica: whether it is a standby, and how far it has replayed (null when it never replayed). */
    static final String REPLICA_STATUS = """
            SELECT pg_is_in_recovery(), pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint""";
}
