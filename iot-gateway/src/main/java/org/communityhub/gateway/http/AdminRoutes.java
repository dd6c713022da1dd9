package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.communityhub.gateway.audit.AuditLog;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.privacy.PersonData;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiJson;
import org.communityhub.gateway.web.ApiSupport;

/**
 * Admin only: the audit log ({@code GET /api/v1/admin/audit[?object_type&object_id&limit]}) and
 * PIPL requests about one person reference: export everything stored
 * ({@code GET /api/v1/admin/persons/{ref}}: the events naming it and every other record quoting it)
 * and erase it ({@code DELETE …}), each audited under the person's pseudonym, never the reference.
 */
final class AdminRoutes {

    private final ApiSupport api;
    private final AuditLog audit;
    private final PersonData persons;

    AdminRoutes(ApiSupport api, AuditLog audit, PersonData persons) {
        this.api = api;
        this.audit = audit;
        this.persons = persons;
    }

    void mount(Router router) {
        router.get("/api/v1/admin/audit").handler(api::authenticate).handler(this::audit);
        router.get("/api/v1/admin/persons/:ref").handler(api::authenticate).handler(this::export);
        router.delete("/api/v1/admin/persons/:ref").handler(api::authenticate).handler(this::erase);
    }

    private void audit(RoutingContext ctx) {
        ApiSupport.require(ctx, Role.ADMIN);
        String type = ctx.request().getParam("object_type");
        String id = ctx.request().getParam("object_id");
        int limit = ApiSupport.intParam(ctx, "limit", 200, 1, 5000);
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            // Person entries are filed under the pseudonym: asking by the reference finds them.
            String objectId = "person".equals(type) && PersonData.isReference(id) && !id.startsWith("person-")
                    ? persons.pseudonym(id) : id;
            audit.list(type, objectId, limit).forEach(e -> out.add(new JsonObject().put("id", e.id())
                    .put("at", e.at().toString()).put("actor", e.actor()).put("action", e.action())
                    .put("object_type", e.objectType()).put("object_id", e.objectId()).put("community", e.community())
                    .put("detail", e.detail()).put("remote", e.remote())));
            return new JsonObject().put("entries", out);
        });
    }

    private void export(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        String ref = reference(ctx);
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            var events = persons.export(ref);
            var mentions = persons.mentions(ref);
            audit.append(admin.username(), "person.export", "person", persons.pseudonym(ref), null,
                    events.size() + " events, " + mentions.size() + " other records", remote);
            JsonArray out = new JsonArray();
            events.forEach(e -> out.add(ApiJson.event(e.event()).put("device", e.device())));
            JsonArray quoted = new JsonArray();
            mentions.forEach(m -> quoted.add(new JsonObject().put("source", m.source()).put("id", m.id())
                    .put("at", m.at().toString()).put("text", m.text())));
            return new JsonObject().put("person", ref).put("events", out).put("mentions", quoted);
        });
    }

    private void erase(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        String ref = reference(ctx);
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            int erased = persons.erase(ref);
            audit.append(admin.username(), "person.erase", "person", persons.pseudonym(ref), null,
                    erased + " events erased", remote);
            return new JsonObject().put("person", ref).put("erased_events", erased);
        });
    }

    private static String reference(RoutingContext ctx) {
        String ref = ctx.pathParam("ref");
        if (!PersonData.isReference(ref)) {
            throw ApiError.badParameter("ref", "must be an opaque person reference ([A-Za-z0-9_-], 1–64)");
        }
        return ref;
    }
}
