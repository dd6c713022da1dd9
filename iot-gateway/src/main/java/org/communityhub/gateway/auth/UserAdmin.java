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
        if (username == null || !username.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IllegalArgumentException("username must be 1–64 of A-Z a-z 0-9 _ . @ -");
        }
        if (password == null || password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD + " characters");
        }
        if (role != Role.ADMIN && (community == null || community.isEmpty())) {
            throw new IllegalArgumentException("a " + role.code() + " user needs --community (admins see all)");
        }
        String scope = role == Role.ADMIN ? null : community;
        store.upsert(username, hasher.hash(password), role, scope);
        store.audit(actor, "user.save", "user", username, scope, "role " + role.code(), remote);
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
