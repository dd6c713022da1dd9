package org.communityhub.gateway.change;

import java.util.List;
import org.communityhub.gateway.alert.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short way of an alert change to this instance's own live clients. The writer that committed it already
 * holds the alert as committed (read in its transaction, under the row lock its change took), so it hands it over
 * here at once instead of waiting for its {@link ChangeNotice.AlertChanged} to come back from the database and the
 * stream reading the alert again. The notice still goes out and still does everything it did (other instances,
 * the delivery worker, and here a second delivery of the same change, which the stream drops by its per-alert
 * {@code seq}), so a hand-off that is lost costs latency, never a change. Connected once, after the stream exists
 * ({@link #connect}); until then, and while nobody listens, {@link #wanted} is false and writers skip reading the
 * alerts back. Cost: a volatile read, and whatever the target does (it must only hand the work to its own thread).
 * Thread-safe.
 */
public final class CommittedAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(CommittedAlerts.class);

    /** Where committed alerts go: the live stream of this instance. */
    public interface Target {
        /** Whether anybody would receive an alert now (any thread, cheap). */
        boolean listening();

        /** {@code alerts} were committed just now, each in the state it was committed in (any thread; must not block). */
        void alertsCommitted(List<Alert> alerts);
    }

    private volatile Target target;

    /** Sends committed alerts to {@code to} from now on. */
    public void connect(Target to) {
        this.target = to;
    }

    /** Whether a writer should read its changed alerts back for {@link #committed}: someone is listening. */
    public boolean wanted() {
        Target t = target;
        return t != null && t.listening();
    }

    /** Hands the committed {@code alerts} on; never throws (a failure is logged: the change notice still comes). */
    public void committed(List<Alert> alerts) {
        Target t = target;
        if (t == null || alerts.isEmpty()) {
            return;
        }
        try {
            t.alertsCommitted(alerts);
        } catch (RuntimeException e) {
            LOG.warn("handing {} committed alert(s) to the stream failed (their change notices still come): {}",
                    alerts.size(), e.toString());
        }
    }
}
