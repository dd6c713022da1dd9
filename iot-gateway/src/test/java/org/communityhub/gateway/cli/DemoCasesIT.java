package org.communityhub.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.PasswordHasher;
import org.communityhub.gateway.auth.UserAdmin;
import org.communityhub.gateway.demo.DemoCaseSeeder;
import org.communityhub.gateway.demo.DemoStaff;
import org.communityhub.gateway.postgis.PostgisDemoSite;
import org.communityhub.gateway.postgis.PostgisUserStore;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.demo.DemoSubdistrict;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./hub demo}'s cases: the generated subdistrict with its grids, the demo staff, and three weeks of cases
 * seeded through the case service with the clock in the past. Every status is there, cases lie in their grids,
 * history is in time order, the week's report has numbers, a grid worker lists its grid's cases, and seeding
 * again adds only the time since each community's newest case (and a case for an alert that has none yet). The
 * seeding-again tests come last: they add and remove cases.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCasesIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of()).importing(DemoCasesIT::demoSubdistrict);

    private static DemoCaseSeeder.Result first;

    private static String demoSubdistrict() throws Exception {
        StringWriter geojson = new StringWriter();
        DemoSubdistrict.generate(20261122L, 1).writeGeoJson(geojson);
        return geojson.toString();
    }

    @BeforeAll
    static void seed() throws Exception {
        UserAdmin users = new UserAdmin(new PostgisUserStore(hub.dataSource()), new PasswordHasher(1000));
        for (DemoStaff.Login l : new DemoStaff(new PostgisDemoSite(hub.dataSource()).grids()).logins()) {
            users.save(l.username(), HubFixture.PASSWORD.toCharArray(), l.role(), l.community(), l.grids(), "it", null);
        }
        long started = System.nanoTime();
        first = seeder().seed(Instant.now());
        System.out.println("DemoCasesIT: seeded " + first + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private static DemoCaseSeeder seeder() {
        return DemoCasesCommand.seeder(hub.dataSource(), 20261203L, 1.6, Duration.ofDays(21));
    }

    @Test
    void everyStatusIsPresentWithOverdueCasesAndRatings() throws Exception {
        assertThat(hub.column("SELECT DISTINCT status FROM hub_case")).containsExactlyInAnyOrder("submitted", "accepted",
                "assigned", "in_progress", "handled", "closed", "rejected");
        assertThat(first.cases()).isEqualTo(count("SELECT count(*) FROM hub_case WHERE submitted_at <= '" + first.to() + "'"))
                .isGreaterThan(200);
        assertThat(count("SELECT count(*) FROM hub_case WHERE status IN ('accepted', 'assigned', 'in_progress') "
                + "AND deadline < now()")).as("overdue").isGreaterThan(0);
        assertThat(count("SELECT count(*) FROM hub_case WHERE status = 'closed' AND rating_score IS NOT NULL"))
                .isEqualTo(first.ratings()).isGreaterThan(0);
        assertThat(count("SELECT count(*) FROM hub_case WHERE submitted_at < now() - interval '14 days'"))
                .as("weeks of history").isGreaterThan(0);
        assertThat(count("SELECT count(*) FROM case_history WHERE action = 'reopen'")).isGreaterThan(0);
        assertThat(count("SELECT count(*) FROM hub_case WHERE reporter LIKE 'worker-%' AND status = 'closed' "
                + "AND deadline = handled_at")).as("closed on the spot").isGreaterThan(0);
    }

    @Test
    void casesLieInTheirGridsAndStreetCasesInNone() throws Exception {
        assertThat(count("SELECT count(*) FROM hub_case c JOIN grid g ON g.code = c.grid_code "
                + "WHERE ST_Contains(g.geom, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326))"))
                .isEqualTo(count("SELECT count(*) FROM hub_case WHERE grid_code IS NOT NULL")).isGreaterThan(100);
        assertThat(count("SELECT count(*) FROM hub_case c WHERE c.grid_code IS NULL AND NOT EXISTS (SELECT 1 FROM grid g "
                + "WHERE ST_Intersects(g.geom, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326)))"))
                .isEqualTo(count("SELECT count(*) FROM hub_case WHERE grid_code IS NULL")).isGreaterThan(0);
        assertThat(count("SELECT count(*) FROM hub_case WHERE status = 'accepted' AND grid_code IS NOT NULL"))
                .as("a grid's case goes to its worker").isZero();
    }

    @Test
    void historyRunsForwardInTimeFromTheSubmission() throws Exception {
        assertThat(count("SELECT count(*) FROM (SELECT at < lag(at) OVER (PARTITION BY case_id ORDER BY id) AS back "
                + "FROM case_history) h WHERE back")).isZero();
        assertThat(count("SELECT count(*) FROM hub_case c JOIN LATERAL (SELECT at, action FROM case_history h "
                + "WHERE h.case_id = c.id ORDER BY id LIMIT 1) f ON true WHERE f.at <> c.submitted_at "
                + "OR f.action NOT IN ('submit', 'from_alert')")).isZero();
        assertThat(count("SELECT count(*) FROM case_history WHERE at > now()")).isZero();
    }

    @Test
    void theReportOfThePastWeekHasNumbers() throws Exception {
        String token = token(DemoStaff.SUBDISTRICT_DISPATCHER);
        String lastWeek = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(7).toString();
        HttpResponse<String> r = hub.get("/api/v1/reports/cases?period=week&date=" + lastWeek, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonArray communities = new JsonObject(r.body()).getJsonArray("communities");
        assertThat(communities).hasSize(12);
        int received = 0;
        int closed = 0;
        for (Object o : communities) {
            JsonObject c = (JsonObject) o;
            received += c.getInteger("received");
            closed += c.getInteger("closed");
            assertThat(c.getJsonArray("grids")).isNotEmpty();
        }
        assertThat(received).isGreaterThan(20);
        assertThat(closed).isGreaterThan(10);
        assertThat(communities.getJsonObject(0).getValue("median_hours_to_close")).isNotNull();
    }

    @Test
    void aGridWorkerListsTheOpenCasesOfItsGrid() throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/cases?grid=c01-g1", token("worker-c01-g1"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonArray cases = new JsonObject(r.body()).getJsonArray("cases");
        assertThat(cases).isNotEmpty();
        assertThat(cases).allSatisfy(c -> assertThat(((JsonObject) c).getString("grid")).isEqualTo("c01-g1"));
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void seedingAgainAddsOnlyTheTimeSinceTheNewestCaseAndCasesForNewAlerts() throws Exception {
        long before = count("SELECT count(*) FROM hub_case");
        String button = (String) hub.column("SELECT d.code FROM device d WHERE d.type = 'fire_button' ORDER BY d.code "
                + "LIMIT 1").get(0);
        TestDevice device = hub.device(button);
        MqttClient client = device.connect(hub.mqttUrl());
        try {
            device.publish(client, TestDevice.payload("demo-fire-1", "fire.alarm", "{}"));
        } finally {
            client.disconnect();
            client.close();
        }
        HubFixture.await(Duration.ofSeconds(20), () -> "a fire alert; " + hub.diagnostics(), () -> {
            try {
                return count("SELECT count(*) FROM alert WHERE kind = 'fire'") == 1;
            } catch (Exception e) {
                return false;
            }
        });
        DemoCaseSeeder.Result again = seeder().seed(Instant.now());
        assertThat(again.fromAlerts()).isEqualTo(1);
        assertThat(again.cases()).as("only the seconds since the first run").isLessThanOrEqualTo(2);
        assertThat(count("SELECT count(*) FROM hub_case")).isEqualTo(before + again.cases() + 1);
        assertThat(count("SELECT count(*) FROM hub_case WHERE alert_id IS NOT NULL")).isEqualTo(1);
        assertThat(seeder().seed(Instant.now()).fromAlerts()).as("an alert becomes one case").isZero();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aCommunityWithoutItsCasesGetsThemBackAndTheOthersNothing() throws Exception {
        long c12 = count("SELECT count(*) FROM hub_case WHERE community_code = 'c12' AND alert_id IS NULL");
        long others = count("SELECT count(*) FROM hub_case WHERE community_code <> 'c12'");
        hub.column("WITH gone AS (DELETE FROM hub_case WHERE community_code = 'c12' RETURNING id) SELECT count(*) FROM gone");
        DemoCaseSeeder.Result again = seeder().seed(Instant.now());
        long back = count("SELECT count(*) FROM hub_case WHERE community_code = 'c12'");
        assertThat(back).as("the same three weeks, give or take a report at the window's edge").isBetween(c12 - 2, c12 + 2);
        assertThat(count("SELECT count(*) FROM hub_case WHERE community_code <> 'c12'")).isBetween(others, others + 2);
        assertThat(again.cases()).isEqualTo(back + count("SELECT count(*) FROM hub_case WHERE community_code <> 'c12'")
                - others);
    }

    private static String token(String username) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/login", null,
                new JsonObject().put("username", username).put("password", HubFixture.PASSWORD).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    private static long count(String sql) throws Exception {
        List<Object> row = hub.column(sql);
        return ((Number) row.get(0)).longValue();
    }
}
