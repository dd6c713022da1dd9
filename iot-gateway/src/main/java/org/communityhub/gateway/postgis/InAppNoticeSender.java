package org.communityhub.gateway.postgis;

import javax.sql.DataSource;
import org.communityhub.gateway.cases.notice.NoticeSender;
import org.communityhub.gateway.cases.notice.Notification;
import org.communityhub.gateway.change.ChangeNotice;

/**
 * The in-app {@link NoticeSender}: the notification is stored already (the app lists it); this pushes it live
 * to the recipient's open streams on every hub instance, through a {@link ChangeNotice.NotificationAdded} on
 * the {@code hub_change} channel. A notice lost with the database connection is not retried: the list has it.
 * Cost: one {@code pg_notify} on a pooled connection. Thread-safe.
 */
public final class InAppNoticeSender implements NoticeSender {

    private final DataSource dataSource;

    public InAppNoticeSender(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void send(Notification n) {
        ChangePublisher.publish(dataSource, new ChangeNotice.NotificationAdded(n.id(), n.recipient()));
    }
}
