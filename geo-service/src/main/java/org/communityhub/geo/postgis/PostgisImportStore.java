package org.communityhub.geo.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import javax.sql.DataSource;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.importer.DatumShift;
import org.communityhub.geo.importer.ImportFeature;
import org.communityhub.geo.importer.ImportStore;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The PostGIS side of an import. A session holds one connection with a temporary staging table;
 * features are staged with batched inserts (1,000 a round trip), then {@link Session#apply} checks
 * validity, parents and containment with set-based SQL and upserts each layer in its own
 * transaction. If a layer's set-based upsert hits a constraint anyway, that layer is redone one
 * feature at a time under savepoints so only the offending features are lost.
 *
 * <p>Thread-safe (each session has its own connection); a session itself is not.
 */
public final class PostgisImportStore implements ImportStore {

    private static final int BATCH = 1000;

    private final DataSource dataSource;

    public PostgisImportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Session open() {
        try {
            Connection connection = dataSource.getConnection();
            try (Statement s = connection.createStatement()) {
                connection.setAutoCommit(true);
                s.execute(ImportSql.DROP_STAGE);
                s.execute(ImportSql.CREATE_STAGE);
                return new StagingSession(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot start the import", e);
        }
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": database error: " + e.getMessage(), e);
    }

    /** Stages features and applies them; see {@link ImportApplier} for the apply step. */
    private static final class StagingSession implements Session {
        private final Connection connection;
        private final PreparedStatement insert;
        private final WKBWriter wkb = new WKBWriter(2);
        private int pending;

        StagingSession(Connection connection) throws SQLException {
            this.connection = connection;
            this.insert = connection.prepareStatement(ImportSql.STAGE);
        }

        @Override
        public void stage(ImportFeature feature) {
            try {
                insert.setInt(1, feature.index());
                insert.setString(2, feature.layer().code());
                insert.setString(3, feature.code());
                insert.setString(4, feature.name());
                String parent = null;
                String category = null;
                String type = null;
                String building = null;
                String compound = null;
                Integer floor = null;
                Integer floors = null;
                String hours = null;
                String phone = null;
                if (feature instanceof ImportFeature.Area a) {
                    parent = a.parent();
                    floors = a.floors();
                } else if (feature instanceof ImportFeature.Facility f) {
                    category = f.category();
                    floor = f.floor();
                    hours = f.openingHours();
                    phone = f.phone();
                } else if (feature instanceof ImportFeature.Device d) {
                    type = d.type().code();
                    building = d.building();
                    compound = d.compound();
                    floor = d.floor();
                }
                insert.setString(5, parent);
                insert.setString(6, category);
                insert.setString(7, type);
                insert.setString(8, building);
                insert.setString(9, compound);
                setInteger(10, floor);
                setInteger(11, floors);
                insert.setString(12, hours);
                insert.setString(13, phone);
                insert.setBytes(14, wkb.write(feature.geometry()));
                insert.addBatch();
                if (++pending >= BATCH) {
                    flush();
                }
            } catch (SQLException e) {
                throw failure("cannot stage feature " + feature.index(), e);
            }
        }

        private void setInteger(int column, Integer value) throws SQLException {
            if (value == null) {
                insert.setNull(column, Types.INTEGER);
            } else {
                insert.setInt(column, value);
            }
        }

        private void flush() throws SQLException {
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void convertStaged(Datum from) {
            try {
                flush();
                connection.setAutoCommit(false);
                WKBReader reader = new WKBReader();
                try (PreparedStatement select = connection.prepareStatement(ImportSql.STAGED_GEOMETRY);
                     PreparedStatement update = connection.prepareStatement(ImportSql.RESTAGE_GEOMETRY)) {
                    select.setFetchSize(BATCH);
                    int batched = 0;
                    try (var rs = select.executeQuery()) {
                        while (rs.next()) {
                            Geometry g = DatumShift.toWgs84(reader.read(rs.getBytes(2)), from);
                            update.setBytes(1, wkb.write(g));
                            update.setInt(2, rs.getInt(1));
                            update.addBatch();
                            if (++batched % BATCH == 0) {
                                update.executeBatch();
                            }
                        }
                    }
                    update.executeBatch();
                }
                connection.commit();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw failure("cannot convert the staged coordinates", e);
            } catch (ParseException e) {
                throw new IllegalStateException("cannot read back a staged geometry: " + e.getMessage(), e);
            }
        }

        @Override
        public Outcome apply(double toleranceMetres) {
            try {
                flush();
                return new ImportApplier(connection, toleranceMetres).applyAll();
            } catch (SQLException e) {
                throw failure("cannot load the staged features", e);
            }
        }

        @Override
        public void close() {
            try (connection; insert) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                try (Statement s = connection.createStatement()) {
                    s.execute(ImportSql.DROP_STAGE);
                }
            } catch (SQLException e) {
                throw failure("cannot end the import session", e);
            }
        }
    }
}
