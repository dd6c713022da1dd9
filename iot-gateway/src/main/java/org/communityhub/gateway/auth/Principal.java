package org.communityhub.gateway.auth;

/**
 * Who is calling, from a verified token.
 *
 * @param community the user's community, or null for an admin (all communities)
 */
public record Principal(String username, Role role, String community) {

    /** The community filter for this caller's queries: null means every community. */
    public String scope() {
        return role == Role.ADMIN ? null : community;
    }

    /** Whether an object of {@code objectCommunity} is visible to this caller. */
    public boolean sees(String objectCommunity) {
        return role == Role.ADMIN || (community != null && community.equals(objectCommunity));
    }
}
