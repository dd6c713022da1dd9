package org.communityhub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.communityhub.contract.DeviceTopic.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and writing {@code hub/v1/{community}/{type}/{deviceId}/{channel}} (CONTRACT §4). */
class DeviceTopicTest {

    @Test
    void parsesAnEventTopic() {
        assertThat(DeviceTopic.parse("hub/v1/c-1/gate/g-0001/event"))
                .contains(new DeviceTopic("c-1", DeviceType.GATE, "g-0001", Channel.EVENT));
    }

    @Test
    void parsesAStatusTopicOfEveryDeviceType() {
        assertThat(DeviceTopic.parse("hub/v1/xinhua-2/fire_button/fb-3-12/status"))
                .contains(new DeviceTopic("xinhua-2", DeviceType.FIRE_BUTTON, "fb-3-12", Channel.STATUS));
        assertThat(DeviceTopic.parse("hub/v1/c/camera/cam9/status"))
                .contains(new DeviceTopic("c", DeviceType.CAMERA, "cam9", Channel.STATUS));
    }

    @Test
    void acceptsCodesOfSixtyFourCharactersButNotSixtyFive() {
        String code64 = "a".repeat(64);
        assertThat(DeviceTopic.parse("hub/v1/" + code64 + "/gate/" + code64 + "/event")).isPresent();
        assertThat(DeviceTopic.parse("hub/v1/c-1/gate/" + code64 + "a/event")).isEmpty();
        assertThat(DeviceTopic.parse("hub/v1/" + code64 + "a/gate/g-1/event")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hub/v1/c-1/gate/g-1", "hub/v1/c-1/gate/g-1/event/", "/hub/v1/c-1/gate/g-1/event",
        "hub/v2/c-1/gate/g-1/event", "hub/v1/c-1/lift/g-1/event", "hub/v1/c-1/Gate/g-1/event",
        "hub/v1/C-1/gate/g-1/event", "hub/v1/c-1/gate/G-1/event", "hub/v1/c_1/gate/g-1/event",
        "hub/v1/c-1/gate/g-1/lwt", "hub/v1//gate/g-1/event", "hub/v1/c-1/gate//event", "hub/v1/+/gate/g-1/event",
        "hub/v1/c-1/gate/#", "hub/v1/c-1/gate/g.1/event", "hub/v1/社区/gate/g-1/event"})
    void rejectsAMalformedTopic(String topic) {
        assertThat(DeviceTopic.parse(topic)).isEmpty();
    }

    @Test
    void findsTheDeviceCodeOfASixPartTopicEvenWhenOtherwiseMalformed() {
        assertThat(DeviceTopic.deviceCodeOf("hub/v1/c-1/lift/l-7/event")).contains("l-7");
        assertThat(DeviceTopic.deviceCodeOf("hub/v1/c-1/gate/g-1/status")).contains("g-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hub/v1/c-1/gate/g-1", "other/v1/c-1/gate/g-1/event", "hub/v1/c-1/gate/g-1/event/x", ""})
    void findsNoDeviceCodeInATopicOfAnotherShape(String topic) {
        assertThat(DeviceTopic.deviceCodeOf(topic)).isEmpty();
    }

    @Test
    void writesATopicThatParsesBackToItself() {
        for (DeviceType type : DeviceType.values()) {
            for (Channel channel : Channel.values()) {
                DeviceTopic topic = new DeviceTopic("c-1", type, "d-9", channel);
                assertThat(DeviceTopic.parse(topic.topic())).contains(topic);
            }
        }
        assertThat(new DeviceTopic("xinhua-2", DeviceType.FIRE_BUTTON, "fb-3-12", Channel.STATUS).topic())
                .isEqualTo("hub/v1/xinhua-2/fire_button/fb-3-12/status");
        assertThat(new DeviceTopic("c", DeviceType.CAMERA, "cam9", Channel.EVENT).topic())
                .isEqualTo("hub/v1/c/camera/cam9/event");
    }
}
