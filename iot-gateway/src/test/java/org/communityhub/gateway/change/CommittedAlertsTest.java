package org.communityhub.gateway.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.AlertRule;
import org.communityhub.gateway.alert.AlertStatus;
import org.communityhub.gateway.alert.Severity;
import org.junit.jupiter.api.Test;

/**
 * The hand-over of committed alerts: wanted only once a target is connected and listening, passed on as they
 * are, and never failing the writer that calls it (its change notices still deliver the alerts).
 */
class CommittedAlertsTest {

    private final CommittedAlerts committed = new CommittedAlerts();
    private final List<List<Alert>> received = new ArrayList<>();
    private boolean listening;
    private boolean failing;

    private final CommittedAlerts.Target target = new CommittedAlerts.Target() {
        @Override
        public boolean listening() {
            return listening;
        }

        @Override
        public void alertsCommitted(List<Alert> alerts) {
            if (failing) {
                throw new IllegalStateException("the stream is gone");
            }
            received.add(alerts);
        }
    };

    @Test
    void wantedOnlyWhileAConnectedTargetListens() {
        listening = true;
        assertThat(committed.wanted()).as("nothing connected yet").isFalse();
        committed.connect(target);
        assertThat(committed.wanted()).isTrue();
        listening = false;
        assertThat(committed.wanted()).as("nobody connected to the stream: writers need not read back").isFalse();
    }

    @Test
    void alertsArePassedOnAsCommittedAndAnEmptyListIsNot() {
        committed.connect(target);
        List<Alert> alerts = List.of(alert(1, 10), alert(2, 11));
        committed.committed(alerts);
        committed.committed(List.of());
        assertThat(received).containsExactly(alerts);
    }

    @Test
    void aFailingTargetNeverFailsTheWriterAndNothingConnectedIsNoError() {
        assertThatCode(() -> committed.committed(List.of(alert(1, 10)))).doesNotThrowAnyException();
        committed.connect(target);
        failing = true;
        assertThatCode(() -> committed.committed(List.of(alert(1, 12)))).doesNotThrowAnyException();
        failing = false;
        committed.committed(List.of(alert(1, 13)));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).get(0).changeSeq()).isEqualTo(13);
    }

    private static Alert alert(long id, long seq) {
        Instant at = Instant.parse("2030-06-01T08:00:00Z");
        return new Alert(id, AlertRule.FIRE, Severity.CRITICAL, AlertStatus.OPEN, "fb-1", "b-1", "p-1", "c-1", 3, 116.4,
                39.9, at, at, 1, List.of("e-" + seq), null, null, null, null, null, null, null, 0, seq, null, List.of(),
                false);
    }
}
