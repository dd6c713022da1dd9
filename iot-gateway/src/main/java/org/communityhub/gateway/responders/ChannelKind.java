package org.communityhub.gateway.responders;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a channel sends: a generic signed JSON {@code webhook} (an SMS gateway, a PBX, a building-management
 * system), or a WeCom, DingTalk or Feishu group robot. {@code sms} is not a kind: no SMS provider's API is
 * implemented (see README, Responders); an SMS gateway is reached through {@code webhook}.
 */
public enum ChannelKind {
    WEBHOOK, WECOM, DINGTALK, FEISHU;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChannelKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }

    /** Whether the kind has a signing scheme that uses a secret (WeCom's credential is the key in its URL). */
    public boolean signs() {
        return this != WECOM;
    }
}
