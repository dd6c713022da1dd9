package org.communityhub.gateway.auth;

import java.util.List;

/**
 * Creating, changing and removing logins, for the CLI ({@code ./hub user add}) and the admin API.
 * Validates names and passwords, hashes with {@link PasswordHasher}, audits every change.
 * Blocking; thread-safe.
 */
public final class UserAdmin {

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD = 10;

    private final UserStore store;
    private final PasswordHasher hasher;

    public UserAdmin(UserStore store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    /**
     * Creates or updates a login.
     *
     * @throws IllegalArgumentException naming what is wrong (name, password, role/community)
     */
    public void save(String username, char[] password, Role role, String community, String actor, String remote) {
        save(username, password, role, community, List.of(), actor, remote);
    }

    /**
     * Creates or updates a login with its grids (CONTRACT §6): a grid worker needs one or more existing grids, all
     * of one community, which becomes the login's community ({@code community}, when given, must be that one); a
     * dispatcher without a community works for the whole subdistrict; no other role takes grids.
     *
     * @throws IllegalArgumentException naming what is wrong (name, password, role/community/grid)
     */
    public void save(String username, char[] password, Role role, String community, List<String> grids, String actor,
                     String remote) {
        if (username == null || !username.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IllegalArgumentException("username must be 1–64 of A-Z a-z 0-9 _ . @ -");
        }
        if (password == null || password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD + " characters");
        }
        List<String> gridCodes = List.copyOf(new java.util.TreeSet<>(grids));
        String scope = role == Role.GRID_WORKER ? gridCommunity(gridCodes, community)
                : role == Role.ADMIN || role == Role.DISPATCHER && (community == null || community.isEmpty()) ? null
                : community;
        if (role != Role.GRID_WORKER && !gridCodes.isEmpty()) {
            throw new IllegalArgumentException("only a grid_worker user takes --grid");
        }
        if (role != Role.ADMIN && role != Role.DISPATCHER && (scope == null || scope.isEmpty())) {
            throw new IllegalArgumentException("a " + role.code() + " user needs --community (admins see all)");
        }
        store.upsert(username, hasher.hash(password), role, scope, gridCodes);
        store.audit(actor, "user.save", "user", username, scope, "role " + role.code()
                + (gridCodes.isEmpty() ? "" : ", grids " + String.join(",", gridCodes)), remote);
    }

    /** The grids' one community; refuses none, unknown grids, grids of several communities, or another community. */
    private String gridCommunity(List<String> grids, String community) {
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("a grid_worker user needs --grid CODE (one or more)");
        }
        java.util.Map<String, String> found = store.gridCommunities(grids);
        for (String g : grids) {
            if (!found.containsKey(g)) {
                throw new IllegalArgumentException("grid '" + g + "' does not exist (import it first)");
            }
        }
        java.util.Set<String> communities = new java.util.TreeSet<>(found.values());
        if (communities.size() > 1) {
            throw new IllegalArgumentException("the grids belong to several communities (" + String.join(", ", communities)
                    + "); a grid worker's grids are of one community");
        }
        String of = communities.iterator().next();
        if (community != null && !community.isEmpty() && !community.equals(of)) {
            throw new IllegalArgumentException("the grids belong to community '" + of + "', not '" + community + "'");
        }
        return of;
    }

    public java.util.Optional<StoredUser> find(String username) {
        return store.find(username);
    }

    /** The grids of a login (a grid worker's), sorted. */
    public List<String> grids(String username) {
        return store.grids(username);
    }

    public boolean delete(String username, String actor, String remote) {
        boolean deleted = store.delete(username);
        if (deleted) {
            store.audit(actor, "user.delete", "user", username, null, null, remote);
        }
        return deleted;
    }

    public List<StoredUser> list() {
        return store.list();
    }
}
