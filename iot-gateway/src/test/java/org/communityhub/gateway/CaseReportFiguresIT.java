package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_B;

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
 * The week's case report with exact figures, from cases made on a manual clock through the real case service
 * and PostGIS, and read back over HTTP.
 * Fixture as {@link CasesIT}: grids ita-g1 (wa1, wa9), ita-g2 (wb1), itb-g1; disp works for the whole subdistrict.
 */
class CaseReportFiguresIT {

    @RegisterExtension
    static final HubExtension HUB = HubExtension.with(Map.of("HUB_TRUSTED_PROXIES", "127.0.0.1"));

    private static HubFixture hub;
    private static CaseRequests cases;
    private static String root;
    private static String dispatcher;

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
    }

    /**
     * A week of cases made on a manual clock (2020, before every other case of this hub), the report read a week
     * later: exact figures, a late close, the overdue count as it was at the week's end though the case was closed
     * since, quiet grids and communities as zero rows, and the week's bounds in the configured zone.
     */
    @Test
    void aPastWeeksReportHasExactFiguresAndStaysAsItWas() throws Exception {
        java.time.ZoneId cst = java.time.ZoneId.of("Asia/Shanghai");
        java.util.function.Function<String, java.time.Instant> at = s -> java.time.LocalDateTime.parse(s).atZone(cst)
                .toInstant();
        org.communityhub.gateway.config.ManualClock clock = new org.communityhub.gateway.config.ManualClock(
                at.apply("2020-03-02T09:00"));
        org.communityhub.gateway.cases.CaseService service = caseService(clock, cst);
        var disp = new org.communityhub.gateway.cases.CaseActor("disp",
                org.communityhub.gateway.cases.CaseActor.Kind.DISPATCHER, null, java.util.Set.of());
        var wa1 = service.actor("wa1", org.communityhub.gateway.cases.CaseActor.Kind.GRID_WORKER, "ita");
        var anyone = org.communityhub.gateway.cases.CaseActor.anonymous();
        java.util.function.BiFunction<String, String, Long> filedAt = (when, category) -> {
            clock.set(at.apply(when));
            return service.submit(anyone, category, "周报测试", IN_GRID_A[0], IN_GRID_A[1], null, List.of()).id();
        };
        org.communityhub.gateway.testing.Steps steps = (when, who, id, command) -> {
            clock.set(at.apply(when));
            service.step(who, id, command, List.of());
        };
        // On time: 6 hours from report to close, rated 4.
        long onTime = filedAt.apply("2020-03-02T09:00", "environment");
        steps.take("2020-03-02T10:00", disp, onTime, accept(24));
        steps.take("2020-03-02T14:00", wa1, onTime, new org.communityhub.gateway.cases.CaseCommand.Handle("ok"));
        steps.take("2020-03-02T15:00", disp, onTime, new org.communityhub.gateway.cases.CaseCommand.Close());
        clock.set(at.apply("2020-03-02T16:00"));
        String code = hub.column("SELECT tracking_code FROM hub_case WHERE id = " + onTime).get(0).toString();
        service.rate(code, 4, null);
        // Late: due Tuesday 11:00, handled Wednesday 09:00, closed 27 hours after the report.
        long late = filedAt.apply("2020-03-03T09:00", "facility_damage");
        steps.take("2020-03-03T09:00", disp, late, accept(2));
        steps.take("2020-03-04T09:00", wa1, late, new org.communityhub.gateway.cases.CaseCommand.Handle("late"));
        steps.take("2020-03-04T12:00", disp, late, new org.communityhub.gateway.cases.CaseCommand.Close());
        // Overdue at the week's end (due Thursday 13:00), closed the next week.
        long overdue = filedAt.apply("2020-03-05T09:00", "noise");
        steps.take("2020-03-05T09:00", disp, overdue, accept(4));
        // Open at the week's end but not yet due (Monday 09:00 of the next week).
        long notYetDue = filedAt.apply("2020-03-06T09:00", "environment");
        steps.take("2020-03-06T09:00", disp, notYetDue, accept(72));
        // Sunday 20:00 UTC: Monday 04:00 of the next week in Shanghai.
        clock.set(java.time.Instant.parse("2020-03-08T20:00:00Z"));
        service.submit(anyone, "other", "周日深夜", IN_GRID_B[0], IN_GRID_B[1], null, List.of());
        steps.take("2020-03-10T09:00", wa1, overdue, new org.communityhub.gateway.cases.CaseCommand.Handle("done"));
        steps.take("2020-03-10T10:00", disp, overdue, new org.communityhub.gateway.cases.CaseCommand.Close());
        clock.set(at.apply("2020-03-11T12:00"));

        List<org.communityhub.gateway.cases.CaseReportRow> week = service.report(
                new org.communityhub.gateway.cases.CaseActor("root", org.communityhub.gateway.cases.CaseActor.Kind.ADMIN,
                        null, java.util.Set.of()), "week", java.time.LocalDate.of(2020, 3, 4), null);
        assertThat(week).extracting(r -> r.community() + "/" + r.grid()).containsExactly("ita/null", "ita/ita-g1",
                "ita/ita-g2", "itb/null", "itb/itb-g1");
        var g1 = week.get(1);
        assertThat(List.of(g1.received(), g1.closed(), g1.closedOnTime(), g1.overdueOpen())).as("ita-g1")
                .containsExactly(4L, 2L, 1L, 1L);
        assertThat(g1.medianHoursToClose()).isEqualTo(16.5);
        assertThat(g1.meanRating()).isEqualTo(4.0);
        assertThat(g1.byCategory()).containsExactlyInAnyOrderEntriesOf(Map.of("environment", 2L,
                "facility_damage", 1L, "noise", 1L));
        assertThat(week.get(0).overdueOpen()).as("ita as a whole").isEqualTo(1L);
        for (int quiet : new int[] {2, 3, 4}) {
            var r = week.get(quiet);
            assertThat(List.of(r.received(), r.closed(), r.closedOnTime(), r.overdueOpen())).as(r.grid() + " is quiet")
                    .containsExactly(0L, 0L, 0L, 0L);
            assertThat(r.medianHoursToClose()).isNull();
        }
        List<org.communityhub.gateway.cases.CaseReportRow> utcWeek = caseService(clock, java.time.ZoneOffset.UTC)
                .report(disp, "week", java.time.LocalDate.of(2020, 3, 4), "ita");
        assertThat(utcWeek.get(2).grid()).isEqualTo("ita-g2");
        assertThat(utcWeek.get(2).received()).as("Sunday evening in UTC's week").isEqualTo(1L);

        HttpResponse<String> csv = hub.get("/api/v1/reports/cases?period=week&date=2020-03-04&community=ita&format=csv",
                dispatcher);
        assertThat(csv.body()).contains("\nita,ita-g1,4,2,1,1,16.50,4.00,").contains("\nita,ita-g2,0,0,0,0,,,");
    }

    /**
     * Two past weeks of June 2019 (before every other case here), read a month later: a case closed in week 1,
     * reopened (a fresh deadline) and closed again in week 2 counts as closed in both weeks, as the history has it;
     * a case still open (and overdue) at week 1's end and closed late in week 2 counts only in week 2.
     */
    @Test
    void closingsCountInTheWeekTheHistoryHasThem() throws Exception {
        java.time.ZoneId cst = java.time.ZoneId.of("Asia/Shanghai");
        java.util.function.Function<String, java.time.Instant> at = s -> java.time.LocalDateTime.parse(s).atZone(cst)
                .toInstant();
        org.communityhub.gateway.config.ManualClock clock = new org.communityhub.gateway.config.ManualClock(
                at.apply("2019-06-03T09:00"));
        org.communityhub.gateway.cases.CaseService service = caseService(clock, cst);
        var disp = new org.communityhub.gateway.cases.CaseActor("disp",
                org.communityhub.gateway.cases.CaseActor.Kind.DISPATCHER, null, java.util.Set.of());
        var wa1 = service.actor("wa1", org.communityhub.gateway.cases.CaseActor.Kind.GRID_WORKER, "ita");
        org.communityhub.gateway.testing.Steps steps = (when, who, id, command) -> {
            clock.set(at.apply(when));
            service.step(who, id, command, List.of());
        };
        long reopened = service.submit(org.communityhub.gateway.cases.CaseActor.anonymous(), "environment", "重开",
                IN_GRID_A[0], IN_GRID_A[1], null, List.of()).id();
        steps.take("2019-06-03T10:00", disp, reopened, accept(24));
        steps.take("2019-06-03T14:00", wa1, reopened, new org.communityhub.gateway.cases.CaseCommand.Handle("ok"));
        steps.take("2019-06-03T15:00", disp, reopened, new org.communityhub.gateway.cases.CaseCommand.Close());
        clock.set(at.apply("2019-06-06T09:00"));
        long lateClose = service.submit(org.communityhub.gateway.cases.CaseActor.anonymous(), "noise", "跨周",
                IN_GRID_A[0], IN_GRID_A[1], null, List.of()).id();
        steps.take("2019-06-06T09:00", disp, lateClose, accept(24));
        steps.take("2019-06-11T09:00", disp, reopened, new org.communityhub.gateway.cases.CaseCommand.Reopen("又满了"));
        steps.take("2019-06-11T10:00", wa1, lateClose, new org.communityhub.gateway.cases.CaseCommand.Handle("done"));
        steps.take("2019-06-11T11:00", disp, lateClose, new org.communityhub.gateway.cases.CaseCommand.Close());
        steps.take("2019-06-11T12:00", wa1, reopened, new org.communityhub.gateway.cases.CaseCommand.Handle("again"));
        steps.take("2019-06-11T13:00", disp, reopened, new org.communityhub.gateway.cases.CaseCommand.Close());
        clock.set(at.apply("2019-07-15T09:00"));
        var root = new org.communityhub.gateway.cases.CaseActor("root",
                org.communityhub.gateway.cases.CaseActor.Kind.ADMIN, null, java.util.Set.of());

        var week1 = service.report(root, "week", java.time.LocalDate.of(2019, 6, 5), "ita").get(1);
        assertThat(week1.grid()).isEqualTo("ita-g1");
        assertThat(List.of(week1.received(), week1.closed(), week1.closedOnTime(), week1.overdueOpen()))
                .as("week 1: the first closing counts though reopened since; the other was open (overdue) at its end")
                .containsExactly(2L, 1L, 1L, 1L);
        assertThat(week1.medianHoursToClose()).isEqualTo(6.0);
        var week2 = service.report(root, "week", java.time.LocalDate.of(2019, 6, 12), "ita").get(1);
        assertThat(List.of(week2.received(), week2.closed(), week2.closedOnTime(), week2.overdueOpen()))
                .as("week 2: both closed, the reopened one on time by its fresh deadline").containsExactly(0L, 2L, 1L, 0L);
        assertThat(week2.medianHoursToClose()).isEqualTo((196.0 + 122.0) / 2);
        HttpResponse<String> csv = hub.get("/api/v1/reports/cases?period=week&date=2019-06-05&community=ita&format=csv",
                dispatcher);
        assertThat(csv.body()).contains("\nita,ita-g1,2,1,1,1,6.00,,");
    }

    private static org.communityhub.gateway.cases.CaseCommand accept(int hours) {
        return new org.communityhub.gateway.cases.CaseCommand.Accept(java.time.Duration.ofHours(hours), null, null);
    }

    /** The case service as the hub wires it, on {@code clock} and in {@code zone}. */
    private static org.communityhub.gateway.cases.CaseService caseService(java.time.Clock clock, java.time.ZoneId zone) {
        var ds = hub.dataSource();
        return new org.communityhub.gateway.cases.CaseService(new org.communityhub.gateway.postgis.PostgisCaseStore(ds),
                new org.communityhub.gateway.cases.CaseWorkflow(Map.of()),
                new org.communityhub.gateway.imaging.ImageIoPhotoSanitizer(),
                new org.communityhub.gateway.postgis.GeoPlaceLocator(new org.communityhub.geo.postgis.PostgisGeoQueries(ds)),
                clock, zone);
    }
}
