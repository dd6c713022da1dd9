package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_B;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.cases.CaseActor;
import org.communityhub.gateway.cases.CaseCommand;
import org.communityhub.gateway.cases.CaseReportRow;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.CaseWorkflow;
import org.communityhub.gateway.config.ManualClock;
import org.communityhub.gateway.imaging.ImageIoPhotoSanitizer;
import org.communityhub.gateway.postgis.GeoPlaceLocator;
import org.communityhub.gateway.postgis.PostgisCaseStore;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The week's case report with exact figures, from cases made on a manual clock through the real case service
 * and PostGIS, and read back over HTTP.
 * Fixture as {@link CasesIT}: grids ita-g1 (wa1, wa9), ita-g2 (wb1), itb-g1; disp works for the whole subdistrict.
 */
class CaseReportFiguresIT {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    private static final CaseActor DISP = new CaseActor("disp", CaseActor.Kind.DISPATCHER, null, Set.of());
    private static final CaseActor ROOT = new CaseActor("root", CaseActor.Kind.ADMIN, null, Set.of());

    @RegisterExtension
    static final HubExtension HUB = HubExtension.with(Map.of("HUB_TRUSTED_PROXIES", "127.0.0.1"));

    private static HubFixture hub;
    private static CaseRequests cases;
    private static String dispatcher;

    @BeforeAll
    static void start() throws Exception {
        hub = HUB.fixture();
        cases = new CaseRequests(hub);
        cases.importGrids();
        String root = hub.login("root", Role.ADMIN, null);
        assertThat(cases.saveUser(root, "disp", "dispatcher", null, List.of()).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "wa1", "grid_worker", null, List.of("ita-g1")).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "wa9", "grid_worker", null, List.of("ita-g1")).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "wb1", "grid_worker", "ita", List.of("ita-g2")).statusCode()).isEqualTo(200);
        dispatcher = cases.token("disp");
    }

    /** The case service on a manual clock set in the past, with a grid worker of ita-g1; times are Shanghai's. */
    private static final class Past {
        final ManualClock clock;
        final CaseService service;
        final CaseActor wa1;

        Past(String start) {
            clock = new ManualClock(at(start));
            service = caseService(clock, CST);
            wa1 = service.actor("wa1", CaseActor.Kind.GRID_WORKER, "ita");
        }

        static Instant at(String local) {
            return LocalDateTime.parse(local).atZone(CST).toInstant();
        }

        /** An anonymous report filed at {@code when} in ita-g1. */
        long file(String when, String category, String description) {
            clock.set(at(when));
            return service.submit(CaseActor.anonymous(), category, description, IN_GRID_A[0], IN_GRID_A[1], null,
                    List.of()).id();
        }

        void step(String when, CaseActor who, long id, CaseCommand command) {
            clock.set(at(when));
            service.step(who, id, command, List.of());
        }
    }

    /**
     * A week of cases made on a manual clock (2020, before every other case of this hub), the report read a week
     * later: exact figures, a late close, the overdue count as it was at the week's end though the case was closed
     * since, quiet grids and communities as zero rows, and the week's bounds in the configured zone.
     */
    @Test
    void aPastWeeksReportHasExactFiguresAndStaysAsItWas() throws Exception {
        Past p = new Past("2020-03-02T09:00");
        // On time: 6 hours from report to close, rated 4.
        long onTime = p.file("2020-03-02T09:00", "environment", "周报测试");
        p.step("2020-03-02T10:00", DISP, onTime, accept(24));
        p.step("2020-03-02T14:00", p.wa1, onTime, new CaseCommand.Handle("ok"));
        p.step("2020-03-02T15:00", DISP, onTime, new CaseCommand.Close());
        p.clock.set(Past.at("2020-03-02T16:00"));
        String code = hub.column("SELECT tracking_code FROM hub_case WHERE id = " + onTime).get(0).toString();
        p.service.rate(code, 4, null);
        // Late: due Tuesday 11:00, handled Wednesday 09:00, closed 27 hours after the report.
        long late = p.file("2020-03-03T09:00", "facility_damage", "周报测试");
        p.step("2020-03-03T09:00", DISP, late, accept(2));
        p.step("2020-03-04T09:00", p.wa1, late, new CaseCommand.Handle("late"));
        p.step("2020-03-04T12:00", DISP, late, new CaseCommand.Close());
        // Overdue at the week's end (due Thursday 13:00), closed the next week.
        long overdue = p.file("2020-03-05T09:00", "noise", "周报测试");
        p.step("2020-03-05T09:00", DISP, overdue, accept(4));
        // Open at the week's end but not yet due (Monday 09:00 of the next week).
        long notYetDue = p.file("2020-03-06T09:00", "environment", "周报测试");
        p.step("2020-03-06T09:00", DISP, notYetDue, accept(72));
        // Sunday 20:00 UTC: Monday 04:00 of the next week in Shanghai.
        p.clock.set(Instant.parse("2020-03-08T20:00:00Z"));
        p.service.submit(CaseActor.anonymous(), "other", "周日深夜", IN_GRID_B[0], IN_GRID_B[1], null, List.of());
        p.step("2020-03-10T09:00", p.wa1, overdue, new CaseCommand.Handle("done"));
        p.step("2020-03-10T10:00", DISP, overdue, new CaseCommand.Close());
        p.clock.set(Past.at("2020-03-11T12:00"));

        List<CaseReportRow> week = p.service.report(ROOT, "week", LocalDate.of(2020, 3, 4), null);
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
        List<CaseReportRow> utcWeek = caseService(p.clock, ZoneOffset.UTC)
                .report(DISP, "week", LocalDate.of(2020, 3, 4), "ita");
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
        Past p = new Past("2019-06-03T09:00");
        long reopened = p.file("2019-06-03T09:00", "environment", "重开");
        p.step("2019-06-03T10:00", DISP, reopened, accept(24));
        p.step("2019-06-03T14:00", p.wa1, reopened, new CaseCommand.Handle("ok"));
        p.step("2019-06-03T15:00", DISP, reopened, new CaseCommand.Close());
        long lateClose = p.file("2019-06-06T09:00", "noise", "跨周");
        p.step("2019-06-06T09:00", DISP, lateClose, accept(24));
        p.step("2019-06-11T09:00", DISP, reopened, new CaseCommand.Reopen("又满了"));
        p.step("2019-06-11T10:00", p.wa1, lateClose, new CaseCommand.Handle("done"));
        p.step("2019-06-11T11:00", DISP, lateClose, new CaseCommand.Close());
        p.step("2019-06-11T12:00", p.wa1, reopened, new CaseCommand.Handle("again"));
        p.step("2019-06-11T13:00", DISP, reopened, new CaseCommand.Close());
        p.clock.set(Past.at("2019-07-15T09:00"));

        var week1 = p.service.report(ROOT, "week", LocalDate.of(2019, 6, 5), "ita").get(1);
        assertThat(week1.grid()).isEqualTo("ita-g1");
        assertThat(List.of(week1.received(), week1.closed(), week1.closedOnTime(), week1.overdueOpen()))
                .as("week 1: the first closing counts though reopened since; the other was open (overdue) at its end")
                .containsExactly(2L, 1L, 1L, 1L);
        assertThat(week1.medianHoursToClose()).isEqualTo(6.0);
        var week2 = p.service.report(ROOT, "week", LocalDate.of(2019, 6, 12), "ita").get(1);
        assertThat(List.of(week2.received(), week2.closed(), week2.closedOnTime(), week2.overdueOpen()))
                .as("week 2: both closed, the reopened one on time by its fresh deadline").containsExactly(0L, 2L, 1L, 0L);
        assertThat(week2.medianHoursToClose()).isEqualTo((196.0 + 122.0) / 2);
        HttpResponse<String> csv = hub.get("/api/v1/reports/cases?period=week&date=2019-06-05&community=ita&format=csv",
                dispatcher);
        assertThat(csv.body()).contains("\nita,ita-g1,2,1,1,1,6.00,,");
    }

    private static CaseCommand accept(int hours) {
        return new CaseCommand.Accept(Duration.ofHours(hours), null, null);
    }

    /** The case service as the hub wires it, on {@code clock} and in {@code zone}. */
    private static CaseService caseService(java.time.Clock clock, ZoneId zone) {
        var ds = hub.dataSource();
        return new CaseService(new PostgisCaseStore(ds), new CaseWorkflow(Map.of()), new ImageIoPhotoSanitizer(),
                new GeoPlaceLocator(new PostgisGeoQueries(ds)), clock, zone);
    }
}
