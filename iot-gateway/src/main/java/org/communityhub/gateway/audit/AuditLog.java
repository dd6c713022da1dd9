package org.communityhub.gateway.audit;

import java.util.List;

/** Port: the audit log, appended by every lifecycle step and admin action; read by admins. Blocking. */
public interface AuditLog {

    /** Newest first; null filters do not filter. */
    List<AuditEntry> list(String objectType, String objectId, int limit);

    void append(String actor, String action, String objectType, String objectId, String community, String detail,
                String remote);
}
