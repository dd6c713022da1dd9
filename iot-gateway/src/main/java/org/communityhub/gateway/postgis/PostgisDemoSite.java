package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.communityhub.gateway.demo.DemoSite;

/**
 * {@link DemoSite} on PostGIS ({@link DemoSql}). The spots query joins buildings to grids once (tens of ms for the
 * demo subdistrict). Thread-safe; one pooled connection per call.
 */
public final class PostgisDemoSite implements DemoSite {

    private final DataSource dataSource;

    public PostgisDemoSite(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<GridRef> grids() {
        List<GridRef> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DemoSql.GRIDS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new GridRef(rs.getString(1), rs.getString(2)));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<Spot> spots(int perGrid) {
        List<Spot> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DemoSql.SPOTS)) {
            ps.setInt(1, perGrid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Spot(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Map<String, Instant> latestSubmissions() {
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DemoSql.LATEST_SUBMISSIONS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<Long> alertsWithoutCase(List<String> kinds, int limit) {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DemoSql.ALERTS_WITHOUT_CASE)) {
            ps.setArray(1, c.createArrayOf("text", kinds.toArray()));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("demo data unavailable: " + e.getMessage(), e);
    }
}
