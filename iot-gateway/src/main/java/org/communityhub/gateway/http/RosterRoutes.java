package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.gateway.alert.Severity;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.responders.NewRosterEntry;
import org.communityhub.gateway.responders.RosterEntry;
import org.communityhub.gateway.responders.RosterStore;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiJson;
import org.communityhub.gateway.web.ApiSupport;

/**
 * The duty roster (issue 17; CONTRACT §6: admins manage it): {@code GET/POST /api/v1/admin/roster},
 * {@code DELETE /api/v1/admin/roster/{id}}, {@code PUT /api/v1/admin/users/{username}/phone} (the staff phone
 * number the robots mention; admin only, shown only in the admin's roster listing), and for the console
 * {@code GET /api/v1/roster/now[?community=]} (security, dispatcher, admin; in scope, else 404): who is on duty now
 * at each tier, without phone numbers. Bad input is a 400 naming the field. Database work on the worker pool.
 */
final class RosterRoutes {

    private final ApiSupport api;
    private final RosterStore roster;

    RosterRoutes(ApiSupport api, RosterStore roster) {
        this.api = api;
        this.roster = roster;
    }

    void mount(Router router) {
        router.get("/api/v1/admin/roster").handler(api::authenticate).handler(this::list);
        router.post("/api/v1/admin/roster").handler(api::authenticate).handler(this::create);
        router.delete("/api/v1/admin/roster/:id").handler(api::authenticate).handler(this::delete);
        router.put("/api/v1/admin/users/:username/phone").handler(api::authenticate).handler(this::phone);
        router.get("/api/v1/roster/now").handler(api::authenticate).handler(this::now);
    }

    private void list(RoutingContext ctx) {
        ApiSupport.require(ctx, Role.ADMIN);
        String community = community(ctx.request().getParam("community"));
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            roster.list(community).forEach(e -> out.add(json(e).put("phone", e.phone())));
            return new JsonObject().put("entries", out);
        });
    }

    private void create(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        NewRosterEntry entry = parse(ApiSupport.body(ctx));
        String remote = ApiSupport.remote(ctx);
        api.blocking(() -> {
            try {
                return roster.create(entry, admin.username(), remote);
            } catch (IllegalArgumentException e) {
                throw ChannelRoutes.ChannelForm.named(e);
            }
        }).onSuccess(e -> ApiSupport.json(ctx, 201, json(e).put("phone", e.phone())))
                .onFailure(e -> ApiSupport.fail(ctx, e));
    }

    private void delete(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        long id = ApiSupport.longPath(ctx, "id");
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            if (!roster.delete(id, admin.username(), remote)) {
                throw ApiError.notFound("roster entry " + id);
            }
            return new JsonObject().put("id", id).put("deleted", true);
        });
    }

    private void phone(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        String username = ctx.pathParam("username");
        JsonObject body = ApiSupport.body(ctx);
        Object v = body.getValue("phone");
        if (!body.containsKey("phone") || v != null && !(v instanceof String)) {
            throw ApiError.badParameter("phone", "must be a phone number (digits, an optional leading +) or null");
        }
        String phone = v == null || ((String) v).isBlank() ? null : ((String) v).replaceAll("[\\s-]", "");
        if (phone != null && !phone.matches(NewRosterEntry.PHONE)) {
            throw ApiError.badParameter("phone", "digits only (6–20, an optional leading +), e.g. 13800138000");
        }
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            if (!roster.setPhone(username, phone, admin.username(), remote)) {
                throw ApiError.notFound("user '" + username + "'");
            }
            return new JsonObject().put("username", username).put("phone", phone);
        });
    }

    private void now(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.SECURITY, Role.DISPATCHER, Role.ADMIN);
        String requested = ctx.request().getParam("community");
        String community = ApiSupport.scope(p, requested);
        if (community == null || community.isEmpty()) {
            throw ApiError.badParameter("community", "required: the community whose duty roster to show");
        }
        api.respond(ctx, () -> {
            List<RosterEntry> on = roster.onDutyNow(community);
            JsonArray tiers = new JsonArray();
            for (int tier = 1; tier <= 3; tier++) {
                JsonArray people = new JsonArray();
                for (RosterEntry e : on) {
                    if (e.tier() == tier) {
                        people.add(new JsonObject().put("user", e.username()).put("start", time(e.start()))
                                .put("end", time(e.end())).put("entry", e.id()).put("note", e.note()));
                    }
                }
                tiers.add(new JsonObject().put("tier", tier).put("on_duty", people));
            }
            return new JsonObject().put("community", community).put("tiers", tiers);
        });
    }

    /** An entry as the API shows it, without the phone number (added for admins only). */
    static JsonObject json(RosterEntry e) {
        return new JsonObject().put("id", e.id()).put("user", e.username()).put("community", e.community())
                .put("tier", e.tier()).put("days", new JsonArray(e.days())).put("start", time(e.start()))
                .put("end", time(e.end())).put("overnight", !e.end().isAfter(e.start()))
                .put("from", e.from() == null ? null : e.from().toString())
                .put("until", e.until() == null ? null : e.until().toString())
                .put("min_severity", e.minSeverity().code()).put("note", e.note()).put("created_by", e.createdBy())
                .put("created_at", ApiJson.text(e.createdAt()));
    }

    private static String time(LocalTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    private static String community(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!v.matches("[a-z0-9-]{1,64}")) {
            throw ApiError.badParameter("community", "must be a community code");
        }
        return v;
    }

    /** Reads and checks the body of {@code POST /api/v1/admin/roster}. */
    static NewRosterEntry parse(JsonObject b) {
        Object tier = b.getValue("tier");
        if (tier != null && !(tier instanceof Integer)) {
            throw ApiError.badParameter("tier", "must be 1, 2 or 3");
        }
        String severity = string(b, "min_severity");
        Severity min = severity == null ? null : Severity.fromCode(severity).orElseThrow(() ->
                ApiError.badParameter("min_severity", "must be critical, high, medium or low"));
        try {
            return new NewRosterEntry(string(b, "user"), string(b, "community"), tier == null ? 1 : (Integer) tier,
                    days(b), time(b, "start"), time(b, "end"), date(b, "from"), date(b, "until"), min,
                    string(b, "note"));
        } catch (IllegalArgumentException e) {
            throw ChannelRoutes.ChannelForm.named(e);
        }
    }

    /** {@code days}: an array of ISO weekdays; absent: every day. */
    private static List<Integer> days(JsonObject b) {
        Object v = b.getValue("days");
        if (v == null) {
            return List.of(1, 2, 3, 4, 5, 6, 7);
        }
        if (!(v instanceof JsonArray a) || !a.stream().allMatch(d -> d instanceof Integer)) {
            throw ApiError.badParameter("days", "must be an array of weekdays 1–7 (1 = Monday)");
        }
        List<Integer> out = new ArrayList<>();
        a.forEach(d -> out.add((Integer) d));
        return out;
    }

    /** A time of day {@code HH:MM}; {@code 24:00} is midnight at the end of the day. */
    private static LocalTime time(JsonObject b, String field) {
        String v = string(b, field);
        if (v == null || !v.matches("([01][0-9]|2[0-3]):[0-5][0-9]|24:00")) {
            throw ApiError.badParameter(field, "must be a time of day HH:MM (China Standard Time), e.g. 08:00");
        }
        return "24:00".equals(v) ? LocalTime.MIDNIGHT : LocalTime.parse(v);
    }

    private static LocalDate date(JsonObject b, String field) {
        String v = string(b, field);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiError.badParameter(field, "must be a date YYYY-MM-DD");
        }
    }

    private static String string(JsonObject b, String field) {
        Object v = b.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw ApiError.badParameter(field, "must be a string");
        }
        return (String) v;
    }
}
