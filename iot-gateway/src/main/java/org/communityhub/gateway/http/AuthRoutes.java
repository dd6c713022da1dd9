package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.communityhub.gateway.auth.LoginResult;
import org.communityhub.gateway.auth.LoginService;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.auth.UserAdmin;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;

/**
 * {@code POST /api/v1/login} and the admin's user API ({@code /api/v1/admin/users}). Role and
 * community come only from the admin's request to this API; any such field elsewhere is ignored.
 */
final class AuthRoutes {

    private final ApiSupport api;
    private final LoginService logins;
    private final UserAdmin users;

    AuthRoutes(ApiSupport api, LoginService logins, UserAdmin users) {
        this.api = api;
        this.logins = logins;
        this.users = users;
    }

    void mount(Router router) {
        router.post("/api/v1/login").handler(this::login);
        router.get("/api/v1/admin/users").handler(api::authenticate).handler(this::listUsers);
        router.post("/api/v1/admin/users").handler(api::authenticate).handler(this::saveUser);
        router.delete("/api/v1/admin/users/:username").handler(api::authenticate).handler(this::deleteUser);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = ApiSupport.body(ctx);
        String username = stringField(body, "username");
        String password = stringField(body, "password");
        String remote = ApiSupport.remote(ctx);
        api.blocking(() -> logins.login(username, password.toCharArray(), remote)).onSuccess(r -> {
            if (r instanceof LoginResult.Success s) {
                Principal p = s.principal();
                ApiSupport.json(ctx, 200, new JsonObject().put("token", s.token()).put("user", new JsonObject()
                        .put("username", p.username()).put("role", p.role().code()).put("community", p.community())));
            } else if (r instanceof LoginResult.Throttled) {
                ctx.response().putHeader("Retry-After", "900");
                ApiSupport.error(ctx, 429, "too_many_attempts", "too many failed logins; try again later");
            } else {
                ApiSupport.error(ctx, 401, "bad_credentials", "wrong username or password");
            }
        }).onFailure(e -> ApiSupport.fail(ctx, e));
    }

    private void listUsers(RoutingContext ctx) {
        ApiSupport.require(ctx, Role.ADMIN);
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            users.list().forEach(u -> out.add(new JsonObject().put("username", u.username())
                    .put("role", u.role().code()).put("community", u.community())
                    .put("grids", new JsonArray(u.role() == Role.GRID_WORKER ? users.grids(u.username()) : List.of()))
                    .put("locked", u.lockedUntil() != null && u.lockedUntil().isAfter(api.clock().instant()))));
            return new JsonObject().put("users", out);
        });
    }

    private void saveUser(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        JsonObject body = ApiSupport.body(ctx);
        String username = stringField(body, "username");
        String password = stringField(body, "password");
        Role role = Role.fromCode(stringField(body, "role"))
                .orElseThrow(() -> ApiError.badParameter("role",
                        "must be security, installer, admin, dispatcher or grid_worker"));
        Object community = body.getValue("community");
        if (community != null && !(community instanceof String)) {
            throw ApiError.badParameter("community", "must be a community code");
        }
        List<String> grids = grids(body);
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            users.save(username, password.toCharArray(), role, (String) community, grids, admin.username(), remote);
            String saved = users.find(username).map(u -> u.community()).orElse(null);
            return new JsonObject().put("username", username).put("role", role.code()).put("community", saved)
                    .put("grids", new JsonArray(users.grids(username)));
        });
    }

    /** The optional {@code grids} array of grid codes (grid workers). */
    private static List<String> grids(JsonObject body) {
        Object v = body.getValue("grids");
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray a) || a.size() > 100
                || !a.stream().allMatch(g -> g instanceof String s && s.matches("[a-z0-9-]{1,64}"))) {
            throw ApiError.badParameter("grids", "must be an array of grid codes");
        }
        return a.stream().map(String.class::cast).toList();
    }

    private void deleteUser(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        String username = ctx.pathParam("username");
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            if (!users.delete(username, admin.username(), remote)) {
                throw ApiError.notFound("user '" + username + "'");
            }
            return new JsonObject().put("deleted", username);
        });
    }

    private static String stringField(JsonObject body, String name) {
        Object v = body.getValue(name);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw ApiError.badParameter(name, "must be a non-empty string");
        }
        if (s.length() > 256) {
            throw ApiError.badParameter(name, "is too long");
        }
        return s;
    }
}
