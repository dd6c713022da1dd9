package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_B;
import static org.communityhub.gateway.testing.CaseRequests.report;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dispatching cases against the real hub and PostGIS: only users who may work a case are assignable and
 * offered, digests name only cases their reader opens; the dispatcher's rework step; the list and the case agree
 * on scope, and an unknown or another community's grid is 404.
 * Fixture as {@link CasesIT}: grids ita-g1 (wa1, wa9), ita-g2 (wb1), itb-g1; disp works for the whole subdistrict.
 */
class CaseDispatchIT {

    @RegisterExtension
    static final HubExtension HUB = HubExtension.with(Map.of("HUB_TRUSTED_PROXIES", "127.0.0.1"));

    private static HubFixture hub;
    private static CaseRequests cases;
    private static String root;
    private static String dispatcher;
    private static String workerA;
    private static String workerB;

    @BeforeAll
    static void start() throws Exception {
        hub = HUB.fixture();
        cases = new CaseRequests(hub);
        cases.importGrids();
        root = hub.login("root", Role.ADMIN, null);
        assertThat(cases.saveUser(root, "disp", "dispatcher", null, List.of()).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "wa1", "grid_worker", null, List.of("ita-g1")).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "wa9", "grid_worker", null, List.of("ita-g1")).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "wb1", "grid_worker", "ita", List.of("ita-g2")).statusCode()).isEqualTo(200);
        dispatcher = cases.token("disp");
        workerA = cases.token("wa1");
        workerB = cases.token("wb1");
    }

    @Test
    void onlyUsersWhoMayWorkACaseAreAssignableAndListedAndDigestsListOnlyWhatTheyOpen() throws Exception {
        String guard = "guard-as";
        hub.login(guard, Role.SECURITY, "ita");
        assertThat(cases.saveUser(root, "wc1", "grid_worker", null, List.of("itb-g1")).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "dispb", "dispatcher", "itb", List.of()).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "dispa", "dispatcher", "ita", List.of()).statusCode()).isEqualTo(200);
        long id = file(IN_GRID_B, "10.4.0.1");

        for (String nobody : List.of(guard, "wc1", "dispb")) {
            JsonObject refused = step(id, "accept", dispatcher, new JsonObject().put("assignee", nobody), 422);
            assertThat(refused.getJsonObject("error").getString("message")).as(nobody).contains("'assignee'");
            assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("ineligible_assignee");
        }
        assertThat(step(id, "accept", dispatcher, new JsonObject().put("assignee", "nobody"), 400).encode())
                .contains("assignee");
        assertThat(step(id, "accept", dispatcher, new JsonObject(), 200).getString("assignee")).isEqualTo("wb1");
        step(id, "assign", dispatcher, new JsonObject().put("assignee", "wc1"), 422);
        step(id, "assign", dispatcher, new JsonObject().put("assignee", guard), 422);
        assertThat(step(id, "assign", dispatcher, new JsonObject().put("assignee", "wa1"), 200).getString("assignee"))
                .as("a worker of another grid of the same community").isEqualTo("wa1");
        assertThat(step(id, "assign", dispatcher, new JsonObject().put("assignee", "dispa"), 200).getString("assignee"))
                .isEqualTo("dispa");

        HttpResponse<String> listed = hub.get("/api/v1/cases/" + id + "/assignees", dispatcher);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        List<JsonObject> people = new JsonObject(listed.body()).getJsonArray("assignees").stream()
                .map(JsonObject.class::cast).toList();
        List<String> names = people.stream().map(o -> o.getString("username")).toList();
        assertThat(names.subList(0, 3)).as("the grid's worker first, then the community's").containsExactly("wb1",
                "wa1", "wa9");
        assertThat(names).contains("disp", "dispa", "root").doesNotContain(guard, "wc1", "dispb");
        assertThat(people.get(0).getBoolean("cases_grid")).isTrue();
        assertThat(people.get(0).getJsonArray("grids")).containsExactly("ita-g2");
        assertThat(people.get(1).getBoolean("cases_grid")).isFalse();
        assertThat(hub.get("/api/v1/cases/" + id + "/assignees", workerB).statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/v1/cases/" + id + "/assignees", cases.token("dispb")).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/cases/" + id + "/assignees", hub.login("guard-as2", Role.SECURITY, "ita"))
                .statusCode()).isEqualTo(403);

        // Assignments made before these rules (or by hand): a digest names only cases its reader can open.
        try (var c = hub.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE hub_case SET assignee = 'dispb' WHERE id = " + id);
        }
        assertThat(new JsonObject(hub.get("/api/v1/cases/digest", cases.token("dispb")).body())
                .getJsonArray("assigned")).as("another community's dispatcher's digest").isEmpty();
        try (var c = hub.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE hub_case SET assignee = '" + guard + "' WHERE id = " + id);
        }
        assertThat(new org.communityhub.gateway.postgis.PostgisNotificationStore(hub.dataSource())
                .digestRecipients("digest-test-" + id)).as("a security login gets no digest of cases").doesNotContain(guard);
        step(id, "assign", dispatcher, new JsonObject().put("assignee", "wb1"), 200);
        assertThat(new org.communityhub.gateway.postgis.PostgisNotificationStore(hub.dataSource())
                .digestRecipients("digest-test-" + id)).contains("wb1");
    }

    @Test
    void aDispatcherReturnsAHandlingForReworkWithoutClosingOrSpendingTheRating() throws Exception {
        HttpResponse<String> filed = cases.json("/api/v1/cases", null, "10.5.0.1",
                JsonObject.mapFrom(report("environment", "绿化带垃圾", IN_GRID_A)));
        long id = new JsonObject(filed.body()).getLong("id");
        String code = new JsonObject(filed.body()).getString("tracking_code");
        String deadline = step(id, "accept", dispatcher, new JsonObject(), 200).getString("deadline");
        step(id, "handle", workerA, new JsonObject().put("note", "已清理"), 200);
        step(id, "rework", workerA, new JsonObject().put("reason", "x"), 403);
        assertThat(step(id, "rework", dispatcher, new JsonObject(), 400).encode()).contains("reason");

        JsonObject back = step(id, "rework", dispatcher, new JsonObject().put("reason", "照片里还有垃圾，请再清理"), 200);
        assertThat(back.getString("status")).isEqualTo("in_progress");
        assertThat(back.getString("assignee")).isEqualTo("wa1");
        assertThat(back.getString("deadline")).as("the deadline stands").isEqualTo(deadline);
        JsonObject last = back.getJsonArray("history").getJsonObject(back.getJsonArray("history").size() - 1);
        assertThat(last.getString("action")).isEqualTo("rework");
        assertThat(last.getString("actor")).isEqualTo("disp");
        assertThat(last.getString("note")).isEqualTo("照片里还有垃圾，请再清理");
        assertThat(new JsonObject(hub.get("/api/v1/cases/" + id, workerA).body()).getJsonArray("history").encode())
                .as("the assignee sees why").contains("照片里还有垃圾，请再清理");
        assertThat(hub.column("SELECT count(*) FROM case_history WHERE action = 'rework' AND case_id = " + id))
                .containsExactly(1L);
        assertThat(hub.column("SELECT (handled_at IS NULL) || ' ' || (closed_at IS NULL) FROM hub_case WHERE id = " + id))
                .containsExactly("true true");
        step(id, "rework", dispatcher, new JsonObject().put("reason", "again"), 409);

        assertThat(cases.json("/api/v1/cases/track/" + code + "/rating", null, "10.5.0.1",
                new JsonObject().put("score", 2)).statusCode()).as("no rating: not closed").isEqualTo(409);
        JsonObject t = new JsonObject(hub.get("/api/v1/cases/track/" + code, null).body());
        assertThat(t.getString("status")).isEqualTo("in_progress");
        assertThat(t.getValue("rating")).isNull();
        assertThat(t.encode()).as("the reason is for the assignee").doesNotContain("照片里还有垃圾");

        step(id, "handle", workerA, new JsonObject().put("note", "已彻底清理"), 200);
        assertThat(step(id, "close", dispatcher, new JsonObject(), 200).getString("status")).isEqualTo("closed");
        assertThat(cases.json("/api/v1/cases/track/" + code + "/rating", null, "10.5.0.1",
                new JsonObject().put("score", 4)).statusCode()).as("the one rating, after the close").isEqualTo(200);
        assertThat(hub.column("SELECT count(*) FROM case_history WHERE action = 'close' AND case_id = " + id))
                .containsExactly(1L);
    }

    @Test
    void theListShowsWhatTheCaseOpensAndAnotherCommunitysOrAnUnknownGridIsNotFound() throws Exception {
        assertThat(cases.saveUser(root, "disp-ita", "dispatcher", "ita", List.of()).statusCode()).isEqualTo(200);
        String ita = cases.token("disp-ita");
        assertThat(hub.get("/api/v1/cases?grid=itb-g1", ita).statusCode()).as("another community's grid").isEqualTo(404);
        assertThat(hub.get("/api/v1/cases?grid=no-such-grid", ita).statusCode()).as("an unknown grid").isEqualTo(404);
        assertThat(hub.get("/api/v1/cases?grid=no-such-grid", dispatcher).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/cases?grid=no-such-grid", root).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/cases?grid=ita-g1", ita).statusCode()).isEqualTo(200);
        assertThat(hub.get("/api/v1/cases?grid=itb-g1", dispatcher).statusCode()).as("the subdistrict's").isEqualTo(200);

        double[] inItb = {114.063, 22.543};
        HttpResponse<String> filed = cases.json("/api/v1/cases", workerA, "10.6.0.1",
                JsonObject.mapFrom(report("other", "路过乙社区看到的", inItb)));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long elsewhere = new JsonObject(filed.body()).getLong("id");
        assertThat(new JsonObject(filed.body()).getJsonObject("community").getString("code")).isEqualTo("itb");
        assertThat(hub.get("/api/v1/cases/" + elsewhere, workerA).statusCode()).as("its own report").isEqualTo(200);
        assertThat(ids(hub.get("/api/v1/cases", workerA).body())).as("listed as it opens").contains(elsewhere);
        assertThat(ids(hub.get("/api/v1/cases?status=submitted", workerA).body())).contains(elsewhere);
        assertThat(hub.get("/api/v1/cases/" + elsewhere, workerB).statusCode()).isEqualTo(404);
        assertThat(ids(hub.get("/api/v1/cases", workerB).body())).doesNotContain(elsewhere);
        assertThat(ids(hub.get("/api/v1/cases", ita).body())).doesNotContain(elsewhere);
    }

    private static List<Long> ids(String body) {
        return new JsonObject(body).getJsonArray("cases").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    }

    private static long file(double[] point, String client) throws Exception {
        HttpResponse<String> r = cases.json("/api/v1/cases", null, client,
                JsonObject.mapFrom(report("facility_damage", "路灯坏了", point)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getLong("id");
    }

    private static JsonObject step(long id, String step, String token, JsonObject body, int status) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/cases/" + id + "/" + step, token, body.encode());
        assertThat(r.statusCode()).as(step + ": " + r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }
}
