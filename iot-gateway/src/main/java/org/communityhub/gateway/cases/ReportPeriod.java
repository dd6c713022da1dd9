package org.communityhub.gateway.cases;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The week (Monday to Sunday) or calendar month of a case report (一周一通报、一月一点评) that holds a
 * given day, as instants in the community's time zone (China Standard Time unless configured).
 *
 * @param start the first instant of the period (inclusive)
 * @param end the first instant after it (exclusive)
 */
public record ReportPeriod(String kind, LocalDate first, LocalDate last, Instant start, Instant end) {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** @param kind {@code week} or {@code month} */
    public static ReportPeriod of(String kind, LocalDate day, ZoneId zone) {
        LocalDate first;
        LocalDate next;
        if ("week".equals(kind)) {
            first = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            next = first.plusWeeks(1);
        } else if ("month".equals(kind)) {
            first = day.withDayOfMonth(1);
            next = first.plusMonths(1);
        } else {
            throw CaseRuleException.invalid("period", "must be week or month");
        }
        return new ReportPeriod(kind, first, next.minusDays(1), first.atStartOfDay(zone).toInstant(),
                next.atStartOfDay(zone).toInstant());
    }
}
