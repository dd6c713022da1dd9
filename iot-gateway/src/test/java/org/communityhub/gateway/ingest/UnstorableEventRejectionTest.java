package org.communityhub.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.communityhub.contract.EventType;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.event.EventFixtures;
import org.communityhub.gateway.event.Rejection;
import org.junit.jupiter.api.Test;

/** An event the database cannot store is recorded as a rejection that still says which event it was. */
class UnstorableEventRejectionTest {

    @Test
    void theRejectionNamesTheEventIdTypeAndTime() {
        DeviceEvent e = new DeviceEvent(EventFixtures.FIRE_BUTTON, "fb-000042", EventType.FIRE_ALARM,
                OffsetDateTime.parse("1999-01-01T00:00:00+08:00"), Map.of("floor", 3),
                Instant.parse("2026-11-21T00:00:00Z"), null);
        IngestBatch b = BatchSplitter.asRejection(new IngestBatch(
                List.of(new DecidedEvent(e, new org.communityhub.gateway.alert.AlertAction.None())), List.of(), List.of()),
                "no partition of table event for time 1998-12-31");
        Rejection r = b.rejections().get(0);
        assertThat(r.payload() + " " + r.detail()).contains("fb-000042").contains("fire.alarm")
                .contains("1999-01-01T00:00+08:00");
    }
}
