package org.communityhub.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Resolving an alert: a false alarm needs a cause; notes are trimmed and bounded. */
class TransitionTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t "})
    void aFalseAlarmWithoutANoteIsRejected(String note) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Transition.Resolve(Outcome.FALSE_ALARM, note))
                .withMessageStartingWith("note:");
    }

    @Test
    void aFalseAlarmWithACauseIsAcceptedAndTheNoteTrimmed() {
        Transition.Resolve r = new Transition.Resolve(Outcome.FALSE_ALARM, "  烟雾来自厨房，住户已确认 \n");
        assertThat(r.note()).isEqualTo("烟雾来自厨房，住户已确认");
        assertThat(r.outcome()).isEqualTo(Outcome.FALSE_ALARM);
    }

    @Test
    void aResolvedAlertNeedsNoNote() {
        assertThat(new Transition.Resolve(Outcome.RESOLVED, null).note()).isEmpty();
        assertThat(new Transition.Resolve(Outcome.RESOLVED, "  done ").note()).isEqualTo("done");
    }

    @Test
    void aNoteOfTheMaximumLengthIsAcceptedAfterTrimming() {
        String note = "x".repeat(Transition.Resolve.MAX_NOTE);
        assertThat(new Transition.Resolve(Outcome.RESOLVED, "  " + note + "  ").note()).hasSize(2000);
    }

    @Test
    void aNoteOverTheMaximumLengthIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Transition.Resolve(Outcome.RESOLVED, "x".repeat(Transition.Resolve.MAX_NOTE + 1)))
                .withMessageContaining("note").withMessageContaining("2000");
    }

    @Test
    void outcomesAndStatusesUseTheContractWords() {
        assertThat(Outcome.fromCode("false_alarm")).contains(Outcome.FALSE_ALARM);
        assertThat(Outcome.fromCode("resolved")).contains(Outcome.RESOLVED);
        assertThat(Outcome.fromCode("fixed")).isEmpty();
        assertThat(AlertStatus.fromCode("acknowledged")).contains(AlertStatus.ACKNOWLEDGED);
        assertThat(AlertStatus.fromCode("closed")).isEmpty();
    }
}
