package org.communityhub.geo.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.communityhub.geo.importer.ImportStore;
import org.communityhub.geo.importer.Layer;
import org.communityhub.geo.importer.Rejection;
import org.communityhub.geo.importer.RejectionKind;

/**
 * Applies a staged import layer by layer (community, compound, building, grid, facility, device), one
 * transaction per layer, so each layer sees the parents committed before it. Not thread-safe;
 * used by one session.
 */
final class ImportApplier {

    private final Connection connection;
    private final double tolerance;

    ImportApplier(Connection connection, double toleranceMetres) {
        this.connection = connection;
        this.tolerance = toleranceMetres;
    }

    ImportStore.Outcome applyAll() throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (Layer layer : Layer.values()) {
                // A layer the file does not have is not touched: its tables' change notices (every hub
                // instance rebuilds its facility index or drops its hierarchy) are not sent for nothing.
                if (hasPending(layer)) {
                    checkLayer(layer);
                    upsertLayer(layer);
                    connection.commit();
                }
            }
            return outcome();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private boolean hasPending(Layer layer) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(ImportSql.HAS_PENDING)) {
            s.setString(1, layer.code());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void checkLayer(Layer layer) throws SQLException {
        String code = layer.code();
        if (layer.isArea()) {
            update(ImportSql.REJECT_INVALID, code);
        }
        if (layer.parentLayer().isPresent()) {
            Layer parent = layer.parentLayer().get();
            String table = parent.code();
            update(ImportSql.REJECT_UNKNOWN_PARENT.replace("{parent}", table), table, code);
            String tol = String.valueOf(tolerance);
            update(ImportSql.WARN_TOLERATED.replace("{parent}", table), table, tol, code, tolerance);
            update(ImportSql.REJECT_OUTSIDE.replace("{parent}", table), table, tol, code);
        }
        if (layer == Layer.GRID) {
            String tol = String.valueOf(tolerance);
            update(ImportSql.REJECT_OVERLAPPING_GRID, tolerance, tolerance, tol);
        }
        if (layer == Layer.DEVICE) {
            update(ImportSql.DEVICE_IN_BUILDING);
            update(ImportSql.DEVICE_UNKNOWN_BUILDING);
            update(ImportSql.DEVICE_COMPOUND_MISMATCH);
            update(ImportSql.DEVICE_IN_COMPOUND);
            update(ImportSql.DEVICE_UNKNOWN_COMPOUND);
            update(ImportSql.DEVICE_COMMUNITY);
        }
    }

    private void upsertLayer(Layer layer) throws SQLException {
        String template = switch (layer) {
            case COMMUNITY -> ImportSql.UPSERT_COMMUNITY;
            case COMPOUND -> ImportSql.UPSERT_COMPOUND;
            case BUILDING -> ImportSql.UPSERT_BUILDING;
            case GRID -> ImportSql.UPSERT_GRID;
            case FACILITY -> ImportSql.UPSERT_FACILITY;
            case DEVICE -> ImportSql.UPSERT_DEVICE;
        };
        Savepoint before = connection.setSavepoint();
        try {
            update(template.replace("{only}", ""));
            update(ImportSql.MARK_LOADED, layer.code());
            connection.releaseSavepoint(before);
        } catch (SQLException e) {
            connection.rollback(before);
            upsertOneByOne(layer, template.replace("{only}", " AND idx = ?"));
        }
    }

    /** The slow path: each feature under its own savepoint, failures rejected with the database's reason. */
    private void upsertOneByOne(Layer layer, String sql) throws SQLException {
        List<Integer> pending = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(ImportSql.PENDING)) {
            s.setString(1, layer.code());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pending.add(rs.getInt(1));
                }
            }
        }
        for (int idx : pending) {
            Savepoint one = connection.setSavepoint();
            try {
                update(sql, idx);
                update(ImportSql.MARK_ONE_LOADED, idx);
                connection.releaseSavepoint(one);
            } catch (SQLException e) {
                connection.rollback(one);
                String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                update(ImportSql.MARK_ONE_FAILED, "the database refused it: " + reason, idx);
            }
        }
    }

    private ImportStore.Outcome outcome() throws SQLException {
        Map<Layer, Integer> loaded = new EnumMap<>(Layer.class);
        List<Rejection> rejections = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(ImportSql.LOADED_COUNTS); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                loaded.put(Layer.parse(rs.getString(1)).orElseThrow(), rs.getInt(2));
            }
        }
        try (PreparedStatement s = connection.prepareStatement(ImportSql.REJECTED); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                RejectionKind kind = RejectionKind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT));
                rejections.add(new Rejection(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(5), kind));
            }
        }
        try (PreparedStatement s = connection.prepareStatement(ImportSql.WARNINGS); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                warnings.add(rs.getString(1));
            }
        }
        connection.commit();
        return new ImportStore.Outcome(loaded, rejections, warnings);
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }
}
