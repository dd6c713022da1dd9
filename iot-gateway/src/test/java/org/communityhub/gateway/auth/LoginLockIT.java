package org.communityhub.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.config.ManualClock;
import org.communityhub.gateway.postgis.PostgisUserStore;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Account locks on the real user store, driven by a clock the test moves (issue 14 #7): ten wrong
 * passwords within the window lock the account for 15 minutes; after that it opens again and the
 * count starts afresh, so one wrong password now and then never keeps it locked.
 */
class LoginLockIT {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String ADDRESS = "198.51.100.7";

    private TestDatabase db;
    private PostgisUserStore store;
    private ManualClock clock;
    private LoginService logins;

    @BeforeEach
    void start() {
        db = TestDatabase.create(HubApplication.MIGRATIONS);
        store = new PostgisUserStore(db.database().dataSource());
        PasswordHasher hasher = new PasswordHasher(1000);
        new UserAdmin(store, hasher).save("admin", PASSWORD.toCharArray(), Role.ADMIN, null, "it", null);
        clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        TokenCodec tokens = new TokenCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
                Duration.ofHours(8), clock);
        logins = new LoginService(store, hasher, tokens, new LoginThrottle(20, Duration.ofMinutes(5), clock),
                new LoginThrottle(300, Duration.ofMinutes(5), clock), clock);
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void tenFailuresLockTheAccountAndTheLockEndsAfterFifteenMinutes() throws Exception {
        for (int i = 0; i < LoginService.LOCK_AFTER; i++) {
            assertThat(wrong()).isInstanceOf(LoginResult.Failure.class);
        }
        assertThat(right()).as("locked, even with the right password").isInstanceOf(LoginResult.Throttled.class);

        clock.advance(LoginService.LOCK_FOR.plusSeconds(1));
        assertThat(wrong()).as("the first failure after the lock ended").isInstanceOf(LoginResult.Failure.class);
        assertThat(state()).as("failures and lock after the lock ended").containsExactly(1, null);
        assertThat(right()).isInstanceOf(LoginResult.Success.class);
        assertThat(state()).containsExactly(0, null);
    }

    @Test
    void oneWrongPasswordEveryFifteenMinutesNeverLocksTheAccount() throws Exception {
        for (int round = 0; round < 3 * LoginService.LOCK_AFTER; round++) {
            assertThat(wrong()).as("failure in round " + round).isInstanceOf(LoginResult.Failure.class);
            assertThat(state()).as("round " + round).containsExactly(1, null);
            clock.advance(LoginService.FAILURE_WINDOW);
        }
        assertThat(right()).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() throws Exception {
        for (int i = 0; i < LoginService.LOCK_AFTER - 1; i++) {
            assertThat(wrong()).isInstanceOf(LoginResult.Failure.class);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(LoginService.FAILURE_WINDOW);
        assertThat(wrong()).as("the tenth failure, but the first nine are old").isInstanceOf(LoginResult.Failure.class);
        assertThat(state()).containsExactly(1, null);
        assertThat(right()).isInstanceOf(LoginResult.Success.class);
    }

    private LoginResult wrong() {
        return logins.login("admin", "wrong-password".toCharArray(), ADDRESS);
    }

    private LoginResult right() {
        return logins.login("admin", PASSWORD.toCharArray(), ADDRESS);
    }

    /** failed_logins and locked_until (null when not locked) as stored. */
    private List<Object> state() throws Exception {
        try (var c = db.database().dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT failed_logins, locked_until FROM hub_user WHERE username = 'admin'")) {
            assertThat(rs.next()).isTrue();
            Timestamp locked = rs.getTimestamp(2);
            return java.util.Arrays.asList(rs.getInt(1), locked == null ? null : locked.toInstant());
        }
    }
}
