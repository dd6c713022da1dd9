package org.communityhub.gateway.responders;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a channel sends: a generic signed JSON {@code webhook} (an SMS gateway, a PBX, a building-management
 * system), a WeCom, DingTalk or Feishu group robot, or {@code sms}: text messages through an {@link SmsProvider}
 * (Alibaba Cloud SMS; the channel's URL holds its {@link SmsSettings}, its secret the AccessKey secret).
 */
public enum ChannelKind {
    WEBHOOK, WECOM, DINGTALK, FEISHU, SMS;

    /** The kinds' codes for messages: "webhook, wecom, dingtalk, feishu or sms". */
    public static final String CODES = "webhook, wecom, dingtalk, feishu or sms";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChannelKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }
}
