package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
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
 * and erase it ({@code DELETE …}), each audited under the person's pseudonym, never the reference. The
 * {@code ref} may be a 随手拍 reporter's phone number too: the export then lists the cases it is the contact
 * of ({@code cases}), the erasure erases the reporter's part of them ({@link PersonData#eraseCaseContacts}) and
 * audits each case; a number that is not also a valid reference (e.g. {@code +86 138…}) touches no events.
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
        boolean reference = PersonData.isReference(ref);
        boolean phone = PersonData.isPhoneNumber(ref);
        api.respond(ctx, () -> {
            var events = reference ? persons.export(ref) : List.<PersonData.PersonEvent>of();
            var mentions = reference ? persons.mentions(ref) : List.<PersonData.Mention>of();
            var reported = phone ? persons.casesByContact(ref) : List.<PersonData.ReportedCase>of();
            audit.append(admin.username(), "person.export", "person", persons.pseudonym(ref), null,
                    events.size() + " events, " + mentions.size() + " other records, " + reported.size() + " cases",
                    remote);
            JsonArray out = new JsonArray();
            events.forEach(e -> out.add(ApiJson.event(e.event()).put("device", e.device())));
            JsonArray quoted = new JsonArray();
            mentions.forEach(m -> quoted.add(new JsonObject().put("source", m.source()).put("id", m.id())
                    .put("at", m.at().toString()).put("text", m.text())));
            JsonArray caseList = new JsonArray();
            reported.forEach(r -> caseList.add(reportedCase(r)));
            return new JsonObject().put("person", ref).put("events", out).put("mentions", quoted)
                    .put("cases", caseList);
        });
    }

    private void erase(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        String ref = reference(ctx);
        String remote = ApiSupport.remote(ctx);
        boolean reference = PersonData.isReference(ref);
        boolean phone = PersonData.isPhoneNumber(ref);
        api.respond(ctx, () -> {
            int erased = reference ? persons.erase(ref) : 0;
            List<PersonData.ReportedCase> cases = phone ? persons.eraseCaseContacts(ref) : List.of();
            String pseudonym = persons.pseudonym(ref);
            for (PersonData.ReportedCase c : cases) {
                audit.append(admin.username(), "case.reporter_erased", "case", String.valueOf(c.id()), c.community(),
                        "contact, description, report photos and rating comment erased for person " + pseudonym, remote);
            }
            audit.append(admin.username(), "person.erase", "person", pseudonym, null,
                    erased + " events erased, " + cases.size() + " cases' reporter data erased", remote);
            return new JsonObject().put("person", ref).put("erased_events", erased).put("erased_cases", cases.size());
        });
    }

    private static JsonObject reportedCase(PersonData.ReportedCase r) {
        return new JsonObject().put("id", r.id()).put("tracking_code", r.trackingCode()).put("category", r.category())
                .put("status", r.status()).put("community", r.community()).put("description", r.description())
                .put("contact", r.contact()).put("submitted_at", ApiJson.text(r.submittedAt()))
                .put("accepted_at", ApiJson.text(r.acceptedAt())).put("handled_at", ApiJson.text(r.handledAt()))
                .put("closed_at", ApiJson.text(r.closedAt()));
    }

    private static String reference(RoutingContext ctx) {
        String ref = ctx.pathParam("ref");
        if (!PersonData.isReference(ref) && !PersonData.isPhoneNumber(ref)) {
            throw ApiError.badParameter("ref", "must be an opaque person reference ([A-Za-z0-9_-], 1–64) or a phone "
                    + "number");
        }
        return ref;
    }
}
