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

/** The per-type {@code data} rules of CONTRACT §4 and the personal-data guard. */
class DataValidatorTest {

    private final EventValidator validator = EventFixtures.validator();

    private ValidationResult validate(String deviceCode, String type, String data) {
        RegisteredDevice d = switch (deviceCode) {
            case "gate" -> GATE;
            case "fire" -> FIRE_BUTTON;
            default -> CAMERA;
        };
        return validator.validate(topic(d), utf8(payload(type, data)), NOW);
    }

    @ParameterizedTest(name = "{1} without {3}")
    @CsvSource(delimiter = '|', textBlock = """
        gate   | access.granted    | {"method":"face","person":"p-1"}         | direction
        gate   | access.granted    | {"direction":"in","person":"p-1"}        | method
        gate   | access.granted    | {"direction":"in","method":"card"}       | person
        gate   | access.denied     | {"direction":"in","method":"card"}       | reason
        gate   | access.denied     | {"method":"card","reason":"expired"}     | direction
        gate   | access.stranger   | {"direction":"in"}                       | confidence
        gate   | access.stranger   | {"confidence":0.5}                       | direction
        gate   | access.tailgating | {"direction":"in"}                       | count
        gate   | door.held_open    | {}                                       | seconds
        fire   | fire.fault        | {}                                       | code
        camera | camera.intrusion  | {"confidence":0.9}                       | zone
        camera | camera.intrusion  | {"zone":"north-wall"}                    | confidence
        camera | camera.climb      | {}                                       | confidence
        """)
    void rejectsAMissingRequiredDataFieldAndNamesIt(String device, String type, String data, String field) {
        Rejection r = rejection(validate(device, type, data));
        assertThat(r.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(r.detail()).contains("'data." + field + "'").contains(type);
    }

    @ParameterizedTest(name = "{1} with {2}")
    @CsvSource(delimiter = '|', textBlock = """
        gate   | access.granted    | {"direction":"up","method":"face","person":"p-1"}    | direction
        gate   | access.granted    | {"direction":1,"method":"face","person":"p-1"}       | direction
        gate   | access.granted    | {"direction":"in","method":"iris","person":"p-1"}    | method
        gate   | access.granted    | {"direction":"in","method":"FACE","person":"p-1"}    | method
        gate   | access.granted    | {"direction":"in","method":"face","person":42}       | person
        gate   | access.denied     | {"direction":"in","method":"pin","reason":false}     | reason
        gate   | access.stranger   | {"direction":"in","confidence":1.01}                 | confidence
        gate   | access.stranger   | {"direction":"in","confidence":-0.1}                 | confidence
        gate   | access.stranger   | {"direction":"in","confidence":"high"}               | confidence
        gate   | access.tailgating | {"direction":"in","count":0}                         | count
        gate   | access.tailgating | {"direction":"in","count":2.5}                       | count
        gate   | access.tailgating | {"direction":"in","count":"2"}                       | count
        gate   | door.held_open    | {"seconds":-1}                                       | seconds
        gate   | door.held_open    | {"seconds":"long"}                                   | seconds
        gate   | heartbeat         | {"battery":101}                                      | battery
        gate   | heartbeat         | {"battery":-1}                                       | battery
        gate   | heartbeat         | {"rssi":"weak"}                                      | rssi
        fire   | fire.alarm        | {"floor":2.5}                                        | floor
        fire   | fire.alarm        | {"floor":"3"}                                        | floor
        fire   | fire.alarm        | {"zone":7}                                           | zone
        fire   | fire.fault        | {"code":12}                                          | code
        camera | camera.intrusion  | {"zone":"north","confidence":2}                      | confidence
        """)
    void rejectsAnIllTypedOrOutOfRangeDataFieldAndNamesIt(String device, String type, String data, String field) {
        Rejection r = rejection(validate(device, type, data));
        assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(r.detail()).contains("'data." + field + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"count\":1}", "{\"count\":1000}", "{\"count\":3.0}"})
    void acceptsTailgatingCountsWithinRange(String countField) {
        String data = "{\"direction\":\"out\"," + countField.substring(1);
        assertThat(event(validate("gate", "access.tailgating", data)).type()).isEqualTo(EventType.ACCESS_TAILGATING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image", "face", "photo", "Photo", "snapshot", "face_template"})
    void rejectsAnImageOrFaceField(String field) {
        Rejection r = rejection(validate("gate", "access.granted",
                "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"p-1\",\"" + field + "\":\"/9j/4AAQSkZJRg\"}"));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
        assertThat(r.detail()).contains("'data." + field + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/jpeg;base64,/9j/4AAQSkZJRg==", "DATA:IMAGE/png;base64,iVBORw0KGgo="})
    void rejectsAnImageDataUriInAnyField(String uri) {
        Rejection r = rejection(validate("camera", "camera.intrusion",
                "{\"zone\":\"north\",\"confidence\":0.9,\"evidence\":\"" + uri + "\"}"));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
        assertThat(r.detail()).contains("'data.evidence'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"110101199003071234", "11010119900307123X", "110101900307123", "张三", "Zhang San",
        "p 1", "李四-1", "p.1", "p-1@x"})
    void rejectsAPersonThatIsNotAnOpaqueReference(String person) {
        Rejection r = rejection(validate("gate", "access.granted",
                "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"" + person + "\"}"));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
        assertThat(r.detail()).contains("'data.person'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p-7f3a9c", "1101011990", "HASH_0123456789abcdef", "11010119900307123"})
    void acceptsAnOpaquePersonReference(String person) {
        DeviceEvent e = event(validate("gate", "access.granted",
                "{\"direction\":\"in\",\"method\":\"qr\",\"person\":\"" + person + "\"}"));
        assertThat(e.personRef()).isEqualTo(person);
    }

    @ParameterizedTest
    @ValueSource(strings = {"access.denied", "heartbeat"})
    void checksAPersonFieldOnEveryTypeThatCarriesOne(String type) {
        String data = type.equals("heartbeat") ? "{\"person\":\"王五\"}"
                : "{\"direction\":\"in\",\"method\":\"card\",\"reason\":\"expired\",\"person\":\"王五\"}";
        Rejection r = rejection(validate("gate", type, data));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
    }

    @Test
    void acceptsATextFieldOf256Characters() {
        DeviceEvent e = event(validate("gate", "access.denied",
                "{\"direction\":\"in\",\"method\":\"pin\",\"reason\":\"" + "r".repeat(256) + "\"}"));
        assertThat((String) e.data().get("reason")).hasSize(256);
    }

    @Test
    void rejectsATextFieldOf257Characters() {
        Rejection r = rejection(validate("gate", "access.denied",
                "{\"direction\":\"in\",\"method\":\"pin\",\"reason\":\"" + "r".repeat(257) + "\"}"));
        assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(r.detail()).contains("'data.reason'").contains("256");
    }

    @Test
    void treatsAnExplicitNullRequiredFieldAsMissing() {
        Rejection r = rejection(validate("camera", "camera.climb", "{\"confidence\":null}"));
        assertThat(r.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(r.detail()).contains("'data.confidence'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"ref\":\"p-1\"}", "[\"p-1\"]"})
    void rejectsAPersonThatIsNotAString(String person) {
        Rejection r = rejection(validate("gate", "access.granted",
                "{\"direction\":\"in\",\"method\":\"face\",\"person\":" + person + "}"));
        assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(r.detail()).contains("'data.person'");
    }

    /** The loop that judges a gate's {@code person} says what the pattern {@code [A-Za-z0-9_-]{1,64}} says. */
    @ParameterizedTest
    @ValueSource(strings = {"", "p", "p-0a1b2c", "P_9-z", "a b", "p.1", "p/1", "张三", "p\u00e9", "x\u0000", "@", "[", "`",
        "{", ":", "0123456789012345678901234567890123456789012345678901234567890123",
        "01234567890123456789012345678901234567890123456789012345678901234"})
    void opaqueReferenceLoopMatchesThePattern(String ref) {
        assertThat(DataValidator.isOpaqueRef(ref))
                .isEqualTo(java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}").matcher(ref).matches());
    }
}
