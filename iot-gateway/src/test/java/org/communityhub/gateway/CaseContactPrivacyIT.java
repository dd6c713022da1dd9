package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_B;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.privacy.PersonData;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 随手拍 reporter's access and erasure request by phone number (issue 16, PIPL) through the admin persons
 * routes, against the real hub and PostGIS: the export lists the cases the number is the contact of, however it
 * was written; the erasure removes the contact, the description, the report's photos and the rating comment of
 * exactly those cases, keeps what the platform's reports and supervision need, and audits each case.
 */
class CaseContactPrivacyIT {

    private static final String PHONE = "13800138000";

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_TRUSTED_PROXIES", "127.0.0.1"));

    private static CaseRequests requests;
    private static String root;
    private static String dispatcher;

    @BeforeAll
    static void users() throws Exception {
        requests = new CaseRequests(hub.fixture());
        requests.importGrids();
        root = hub.login("root", Role.ADMIN, null);
        assertThat(requests.saveUser(root, "disp", "dispatcher", null, List.of()).statusCode()).isEqualTo(200);
        assertThat(requests.saveUser(root, "wa1", "grid_worker", null, List.of("ita-g1")).statusCode()).isEqualTo(200);
        dispatcher = requests.token("disp");
    }

    private static JsonObject file(String description, String contact, double[] at, String client) throws Exception {
        Map<String, String> fields = new HashMap<>(CaseRequests.report("environment", description, at));
        fields.put("contact", contact);
        HttpResponse<String> r = requests.multipart("/api/v1/cases", null, client, fields,
                List.of(CaseRequests.jpegWithExif()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    private static void step(long id, String step, String body) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/cases/" + id + "/" + step, dispatcher, body);
        assertThat(r.statusCode()).as(step + ": " + r.body()).isEqualTo(200);
    }

    @Test
    void aReporterIsExportedAndErasedByPhoneNumberKeepingWhatTheReportsNeed() throws Exception {
        JsonObject closed = file("我家门口的垃圾没人清", "138 0013 8000", IN_GRID_A, "10.7.0.1");
        JsonObject open = file("路灯坏了，晚上很黑", "+86 13800138000", IN_GRID_B, "10.7.0.2");
        JsonObject other = file("别人的报告", "13900139000", IN_GRID_A, "10.7.0.3");
        long closedId = closed.getLong("id");
        step(closedId, "accept", "{}");
        HttpResponse<String> handled = requests.multipart("/api/v1/cases/" + closedId + "/handle", dispatcher, null,
                Map.of("note", "已清运"), List.of(CaseRequests.jpegWithExif()));
        assertThat(handled.statusCode()).as(handled.body()).isEqualTo(200);
        step(closedId, "close", "{}");
        HttpResponse<String> rated = requests.json("/api/v1/cases/track/" + closed.getString("tracking_code")
                + "/rating", null, "10.7.0.1", new JsonObject().put("score", 4).put("comment", "我是王小明，谢谢"));
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);

        HttpResponse<String> exported = hub.get("/api/v1/admin/persons/" + PHONE, root);
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        JsonArray cases = new JsonObject(exported.body()).getJsonArray("cases");
        assertThat(cases.stream().map(c -> ((JsonObject) c).getString("tracking_code")))
                .as("both spellings of the number, not the other reporter's")
                .containsExactly(closed.getString("tracking_code"), open.getString("tracking_code"));
        JsonObject first = cases.getJsonObject(0);
        assertThat(first.getString("category")).isEqualTo("environment");
        assertThat(first.getString("status")).isEqualTo("closed");
        assertThat(first.getString("description")).isEqualTo("我家门口的垃圾没人清");
        assertThat(first.getString("contact")).isEqualTo("138 0013 8000");
        assertThat(first.getString("submitted_at")).isNotNull();
        assertThat(first.getString("closed_at")).isNotNull();
        HttpResponse<String> spelled = hub.get("/api/v1/admin/persons/%2B86%20138%200013%208000", root);
        assertThat(spelled.statusCode()).as(spelled.body()).isEqualTo(200);
        assertThat(new JsonObject(spelled.body()).getJsonArray("cases")).hasSize(2);
        assertThat(hub.get("/api/v1/admin/persons/" + PHONE, dispatcher).statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/v1/admin/persons/13800%3B138000", root).statusCode()).isEqualTo(400);

        HttpResponse<String> erased = hub.delete("/api/v1/admin/persons/" + PHONE, root);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(new JsonObject(erased.body()).getInteger("erased_cases")).isEqualTo(2);

        String both = closedId + ", " + open.getLong("id");
        assertThat(hub.column("SELECT count(*) FROM hub_case WHERE id IN (" + both + ") AND contact IS NULL "
                + "AND description = '" + PersonData.ERASED_TEXT.replace("'", "''") + "' AND rating_comment IS NULL"))
                .containsExactly(2L);
        assertThat(hub.column("SELECT stage FROM case_photo WHERE case_id IN (" + both + ") ORDER BY stage"))
                .as("the report's photos go, the staff's after-photo stays").containsExactly("handled");
        assertThat(hub.column("SELECT rating_score || ' ' || status || ' ' || grid_code || ' ' || (closed_at IS NOT NULL)"
                + " FROM hub_case WHERE id = " + closedId)).as("what the reports count stays")
                .containsExactly("4 closed ita-g1 true");
        assertThat(hub.column("SELECT count(*) FROM case_history WHERE case_id = " + closedId)).containsExactly(4L);
        assertThat(hub.column("SELECT contact || description FROM hub_case WHERE id = " + other.getLong("id")))
                .containsExactly("13900139000别人的报告");
        assertThat(hub.column("SELECT count(*) FROM case_photo WHERE case_id = " + other.getLong("id")))
                .containsExactly(1L);

        JsonObject detail = new JsonObject(hub.get("/api/v1/cases/" + closedId, dispatcher).body());
        assertThat(detail.getString("contact")).isNull();
        assertThat(detail.encode()).doesNotContain("我家门口").doesNotContain("王小明");
        HttpResponse<String> audit = hub.get("/api/v1/admin/audit?object_type=case&object_id=" + closedId, root);
        assertThat(audit.body()).contains("case.reporter_erased").doesNotContain(PHONE);
        HttpResponse<String> person = hub.get("/api/v1/admin/audit?object_type=person", root);
        assertThat(person.body()).contains("person.erase").contains("2 cases").doesNotContain(PHONE);

        assertThat(new JsonObject(hub.get("/api/v1/admin/persons/" + PHONE, root).body()).getJsonArray("cases"))
                .as("nothing left to export").isEmpty();
        assertThat(new JsonObject(hub.delete("/api/v1/admin/persons/" + PHONE, root).body()).getInteger("erased_cases"))
                .as("a second erasure finds nothing").isZero();
    }
}
