package org.communityhub.gateway.responders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An sms channel's URL settings (each problem names {@code url} and the parameter) and its short template fields. */
class SmsSettingsTest {

    static final String URL = "https://dysmsapi.aliyuncs.com/?AccessKeyId=LTAI5tKey0123&SignName=%E7%A4%BE%E5%8C%BA"
            + "&TemplateCode=SMS_1&PhoneNumbers=13800138000,+447700900123,008613900139000";

    @Test
    void readsTheSettingsAndMergesThePagedStaffsNumbers() {
        SmsSettings s = SmsSettings.parse(URL);
        assertThat(s.endpoint()).isEqualTo("https://dysmsapi.aliyuncs.com/");
        assertThat(s.signName()).isEqualTo("社区");
        assertThat(s.phones()).containsExactly("13800138000", "447700900123", "13900139000");
        assertThat(s.recipients(List.of("13800138000", "139 0000 0000", "x", "+86 139-0013-9000",
                "+8613700137000", "0044 7700 900123", "8613600136000"))).containsExactly("13800138000",
                "447700900123", "13900139000", "13900000000", "13700137000", "13600136000");
    }

    @Test
    void numbersTakeAlibabaCloudsFormAndAreMaskedForLogs() {
        assertThat(SmsSettings.normalise("+8613800138000")).isEqualTo("13800138000");
        assertThat(SmsSettings.normalise("0086 138 0013 8000")).isEqualTo("13800138000");
        assertThat(SmsSettings.normalise("8613800138000")).isEqualTo("13800138000");
        assertThat(SmsSettings.normalise("138-0013-8000")).isEqualTo("13800138000");
        assertThat(SmsSettings.normalise("+852 6123 4567")).isEqualTo("85261234567");
        assertThat(SmsSettings.normalise("00447700900123")).isEqualTo("447700900123");
        assertThat(SmsSettings.normalise("0086138001380")).isEqualTo("86138001380");
        assertThat(SmsSettings.normalise("85261234567")).isNull();
        assertThat(SmsSettings.normalise("23800138000")).isNull();
        assertThat(SmsSettings.normalise("+86 138 0013 800x")).isNull();
        assertThat(SmsSettings.parse(URL.replace("13800138000,", "%2B8613800138000,13800138000,")).phones())
                .containsExactly("13800138000", "447700900123", "13900139000");
        assertThat(SmsSettings.mask("13800138000")).isEqualTo("138******00");
        assertThat(SmsSettings.mask("447700900123")).isEqualTo("447*******23");
        assertThat(SmsSettings.mask("123")).isEqualTo("****");
    }

    @Test
    void eachBadParameterIsNamed() {
        for (String[] bad : new String[][] {{URL.replace("AccessKeyId=LTAI5tKey0123&", ""), "AccessKeyId"},
                {URL.replace("LTAI5tKey0123", "short"), "AccessKeyId"}, {URL.replace("SMS_1", "SMS-1"), "TemplateCode"},
                {URL.replace("SignName=%E7%A4%BE%E5%8C%BA", "SignName=%E3%80%90x%E3%80%91"), "SignName"},
                {URL.replace("13800138000", "110"), "PhoneNumbers"}, {URL + "&RegionId=cn", "RegionId"},
                {URL + "&SignName=x", "SignName"}}) {
            assertThatThrownBy(() -> SmsSettings.parse(bad[0])).as(bad[1]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("url: ").hasMessageContaining(bad[1]);
        }
    }

    @Test
    void templateFieldsAreShortOneLineAndCarryNoLink() {
        Notice n = new Notice("case_overdue", 1, "工单超时【" + "很长的名字".repeat(10) + "】",
                List.of("第一行\n第二行"), "https://hub.example.cn/#case=1", null);
        var p = SmsText.params(n, Instant.parse("2026-12-04T13:46:00Z"));
        assertThat(p.keySet()).containsExactly("what", "where", "when");
        assertThat(p.get("what")).hasSize(SmsText.MAX).startsWith("工单超时[").endsWith("…");
        assertThat(p.get("where")).isEqualTo("第一行 第二行");
        assertThat(p.get("when")).isEqualTo("12-04 21:46");
        assertThat(String.join("", p.values())).doesNotContain("http", "【");
        assertThat(SmsText.params(Notice.test("值班短信", "https://hub.example.cn/"), Instant.EPOCH))
                .containsEntry("what", "通知渠道测试").containsEntry("where", "值班短信");
    }
}
