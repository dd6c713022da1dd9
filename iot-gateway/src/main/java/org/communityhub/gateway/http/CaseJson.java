package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.CaseViews;

/**
 * The JSON of cases (CONTRACT §7): the staff's list rows and full case, and the reporter's tracking view,
 * which names no staff member and no contact number. Pure; thread-safe.
 */
final class CaseJson {

    private CaseJson() {
    }

    static JsonObject filed(CaseService.Filed f) {
        var p = f.place();
        return new JsonObject().put("id", f.id()).put("tracking_code", f.trackingCode()).put("status", f.status().code())
                .put("community", p.community() == null ? null
                        : new JsonObject().put("code", p.community()).put("name", p.communityName()))
                .put("grid", p.grid() == null ? null : new JsonObject().put("code", p.grid()).put("name", p.gridName()));
    }

    /** Who may be given a case: {@code {"assignees": [{"username", "role", "grids", "cases_grid"}]}}. */
    static JsonObject assignees(java.util.List<org.communityhub.gateway.cases.CaseStore.Assignee> list) {
        JsonArray out = new JsonArray();
        list.forEach(a -> out.add(new JsonObject().put("username", a.username()).put("role", a.role())
                .put("grids", new JsonArray(a.grids())).put("cases_grid", a.casesGrid())));
        return new JsonObject().put("assignees", out);
    }

    static JsonObject summary(CaseViews.Summary s) {
        return new JsonObject().put("id", s.id()).put("category", s.category().code()).put("status", s.status().code())
                .put("community", s.community()).put("grid", s.grid()).put("lon", s.lon()).put("lat", s.lat())
                .put("assignee", s.assignee()).put("deadline", text(s.deadline())).put("overdue", s.overdue())
                .put("submitted_at", text(s.submittedAt()));
    }

    /** The whole case for staff who may see it: history with actors, photo URLs, contact, rating, alert. */
    static JsonObject detail(CaseViews.Detail d) {
        long id = d.summary().id();
        JsonArray photos = new JsonArray();
        d.photos().forEach(p -> photos.add(new JsonObject().put("n", p.n()).put("stage", p.stage())
                .put("url", "/api/v1/cases/" + id + "/photos/" + p.n())));
        JsonArray history = new JsonArray();
        d.history().forEach(h -> history.add(new JsonObject().put("actor", h.actor()).put("at", text(h.at()))
                .put("action", h.action()).put("from", h.from() == null ? null : h.from().code())
                .put("status", h.to().code()).put("note", h.note())));
        return summary(d.summary()).put("tracking_code", d.trackingCode()).put("priority", d.priority())
                .put("description", d.description()).put("compound", d.compound()).put("building", d.building())
                .put("reporter", d.reporter()).put("contact", d.contact()).put("accepted_at", text(d.acceptedAt()))
                .put("handled_at", text(d.handledAt())).put("closed_at", text(d.closedAt())).put("photos", photos)
                .put("history", history).put("rating", rating(d.rating()))
                .put("alert", d.alertId() == null ? null : new JsonObject().put("id", d.alertId()));
    }

    static JsonObject digest(CaseViews.Digest d) {
        JsonArray assigned = new JsonArray();
        d.assigned().forEach(s -> assigned.add(summary(s)));
        JsonObject out = new JsonObject().put("username", d.username()).put("assigned_open", d.assigned().size())
                .put("assigned_overdue", d.assignedOverdue()).put("overdue_in_scope", d.overdueInScope())
                .put("assigned", assigned);
        if (d.untriaged() != null) { // dispatchers and admins only: grid workers' digest keeps its shape
            JsonArray oldest = new JsonArray();
            d.untriagedOldest().forEach(s -> oldest.add(summary(s)));
            out.put("untriaged", d.untriaged()).put("untriaged_oldest", oldest);
        }
        return out;
    }

    /** What the reporter sees through the tracking code: no staff names, no contact number. */
    static JsonObject tracking(CaseViews.Detail d) {
        JsonArray history = new JsonArray();
        // A rework's reason is the dispatcher's word to the assignee, not to the public: its status only.
        d.history().forEach(h -> history.add(new JsonObject().put("status", h.to().code()).put("at", text(h.at()))
                .put("note", "rework".equals(h.action()) ? null : h.note())));
        JsonArray photos = new JsonArray();
        d.photos().forEach(p -> photos.add(new JsonObject().put("n", p.n()).put("stage", p.stage())
                .put("url", "/api/v1/cases/track/" + d.trackingCode() + "/photos/" + p.n())));
        return new JsonObject().put("tracking_code", d.trackingCode()).put("status", d.summary().status().code())
                .put("category", d.summary().category().code()).put("submitted_at", text(d.summary().submittedAt()))
                .put("deadline", text(d.summary().deadline())).put("history", history).put("photos", photos)
                .put("rating", rating(d.rating()));
    }

    private static JsonObject rating(CaseViews.Rating r) {
        return r == null ? null : new JsonObject().put("score", r.score()).put("comment", r.comment())
                .put("at", text(r.at()));
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
