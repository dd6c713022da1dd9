package org.communityhub.gateway;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.communityhub.gateway.alert.AlertStore;
import org.communityhub.gateway.cases.notice.CaseReminders;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.device.DeviceLiveness;
import org.communityhub.gateway.postgis.EventRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's periodic jobs: event retention (hourly), the heartbeat-timeout sweep (every sixth of the
 * timeout, at most once a second), alert escalation (every 5 s) and the cases' reminders (every
 * minute). A Vert.x timer starts each run on
 * the worker pool ({@code executeBlocking}, unordered), so JDBC never runs on an event loop; a failed
 * run is logged and the next one tries again. The timers stop when Vert.x closes. Cost per run: that
 * of the job. Thread-safe: only {@link #start} touches this class, once.
 */
final class HubJobs {

    private static final Logger LOG = LoggerFactory.getLogger(HubJobs.class);
    static final Duration RETENTION_PERIOD = Duration.ofHours(1);
    static final Duration ESCALATION_PERIOD = Duration.ofSeconds(5);

    private HubJobs() {
    }

    /** Schedules the four jobs on {@code vertx} with the periods of {@code config}. */
    static void start(Vertx vertx, HubConfig config, EventRetention retention, DeviceLiveness liveness,
                      AlertStore alerts, CaseReminders reminders, Clock clock) {
        every(vertx, RETENTION_PERIOD.toMillis(), "retention", retention::run);
        every(vertx, Math.max(1000, config.heartbeatTimeout().toMillis() / 6), "heartbeat timeout",
                () -> liveness.sweepSilent(config.heartbeatTimeout()));
        every(vertx, ESCALATION_PERIOD.toMillis(), "escalation", () -> alerts.escalateDue(config.escalateAfter(),
                config.responders().fireConfirm(), clock.instant()));
        every(vertx, CaseReminders.PERIOD.toMillis(), "case reminders", reminders::run);
    }

    /** A periodic job on the worker pool; a failure is logged and the next run tries again. */
    static void every(Vertx vertx, long periodMs, String name, Callable<?> job) {
        vertx.setPeriodic(periodMs, id -> vertx.executeBlocking(job, false)
                .onFailure(e -> LOG.warn("{} job failed: {}", name, e.getMessage())));
    }
}
