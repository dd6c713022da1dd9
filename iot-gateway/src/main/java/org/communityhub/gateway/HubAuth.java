package org.communityhub.gateway;

import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.communityhub.gateway.auth.AccessCheck;
import org.communityhub.gateway.auth.LoginService;
import org.communityhub.gateway.auth.LoginThrottle;
import org.communityhub.gateway.auth.PasswordHasher;
import org.communityhub.gateway.auth.TokenCodec;
import org.communityhub.gateway.auth.UserAdmin;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.web.ApiSupport;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.postgis.PostgisUserStore;

/**
 * Wiring of the logins: the installation's token key, the user store, the access check that the HTTP
 * API and the stream share, login throttles (20 failures per login, 300 per address, per 5 minutes)
 * and user administration. Built once at start; reads the token key (one query, created on first
 * start). The parts are thread-safe.
 */
record HubAuth(ApiSupport api, LoginService logins, UserAdmin admin) {

    /** How long a login's role, community and token version are trusted before they are read again. */
    static final Duration AUTH_CACHE = Duration.ofSeconds(5);
    private static final Duration THROTTLE_WINDOW = Duration.ofMinutes(5);

    static HubAuth wire(HubConfig config, DataSource ds, WorkerExecutor workers, Clock clock) {
        TokenCodec tokens = new TokenCodec(new InstallationSecrets(ds).getOrCreate(InstallationSecrets.TOKEN_KEY),
                config.tokenLifetime(), clock);
        PostgisUserStore users = new PostgisUserStore(ds);
        PasswordHasher hasher = new PasswordHasher(config.passwordIterations());
        LoginService logins = new LoginService(users, hasher, tokens, new LoginThrottle(20, THROTTLE_WINDOW, clock),
                new LoginThrottle(300, THROTTLE_WINDOW, clock), clock);
        return new HubAuth(new ApiSupport(workers, tokens, new AccessCheck(users, AUTH_CACHE, clock)), logins,
                new UserAdmin(users, hasher));
    }
}
