package org.communityhub.gateway.cases.notice;

import java.util.Locale;

/** What a notification is about: the morning digest (一天一提醒) or a case that became overdue. */
public enum NoticeKind {
    DIGEST, OVERDUE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NoticeKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
