package org.communityhub.gateway.auth;

/**
 * Who is calling, from a verified token.
 *
 * @param community the user's community, or null for an admin or a subdistrict-wide dispatcher (all communities)
 */
public record Principal(String username, Role role, String community) {

    /** Matches no community: the scope of a non-admin without a community (which the user store refuses). */
    static final String NO_COMMUNITY = "";

    /** The community filter for this caller's queries: null means every community (admins only). */
    public String scope() {
        if (allCommunities()) {
            return null;
        }
        return community == null ? NO_COMMUNITY : community;
    }

    /** Whether an object of {@code objectCommunity} is visible to this caller. */
    public boolean sees(String objectCommunity) {
        return allCommunities() || (community != null && community.equals(objectCommunity));
    }

    /** Admins, and dispatchers created without a community (the whole subdistrict, 街道管理运营中心). */
    public boolean allCommunities() {
        return role == Role.ADMIN || role == Role.DISPATCHER && community == null;
    }
}
