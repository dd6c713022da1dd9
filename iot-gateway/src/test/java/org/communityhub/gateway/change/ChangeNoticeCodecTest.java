package org.communityhub.gateway.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire form of change notices: exactly the strings that the database triggers (V102
 * {@code facilities}, V140 {@code hierarchy}) and older hub versions sharing the database send, a
 * round trip for every kind, and unknown or garbage payloads decoding to empty without an exception.
 */
class ChangeNoticeCodecTest {

    private static final List<ChangeNotice> EVERY_KIND = List.of(new ChangeNotice.AlertChanged(42),
            new ChangeNotice.DeviceChanged("fb-0001"), new ChangeNotice.DevicesChanged(),
            new ChangeNotice.FacilitiesChanged(), new ChangeNotice.HierarchyChanged(), new ChangeNotice.Resync(),
            new ChangeNotice.NotificationAdded(7, "disp.a@ita"));

    @Test
    void everyKindHasItsExactWireString() {
        assertThat(EVERY_KIND.stream().map(ChangeNoticeCodec::encode))
                .containsExactly("alert:42", "device:fb-0001", "devices", "facilities", "hierarchy", "resync",
                        "notification:7:disp.a@ita");
    }

    @Test
    void everyKindSurvivesTheRoundTrip() {
        for (ChangeNotice notice : EVERY_KIND) {
            assertThat(ChangeNoticeCodec.decode(ChangeNoticeCodec.encode(notice))).as("%s", notice).contains(notice);
        }
    }

    @Test
    void decodesWhatTheTriggersAndOlderHubsSend() {
        assertThat(ChangeNoticeCodec.decode("facilities")).contains(new ChangeNotice.FacilitiesChanged());
        assertThat(ChangeNoticeCodec.decode("hierarchy")).contains(new ChangeNotice.HierarchyChanged());
        assertThat(ChangeNoticeCodec.decode("alert:9223372036854775807"))
                .contains(new ChangeNotice.AlertChanged(Long.MAX_VALUE));
        assertThat(ChangeNoticeCodec.decode("device:gate:7")).as("everything after the first colon is the code")
                .contains(new ChangeNotice.DeviceChanged("gate:7"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "case:12", "alerts", "alert:", "alert:abc", "alert:-1", "alert:1.5", "alert: 1",
        "alert:9223372036854775808", "alert:99999999999999999999", "device:", "notification:", "notification:7",
        "notification:7:", "notification:x:disp", "notification:-1:disp", "Facilities", "facilities ", "RESYNC",
        "\u0000", "{\"kind\":\"alert\"}"})
    void unknownOrGarbagePayloadsDecodeToEmpty(String payload) {
        assertThat(ChangeNoticeCodec.decode(payload)).isEqualTo(Optional.empty());
    }

    @Test
    void theKindOfAnUnknownPayloadIsItsWordBeforeTheColonAndShort() {
        assertThat(ChangeNoticeCodec.kindOf("case:12")).isEqualTo("case");
        assertThat(ChangeNoticeCodec.kindOf("alerts")).isEqualTo("alerts");
        assertThat(ChangeNoticeCodec.kindOf(null)).isEqualTo("null");
        assertThat(ChangeNoticeCodec.kindOf("x".repeat(1000))).hasSize(41);
    }

    @Test
    void noticesThatCouldNotTravelAreRefusedWhereTheyAreMade() {
        assertThatThrownBy(() -> new ChangeNotice.AlertChanged(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChangeNotice.DeviceChanged("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChangeNotice.DeviceChanged(null)).isInstanceOf(NullPointerException.class);
    }
}
