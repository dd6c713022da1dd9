package org.communityhub.geo.postgis;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.communityhub.geo.port.Area;
import org.communityhub.geo.port.AreaCatalogue;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * {@link AreaCatalogue} on PostGIS: every community, compound, building and grid polygon read as WKB
 * (one count, then one scan of the four tables) into JTS geometries with packed coordinates (16 bytes
 * a vertex). Thread-safe (a reader per call). Blocking: call from worker threads only.
 */
public final class PostgisAreaCatalogue implements AreaCatalogue {

    private static final GeometryFactory PACKED = new GeometryFactory(new PrecisionModel(), 4326,
            PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    private final DataSource dataSource;

    public PostgisAreaCatalogue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<List<Area>> allAreas(long maxVertices) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(GeoSql.COUNT_AREA_VERTICES)) {
                rs.next();
                if (rs.getLong(1) > maxVertices) {
                    return Optional.empty();
                }
            }
            WKBReader wkb = new WKBReader(PACKED);
            List<Area> areas = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(GeoSql.ALL_AREAS)) {
                while (rs.next()) {
                    areas.add(new Area(Area.Level.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), wkb.read(rs.getBytes(5))));
                }
            }
            return Optional.of(areas);
        } catch (SQLException | ParseException e) {
            throw new IllegalStateException("areas not read: " + e.getMessage(), e);
        }
    }
}
