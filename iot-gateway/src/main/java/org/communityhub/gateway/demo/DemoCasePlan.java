package org.communityhub.gateway.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.communityhub.contract.CaseCategory;
import org.communityhub.gateway.cases.CaseCommand;

/**
 * Plans a community's demo cases, hour by hour of absolute time: each hour's reports (more by day than by night,
 * China Standard Time) and each report's life follow from the seed, the community and that hour alone, so that
 * planning any window gives the same cases for the hours it shares with another window. That is what lets a
 * second seeding run add only the hours since the newest case. Each case's fate is drawn once: a grid worker's
 * small matter closed on the spot; a report rejected at triage; or accepted (triage in office hours), assigned,
 * started, handled mostly within the category's time limit and some late, closed by the dispatcher, now and then
 * reopened, and often rated. A few stall at one status for good (never triaged, never assigned, started, handled
 * or closed): the backlog and the overdue cases a real platform has. Stateless apart from its inputs;
 * thread-safe; microseconds per case.
 */
final class DemoCasePlan {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final double DAY_WEIGHT_TOTAL = 14 + 10 * 0.15;
    private static final CaseCategory[] CATEGORIES = CaseCategory.values();
    /** Relative frequency of the categories, in declaration order. */
    private static final double[] CATEGORY_WEIGHTS = {0.30, 0.25, 0.12, 0.08, 0.08, 0.10, 0.07};

    private final long seed;
    private final double perDay;
    private final DemoStaff staff;
    private final Function<CaseCategory, Duration> limits;

    /**
     * @param perDay reports a day per community, on average
     * @param limits the time limit of each category, as the workflow gives it
     */
    DemoCasePlan(long seed, double perDay, DemoStaff staff, Function<CaseCategory, Duration> limits) {
        this.seed = seed;
        this.perDay = perDay;
        this.staff = staff;
        this.limits = limits;
    }

    /**
     * The community's cases submitted after {@code from} and up to {@code to}, oldest first.
     *
     * @param gridSpots places in the community's grids; {@code streetSpots} places in none of them (may be empty)
     */
    List<PlannedCase> plan(String community, List<DemoSite.Spot> gridSpots, List<DemoSite.Spot> streetSpots,
                           Instant from, Instant to) {
        List<PlannedCase> out = new ArrayList<>();
        if (gridSpots.isEmpty()) {
            return out;
        }
        for (long hour = from.getEpochSecond() / 3600; hour <= to.getEpochSecond() / 3600; hour++) {
            SplittableRandom rnd = new SplittableRandom(mix(mix(seed ^ community.hashCode()) + hour * 0x9E3779B97F4A7C15L));
            Instant slot = Instant.ofEpochSecond(hour * 3600);
            int localHour = slot.atZone(CHINA).getHour();
            double lambda = perDay * (localHour >= 8 && localHour < 22 ? 1 : 0.15) / DAY_WEIGHT_TOTAL;
            int n = poisson(lambda, rnd);
            for (int i = 0; i < n; i++) {
                Instant t0 = slot.plusSeconds(rnd.nextLong(3600));
                boolean street = !streetSpots.isEmpty() && rnd.nextDouble() < 0.12;
                List<DemoSite.Spot> spots = street ? streetSpots : gridSpots;
                PlannedCase c = life(community, t0, spots.get(rnd.nextInt(spots.size())), rnd);
                if (t0.isAfter(from) && !t0.isAfter(to)) {
                    out.add(c);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(PlannedCase::submittedAt));
        return out;
    }

    private PlannedCase life(String community, Instant t0, DemoSite.Spot spot, SplittableRandom rnd) {
        CaseCategory category = category(rnd);
        String description = DemoTexts.description(category, rnd);
        boolean street = spot.grid() == null;
        List<String> workers = street ? staff.workers(staff.grids(community).get(rnd.nextInt(staff.grids(community).size())))
                : staff.workers(spot.grid());
        String reporter = !street && rnd.nextDouble() < 0.25 ? workers.get(rnd.nextInt(workers.size())) : null;
        String contact = reporter == null && rnd.nextDouble() < 0.4
                ? String.format(Locale.ROOT, "13%09d", rnd.nextInt(1_000_000_000)) : null;
        List<PlannedCase.Step> steps = new ArrayList<>();
        if (reporter != null && rnd.nextDouble() < 0.5) {
            Instant handled = t0.plus(minutes(rnd, 5, 40));
            steps.add(new PlannedCase.Step(handled, reporter, new CaseCommand.Handle(DemoTexts.onTheSpot(rnd))));
            steps.add(new PlannedCase.Step(handled.plus(minutes(rnd, 1, 5)), reporter, new CaseCommand.Close()));
            return new PlannedCase(t0, spot, category, description, reporter, null, steps, null);
        }
        String dispatcher = rnd.nextDouble() < 0.15 ? DemoStaff.SUBDISTRICT_DISPATCHER : DemoStaff.dispatcher(community);
        Instant triage = triage(t0, rnd);
        double fate = rnd.nextDouble();
        if (fate < 0.02) {
            return new PlannedCase(t0, spot, category, description, reporter, contact, steps, null); // never triaged
        }
        if (fate < 0.09) {
            steps.add(new PlannedCase.Step(triage, dispatcher, new CaseCommand.Reject(DemoTexts.rejected(rnd))));
            return new PlannedCase(t0, spot, category, description, reporter, contact, steps, null);
        }
        String picked = !street && workers.size() > 1 && rnd.nextDouble() < 0.35 ? workers.get(1) : null;
        String priority = (category == CaseCategory.SAFETY_HAZARD || category == CaseCategory.FIRE_SAFETY)
                && rnd.nextDouble() < 0.5 ? "high" : null;
        steps.add(new PlannedCase.Step(triage, dispatcher, new CaseCommand.Accept(null, priority, picked)));
        String worker = picked != null ? picked : workers.get(0);
        Instant assigned = triage;
        double stall = rnd.nextDouble();
        if (street) {
            if (stall < 0.15) {
                return new PlannedCase(t0, spot, category, description, reporter, contact, steps, null); // stays accepted
            }
            assigned = triage.plus(minutes(rnd, 60, 480));
            steps.add(new PlannedCase.Step(assigned, dispatcher, new CaseCommand.Assign(worker)));
        } else if (stall < 0.04) {
            return new PlannedCase(t0, spot, category, description, reporter, contact, steps, null); // stays assigned
        }
        Duration limit = limits.apply(category);
        boolean late = rnd.nextDouble() < 0.15;
        Instant handled = max(triage.plus(scaled(limit, late ? rnd.nextDouble(1.05, 2.0) : rnd.nextDouble(0.15, 0.95))),
                assigned.plus(Duration.ofMinutes(45)));
        Duration toStart = Duration.ofSeconds(Math.min(rnd.nextLong(1200, 6 * 3600),
                Duration.between(assigned, handled).getSeconds() / 2));
        steps.add(new PlannedCase.Step(assigned.plus(toStart), worker, new CaseCommand.Start()));
        if (rnd.nextDouble() < 0.05) {
            return new PlannedCase(t0, spot, category, description, reporter, contact, steps, null); // stays in progress
        }
        steps.add(new PlannedCase.Step(handled, worker, new CaseCommand.Handle(DemoTexts.handled(rnd))));
        if (rnd.nextDouble() < 0.03) {
            return new PlannedCase(t0, spot, category, description, reporter, contact, steps, null); // stays handled
        }
        Instant closed = handled.plus(minutes(rnd, 120, 30 * 60));
        steps.add(new PlannedCase.Step(closed, dispatcher, new CaseCommand.Close()));
        if (rnd.nextDouble() < 0.04) {
            Instant reopened = closed.plus(minutes(rnd, 6 * 60, 72 * 60));
            steps.add(new PlannedCase.Step(reopened, dispatcher, new CaseCommand.Reopen(DemoTexts.reopened(rnd))));
            Instant again = reopened.plus(minutes(rnd, 4 * 60, 24 * 60));
            steps.add(new PlannedCase.Step(again, worker, new CaseCommand.Handle(DemoTexts.handled(rnd))));
            closed = again.plus(minutes(rnd, 120, 24 * 60));
            steps.add(new PlannedCase.Step(closed, dispatcher, new CaseCommand.Close()));
        }
        PlannedCase.Rating rating = null;
        if (reporter == null && rnd.nextDouble() < 0.65) {
            int score = score(late, rnd);
            rating = new PlannedCase.Rating(closed.plus(minutes(rnd, 60, 48 * 60)), score, DemoTexts.comment(score, rnd));
        }
        return new PlannedCase(t0, spot, category, description, reporter, contact, steps, rating);
    }

    /** Office hours (08:30–18:00 China time) take a report within 15 min to 3 h; otherwise the next morning. */
    private static Instant triage(Instant t0, SplittableRandom rnd) {
        ZonedDateTime local = t0.atZone(CHINA);
        LocalTime opens = LocalTime.of(8, 30);
        if (!local.toLocalTime().isBefore(opens) && local.getHour() < 18) {
            return t0.plus(minutes(rnd, 15, 180));
        }
        ZonedDateTime morning = local.toLocalTime().isBefore(opens) ? local.with(opens) : local.plusDays(1).with(opens);
        return morning.toInstant().plus(minutes(rnd, 0, 90));
    }

    private static int score(boolean late, SplittableRandom rnd) {
        double r = rnd.nextDouble() + (late ? 0.3 : 0);
        return r < 0.5 ? 5 : r < 0.8 ? 4 : r < 0.92 ? 3 : r < 0.97 ? 2 : 1;
    }

    private static CaseCategory category(SplittableRandom rnd) {
        double r = rnd.nextDouble();
        for (int i = 0; i < CATEGORIES.length; i++) {
            r -= CATEGORY_WEIGHTS[i];
            if (r < 0) {
                return CATEGORIES[i];
            }
        }
        return CaseCategory.OTHER;
    }

    private static int poisson(double lambda, SplittableRandom rnd) {
        double limit = Math.exp(-lambda);
        double p = rnd.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rnd.nextDouble();
            k++;
        }
        return k;
    }

    private static Duration minutes(SplittableRandom rnd, int min, int max) {
        return Duration.ofSeconds(rnd.nextLong(min * 60L, max * 60L));
    }

    private static Duration scaled(Duration d, double factor) {
        return Duration.ofSeconds((long) (d.getSeconds() * factor));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A bijective 64-bit scrambler (SplitMix64 finaliser). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
