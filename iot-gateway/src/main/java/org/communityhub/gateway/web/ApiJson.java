package org.communityhub.gateway.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.communityhub.contract.DeviceTopic;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.Incident;
import org.communityhub.gateway.cases.notice.Notice;
import org.communityhub.gateway.cases.notice.Notification;
import org.communityhub.gateway.device.DeviceView;
import org.communityhub.gateway.device.RegisteredDevice;
import org.communityhub.gateway.device.StoredEvent;
import org.communityhub.gateway.device.StoredRejection;
import org.communityhub.gateway.device.UnregisteredDevice;

/** Domain records to the API's JSON (CONTRACT §5 field names), for the REST routes and the stream alike. Stateless. */
public final class ApiJson {

    private ApiJson() {
    }

    public static JsonObject alert(Alert a) {
        return new JsonObject()
                .put("id", a.id())
                .put("severity", a.severity().code())
                .put("kind", a.kind().code())
                .put("status", a.status().code())
                .put("device", a.device())
                .put("building", a.building())
                .put("compound", a.compound())
                .put("community", a.community())
                .put("floor", a.floor())
                .put("lon", a.lon())
                .put("lat", a.lat())
                .put("opened_at", text(a.openedAt()))
                .put("last_event_at", text(a.lastEventAt()))
                .put("count", a.count())
                .put("event_ids", new JsonArray(a.eventIds()))
                .put("reset_at", text(a.resetAt()))
                .put("acknowledged_by", a.acknowledgedBy())
                .put("acknowledged_at", text(a.acknowledgedAt()))
                .put("resolved_by", a.resolvedBy())
                .put("resolved_at", text(a.resolvedAt()))
                .put("outcome", a.outcome() == null ? null : a.outcome().code())
                .put("note", a.note())
                .put("escalation_level", a.escalationLevel())
                .put("test", a.test())
                .put("seq", a.changeSeq())
                .put("assignee", a.assignee())
                .put("comments", comments(a));
    }

    private static JsonArray comments(Alert a) {
        JsonArray out = new JsonArray();
        a.comments().forEach(c -> out.add(new JsonObject().put("id", c.id()).put("author", c.author())
                .put("at", text(c.at())).put("text", c.text())));
        return out;
    }

    public static JsonObject device(DeviceView v) {
        RegisteredDevice d = v.device();
        return new JsonObject()
                .put("code", d.code())
                .put("name", d.name())
                .put("type", d.type().code())
                .put("community", d.community())
                .put("compound", d.compound())
                .put("building", d.building())
                .put("floor", d.floor())
                .put("lon", d.lon())
                .put("lat", d.lat())
                .put("install_state", v.installState())
                .put("status", v.status())
                .put("last_seen", text(v.lastSeen()))
                .put("test_mode", v.testModeUntil() != null)
                .put("test_mode_until", text(v.testModeUntil()));
    }

    public static JsonObject event(StoredEvent e) {
        return new JsonObject()
                .put("id", e.id())
                .put("type", e.type())
                .put("time", text(e.time()))
                .put("received_at", text(e.receivedAt()))
                .put("data", new JsonObject(e.dataJson()));
    }

    public static JsonObject reject(StoredRejection r) {
        return new JsonObject()
                .put("received_at", text(r.receivedAt()))
                .put("topic", r.topic())
                .put("device", r.device())
                .put("reason", r.reason())
                .put("detail", r.detail())
                .put("payload", r.payload())
                .put("event_id", r.eventId());
    }

    /**
     * A sender that is not registered (registered codes are left out by the query); {@code community} and {@code type}
     * are read from its topic {@code hub/v1/<community>/<type>/<code>/…} for the installer's "register this" (null
     * when the topic is not a device topic).
     */
    public static JsonObject unregistered(UnregisteredDevice u) {
        Optional<DeviceTopic> topic = u.topic() == null ? Optional.empty() : DeviceTopic.parse(u.topic());
        return new JsonObject()
                .put("code", u.code())
                .put("topic", u.topic())
                .put("community", topic.map(DeviceTopic::community).orElse(null))
                .put("type", topic.map(x -> x.type().code()).orElse(null))
                .put("first_seen", text(u.firstSeen()))
                .put("last_seen", text(u.lastSeen()))
                .put("count", u.count());
    }

    public static JsonObject incident(Incident i) {
        JsonArray nearby = new JsonArray();
        i.nearby().forEach(n -> nearby.add(new JsonObject().put("code", n.code()).put("name", n.name())
                .put("category", n.category()).put("distance_m", Math.round(n.distanceM() * 10) / 10.0)
                .put("lon", n.lon()).put("lat", n.lat())));
        return new JsonObject()
                .put("community", place(i.community()))
                .put("compound", place(i.compound()))
                .put("building", i.building() == null ? null
                        : place(i.building()).put("floors", i.buildingFloors()))
                .put("floor", i.floor())
                .put("nearby", nearby);
    }

    private static JsonObject place(Incident.Place p) {
        return p == null ? null : new JsonObject().put("code", p.code()).put("name", p.name());
    }

    /**
     * A notification (README "Notifications"): {@code id}, {@code kind} ({@code digest}|{@code overdue}|{@code alert}),
     * {@code title}, {@code text}, {@code case} (overdue: the case id, else null), {@code cases} (ids, overdue
     * first), {@code open}, {@code overdue}, {@code untriaged} (a dispatcher's digest: reports waiting for triage,
     * else 0), {@code alert} (an alert page: the alert id, else null),
     * {@code created_at}, {@code read}, {@code read_at}, and {@code detail} (its structured fields, for wording it in
     * the page's language; an object, {@code {}} when there are none).
     */
    public static JsonObject notification(Notification n) {
        Notice x = n.notice();
        return new JsonObject().put("id", n.id()).put("kind", x.kind().code()).put("title", x.title())
                .put("text", x.text()).put("case", x.caseId()).put("cases", new JsonArray(x.caseIds()))
                .put("open", x.open()).put("overdue", x.overdue()).put("untriaged", x.untriaged())
                .put("alert", x.alertId())
                .put("created_at", text(n.createdAt()))
                .put("read", n.readAt() != null).put("read_at", text(n.readAt()))
                .put("detail", new JsonObject(new LinkedHashMap<>(n.detail())));
    }

    public static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
