package org.communityhub.gateway.cases;

import java.util.Optional;

/** Port: the place of a WGS-84 point, or empty outside every community. Blocking; thread-safe. */
@FunctionalInterface
public interface PlaceLocator {

    Optional<Place> locate(double lon, double lat);
}
