package org.communityhub.gateway.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Report periods in China Standard Time, and tracking codes. */
class CaseCalendarTest {

    @Test
    void aWeekRunsMondayToSundayAndAMonthIsTheCalendarMonthInChinaTime() {
        ReportPeriod week = ReportPeriod.of("week", LocalDate.of(2026, 12, 3), ReportPeriod.CHINA);
        assertThat(week.first()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(week.last()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(week.start()).isEqualTo(Instant.parse("2026-11-29T16:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2026-12-06T16:00:00Z"));
        ReportPeriod feb = ReportPeriod.of("month", LocalDate.of(2028, 2, 10), ReportPeriod.CHINA);
        assertThat(feb.last()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThatThrownBy(() -> ReportPeriod.of("year", LocalDate.of(2026, 1, 1), ReportPeriod.CHINA))
                .extracting("field").isEqualTo("period");
    }

    @Test
    void trackingCodesAreWellFormedAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = TrackingCode.next();
            assertThat(TrackingCode.wellFormed(code)).as(code).isTrue();
            assertThat(code).doesNotContain("0", "O", "1", "I", "L");
            seen.add(code);
        }
        assertThat(seen).hasSize(10_000);
        assertThat(TrackingCode.wellFormed("abc")).isFalse();
        assertThat(TrackingCode.wellFormed(null)).isFalse();
    }
}
