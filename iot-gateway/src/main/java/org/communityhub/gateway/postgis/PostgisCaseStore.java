package org.communityhub.gateway.postgis;

import static org.communityhub.gateway.postgis.Jdbc.instant;
import static org.communityhub.gateway.postgis.Jdbc.strings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.communityhub.contract.CaseCategory;
import org.communityhub.contract.CaseStatus;
import org.communityhub.gateway.cases.CaseReportRow;
import org.communityhub.gateway.cases.CaseStore;
import org.communityhub.gateway.cases.CaseViews;
import org.communityhub.gateway.cases.ReportPeriod;

/**
 * {@link CaseStore} on PostgreSQL ({@link CaseSql}): cases, history and photos (bytea, so backups carry them).
 * A transaction locks the case row ({@code FOR UPDATE}); listing a grid's or community's open cases uses the
 * partial indexes of V191 (a few ms among 100,000 cases). Thread-safe; one pooled connection per call.
 */
public final class PostgisCaseStore implements CaseStore {

    private final DataSource dataSource;

    public PostgisCaseStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T transaction(Function<Tx, T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(new CaseTransaction(c));
                c.commit();
                return result;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("case store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> gridsOf(String username) {
        return read(c -> strings(c, CaseSql.GRIDS_OF, username));
    }

    @Override
    public List<CaseViews.Summary> list(CaseViews.Query q, Instant now) {
        StringBuilder sql = new StringBuilder(CaseSql.LIST_HEAD);
        List<Object> params = new ArrayList<>();
        params.add(ts(now));
        if (q.scopeCommunity() != null) {
            sql.append(CaseSql.BY_COMMUNITY);
            params.add(q.scopeCommunity());
        }
        if (q.community() != null) {
            sql.append(CaseSql.BY_COMMUNITY);
            params.add(q.community());
        }
        if (q.grid() != null) {
            sql.append(CaseSql.BY_GRID);
            params.add(q.grid());
        }
        if (q.assignee() != null) {
            sql.append(CaseSql.BY_ASSIGNEE);
            params.add(q.assignee());
        }
        if (q.status() != null) {
            sql.append(CaseSql.BY_STATUS);
            params.add(q.status().code());
        } else if (q.openOnly()) {
            sql.append(CaseSql.OPEN);
        }
        if (q.overdueOnly()) {
            sql.append(CaseSql.BY_OVERDUE);
            params.add(ts(now));
        }
        return read(c -> {
            if (q.workerGrids() != null) {
                sql.append(CaseSql.BY_WORKER);
                params.add(c.createArrayOf("text", q.workerGrids().toArray()));
                params.add(q.worker());
                params.add(q.worker());
            }
            sql.append(CaseSql.LIST_TAIL);
            params.add(q.limit());
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Jdbc.bind(ps, params.toArray());
                List<CaseViews.Summary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(summary(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public CaseViews.Untriaged untriaged(String username, int top, Instant now) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(CaseSql.UNTRIAGED)) {
                Jdbc.bind(ps, ts(now), username, Math.max(top, 1));
                List<CaseViews.Summary> out = new ArrayList<>();
                long count = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count = rs.getLong(12);
                        if (out.size() < top) {
                            out.add(summary(rs));
                        }
                    }
                }
                return new CaseViews.Untriaged(count, out);
            }
        });
    }

    @Override
    public Optional<CaseViews.Detail> detail(long id, Instant now) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(CaseSql.DETAIL)) {
                Jdbc.bind(ps, ts(now), id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    CaseViews.Summary s = summary(rs);
                    Integer score = (Integer) rs.getObject(23) == null ? null : rs.getInt(23);
                    CaseViews.Rating rating = score == null ? null
                            : new CaseViews.Rating(score, rs.getString(24), instant(rs, 25));
                    Long alert = rs.getObject(22) == null ? null : rs.getLong(22);
                    return Optional.of(new CaseViews.Detail(s, rs.getString(12), rs.getString(13), rs.getString(14),
                            rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), instant(rs, 19),
                            instant(rs, 20), instant(rs, 21), alert, rating, photos(c, id), history(c, id)));
                }
            }
        });
    }

    @Override
    public Optional<Long> idByTrackingCode(String trackingCode) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(CaseSql.BY_TRACKING)) {
                ps.setString(1, trackingCode);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<byte[]> photo(long id, int n, boolean thumbnail) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(thumbnail ? CaseSql.THUMBNAIL : CaseSql.PHOTO)) {
                Jdbc.bind(ps, id, n);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<CaseReportRow> report(ReportPeriod period, String community, Instant now) {
        OffsetDateTime start = ts(period.start());
        OffsetDateTime end = ts(period.end());
        OffsetDateTime asOf = ts(now.isBefore(period.end()) ? now : period.end());
        return read(c -> {
            Map<String, Map<String, Long>> categories = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(CaseSql.REPORT_CATEGORIES)) {
                Jdbc.bind(ps, start, end, community, community);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(4);
                        String category = rs.getString(3);
                        categories.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).merge(category, n, Long::sum);
                        if (rs.getString(2) != null) {
                            categories.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new TreeMap<>())
                                    .merge(category, n, Long::sum);
                        }
                    }
                }
            }
            Map<String, CaseReportRow> rows = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(CaseSql.REPORT)) {
                Jdbc.bind(ps, start, end, asOf, asOf, start, end, community, community, end, start, start);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String grid = rs.getBoolean(3) ? null : rs.getString(2);
                        String key = grid == null ? rs.getString(1) : rs.getString(1) + "/" + grid;
                        rows.put(key, new CaseReportRow(rs.getString(1), grid, rs.getLong(4), rs.getLong(5),
                                rs.getLong(6), rs.getLong(7), (Double) rs.getObject(8),
                                rs.getObject(9) == null ? null : rs.getBigDecimal(9).doubleValue(),
                                categories.getOrDefault(key, Map.of())));
                    }
                }
            }
            // Every community and grid in scope, a quiet one with zeros; communities first, each followed by its grids.
            List<CaseReportRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CaseSql.REPORT_PLACES)) {
                Jdbc.bind(ps, community, community);
                try (ResultSet rs = ps.executeQuery()) {
                    String last = null;
                    while (rs.next()) {
                        String m = rs.getString(1);
                        if (!m.equals(last)) {
                            out.add(placeRow(rows, m, null));
                            last = m;
                        }
                        if (rs.getString(2) != null) {
                            out.add(placeRow(rows, m, rs.getString(2)));
                        }
                    }
                }
            }
            out.addAll(rows.values()); // cases of a place no longer in the map, if any
            return out;
        });
    }

    private static CaseReportRow placeRow(Map<String, CaseReportRow> rows, String community, String grid) {
        CaseReportRow r = rows.remove(grid == null ? community : community + "/" + grid);
        return r != null ? r : new CaseReportRow(community, grid, 0, 0, 0, 0, null, null, Map.of());
    }

    @Override
    public Optional<String> gridCommunity(String grid) {
        return read(c -> strings(c, CaseSql.GRID_COMMUNITY, grid).stream().findFirst());
    }

    @Override
    public List<CaseStore.Assignee> assignees(String community, String grid) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(CaseSql.ASSIGNEES)) {
                Jdbc.bind(ps, grid, community, community);
                List<CaseStore.Assignee> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String grids = rs.getString(3);
                        out.add(new CaseStore.Assignee(rs.getString(1), rs.getString(2),
                                grids == null ? List.of() : List.of(grids.split(",")), rs.getBoolean(4)));
                    }
                }
                return out;
            }
        });
    }

    private static CaseViews.Summary summary(ResultSet rs) throws SQLException {
        return new CaseViews.Summary(rs.getLong(1), CaseCategory.fromCode(rs.getString(2)).orElseThrow(),
                CaseStatus.fromCode(rs.getString(3)).orElseThrow(), rs.getString(4), rs.getString(5), rs.getDouble(6),
                rs.getDouble(7), rs.getString(8), instant(rs, 9), rs.getBoolean(10), instant(rs, 11));
    }

    private static List<CaseViews.PhotoRef> photos(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CaseSql.PHOTOS)) {
            ps.setLong(1, id);
            List<CaseViews.PhotoRef> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CaseViews.PhotoRef(rs.getInt(1), rs.getString(2)));
                }
            }
            return out;
        }
    }

    private static List<CaseViews.HistoryEntry> history(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CaseSql.HISTORY)) {
            ps.setLong(1, id);
            List<CaseViews.HistoryEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(4);
                    out.add(new CaseViews.HistoryEntry(rs.getString(1), instant(rs, 2), rs.getString(3),
                            from == null ? null : CaseStatus.fromCode(from).orElseThrow(),
                            CaseStatus.fromCode(rs.getString(5)).orElseThrow(), rs.getString(6)));
                }
            }
            return out;
        }
    }

    static OffsetDateTime ts(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private <T> T read(Jdbc.Work<T> work) {
        return Jdbc.read(dataSource, "case store", work);
    }
}
