package org.communityhub.gateway;

import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import org.communityhub.gateway.cases.notice.CaseReminders;
import org.communityhub.gateway.postgis.InAppNoticeSender;
import org.communityhub.gateway.postgis.PostgisNotificationStore;
import org.communityhub.gateway.testing.HubExtension;

/**
 * Test helper: runs the cases' reminder job once, now, as the hub wires it ({@link HubCases#wire}: the real case
 * store, notification store and in-app sender on the hub's database, so what it stores reaches the recipients' pages
 * on the stream) but with the morning digest due at once (from 00:00 on) rather than from
 * {@code HUB_CASE_DIGEST_TIME}. The hub's own minute job may claim the same digest first; the database keeps one.
 * Not thread-safe per call site (one run per call); blocking.
 */
public final class DrivenReminders {

    private DrivenReminders() {
    }

    /** One run of the reminder job on the real clock with the digest due now; what it stored. */
    public static CaseReminders.Report runNow(HubExtension hub) {
        HubCases wired = HubCases.wire(hub.config(), hub.dataSource(), Clock.systemUTC());
        CaseReminders dueNow = new CaseReminders(new PostgisNotificationStore(hub.dataSource()), wired.service(),
                List.of(new InAppNoticeSender(hub.dataSource())), LocalTime.MIDNIGHT, hub.config().cases().zone(),
                Clock.systemUTC());
        return dueNow.run();
    }
}
