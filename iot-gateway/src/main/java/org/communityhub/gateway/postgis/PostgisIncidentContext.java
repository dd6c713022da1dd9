package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.Incident;
import org.communityhub.gateway.alert.IncidentContextSource;
import org.communityhub.geo.port.GeoQueries;

/**
 * Incident context: the alert's places from the hierarchy tables, and the nearest safety
 * facilities from geo-service's index-driven {@link GeoQueries#nearestOfEach}. Two queries per
 * alert. Thread-safe.
 */
public final class PostgisIncidentContext implements IncidentContextSource {

    /** How far to look for safety facilities around an incident. */
    static final double RADIUS_M = 500;

    private final DataSource dataSource;
    private final GeoQueries geo;

    public PostgisIncidentContext(DataSource dataSource, GeoQueries geo) {
        this.dataSource = dataSource;
        this.geo = geo;
    }

    @Override
    public Incident describe(Alert a, int perCategory) {
        Incident.Place community = null;
        Incident.Place compound = null;
        Incident.Place building = null;
        Integer floors = null;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(GatewaySql.INCIDENT_PLACES)) {
            ps.setString(1, a.compound());
            ps.setString(2, a.building());
            ps.setString(3, a.community());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    community = new Incident.Place(rs.getString(1), rs.getString(2));
                    compound = rs.getString(3) == null ? null : new Incident.Place(rs.getString(3), rs.getString(4));
                    building = rs.getString(5) == null ? null : new Incident.Place(rs.getString(5), rs.getString(6));
                    floors = (Integer) rs.getObject(7);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("incident context unavailable: " + e.getMessage(), e);
        }
        List<Incident.Nearby> nearby = a.lon() == null || a.lat() == null ? List.of()
                : geo.nearestOfEach(a.lon(), a.lat(), Set.copyOf(Incident.SAFETY_CATEGORIES), perCategory, RADIUS_M)
                        .stream().map(f -> new Incident.Nearby(f.code(), f.name(), f.category(), f.distanceMetres(),
                                f.lon(), f.lat())).toList();
        return new Incident(community, compound, building, floors, a.floor(), nearby);
    }
}
