package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.EventType;
import org.junit.jupiter.api.Test;

class EventFactoryTest {

    private final EventFactory events = new EventFactory(EventIds.newRun("t"), Clock.systemUTC(), new Random(7));

    @Test
    void everyEventTypeOfEveryDeviceTypeIsContractValidJson() throws Exception {
        for (DeviceType deviceType : DeviceType.values()) {
            for (String type : deviceType.eventTypes().stream().map(EventType::code).toList()) {
                for (int i = 0; i < 50; i++) {
                    JsonNode node = PayloadContract.assertValid(EventJson.payload(events.random("d-1", type)), deviceType);
                    assertThat(node.get("type").asText()).isEqualTo(type);
                }
            }
        }
    }

    @Test
    void everyContractEventTypeIsCoveredByTheDeviceTypes() {
        Set<String> all = new HashSet<>();
        for (DeviceType t : DeviceType.values()) {
            t.eventTypes().forEach(e -> all.add(e.code()));
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(PayloadContract.DATA.keySet());
    }

    @Test
    void idsAreUniquePerDeviceAndCarryTheRunPrefix() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(events.random("d-1", "heartbeat").id());
        }
        assertThat(ids).hasSize(10_000).allMatch(id -> id.startsWith(events.ids().prefix() + "-"));
        assertThat(events.random("d-2", "heartbeat").id()).isEqualTo(events.ids().prefix() + "-1");
    }

    @Test
    void runPrefixesDifferBetweenRunsAndAreLikeSafe() {
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            prefixes.add(EventIds.newRun("ld").prefix());
        }
        assertThat(prefixes).hasSizeGreaterThan(190).allMatch(p -> p.matches("ld[a-z0-9]+") && p.length() <= 20);
    }

    @Test
    void personsArePseudonymsNotNames() {
        Set<String> persons = new HashSet<>();
        for (int n = 0; n < 5000; n++) {
            persons.add(EventFactory.person(n));
        }
        assertThat(persons).hasSizeGreaterThan(4990).allMatch(p -> p.matches("p-[0-9a-f]{6}"));
    }

    @Test
    void timeIsTheDeviceClockInChinaStandardTimeWithMilliseconds() {
        String time = events.random("d-1", "heartbeat").timeText();
        assertThat(time).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+08:00");
    }
}
