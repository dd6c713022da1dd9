package org.communityhub.gateway.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.communityhub.gateway.cases.CaseActor;
import org.communityhub.contract.CaseCategory;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.config.ManualClock;

/**
 * Fills the demo with weeks of cases through the real case service ({@link CaseService}: place from the point,
 * workflow rules, audit history, deadlines, ratings), each submission and step taken with the service's clock set
 * to the planned time in the past ({@link DemoCasePlan}). In each community only the time since its newest case is
 * seeded (at most {@code history}), so a second run the same day adds next to nothing and never doubles the cases,
 * a run days later fills the days in between, and a run cut short resumes each community where it stopped (its
 * cases are seeded oldest first). Open alerts that no case was made from yet become cases too (a fire button
 * reported broken, say), at the real time. Communities are seeded on {@code threads} threads, each with its own
 * clock and service. Blocking: a few ms per step (one transaction each); about 2,000 steps for 3 weeks of
 * the demo subdistrict. Thread-safe: every run uses its own clocks.
 */
public final class DemoCaseSeeder {

    private static final int SPOTS_PER_GRID = 40;
    private static final int ALERT_CASES = 2;

    private final DemoSite site;
    private final DemoStaff staff;
    private final Function<Clock, CaseService> services;
    private final DemoCasePlan plan;
    private final Duration history;
    private final int threads;

    /** What a run did: the cases it filed, steps and ratings it took, cases made from alerts, and its widest window. */
    public record Result(int cases, int steps, int ratings, int fromAlerts, Instant from, Instant to) {
    }

    /**
     * @param services the case service on a given clock, wired as the hub wires it
     * @param limits each category's time limit as that service's workflow has it
     * @param perDay reports a day per community, on average
     * @param history how far back the first run reaches
     */
    public DemoCaseSeeder(DemoSite site, DemoStaff staff, Function<Clock, CaseService> services,
                          Function<CaseCategory, Duration> limits, long seed, double perDay, Duration history, int threads) {
        this.site = site;
        this.staff = staff;
        this.services = services;
        this.plan = new DemoCasePlan(seed, perDay, staff, limits);
        this.history = history;
        this.threads = Math.max(1, threads);
    }

    /** Seeds, community by community, the cases submitted after its newest case (or {@code history} ago) up to {@code now}. */
    public Result seed(Instant now) throws InterruptedException {
        Instant earliest = now.minus(history);
        Map<String, Instant> latest = site.latestSubmissions();
        Map<String, List<DemoSite.Spot>> inGrids = new TreeMap<>();
        Map<String, List<DemoSite.Spot>> onStreets = new TreeMap<>();
        for (DemoSite.Spot s : site.spots(SPOTS_PER_GRID)) {
            (s.grid() == null ? onStreets : inGrids).computeIfAbsent(s.community(), c -> new ArrayList<>()).add(s);
        }
        int[] totals = new int[3];
        Instant first = now;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<int[]>> runs = new ArrayList<>();
            for (String community : staff.communities()) {
                Instant from = latest.getOrDefault(community, earliest);
                from = from.isAfter(earliest) ? from : earliest;
                first = from.isBefore(first) ? from : first;
                Instant since = from;
                runs.add(pool.submit(() -> seedCommunity(community, inGrids.getOrDefault(community, List.of()),
                        onStreets.getOrDefault(community, List.of()), since, now)));
            }
            for (Future<int[]> run : runs) {
                int[] r = run.get();
                for (int i = 0; i < totals.length; i++) {
                    totals[i] += r[i];
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int fromAlerts = alertCases(now);
        return new Result(totals[0], totals[1], totals[2], fromAlerts, first, now);
    }

    private int[] seedCommunity(String community, List<DemoSite.Spot> gridSpots, List<DemoSite.Spot> streetSpots,
                                Instant from, Instant now) {
        ManualClock clock = new ManualClock(now);
        CaseService cases = services.apply(clock);
        int[] counts = new int[3];
        for (PlannedCase c : plan.plan(community, gridSpots, streetSpots, from, now)) {
            clock.set(c.submittedAt());
            CaseActor reporter = c.reporter() == null ? CaseActor.anonymous() : staff.actor(c.reporter());
            if (c.onTheSpot() != null) {
                // 现场办结: filed, handled (note, after-photo) and closed in one operation, at filing time
                CaseService.Report report = cases.report(c.category().code(), c.description(), c.spot().lon(),
                        c.spot().lat(), null);
                cases.submitClosedOnTheSpot(reporter, report, List.of(), c.onTheSpot(), afterPhoto(cases));
                counts[0]++;
                counts[1] += 2;
                continue;
            }
            CaseService.Filed filed = cases.submit(reporter, c.category().code(), c.description(), c.spot().lon(),
                    c.spot().lat(), c.contact(), List.of());
            counts[0]++;
            boolean complete = true;
            for (PlannedCase.Step step : c.steps()) {
                if (!step.at().isBefore(now)) {
                    complete = false;
                    break;
                }
                clock.set(step.at());
                cases.step(staff.actor(step.actor()), filed.id(), step.command(), List.of());
                counts[1]++;
            }
            if (complete && c.rating() != null && c.rating().at().isBefore(now)) {
                clock.set(c.rating().at());
                cases.rate(filed.trackingCode(), c.rating().score(), c.rating().comment());
                counts[2]++;
            }
        }
        return counts;
    }

    /** The demo's after-photo: a small grey JPEG, sanitised like an upload (a few ms, once per such case). */
    private static List<org.communityhub.gateway.cases.PhotoSanitizer.CleanPhoto> afterPhoto(CaseService cases) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(120, 128, 120));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "jpeg", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return cases.sanitize(List.of(out.toByteArray()));
    }

    private int alertCases(Instant now) {
        List<Long> alerts = site.alertsWithoutCase(List.of("fire", "maintenance"), ALERT_CASES);
        CaseService cases = services.apply(new ManualClock(now));
        int made = 0;
        for (long id : alerts) {
            try {
                cases.fromAlert(staff.actor(DemoStaff.SUBDISTRICT_DISPATCHER), id);
                made++;
            } catch (org.communityhub.gateway.cases.CaseRuleException e) {
                // an alert outside every community (a device placed off the map) stays an alert
            }
        }
        return made;
    }
}
