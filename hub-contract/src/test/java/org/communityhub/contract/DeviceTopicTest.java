package org.communityhub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.communityhub.contract.DeviceTopic.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

    /** The grammar of CONTRACT §4 as a regular expression: the oracle that the hand-written parser must equal. */
    private static final Pattern GRAMMAR = Pattern.compile(
            "hub/v1/([a-z0-9-]{1,64})/(gate|fire_button|camera)/([a-z0-9-]{1,64})/(event|status)");
    private static final String C64 = "c".repeat(64);

    static Stream<String> topics() {
        return Stream.of("hub/v1/c-1/gate/g-1/event", "hub/v1/c-1/gate/g-1/status", "hub/v1/c1/fire_button/fb-1/event",
            "hub/v1/c1/camera/cam-9/status", "hub/v1/" + C64 + "/gate/" + C64 + "/event",
            "hub/v1/" + C64 + "c/gate/g-1/event", "hub/v1/c-1/gate/" + C64 + "d/event", "hub/v1//gate/g-1/event",
            "hub/v1/c-1/gate//event", "hub/v1/c-1/gate/g-1/event/", "hub/v1/c-1/gate/g-1/events",
            "hub/v1/c-1/gate/g-1/eve", "hub/v1/c-1/Gate/g-1/event", "hub/v1/C-1/gate/g-1/event",
            "hub/v1/c-1/gate/g_1/event", "hub/v1/c-1/door/g-1/event", "hub/v2/c-1/gate/g-1/event", "hub/v1/c-1/gate/g-1",
            "hub/v1/c-1/gate", "hub/v1/", "", "x", "hub/v1/c-1/gate/g-1/statu", "hub/v1/c-1/gate/g-1/statusx",
            "hub/v1/c-1/fire_button/fb 1/event", "hub/v1/c-1/camera/cam-1/event/x", "hub/v1/c-1/fire_buttonx/f/event",
            "hub/v1/c-1/gate/g-1/eventstatus", "hub/v1/c-1/gate/g-1/Event");
    }

    @ParameterizedTest
    @MethodSource("topics")
    void readsExactlyWhatTheGrammarReads(String topic) {
        Matcher m = GRAMMAR.matcher(topic);
        Optional<DeviceTopic> expected = m.matches()
                ? Optional.of(new DeviceTopic(m.group(1), DeviceType.of(m.group(2)), m.group(3),
                        "event".equals(m.group(4)) ? Channel.EVENT : Channel.STATUS))
                : Optional.empty();
        assertThat(DeviceTopic.parse(topic)).isEqualTo(expected);
    }

    @Test
    void writesSubscriptionFilters() {
        assertThat(DeviceTopic.filter(null, Channel.EVENT)).isEqualTo("hub/v1/+/+/+/event");
        assertThat(DeviceTopic.filter(null, Channel.STATUS)).isEqualTo("hub/v1/+/+/+/status");
        assertThat(DeviceTopic.filter(DeviceType.FIRE_BUTTON, Channel.EVENT)).isEqualTo("hub/v1/+/fire_button/+/event");
    }
}
