package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The closed-alerts history (issue 17) on {@code GET /api/v1/alerts}: the filters kind, outcome, building and
 * from/to (opening time) combine with status and the caller's scope (a guard never sees another community's alerts,
 * whatever the filters, and asking for them is 404); keyset pages ({@code next} → {@code before}) cover the list
 * exactly once, in order, also when alerts share an opening time; bad values are 400s naming the parameter.
 */
class AlertHistoryIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    private static String guardA;
    private static String admin;

    @BeforeAll
    static void setUp() throws Exception {
        guardA = hub.login("hist-guard-a", Role.SECURITY, "ita");
        admin = hub.login("hist-admin", Role.ADMIN, null);
        // ita: 3 fires in b1 (two false alarms), an intrusion in b2, an open fire; itb: a false-alarm fire in b1
        insert("fire", "critical", "ita", "ita-b1", "2026-11-01T08:00:00Z", "false_alarm", "h1");
        insert("fire", "critical", "ita", "ita-b1", "2026-11-02T08:00:00Z", "resolved", "h2");
        insert("fire", "critical", "ita", "ita-b1", "2026-11-03T08:00:00Z", "false_alarm", "h3");
        insert("intrusion", "high", "ita", "ita-b2", "2026-11-02T12:00:00Z", "resolved", "h4");
        insert("fire", "critical", "ita", "ita-b1", "2026-11-04T08:00:00Z", null, "h5");
        insert("fire", "critical", "itb", "itb-b1", "2026-11-02T09:00:00Z", "false_alarm", "h6");
        // five alerts opened at the very same instant, for the paging tie-break on id
        for (int i = 0; i < 5; i++) {
            insert("access", "medium", "ita", "ita-b2", "2026-10-01T00:00:00.123456Z", "resolved", "tie" + i);
        }
    }

    @Test
    void filtersCombineAndStayInTheCallersCommunity() throws Exception {
        assertThat(events(list(guardA, "status=resolved&kind=fire&outcome=false_alarm"))).containsExactly("h3", "h1");
        assertThat(events(list(guardA, "status=resolved&kind=fire"))).containsExactly("h3", "h2", "h1");
        assertThat(events(list(guardA, "status=resolved&building=ita-b2&kind=intrusion"))).containsExactly("h4");
        assertThat(events(list(guardA, "status=resolved&outcome=resolved&from=" + enc("2026-11-02T00:00:00+08:00")
                + "&to=" + enc("2026-11-03T00:00:00Z")))).containsExactly("h4", "h2");
        assertThat(events(list(guardA, "kind=fire&building=ita-b1&from=2026-11-03T00:00:00Z")))
                .as("without a status: open ones too").containsExactly("h5", "h3");

        // scope: another community's alerts never appear, not through a filter naming its building either
        assertThat(events(list(guardA, "status=resolved&outcome=false_alarm"))).doesNotContain("h6");
        assertThat(events(list(guardA, "building=itb-b1"))).isEmpty();
        assertThat(hub.get("/api/v1/alerts?status=resolved&community=itb", guardA).statusCode()).isEqualTo(404);
        assertThat(events(list(admin, "status=resolved&kind=fire&outcome=false_alarm"))).containsExactly("h3", "h6", "h1");
        assertThat(events(list(admin, "status=resolved&kind=fire&community=itb"))).containsExactly("h6");

        JsonObject first = list(guardA, "status=resolved&outcome=false_alarm&kind=fire");
        assertThat(first.getJsonArray("alerts").getJsonObject(0).getString("outcome")).isEqualTo("false_alarm");
        assertThat(first.getValue("next")).as("a page that is not full has no next").isNull();
    }

    @Test
    void keysetPagesCoverTheListOnceInOrder() throws Exception {
        List<String> all = events(list(guardA, "status=resolved&limit=1000"));
        assertThat(all).hasSize(9).startsWith("h3", "h4", "h2", "h1");
        List<String> paged = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            JsonObject page = list(guardA, "status=resolved&limit=2" + (before == null ? "" : "&before=" + before));
            paged.addAll(events(page));
            before = page.getString("next");
            pages++;
        } while (before != null && pages < 20);
        assertThat(paged).as("every alert once, in the unpaged order").isEqualTo(all);
        List<String> ties = all.subList(4, 9);
        assertThat(ties).containsExactlyInAnyOrder("tie0", "tie1", "tie2", "tie3", "tie4");
        assertThat(ties).as("same opening time: newest id first").containsExactly("tie4", "tie3", "tie2", "tie1", "tie0");
    }

    @Test
    void badValuesAreNamed() throws Exception {
        assertBad("kind=smoke", "kind");
        assertBad("outcome=maybe", "outcome");
        assertBad("building=" + enc("Ita B1"), "building");
        assertBad("from=yesterday", "from");
        assertBad("from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z", "to");
        assertBad("before=abc", "before");
        assertBad("limit=1001", "limit");
    }

    private static void insert(String kind, String severity, String community, String building, String openedAt,
                               String outcome, String eventId) throws Exception {
        String status = outcome == null ? "open" : "resolved";
        hub.column("INSERT INTO alert (rule, correlation_key, kind, severity, status, device_code, building_code,"
                + " community_code, opened_at, last_event_at, event_ids, resolved_by, resolved_at, outcome, note)"
                + " VALUES ('" + kind + "', 'hist:" + eventId + "', '" + kind + "', '" + severity + "', '" + status + "', '"
                + community + "-fb-1', '" + building + "', '" + community + "', '" + openedAt + "', '" + openedAt + "',"
                + " ARRAY['" + eventId + "'], " + (outcome == null ? "NULL, NULL, NULL, NULL" : "'hist-guard', '"
                + openedAt + "'::timestamptz + interval '10 minutes', '" + outcome + "', 'checked'") + ") RETURNING id");
    }

    private static JsonObject list(String token, String query) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/alerts?" + query, token);
        assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    /** The first event id of each alert of a page (the tests name their alerts by it). */
    private static List<String> events(JsonObject page) {
        JsonArray alerts = page.getJsonArray("alerts");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            out.add(alerts.getJsonObject(i).getJsonArray("event_ids").getString(0));
        }
        return out;
    }

    private static void assertBad(String query, String parameter) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/alerts?" + query, guardA);
        assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message")).contains("'" + parameter + "'");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
