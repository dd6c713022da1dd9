package org.communityhub.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.config.ManualClock;
import org.communityhub.gateway.postgis.PostgisUserStore;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-request revocation check on the real user store, with a clock the test moves: a change
 * of the login is seen once its cache entry is older than the cache time, one query serves a login
 * for that long, expired tokens are refused at once, and the cache stays bounded.
 */
class AccessCheckIT {

    private static final Duration CACHE = Duration.ofSeconds(5);

    private TestDatabase db;
    private PostgisUserStore store;
    private final AtomicInteger queries = new AtomicInteger();
    private ManualClock clock;
    private AccessCheck access;

    @BeforeEach
    void start() {
        db = TestDatabase.create(HubApplication.MIGRATIONS);
        store = new PostgisUserStore(db.database().dataSource());
        clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
        access = new AccessCheck(new Counting(), CACHE, clock);
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void aChangedLoginIsRefusedOnceItsEntryIsOlderThanTheCacheTime() {
        store.upsert("boss", "x", Role.ADMIN, null);
        Token token = token("boss", Role.ADMIN, 0);
        assertThat(access.current(token)).isTrue();
        assertThat(access.current(token)).isTrue();
        assertThat(queries.get()).as("queries for two checks within the cache time").isEqualTo(1);

        store.upsert("boss", "y", Role.ADMIN, null); // a new password: version 1
        assertThat(access.fromCache(token)).as("still cached").contains(true);
        clock.advance(CACHE);
        assertThat(access.fromCache(token)).as("stale").isEmpty();
        assertThat(access.current(token)).isFalse();
        assertThat(access.current(token("boss", Role.ADMIN, 1))).as("a token of the new version").isTrue();
        assertThat(access.current(token("boss", Role.SECURITY, 1))).as("another role than stored").isFalse();
    }

    @Test
    void aDeletedLoginAndAnExpiredTokenAreRefused() {
        store.upsert("leaver", "x", Role.ADMIN, null);
        Token token = token("leaver", Role.ADMIN, 0);
        assertThat(access.current(token)).isTrue();
        store.delete("leaver");
        clock.advance(CACHE);
        assertThat(access.current(token)).isFalse();

        store.upsert("nightly", "x", Role.ADMIN, null);
        Token expiring = new Token(new Principal("nightly", Role.ADMIN, null), 0, clock.instant().plusSeconds(1));
        assertThat(access.current(expiring)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(access.fromCache(expiring)).as("expired: no lookup needed").contains(false);
    }

    @Test
    void theCacheStaysBounded() {
        access.refresh(IntStream.range(0, AccessCheck.MAX_CACHED - 10).mapToObj(i -> "u" + i).toList());
        assertThat(access.cached()).isEqualTo(AccessCheck.MAX_CACHED - 10);
        access.refresh(IntStream.range(0, 20).mapToObj(i -> "v" + i).toList());
        assertThat(access.cached()).isLessThanOrEqualTo(AccessCheck.MAX_CACHED);
        clock.advance(CACHE);
        access.refresh(IntStream.range(0, 20).mapToObj(i -> "w" + i).toList());
        assertThat(access.cached()).isLessThanOrEqualTo(AccessCheck.MAX_CACHED);
        access.refresh(IntStream.range(0, AccessCheck.MAX_CACHED + 5).mapToObj(i -> "x" + i).toList());
        assertThat(access.cached()).as("after one refresh of more names than fit").isEqualTo(AccessCheck.MAX_CACHED);
        assertThat(queries.get()).isEqualTo(4);
    }

    private Token token(String user, Role role, int version) {
        return new Token(new Principal(user, role, null), version, clock.instant().plus(Duration.ofHours(8)));
    }

    /** The real store, counting the lookups the check makes. */
    private final class Counting implements UserStore {
        @Override
        public Optional<StoredUser> find(String username) {
            queries.incrementAndGet();
            return store.find(username);
        }

        @Override
        public Map<String, StoredUser> findAll(Collection<String> usernames) {
            queries.incrementAndGet();
            return store.findAll(usernames);
        }

        @Override
        public void upsert(String username, String passwordHash, Role role, String community) {
            store.upsert(username, passwordHash, role, community);
        }

        @Override
        public void upsert(String username, String passwordHash, Role role, String community, List<String> grids) {
            store.upsert(username, passwordHash, role, community, grids);
        }

        @Override
        public Map<String, String> gridCommunities(Collection<String> grids) {
            return store.gridCommunities(grids);
        }

        @Override
        public List<String> grids(String username) {
            return store.grids(username);
        }

        @Override
        public List<StoredUser> list() {
            return store.list();
        }

        @Override
        public boolean delete(String username) {
            return store.delete(username);
        }

        @Override
        public void recordFailure(String username, Instant at, int lockAfter, Duration window, Duration lockFor) {
            store.recordFailure(username, at, lockAfter, window, lockFor);
        }

        @Override
        public void recordSuccess(String username) {
            store.recordSuccess(username);
        }

        @Override
        public void audit(String actor, String action, String objectType, String objectId, String community,
                          String detail, String remote) {
            store.audit(actor, action, objectType, objectId, community, detail, remote);
        }
    }
}
