package org.communityhub.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read event times equal {@link OffsetDateTime#parse}'s, and what it refuses is refused the same way. */
class EventTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T08:00:00+08:00", "2026-11-21T08:00:00Z", "2026-11-21T08:00:00.1Z",
        "2026-11-21T08:00:00.123+08:00", "2026-11-21T08:00:00.123456789-05:30", "2026-11-21T23:59:59.999999+14:00",
        "2024-02-29T00:00:00-00:00", "0000-01-01T00:00:00Z", "2026-11-21T08:00Z", "2026-11-21T08:00:00+08:00:30",
        "2026-11-21t08:00:00z", "2026-11-21T08:00:00.Z", "+12026-11-21T08:00:00Z", "2026-11-21T08:00:00+0800"})
    void readsWhatTheJdkReadsTheSame(String text) {
        OffsetDateTime expected;
        try {
            expected = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> EventTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        OffsetDateTime actual = EventTimes.parse(text);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.getOffset()).isEqualTo(expected.getOffset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T08:00:00Z", "2026-13-01T08:00:00Z", "2026-11-21T24:00:00Z",
        "2026-11-21T08:60:00Z", "2026-11-21T08:00:00+19:00", "2026-11-21T08:00:00.1234567890Z", "2026-11-21T08:00:00",
        "2026-11-21 08:00:00Z", "2026-11-2aT08:00:00Z", "yesterday", ""})
    void refusesWhatTheJdkRefuses(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
