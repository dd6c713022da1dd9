package org.communityhub.gateway.postgis;

import static org.communityhub.gateway.postgis.Jdbc.instant;
import static org.communityhub.gateway.postgis.Jdbc.strings;
import static org.communityhub.gateway.postgis.PostgisCaseStore.ts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.communityhub.contract.CaseCategory;
import org.communityhub.contract.CaseStatus;
import org.communityhub.gateway.cases.CaseChange;
import org.communityhub.gateway.cases.CaseFile;
import org.communityhub.gateway.cases.CaseStore;
import org.communityhub.gateway.cases.NewCase;
import org.communityhub.gateway.cases.PhotoSanitizer;

/**
 * The operations of one {@link PostgisCaseStore} transaction on its connection ({@link CaseSql}); each a
 * statement or two. Confined to the thread running the transaction.
 */
final class CaseTransaction implements CaseStore.Tx {


    private final Connection c;

    CaseTransaction(Connection c) {
        this.c = c;
    }

    @Override
    public Optional<CaseFile> lock(long id) {
        return run(() -> {
            try (PreparedStatement ps = c.prepareStatement(CaseSql.LOCK)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new CaseFile(rs.getLong(1), CaseCategory.fromCode(rs.getString(2)).orElseThrow(),
                            CaseStatus.fromCode(rs.getString(3)).orElseThrow(), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), instant(rs, 8)));
                }
            }
        });
    }

    @Override
    public long insert(NewCase n) {
        return run(() -> {
            try (PreparedStatement ps = c.prepareStatement(CaseSql.INSERT)) {
                Jdbc.bind(ps, n.trackingCode(), n.category().code(), n.description(), n.lon(), n.lat(),
                        n.place().community(), n.place().compound(), n.place().building(), n.place().grid(),
                        n.reporter(), n.contact(), n.alertId(), ts(n.submittedAt()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public int photoCount(long id) {
        return run(() -> Integer.parseInt(strings(c, CaseSql.PHOTO_COUNT, id).get(0)));
    }

    /** One batched INSERT (one round trip); the JPEG arrays are sent as they are (binary bytea parameters). */
    @Override
    public void addPhotos(long id, int first, String stage, List<PhotoSanitizer.CleanPhoto> photos) {
        if (photos.isEmpty()) {
            return;
        }
        run(() -> {
            try (PreparedStatement ps = c.prepareStatement(CaseSql.PHOTO_INSERT)) {
                int n = first;
                for (PhotoSanitizer.CleanPhoto p : photos) {
                    ps.setLong(1, id);
                    ps.setInt(2, n++);
                    ps.setString(3, stage);
                    ps.setBytes(4, p.jpeg());
                    ps.setBytes(5, p.thumbnail());
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    @Override
    public void apply(long id, CaseChange ch, String actor, Instant at) {
        OffsetDateTime t = ts(at);
        String a = ch.action();
        update(CaseSql.APPLY, ch.to().code(), ch.assignee(), ts(ch.deadline()), ch.priority(), a, t, a, t, a, a, t, a,
                id);
        update(CaseSql.HISTORY_INSERT, id, actor, t, a, ch.from() == null ? null : ch.from().code(), ch.to().code(),
                ch.note(), ts(ch.deadline()));
    }

    @Override
    public void history(long id, String actor, String action, CaseStatus from, CaseStatus to, String note,
                        Instant at) {
        update(CaseSql.HISTORY_INSERT, id, actor, ts(at), action, from == null ? null : from.code(), to.code(), note,
                null);
    }

    @Override
    public Optional<String> gridWorker(String grid) {
        return run(() -> strings(c, CaseSql.GRID_WORKER, grid).stream().findFirst());
    }

    @Override
    public Optional<Boolean> mayWork(String username, String community) {
        return run(() -> strings(c, CaseSql.MAY_WORK_USER, community, community, username).stream().findFirst()
                .map(v -> "t".equals(v) || "true".equals(v)));
    }

    @Override
    public boolean rate(long id, int score, String comment, Instant at) {
        return update(CaseSql.RATE, score, comment, ts(at), id) > 0;
    }

    @Override
    public Optional<CaseStore.AlertOrigin> alert(long alertId) {
        return run(() -> {
            try (PreparedStatement ps = c.prepareStatement(CaseSql.ALERT)) {
                ps.setLong(1, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new CaseStore.AlertOrigin(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), (Double) rs.getObject(5), (Double) rs.getObject(6)));
                }
            }
        });
    }

    @Override
    public Optional<CaseStore.AlertCase> caseOfAlert(long alertId) {
        return run(() -> {
            try (PreparedStatement ps = c.prepareStatement(CaseSql.CASE_OF_ALERT)) {
                ps.setLong(1, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new CaseStore.AlertCase(rs.getLong(1), rs.getString(2),
                            CaseStatus.fromCode(rs.getString(3)).orElseThrow())) : Optional.empty();
                }
            }
        });
    }

    private int update(String sql, Object... params) {
        return run(() -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    private <T> T run(SqlCall<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw new IllegalStateException("case store unavailable: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }
}
