package org.communityhub.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.communityhub.contract.DeviceTopic;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** The topic read by hand on arrival is exactly what the contract's grammar ({@link DeviceTopic#parse}) reads. */
class InboundTopicsTest {

    private static final String C64 = "c".repeat(64);

    static Stream<String> topics() {
        return Stream.of("hub/v1/c-1/gate/g-1/event", "hub/v1/c-1/gate/g-1/status", "hub/v1/c1/fire_button/fb-1/event",
        "hub/v1/c1/camera/cam-9/status", "hub/v1/" + C64 + "/gate/" + C64 + "/event",
        "hub/v1/" + C64 + "c/gate/g-1/event", "hub/v1/c-1/gate/" + C64 + "d/event", "hub/v1//gate/g-1/event",
        "hub/v1/c-1/gate//event", "hub/v1/c-1/gate/g-1/event/", "hub/v1/c-1/gate/g-1/events", "hub/v1/c-1/gate/g-1/eve",
        "hub/v1/c-1/Gate/g-1/event", "hub/v1/C-1/gate/g-1/event", "hub/v1/c-1/gate/g_1/event", "hub/v1/c-1/door/g-1/event",
        "hub/v2/c-1/gate/g-1/event", "hub/v1/c-1/gate/g-1", "hub/v1/c-1/gate", "hub/v1/", "", "x", "hub/v1/c-1/gate/g-1/statu",
        "hub/v1/c-1/gate/g-1/statusx", "hub/v1/c-1/fire_button/fb 1/event", "hub/v1/c-1/camera/cam-1/event/x");
    }

    @ParameterizedTest
    @MethodSource("topics")
    void readsWhatTheGrammarReads(String topic) {
        assertThat(InboundTopics.parse(topic)).isEqualTo(DeviceTopic.parse(topic).orElse(null));
    }
}
