package org.communityhub.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a username and password and issues a token. Failed attempts are throttled per address
 * and lock the account after {@link #LOCK_AFTER} failures within {@link #FAILURE_WINDOW} for
 * {@link #LOCK_FOR}; when the lock ends (or the window passes) counting starts again, so a lock always
 * clears after {@link #LOCK_FOR}. An unknown user
 * costs the same hash as a known one, so timing does not reveal which names exist. Blocking
 * (a slow hash and a query): call off the event loop. Thread-safe.
 */
public final class LoginService {

    public static final int LOCK_AFTER = 10;
    public static final Duration LOCK_FOR = Duration.ofMinutes(15);
    /** Failures count towards a lock within this time of the first one. */
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenCodec tokens;
    private final LoginThrottle throttle;
    private final LoginThrottle addressThrottle;
    private final Clock clock;
    private final String dummyHash;

    /**
     * @param throttle        limits failures per (address, username)
     * @param addressThrottle limits failures per address over all usernames (credential stuffing); looser,
     *                        since many staff may share one address behind a NAT
     */
    public LoginService(UserStore users, PasswordHasher hasher, TokenCodec tokens, LoginThrottle throttle,
                        LoginThrottle addressThrottle, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.addressThrottle = addressThrottle;
        this.clock = clock;
        this.dummyHash = hasher.hash("not-a-password".toCharArray());
    }

    public LoginResult login(String username, char[] password, String address) {
        String key = address + "|" + username;
        if (throttle.blocked(key) || addressThrottle.blocked(address)) {
            return new LoginResult.Throttled();
        }
        Optional<StoredUser> user = users.find(username);
        if (user.isPresent() && user.get().lockedUntil() != null && user.get().lockedUntil().isAfter(clock.instant())) {
            throttle.failed(key);
            addressThrottle.failed(address);
            return new LoginResult.Throttled();
        }
        boolean ok = hasher.verify(password, user.map(StoredUser::passwordHash).orElse(dummyHash)) && user.isPresent();
        if (!ok) {
            throttle.failed(key);
            addressThrottle.failed(address);
            user.ifPresent(u -> users.recordFailure(u.username(), clock.instant(), LOCK_AFTER,
                    FAILURE_WINDOW, LOCK_FOR));
            return new LoginResult.Failure();
        }
        throttle.succeeded(key);
        if (user.get().failedLogins() > 0) {
            users.recordSuccess(username);
        }
        Principal p = user.get().principal();
        return new LoginResult.Success(tokens.issue(p, user.get().tokenVersion()), p);
    }
}
