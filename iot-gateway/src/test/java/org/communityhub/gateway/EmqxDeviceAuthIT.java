package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.EmqxChecks;
import org.communityhub.gateway.testing.EmqxChecks.Login;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.PrivateServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Device logins for EMQX (issue 19, item 1; docs/emqx.md): the authenticator's and authorizer's queries, read from
 * the documented configuration, run as EMQX runs them against the real PostgreSQL, as a role granted only SELECT on
 * the two views, with the fixture's real devices, logins issued, rotated and retired through the hub's API, and
 * passwords checked by an independent PBKDF2 ({@link EmqxChecks}).
 */
class EmqxDeviceAuthIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    private static final String ROLE = "emqx_it_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ROLE_PASSWORD = UUID.randomUUID().toString();
    private static EmqxChecks emqx;

    @BeforeAll
    static void emqxRole() throws Exception {
        emqx = EmqxChecks.fromDocs();
        PrivateServices.superuserSql("postgres", "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
        try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("GRANT SELECT ON emqx_device_login, emqx_device_acl TO " + ROLE); // as docs/emqx.md, section 1
        }
    }

    @AfterAll
    static void dropRole() throws Exception {
        try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("REVOKE ALL ON emqx_device_login, emqx_device_acl FROM " + ROLE);
        }
        PrivateServices.superuserSql("postgres", "DROP ROLE " + ROLE);
    }

    /** A connection as EMQX's own database login. */
    private static Connection asEmqx() throws Exception {
        return DriverManager.getConnection(hub.config().dbUrl(), ROLE, ROLE_PASSWORD);
    }

    @Test
    void theDocumentedQueriesAcceptOnlyTheRightPasswordAndOnlyTheDevicesOwnTopics() throws Exception {
        assertThat(emqx.noMatch()).as("documented no_match").isEqualTo("deny");
        String installer = hub.login("installer-emqx", Role.INSTALLER, "ita");
        String admin = hub.login("admin-emqx", Role.ADMIN, null);
        String gate = password(installer, "ita-gate-1", false);
        String button = password(installer, "ita-fb-1", false);
        String otherCommunity = password(admin, "itb-gate-1", false);
        try (Connection c = asEmqx()) {
            assertThat(hub.column("SELECT DISTINCT iterations || ':' || mac_fun || ':' || dk_length FROM emqx_device_login"))
                    .as("what the view says is what the configuration names")
                    .containsExactly(emqx.iterations() + ":" + emqx.macFun() + ":" + emqx.dkLength());
            assertThat(emqx.login(c, "ita-gate-1", "ita-gate-1", gate)).isEqualTo(Login.ACCEPTED);
            assertThat(emqx.login(c, "ita-gate-1", "any-client-id", gate)).isEqualTo(Login.ACCEPTED);
            assertThat(emqx.login(c, "itb-gate-1", "itb-gate-1", otherCommunity)).isEqualTo(Login.ACCEPTED);
            assertThat(emqx.login(c, "ita-gate-1", "ita-gate-1", gate + "x")).isEqualTo(Login.WRONG_PASSWORD);
            assertThat(emqx.login(c, "ita-gate-1", "ita-gate-1", button)).as("another device's password")
                    .isEqualTo(Login.WRONG_PASSWORD);
            assertThat(emqx.login(c, "ita-gate-9", "ita-gate-9", gate)).as("no such device").isEqualTo(Login.NO_ROW);
            assertThat(emqx.login(c, "ita-gate-1' OR '1'='1", "x", gate)).as("a placeholder is a parameter")
                    .isEqualTo(Login.NO_ROW);

            String own = "hub/v1/ita/gate/ita-gate-1/";
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "publish", own + "event")).isTrue();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "publish", own + "status")).isTrue();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "subscribe", own + "event")).as("no reading").isFalse();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "subscribe", "hub/v1/#")).isFalse();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "publish", own + "command")).isFalse();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "publish", "hub/v1/ita/fire_button/ita-fb-1/event"))
                    .as("another device's topic").isFalse();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "publish", "hub/v1/ita/fire_button/ita-gate-1/event"))
                    .as("the alarm lane under its own code").isFalse();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "publish", "hub/v1/itb/gate/ita-gate-1/event"))
                    .as("under another community").isFalse();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "publish", "hub/v1/itb/gate/itb-gate-1/event"))
                    .as("another community's device").isFalse();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "publish", "hub/internal/x")).isFalse();
            assertThat(emqx.allows(c, "ita-gate-1", "ita-gate-1", "subscribe", "$SYS/brokers")).as("no_match").isFalse();
            assertThat(emqx.allows(c, "itb-gate-1", "itb-gate-1", "publish", "hub/v1/itb/gate/itb-gate-1/event")).isTrue();

            // Rotation: the new password works, the old one no longer.
            String rotated = password(installer, "ita-gate-1", true);
            assertThat(rotated).isNotEqualTo(gate);
            assertThat(emqx.login(c, "ita-gate-1", "ita-gate-1", rotated)).isEqualTo(Login.ACCEPTED);
            assertThat(emqx.login(c, "ita-gate-1", "ita-gate-1", gate)).isEqualTo(Login.WRONG_PASSWORD);

            // Retirement: no login, and nothing allowed any more.
            HttpResponse<String> r = hub.http().send(HttpRequest.newBuilder(hub.uri("/api/v1/devices/ita-fb-1"))
                    .header("Authorization", "Bearer " + installer).header("content-type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(new JsonObject().put("install_state", "retired")
                            .encode())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(emqx.login(c, "ita-fb-1", "ita-fb-1", button)).as("a retired device").isEqualTo(Login.NO_ROW);
            assertThat(emqx.allows(c, "ita-fb-1", "ita-fb-1", "publish", "hub/v1/ita/fire_button/ita-fb-1/event")).isFalse();
        }
    }

    @Test
    void aLoginHashedBeforeTheEmqxFormGetsItAtTheNextStartWithTheSamePassword() throws Exception {
        String admin = hub.login("admin-emqx-upgrade", Role.ADMIN, null);
        String camera = password(admin, "itb-cam-1", false);
        try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
            // As a login issued before V310: only Mosquitto's hash.
            s.executeUpdate("UPDATE device_credential SET emqx_password_hash = NULL, emqx_salt = NULL, emqx_iterations = NULL"
                    + " WHERE device_code = 'itb-cam-1'");
        }
        try (Connection c = asEmqx()) {
            assertThat(emqx.login(c, "itb-cam-1", "itb-cam-1", camera)).isEqualTo(Login.NO_ROW);
        }
        hub.restart();
        try (Connection c = asEmqx()) {
            assertThat(emqx.login(c, "itb-cam-1", "itb-cam-1", camera)).isEqualTo(Login.ACCEPTED);
        }
    }

    private static String password(String token, String code, boolean rotate) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/devices/" + code + "/credentials" + (rotate ? "?rotate=true" : ""),
                token, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("password");
    }
}
