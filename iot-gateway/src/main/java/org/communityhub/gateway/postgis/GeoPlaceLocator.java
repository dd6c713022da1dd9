package org.communityhub.gateway.postgis;

import java.util.Optional;
import org.communityhub.gateway.cases.Place;
import org.communityhub.gateway.cases.PlaceLocator;
import org.communityhub.geo.port.GeoQueries;
import org.communityhub.geo.port.Location;

/** {@link PlaceLocator} on the geo service's locate (CONTRACT §5): one indexed query. Thread-safe. */
public final class GeoPlaceLocator implements PlaceLocator {

    private final GeoQueries geo;

    public GeoPlaceLocator(GeoQueries geo) {
        this.geo = geo;
    }

    @Override
    public Optional<Place> locate(double lon, double lat) {
        Location l = geo.locate(lon, lat);
        if (l.community() == null) {
            return Optional.empty();
        }
        return Optional.of(new Place(l.community().code(), l.community().name(),
                l.compound() == null ? null : l.compound().code(), l.building() == null ? null : l.building().code(),
                l.grid() == null ? null : l.grid().code(), l.grid() == null ? null : l.grid().name()));
    }
}
