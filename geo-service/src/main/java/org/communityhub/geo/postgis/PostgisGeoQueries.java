package org.communityhub.geo.postgis;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.communityhub.geo.port.BoundingBox;
import org.communityhub.geo.port.FacilityCatalogue;
import org.communityhub.geo.port.FeaturePage;
import org.communityhub.geo.port.GeoCollection;
import org.communityhub.geo.port.GeoQueries;
import org.communityhub.geo.port.Hierarchy;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.port.Named;
import org.communityhub.geo.port.NearbyFacility;
import org.communityhub.geo.port.TileLayer;

/**
 * {@link GeoQueries} on PostGIS. Each call borrows one pooled connection for one or two statements;
 * nearest-facility queries are KNN index scans (milliseconds for any table size), pages and tiles use
 * the GiST indexes. Thread-safe. Blocking: call from worker threads only.
 */
public final class PostgisGeoQueries implements GeoQueries, FacilityCatalogue {

    private final DataSource dataSource;

    public PostgisGeoQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Hierarchy hierarchy() {
        return query(GeoSql.HIERARCHY, s -> { }, rs -> {
            List<Hierarchy.Community> communities = new ArrayList<>();
            String community = null;
            String communityName = null;
            List<Hierarchy.Compound> compounds = new ArrayList<>();
            String compound = null;
            String compoundName = null;
            List<Named> buildings = new ArrayList<>();
            while (rs.next()) {
                if (!rs.getString(1).equals(community)) {
                    if (compound != null) {
                        compounds.add(new Hierarchy.Compound(compound, compoundName, buildings));
                    }
                    if (community != null) {
                        communities.add(new Hierarchy.Community(community, communityName, compounds));
                    }
                    community = rs.getString(1);
                    communityName = rs.getString(2);
                    compounds = new ArrayList<>();
                    compound = null;
                }
                String c = rs.getString(3);
                if (c != null && !c.equals(compound)) {
                    if (compound != null) {
                        compounds.add(new Hierarchy.Compound(compound, compoundName, buildings));
                    }
                    compound = c;
                    compoundName = rs.getString(4);
                    buildings = new ArrayList<>();
                }
                if (rs.getString(5) != null) {
                    buildings.add(new Named(rs.getString(5), rs.getString(6)));
                }
            }
            if (compound != null) {
                compounds.add(new Hierarchy.Compound(compound, compoundName, buildings));
            }
            if (community != null) {
                communities.add(new Hierarchy.Community(community, communityName, compounds));
            }
            return new Hierarchy(communities);
        });
    }

    @Override
    public Location locate(double lon, double lat) {
        return query(GeoSql.LOCATE, s -> {
            s.setDouble(1, lon);
            s.setDouble(2, lat);
        }, rs -> {
            rs.next();
            return new Location(named(rs, 1), named(rs, 3), named(rs, 5), named(rs, 7));
        });
    }

    @Override
    public Optional<BoundingBox> extent(String communityOrNull) {
        return query(GeoSql.EXTENT, s -> {
            s.setString(1, communityOrNull);
            s.setString(2, communityOrNull);
        }, rs -> {
            rs.next();
            double minLon = rs.getDouble(1);
            return rs.wasNull() ? Optional.empty()
                    : Optional.of(new BoundingBox(minLon, rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)));
        });
    }

    private static Named named(ResultSet rs, int column) throws SQLException {
        String code = rs.getString(column);
        return code == null ? null : new Named(code, rs.getString(column + 1));
    }

    @Override
    public List<NearbyFacility> nearest(double lon, double lat, String category, int limit, Double radiusMetres) {
        if (limit < 1 || limit > MAX_NEAREST) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_NEAREST);
        }
        return query(GeoSql.nearest(category != null, radiusMetres != null), s -> {
            int i = 1;
            s.setDouble(i++, lon);
            s.setDouble(i++, lat);
            if (category != null) {
                s.setString(i++, category);
            }
            if (radiusMetres != null) {
                s.setDouble(i++, radiusMetres);
            }
            s.setInt(i++, limit * 2 + 10);
            s.setInt(i, limit);
        }, PostgisGeoQueries::facilities);
    }

    @Override
    public List<NearbyFacility> nearestOfEach(double lon, double lat, Set<String> categories, int perCategory,
                                              double radiusMetres) {
        return query(GeoSql.NEAREST_OF_EACH, s -> {
            Array array = s.getConnection().createArrayOf("text", categories.toArray());
            s.setArray(1, array);
            s.setDouble(2, lon);
            s.setDouble(3, lat);
            s.setDouble(4, radiusMetres);
            s.setInt(5, perCategory);
        }, PostgisGeoQueries::facilities);
    }

    @Override
    public Optional<List<NearbyFacility>> allFacilities(int max) {
        long count = query(GeoSql.COUNT_FACILITIES, s -> { }, rs -> {
            rs.next();
            return rs.getLong(1);
        });
        return count > max ? Optional.empty() : Optional.of(query(GeoSql.ALL_FACILITIES, s -> { },
                PostgisGeoQueries::facilities));
    }

    private static List<NearbyFacility> facilities(ResultSet rs) throws SQLException {
        List<NearbyFacility> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new NearbyFacility(rs.getString("code"), rs.getString("name"), rs.getString("category"),
                    rs.getDouble("lon"), rs.getDouble("lat"), rs.getDouble("distance_m"),
                    (Integer) rs.getObject("floor"), rs.getString("community_code"), rs.getString("opening_hours"),
                    rs.getString("phone")));
        }
        return out;
    }

    @Override
    public FeaturePage items(GeoCollection collection, BoundingBox bbox, Set<String> categories, int limit,
                             long offset) {
        if (limit < 1 || limit > MAX_PAGE || offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + " and offset 0.." + MAX_OFFSET);
        }
        boolean byCategory = !categories.isEmpty();
        if (byCategory && collection != GeoCollection.FACILITIES) {
            throw new IllegalArgumentException("only facilities have a category");
        }
        String[] wanted = categories.stream().sorted().toArray(String[]::new);
        long counted = query(GeoSql.count(collection, bbox != null, byCategory),
                s -> s.setLong(bind(s, bbox, wanted), MAX_COUNTED), rs -> {
                    rs.next();
                    return rs.getLong(1);
                });
        long matched = counted >= MAX_COUNTED ? FeaturePage.UNCOUNTED : counted;
        List<FeaturePage.Feature> features = query(GeoSql.page(collection, bbox != null, byCategory), s -> {
            int next = bind(s, bbox, wanted);
            s.setInt(next, limit);
            s.setLong(next + 1, offset);
        }, PostgisGeoQueries::features);
        return new FeaturePage(matched, features);
    }

    @Override
    public Optional<FeaturePage.Feature> item(GeoCollection collection, String code) {
        List<FeaturePage.Feature> found = query(GeoSql.item(collection), s -> s.setString(1, code),
                PostgisGeoQueries::features);
        return found.stream().findFirst();
    }

    /** Binds [bbox] and [categories] (none when empty); returns the next parameter's index. */
    private static int bind(PreparedStatement s, BoundingBox bbox, String[] categories) throws SQLException {
        int next = 1;
        if (bbox != null) {
            s.setDouble(1, bbox.minLon());
            s.setDouble(2, bbox.minLat());
            s.setDouble(3, bbox.maxLon());
            s.setDouble(4, bbox.maxLat());
            next = 5;
        }
        if (categories.length > 0) {
            s.setArray(next++, s.getConnection().createArrayOf("text", categories));
        }
        return next;
    }

    private static List<FeaturePage.Feature> features(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<FeaturePage.Feature> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (int i = 1; i < columns; i++) {
                properties.put(meta.getColumnLabel(i), rs.getObject(i));
            }
            out.add(new FeaturePage.Feature(rs.getString(1), properties, rs.getString(columns)));
        }
        return out;
    }

    @Override
    public byte[] tile(TileLayer layer, int z, int x, int y) {
        return query(GeoSql.tile(layer), s -> {
            for (int i = 0; i < 2; i++) {
                s.setInt(1 + 3 * i, z);
                s.setInt(2 + 3 * i, x);
                s.setInt(3 + 3 * i, y);
            }
        }, rs -> {
            byte[] bytes = rs.next() ? rs.getBytes(1) : null;
            return Objects.requireNonNullElse(bytes, new byte[0]);
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("geo query failed: " + e.getMessage(), e);
        }
    }
}
