package org.communityhub.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.event.EventFixtures.CAMERA;
import static org.communityhub.gateway.event.EventFixtures.FIRE_BUTTON;
import static org.communityhub.gateway.event.EventFixtures.GATE;
import static org.communityhub.gateway.event.EventFixtures.NOW;
import static org.communityhub.gateway.event.EventFixtures.event;
import static org.communityhub.gateway.event.EventFixtures.payload;
import static org.communityhub.gateway.event.EventFixtures.topic;
import static org.communityhub.gateway.event.EventFixtures.utf8;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.EventType;
import org.communityhub.gateway.device.RegisteredDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One valid payload of every event type in the CONTRACT §4 table is accepted, with data optional where it says so. */
class EventTypeAcceptanceTest {

    private final EventValidator validator = EventFixtures.validator();

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        gate   | access.granted    | {"direction":"in","method":"face","person":"p-7f3a9c"}
        gate   | access.granted    | {"direction":"out","method":"card","person":"p-1"}
        gate   | access.granted    | {"direction":"in","method":"qr","person":"p-2"}
        gate   | access.granted    | {"direction":"in","method":"pin","person":"p-3"}
        gate   | access.denied     | {"direction":"in","method":"card","reason":"card expired"}
        gate   | access.stranger   | {"direction":"in","confidence":0.87}
        gate   | access.stranger   | {"direction":"out","confidence":1}
        gate   | access.tailgating | {"direction":"in","count":2}
        gate   | door.forced       | -
        gate   | door.forced       | {}
        gate   | door.held_open    | {"seconds":185}
        gate   | heartbeat         | -
        gate   | heartbeat         | {"battery":0,"rssi":-71}
        fire   | fire.alarm        | {"floor":3,"zone":"3F 东侧楼梯间"}
        fire   | fire.alarm        | {"zone":"B1"}
        fire   | fire.alarm        | -
        fire   | fire.alarm        | {"floor":-2}
        fire   | fire.reset        | -
        fire   | fire.fault        | {"code":"E42"}
        fire   | heartbeat         | {"battery":100}
        camera | camera.intrusion  | {"zone":"north-wall","confidence":0.93}
        camera | camera.climb      | {"confidence":0.8}
        camera | camera.tamper     | -
        camera | camera.video_loss | {}
        camera | heartbeat         | {"rssi":-50.5}
        """)
    void acceptsAValidPayload(String device, String type, String data) {
        RegisteredDevice d = device.equals("gate") ? GATE : device.equals("fire") ? FIRE_BUTTON : CAMERA;
        DeviceEvent e = event(validator.validate(topic(d), utf8(payload(type, data)), NOW));
        assertThat(e.type().code()).isEqualTo(type);
        assertThat(e.device()).isEqualTo(d);
        assertThat(e.data()).hasSize(data == null ? 0 : data.split(":", -1).length - 1);
    }

    @Test
    void everyEventTypeHasAContractCodeAndBelongsToTheRightDevices() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::code).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("access.granted", "access.denied", "access.stranger", "access.tailgating",
                        "door.forced", "door.held_open", "fire.alarm", "fire.reset", "fire.fault", "camera.intrusion",
                        "camera.climb", "camera.tamper", "camera.video_loss", "heartbeat");
        for (EventType t : EventType.values()) {
            assertThat(EventType.fromCode(t.code())).contains(t);
            long owners = Arrays.stream(DeviceType.values()).filter(t::belongsTo).count();
            assertThat(owners).as(t.code()).isEqualTo(t == EventType.HEARTBEAT ? 3 : 1);
        }
    }

    @Test
    void theAcceptanceTableCoversEveryEventType() {
        for (EventType t : EventType.values()) {
            String data = switch (t) {
                case ACCESS_GRANTED -> "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"p-1\"}";
                case ACCESS_DENIED -> "{\"direction\":\"in\",\"method\":\"face\",\"reason\":\"unknown\"}";
                case ACCESS_STRANGER -> "{\"direction\":\"in\",\"confidence\":0.5}";
                case ACCESS_TAILGATING -> "{\"direction\":\"in\",\"count\":3}";
                case DOOR_HELD_OPEN -> "{\"seconds\":60}";
                case FIRE_FAULT -> "{\"code\":\"F1\"}";
                case CAMERA_INTRUSION -> "{\"zone\":\"z\",\"confidence\":0.5}";
                case CAMERA_CLIMB -> "{\"confidence\":0.5}";
                default -> null;
            };
            RegisteredDevice d = t.belongsTo(GATE.type()) ? GATE : t.belongsTo(FIRE_BUTTON.type()) ? FIRE_BUTTON : CAMERA;
            assertThat(event(validator.validate(topic(d), utf8(payload(t.code(), data)), NOW)).type()).isEqualTo(t);
        }
    }
}
