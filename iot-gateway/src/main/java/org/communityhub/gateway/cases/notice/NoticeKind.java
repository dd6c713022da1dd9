package org.communityhub.gateway.cases.notice;

import java.util.Locale;

/**
 * What a notification is about: the morning digest (一天一提醒), a case that became overdue, or an alert that paged
 * its recipient (on duty in the duty roster at the tier the alert reached; written by the database, V260).
 */
public enum NoticeKind {
    DIGEST, OVERDUE, ALERT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NoticeKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
