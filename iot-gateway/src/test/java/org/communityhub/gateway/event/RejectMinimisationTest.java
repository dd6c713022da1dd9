package org.communityhub.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.event.EventFixtures.GATE;
import static org.communityhub.gateway.event.EventFixtures.NOW;
import static org.communityhub.gateway.event.EventFixtures.payload;
import static org.communityhub.gateway.event.EventFixtures.rejection;
import static org.communityhub.gateway.event.EventFixtures.topic;
import static org.communityhub.gateway.event.EventFixtures.utf8;

import org.communityhub.contract.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the reject store keeps: a personal-data reject keeps no payload (field names only); every
 * other reject has ID numbers and phone numbers masked in its payload, detail and topic.
 */
class RejectMinimisationTest {

    private final EventValidator validator = EventFixtures.validator();

    @ParameterizedTest
    @ValueSource(strings = {"\"person\":\"张三\"", "\"person\":\"p-1\",\"photo\":\"/9j/4AAQSkZJRg\"",
        "\"person\":\"11010119900307123X\"", "\"person\":\"p-1\",\"id_card\":\"110101-19900307-1234\""})
    void aPersonalDataRejectKeepsOnlyFieldNames(String extra) {
        Rejection r = rejection(validator.validate(topic(GATE), utf8(payload("access.granted",
                "{\"direction\":\"in\",\"method\":\"face\"," + extra + "}")), NOW));
        assertThat(r.reason()).isEqualTo(RejectReason.PERSONAL_DATA);
        assertThat(r.payload()).startsWith(Rejection.WITHHELD).contains("id", "type", "time", "data.direction",
                "data.person").doesNotContain("张三", "/9j/", "110101", "\"in\"", "face\"");
        assertThat(r.detail()).doesNotContain("张三", "110101");
    }

    @Test
    void aPersonalDataRejectMadeElsewhereKeepsNoPayloadEither() {
        Rejection r = new Rejection(NOW, "t", "d", "c", RejectReason.PERSONAL_DATA, "x", "{\"name\":\"张三\"}", null);
        assertThat(r.payload()).isEqualTo(Rejection.WITHHELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"110101199003071234", "11010119900307123x", "110101-19900307-1234", "110101 1990 03 07 1234",
        "110101900307123", "13812345678", "138-1234-5678", "138 1234 5678", "+86 138-1234-5678", "+8613812345678"})
    void otherRejectsMaskIdAndPhoneNumbers(String number) {
        String text = "{\"id\":\"x-1\",\"type\":\"access.teleported\",\"time\":\"2026-11-21T08:00:00+08:00\","
                + "\"data\":{\"who\":\"" + number + "\"}}";
        Rejection r = rejection(validator.validate(topic(GATE), utf8(text), NOW));
        assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(r.payload()).doesNotContain(number).containsAnyOf(SensitiveText.MASKED_ID, SensitiveText.MASKED_PHONE)
                .contains("\"id\":\"x-1\"", "2026-11-21T08:00:00+08:00", "access.teleported");
        String malformed = "{\"note\":\"" + number + "\", ";
        Rejection m = rejection(validator.validate(topic(GATE), utf8(malformed), NOW));
        assertThat(m.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(m.payload() + m.detail()).doesNotContain(number);
    }

    @Test
    void masksNothingThatIsNotAnIdOrPhoneNumber() {
        String text = "{\"id\":\"g-0001-000123\",\"time\":\"2026-11-21T08:00:00.123+08:00\",\"n\":12345678901234567}";
        assertThat(SensitiveText.mask(text)).isEqualTo(text);
    }
}
