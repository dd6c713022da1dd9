package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.auth.TokenCodec;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.StreamClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens can be revoked (issue 14 #8): a login that is demoted, deleted or given a new password loses
 * its old tokens within the hub's access cache time (5 s) on every route, and its open streams are
 * closed with 1008; a stream whose token expires is closed too.
 */
class TokenRevocationIT {

    /** The access cache (5 s) plus the stream's check period (2 s), with room for a busy machine. */
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    private static String root;

    @BeforeAll
    static void start() throws Exception {
        root = hub.login("root", Role.ADMIN, null);
    }

    @Test
    void aDemotedAdminLosesAdminAccessWithTheOldToken() throws Exception {
        String boss = hub.login("boss", Role.ADMIN, null);
        assertThat(hub.get("/api/v1/admin/users", boss).statusCode()).isEqualTo(200);

        assertThat(hub.post("/api/v1/admin/users", root, new JsonObject().put("username", "boss")
                .put("password", "another-long-password").put("role", "security").put("community", "ita").encode())
                .statusCode()).isEqualTo(200);

        HubFixture.await(WITHIN, "the demoted admin's old token refused", () -> status("/api/v1/admin/users", boss) == 401);
        assertThat(status("/api/v1/alerts", boss)).as("the old token anywhere").isEqualTo(401);
        String body = hub.get("/api/v1/alerts", boss).body();
        assertThat(new JsonObject(body).getJsonObject("error").getString("code")).isEqualTo("unauthorized");
        String again = new JsonObject(hub.post("/api/v1/login", null, new JsonObject().put("username", "boss")
                .put("password", "another-long-password").encode()).body()).getString("token");
        assertThat(status("/api/v1/admin/users", again)).as("a new token of the security guard").isEqualTo(403);
        assertThat(status("/api/v1/alerts", again)).isEqualTo(200);
    }

    @Test
    void aDeletedUsersOpenStreamIsClosedAndTheTokenRefused() throws Exception {
        String gone = hub.login("leaver", Role.SECURITY, "ita");
        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), gone, -1)) {
            assertThat(hub.get("/api/v1/alerts", gone).statusCode()).isEqualTo(200);
            HubFixture.await(Duration.ofSeconds(10), "the stream to settle", () -> !stream.isClosed());

            assertThat(hub.delete("/api/v1/admin/users/leaver", root).statusCode()).isEqualTo(200);

            StreamClient.Closed closed = stream.awaitClose(WITHIN);
            assertThat(closed.code()).as("close code").isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("access revoked");
        }
        assertThat(status("/api/v1/alerts", gone)).isEqualTo(401);
        assertThat(StreamClient.upgradeStatus(hub.http(), hub.baseUrl(), gone)).as("a new stream").isEqualTo(401);
    }

    @Test
    void aStreamIsClosedWhenItsTokenExpires() throws Exception {
        hub.login("night-guard", Role.SECURITY, "ita");
        int version = ((Number) hub.column("SELECT token_version FROM hub_user WHERE username = 'night-guard'").get(0))
                .intValue();
        byte[] key = new InstallationSecrets(hub.dataSource()).getOrCreate(InstallationSecrets.TOKEN_KEY);
        String shortLived = new TokenCodec(key, Duration.ofSeconds(3), Clock.systemUTC())
                .issue(new Principal("night-guard", Role.SECURITY, "ita"), version);
        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), shortLived, -1)) {
            StreamClient.Closed closed = stream.awaitClose(WITHIN);
            assertThat(closed.code()).as("close code").isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("token expired");
        }
        assertThat(StreamClient.upgradeStatus(hub.http(), hub.baseUrl(), shortLived)).isEqualTo(401);
    }

    @Test
    void aNewPasswordRevokesTheOldTokens() throws Exception {
        String before = hub.login("rotating", Role.INSTALLER, "ita");
        assertThat(status("/api/v1/devices", before)).isEqualTo(200);
        assertThat(hub.post("/api/v1/admin/users", root, new JsonObject().put("username", "rotating")
                .put("password", "a-brand-new-password").put("role", "installer").put("community", "ita").encode())
                .statusCode()).isEqualTo(200);
        HubFixture.await(WITHIN, "the old token refused after a password change", () -> status("/api/v1/devices", before) == 401);
    }

    private static int status(String path, String token) {
        try {
            return hub.get(path, token).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
