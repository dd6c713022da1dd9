package org.communityhub.gateway.cases;

/**
 * Where a case lies, resolved from its point (CONTRACT §5 locate): the community always (a point outside
 * every community is not taken), the compound, building and grid when the point is inside one.
 *
 * @param communityName the community's display name
 * @param gridName the grid's display name, or null with the grid
 */
public record Place(String community, String communityName, String compound, String building, String grid,
                   String gridName) {
}
