package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.Incident;
import org.communityhub.gateway.alert.IncidentContextSource;

/** Incident context from the hierarchy and facility tables: two queries per alert. Thread-safe. */
public final class PostgisIncidentContext implements IncidentContextSource {

    private final DataSource dataSource;

    public PostgisIncidentContext(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Incident describe(Alert a, int perCategory) {
        try (Connection c = dataSource.getConnection()) {
            Incident.Place community = null;
            Incident.Place compound = null;
            Incident.Place building = null;
            Integer floors = null;
            try (PreparedStatement ps = c.prepareStatement(GatewaySql.INCIDENT_PLACES)) {
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
            }
            List<Incident.Nearby> nearby = new ArrayList<>();
            if (a.lon() != null && a.lat() != null) {
                try (PreparedStatement ps = c.prepareStatement(GatewaySql.INCIDENT_NEARBY)) {
                    ps.setArray(1, c.createArrayOf("text", Incident.SAFETY_CATEGORIES.toArray()));
                    ps.setDouble(2, a.lon());
                    ps.setDouble(3, a.lat());
                    ps.setInt(4, perCategory);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            nearby.add(new Incident.Nearby(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)));
                        }
                    }
                }
            }
            return new Incident(community, compound, building, floors, a.floor(), nearby);
        } catch (SQLException e) {
            throw new IllegalStateException("incident context unavailable: " + e.getMessage(), e);
        }
    }
}
