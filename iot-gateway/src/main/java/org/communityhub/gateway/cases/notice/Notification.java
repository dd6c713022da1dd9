package org.communityhub.gateway.cases.notice;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored in-app notification of one user.
 *
 * @param readAt null while unread
 * @param detail its structured fields, read with it (README "Notifications": an overdue notice's category, place and
 *               deadline, a digest's cases, an alert page's tier and alert), so a page can word it in its own
 *               language; JSON values (strings, numbers, booleans, nulls, maps, lists); empty when there are none
 */
public record Notification(long id, Notice notice, Instant createdAt, Instant readAt, Map<String, Object> detail) {

    public Notification {
        detail = detail == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    public String recipient() {
        return notice.recipient();
    }
}
