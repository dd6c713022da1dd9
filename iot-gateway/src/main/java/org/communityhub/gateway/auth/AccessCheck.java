package org.communityhub.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a signed token still stands for its login as stored now: the login exists, has the token's
 * role and community, and its token version is the token's (a change of role, community or password
 * bumps it; a deleted login has none), and the token has not expired. So an admin's change revokes
 * a login's tokens within {@link #cacheFor()}.
 *
 * <p>What the store says about a login is cached for {@code cacheFor} (a few seconds), so a busy
 * user costs one query per that time, not one per request. {@link #fromCache} answers from the cache
 * only (O(1), never blocks: safe on an event loop); {@link #current} and {@link #refresh} query the
 * store on a miss (blocking: call them off the event loop). The cache holds at most
 * {@link #MAX_CACHED} logins: past that, stale entries are dropped, and if that is not enough, all.
 * Thread-safe.
 */
public final class AccessCheck {

    static final int MAX_CACHED = 10_000;

    /** What the store said about a login at {@code at}; {@code exists} false when there is no such login. */
    private record Snapshot(Role role, String community, int version, boolean exists, Instant at) {
    }

    private final UserStore users;
    private final Duration cacheFor;
    private final Clock clock;
    private final ConcurrentHashMap<String, Snapshot> cache = new ConcurrentHashMap<>();

    public AccessCheck(UserStore users, Duration cacheFor, Clock clock) {
        this.users = users;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** The hub's clock (token expiry, cache ages; the web adapters' "now"). */
    public Clock clock() {
        return clock;
    }

    public Duration cacheFor() {
        return cacheFor;
    }

    /** The verdict on {@code token} from the cache, or empty when the login's entry is missing or stale. */
    public Optional<Boolean> fromCache(Token token) {
        Instant now = clock.instant();
        if (token.expiredAt(now)) {
            return Optional.of(false);
        }
        Snapshot s = cache.get(token.username());
        if (s == null || !fresh(s, now)) {
            return Optional.empty();
        }
        return Optional.of(matches(s, token));
    }

    /** The verdict on {@code token}, querying the store when the cache has nothing fresh. Blocking. */
    public boolean current(Token token) {
        Optional<Boolean> cached = fromCache(token);
        if (cached.isPresent()) {
            return cached.get();
        }
        refresh(Set.of(token.username()));
        return fromCache(token).orElse(false);
    }

    /** Loads the logins of {@code usernames} whose entries are missing or stale, in one query. Blocking. */
    public void refresh(Collection<String> usernames) {
        Instant now = clock.instant();
        Set<String> stale = new HashSet<>();
        for (String u : usernames) {
            Snapshot s = cache.get(u);
            if (s == null || !fresh(s, now)) {
                stale.add(u);
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        Map<String, StoredUser> found = users.findAll(stale);
        if (cache.size() + stale.size() > MAX_CACHED) {
            cache.values().removeIf(s -> !fresh(s, now));
            if (cache.size() + stale.size() > MAX_CACHED) {
                cache.clear();
            }
        }
        for (String u : stale) {
            if (cache.size() >= MAX_CACHED) {
                break; // the rest stay unknown: asked again next time
            }
            StoredUser user = found.get(u);
            cache.put(u, user == null ? new Snapshot(null, null, -1, false, now)
                    : new Snapshot(user.role(), user.community(), user.tokenVersion(), true, now));
        }
    }

    /** Entries cached now (a momentary reading). */
    int cached() {
        return cache.size();
    }

    private boolean fresh(Snapshot s, Instant now) {
        return s.at().plus(cacheFor).isAfter(now) && !s.at().isAfter(now);
    }

    private static boolean matches(Snapshot s, Token token) {
        Principal p = token.principal();
        return s.exists() && s.version() == token.version() && s.role() == p.role()
                && Objects.equals(s.community(), p.community());
    }
}
