package org.communityhub.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.event.EventFixtures.CAMERA;
import static org.communityhub.gateway.event.EventFixtures.FIRE_BUTTON;
import static org.communityhub.gateway.event.EventFixtures.GATE;
import static org.communityhub.gateway.event.EventFixtures.NOW;
import static org.communityhub.gateway.event.EventFixtures.event;
import static org.communityhub.gateway.event.EventFixtures.payload;
import static org.communityhub.gateway.event.EventFixtures.rejection;
import static org.communityhub.gateway.event.EventFixtures.topic;
import static org.communityhub.gateway.event.EventFixtures.utf8;

import org.communityhub.contract.EventType;
import org.communityhub.contract.RejectReason;
import org.communityhub.gateway.device.RegisteredDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code data} carries only its type's fields (CONTRACT §4): other keys are refused as personal data
 * or as unknown fields; ID numbers with separators, phone numbers and base64 images without a
 * {@code data:} prefix are refused in any field; {@code person} only exists on {@code access.granted}.
 */
class DataAllowListTest {

    private static final String GRANTED = "\"direction\":\"in\",\"method\":\"face\",\"person\":\"p-1\"";

    private final EventValidator validator = EventFixtures.validator();

    private ValidationResult validate(RegisteredDevice d, String type, String data) {
        return validator.validate(topic(d), utf8(payload(type, data)), NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"name\":\"张三\"", "\"id_card\":\"p-x\"", "\"faceTemplate\":\"AAAA\"",
        "\"embedding\":[0.12,0.5,-0.3]", "\"phone\":\"n/a\"", "\"fullName\":\"Zhang\"", "\"IDNumber\":\"x\""})
    void refusesAnUnknownKeyThatLooksPersonalAsPersonalData(String extra) {
        Rejection r = rejection(validate(GATE, "access.granted", "{" + GRANTED + "," + extra + "}"));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
        assertThat(r.detail()).contains("'data." + extra.substring(1, extra.indexOf('"', 1)) + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        access.granted | {"direction":"in","method":"face","person":"p-1","temperature":36.5} | temperature
        heartbeat      | {"battery":80,"firmware":"1.2"}                                    | firmware
        heartbeat      | {"test":true}                                                      | test
        """)
    void refusesAnyOtherUnknownKeyAsUnknownFieldNamingIt(String type, String data, String field) {
        Rejection r = rejection(validate(GATE, type, data));
        assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_FIELD);
        assertThat(r.reason().code()).isEqualTo("unknown_field");
        assertThat(r.detail()).contains("'data." + field + "'").contains(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"110101-19900307-1234", "110101 19900307 123X", "1101011990-0307-1234",
        "card 110101199003071234 expired", "138-1234-5678", "+86 138 1234 5678", "call 13812345678"})
    void refusesIdAndPhoneNumbersWithOrWithoutSeparatorsInAnyTextField(String reason) {
        Rejection r = rejection(validate(GATE, "access.denied",
                "{\"direction\":\"in\",\"method\":\"card\",\"reason\":\"" + reason + "\"}"));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
        assertThat(r.detail()).contains("'data.reason'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/9j/4AAQSkZJRgABAQ", "iVBORw0KGgoAAAANSUhEUgAA",
        "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk="})
    void refusesABase64ImageWithoutADataPrefix(String zone) {
        Rejection r = rejection(validate(CAMERA, "camera.intrusion", "{\"zone\":\"" + zone + "\",\"confidence\":0.9}"));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
        assertThat(r.detail()).contains("'data.zone'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        f | fire.alarm       | {"floor":3,"person":"p-1"}
        f | fire.reset       | {"person":"p-1"}
        g | door.forced      | {"person":"p-1"}
        c | camera.intrusion | {"zone":"north","confidence":0.9,"person":"p-1"}
        c | camera.climb     | {"confidence":0.9,"person":"p-1"}
        """)
    void refusesAPersonOnAlarmClassEvents(String device, String type, String data) {
        RegisteredDevice d = device.equals("f") ? FIRE_BUTTON : device.equals("g") ? GATE : CAMERA;
        Rejection r = rejection(validate(d, type, data));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
        assertThat(r.detail()).contains("'data.person'");
    }

    @Test
    void acceptsWhatTheContractAndTheSimulatorSend() {
        assertThat(event(validate(GATE, "heartbeat", "{\"battery\":87,\"rssi\":-61}")).data()).containsKeys("battery",
                "rssi");
        assertThat(event(validate(GATE, "access.granted", "{" + GRANTED + "}")).personRef()).isEqualTo("p-1");
        assertThat(event(validate(FIRE_BUTTON, "fire.alarm", "{\"floor\":12,\"zone\":\"stairwell\"}")).type())
                .isEqualTo(EventType.FIRE_ALARM);
        assertThat(event(validate(FIRE_BUTTON, "fire.fault", "{\"code\":\"E07\"}")).type()).isEqualTo(EventType.FIRE_FAULT);
        assertThat(event(validate(GATE, "access.denied",
                "{\"direction\":\"out\",\"method\":\"pin\",\"reason\":\"expired at 2026-11-21 08:00, 3 tries\"}")).type())
                .isEqualTo(EventType.ACCESS_DENIED);
        assertThat(event(validate(CAMERA, "camera.tamper", "{}")).type()).isEqualTo(EventType.CAMERA_TAMPER);
    }
}
