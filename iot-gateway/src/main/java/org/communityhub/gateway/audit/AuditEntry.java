package org.communityhub.gateway.audit;

import java.time.Instant;

/** One audited action: who did what to which object, when and from where. */
public record AuditEntry(long id, Instant at, String actor, String action, String objectType, String objectId,
                         String community, String detail, String remote) {
}
