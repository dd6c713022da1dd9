package org.communityhub.gateway;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.CaseWorkflow;
import org.communityhub.gateway.cases.notice.CaseReminders;
import org.communityhub.gateway.cases.notice.NotificationStore;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.imaging.ImageIoPhotoSanitizer;
import org.communityhub.gateway.postgis.GeoPlaceLocator;
import org.communityhub.gateway.postgis.InAppNoticeSender;
import org.communityhub.gateway.postgis.PostgisCaseChannels;
import org.communityhub.gateway.postgis.PostgisCaseStore;
import org.communityhub.gateway.postgis.PostgisNotificationStore;
import org.communityhub.geo.postgis.PostgisGeoQueries;

/**
 * Wiring of the cases (issue 16): the application with the configured time limits, the in-app notifications,
 * and the reminder job with its senders (in-app) and the notification channels that take case notices (issue 17's
 * outbox, sent by the responders' delivery worker). The parts are
 * thread-safe; building them costs nothing (no I/O).
 *
 * @param service       the cases application
 * @param notifications the in-app notification store
 * @param reminders     the morning digest and overdue notices, to run every {@link CaseReminders#PERIOD}
 */
record HubCases(CaseService service, NotificationStore notifications, CaseReminders reminders) {

    static HubCases wire(HubConfig config, DataSource ds, Clock clock) {
        CaseService service = new CaseService(new PostgisCaseStore(ds), new CaseWorkflow(config.cases().limits()),
                new ImageIoPhotoSanitizer(), new GeoPlaceLocator(new PostgisGeoQueries(ds)), clock, config.cases().zone());
        NotificationStore notifications = new PostgisNotificationStore(ds);
        String home = config.responders().publicUrl();
        CaseReminders reminders = new CaseReminders(notifications, service, List.of(new InAppNoticeSender(ds)),
                config.cases().digestAt(), config.cases().zone(), clock, new PostgisCaseChannels(ds),
                (home.endsWith("/") ? home : home + "/") + "#cases");
        return new HubCases(service, notifications, reminders);
    }
}
