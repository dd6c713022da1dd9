package org.communityhub.geo.port;

/**
 * Where a WGS-84 point lies; each level is null when the point is outside all of that layer. The
 * levels agree: the compound is the building's compound when there is a building, and so on up; the
 * grid (网格) is one of the community's grids.
 */
public record Location(Named community, Named compound, Named building, Named grid) {
}
