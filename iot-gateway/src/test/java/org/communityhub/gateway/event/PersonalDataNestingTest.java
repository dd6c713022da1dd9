package org.communityhub.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.event.EventFixtures.CAMERA;
import static org.communityhub.gateway.event.EventFixtures.NOW;
import static org.communityhub.gateway.event.EventFixtures.payload;
import static org.communityhub.gateway.event.EventFixtures.rejection;
import static org.communityhub.gateway.event.EventFixtures.topic;
import static org.communityhub.gateway.event.EventFixtures.utf8;

import org.communityhub.contract.RejectReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Images and ID numbers are kept out of {@code data} however deeply a device nests them. */
class PersonalDataNestingTest {

    private final EventValidator validator = EventFixtures.validator();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"zone\":\"n\",\"confidence\":0.9,\"evidence\":{\"photo\":\"/9j/4AAQSkZJRg\"}}",
        "{\"zone\":\"n\",\"confidence\":0.9,\"evidence\":{\"clip\":\"data:image/jpeg;base64,/9j/4AAQ\"}}",
        "{\"zone\":\"n\",\"confidence\":0.9,\"frames\":[\"data:image/jpeg;base64,/9j/4AAQ\"]}",
        "{\"zone\":\"n\",\"confidence\":0.9,\"snapshots\":[{\"face\":\"/9j/4AAQSkZJRg\"}]}"})
    void rejectsAnImageNestedInAnObjectOrArray(String data) {
        Rejection r = rejection(validator.validate(topic(CAMERA), utf8(payload("camera.intrusion", data)), NOW));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
    }
}
