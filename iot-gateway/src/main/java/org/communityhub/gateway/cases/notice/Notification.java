package org.communityhub.gateway.cases.notice;

import java.time.Instant;

/**
 * A stored in-app notification of one user.
 *
 * @param readAt null while unread
 */
public record Notification(long id, Notice notice, Instant createdAt, Instant readAt) {

    public String recipient() {
        return notice.recipient();
    }
}
