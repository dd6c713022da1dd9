package org.communityhub.gateway;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.AlertStore;
import org.communityhub.gateway.change.ChangeDispatcher;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.http.ChannelRoutes;
import org.communityhub.gateway.http.outbound.RobotSender;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.postgis.PostgisAuditLog;
import org.communityhub.gateway.postgis.PostgisChannelStore;
import org.communityhub.gateway.postgis.PostgisDeliveryStore;
import org.communityhub.gateway.postgis.PostgisIncidentContext;
import org.communityhub.gateway.postgis.PostgisRoster;
import org.communityhub.gateway.responders.DeliveryWorker;
import org.communityhub.gateway.responders.NoticeComposer;
import org.communityhub.gateway.responders.PhoneDigests;
import org.communityhub.gateway.responders.RetryPolicy;
import org.communityhub.gateway.web.ApiSupport;
import org.communityhub.geo.postgis.PostgisGeoQueries;

/**
 * Wiring of the responders (issue 17): channels, the duty roster and the delivery outbox in PostgreSQL, the robots'
 * and webhooks' sender on Vert.x's web client (the SMS numbers a delivery reached kept as digests under a key derived
 * from the channel key), this instance's {@link DeliveryWorker} (polled every second, woken on every alert change
 * notice; it mentions the people the roster paged), and the admin, roster and alert-response routes. {@link #close}
 * stops the worker. Thread-safe.
 */
final class HubResponders implements AutoCloseable {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final PostgisChannelStore channels;
    private final PostgisDeliveryStore deliveries;
    private final RobotSender sender;
    private final NoticeComposer composer;
    private final DeliveryWorker worker;
    private final DataSource ds;
    private final AlertStore alerts;
    private final PostgisRoster roster;

    private HubResponders(Vertx vertx, HubConfig config, DataSource ds, AlertStore alerts, Clock clock) {
        this.ds = ds;
        this.alerts = alerts;
        channels = new PostgisChannelStore(ds);
        roster = new PostgisRoster(ds);
        deliveries = new PostgisDeliveryStore(ds, channels);
        sender = new RobotSender(WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000)
                .setUserAgent("CommunityHub-Responders/1").setFollowRedirects(false)), clock, SEND_TIMEOUT,
                PhoneDigests.fromChannelKey(new InstallationSecrets(ds).getOrCreate(InstallationSecrets.CHANNEL_KEY)));
        composer = new NoticeComposer(new PostgisIncidentContext(ds, new PostgisGeoQueries(ds)),
                config.responders().publicUrl());
        HubConfig.Responders r = config.responders();
        worker = new DeliveryWorker(config.instanceId(), deliveries, alerts, composer, sender,
                new RetryPolicy(r.retryBase(), r.retryCap(), r.attempts()), roster);
    }

    static HubResponders wire(Vertx vertx, HubConfig config, DataSource ds, AlertStore alerts, Clock clock) {
        return new HubResponders(vertx, config, ds, alerts, clock);
    }

    /** Starts this instance's delivery worker. */
    HubResponders start() {
        worker.start(POLL);
        return this;
    }

    Consumer<Router> mounter(ApiSupport api) {
        return ChannelRoutes.mounter(api, channels, deliveries, sender, composer, new PostgisAuditLog(ds), alerts, roster);
    }

    /** {@code live} as it is, and the worker woken on every alert change (it may have opened or escalated). */
    ChangeDispatcher.LiveChanges waking(ChangeDispatcher.LiveChanges live) {
        return new ChangeDispatcher.LiveChanges() {
            @Override
            public void alertChanged(long id) {
                worker.wake();
                live.alertChanged(id);
            }

            @Override
            public void deviceChanged(String code) {
                live.deviceChanged(code);
            }

            @Override
            public void notificationAdded(long id, String recipient) {
                live.notificationAdded(id, recipient);
            }

            @Override
            public void resync() {
                worker.wake();
                live.resync();
            }
        };
    }

    @Override
    public void close() {
        worker.close();
    }
}
