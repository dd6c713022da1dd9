package org.communityhub.gateway.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.MqttBrokers;
import org.communityhub.gateway.ingest.IngestPipeline;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's sessions on one broker (or cluster): one per {@link IntakeLane}, connected and subscribed in a
 * fixed order by one thread, on start and again whenever a connection is lost.
 *
 * <p>The order is what keeps fire alarms safe: the bulk lane's filter matches fire-button events too and it
 * acknowledges those copies without working them, which is right only if the alarm lane's subscription holds a
 * copy of the same message. A broker can lose subscriptions while keeping the sessions (Mosquitto 2.0 does not
 * persist shared subscriptions: after a restart it answers {@code sessionPresent=true} without them), and a
 * broker that lost the session answers {@code sessionPresent=false}. So on every repair the alarm lane
 * subscribes first, on its live connection, and only after that SUBACK does the bulk lane subscribe: in each
 * lifetime of the broker the bulk subscription is younger than the alarm one, and every message routed to it was
 * routed to the alarm lane as well. Until then the bulk lane works fire-button copies itself (idempotent).
 * Before this order (lanes reconnecting independently), the bulk lane of a restarted broker could subscribe
 * first and drop the fire-button events routed to it alone: the 2–59 events of 1,000 that {@code LoadResendIT}
 * saw missing.
 *
 * <p>Thread-safe: connects and subscribes run in {@link #repair} passes, one at a time (on the caller of
 * {@link #start}, then on the repair thread).
 */
final class BrokerSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSessions.class);
    /** How long {@link #start} keeps trying to reach the broker before the hub gives up starting. */
    static final Duration STARTUP_PATIENCE = Duration.ofSeconds(30);
    /** CONNACK reason codes (MQTT 5 §3.2.2.2) that no retry will change. */
    static final int BAD_USERNAME_OR_PASSWORD = 0x86;
    static final int NOT_AUTHORIZED = 0x87;
    private static final long STEP_TIMEOUT_MS = 10_000;
    private static final long FIRST_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 2_000;

    private final MqttBrokers.Broker broker;
    private final Map<IntakeLane, MqttIngestClient> clients = new EnumMap<>(IntakeLane.class);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean repairQueued = new AtomicBoolean();
    private final ScheduledExecutorService repairer;
    private volatile Runnable connected = () -> { };

    BrokerSessions(HubConfig config, MqttBrokers.Broker broker, Map<IntakeLane, IngestPipeline> pipelines, Clock clock)
            throws MqttException {
        this.broker = broker;
        this.repairer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-mqtt-sessions");
            t.setDaemon(true);
            return t;
        });
        for (IntakeLane lane : List.of(IntakeLane.ALARM, IntakeLane.BULK)) {
            clients.put(lane, new MqttIngestClient(config, broker, lane, pipelines.get(lane), clock, this::lost));
        }
    }

    /** Connects and subscribes every lane, alarm lane first; blocks until done (call off the event loop). */
    void start() throws MqttException {
        long deadline = System.nanoTime() + STARTUP_PATIENCE.toNanos();
        long backoffMs = FIRST_RETRY_MS;
        while (true) {
            try {
                repair();
                announceConnected();
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline || e.getReasonCode() == BAD_USERNAME_OR_PASSWORD
                        || e.getReasonCode() == NOT_AUTHORIZED) {
                    throw e;
                }
                LOG.warn("connecting to the broker at {} failed ({}); retrying in {} ms", broker.label(), e.getMessage(),
                        backoffMs);
                LockSupport.parkNanos(backoffMs * 1_000_000L);
                backoffMs = Math.min(backoffMs * 2, MAX_RETRY_MS);
            }
        }
    }

    /**
     * One pass: connect whichever lane is not connected, then subscribe the alarm lane and, after its SUBACK, the
     * bulk lane. A lane whose subscribe does not answer has its connection dropped (it may lead to a broker that is
     * gone) before the exception goes up. Synchronized: a pass of the start and one of the repair thread never
     * interleave, so a bulk subscription always follows an alarm SUBACK of the same pass.
     */
    private synchronized void repair() throws MqttException {
        MqttIngestClient alarm = clients.get(IntakeLane.ALARM);
        MqttIngestClient bulk = clients.get(IntakeLane.BULK);
        for (MqttIngestClient c : List.of(alarm, bulk)) {
            if (!c.isConnected()) {
                c.connect(STEP_TIMEOUT_MS);
            }
        }
        subscribe(alarm);
        bulk.handOffAlarms(true);
        subscribe(bulk);
        LOG.info("sessions on {} connected and subscribed (alarm lane first)", broker.label());
    }

    private static void subscribe(MqttIngestClient c) throws MqttException {
        try {
            c.subscribe(STEP_TIMEOUT_MS);
        } catch (MqttException e) {
            if (c.isConnected()) {
                c.dropConnection();
            }
            throw e;
        }
    }

    /** {@code action} runs after each pass that left every lane connected and subscribed (on that pass's thread). */
    void onConnected(Runnable action) {
        connected = action;
    }

    private void announceConnected() {
        try {
            connected.run();
        } catch (RuntimeException e) {
            LOG.warn("after connecting to {}: {}", broker.label(), e.toString());
        }
    }

    /** A lane lost its connection: one repair is queued (a second loss meanwhile is covered by the same one). */
    private void lost() {
        MqttIngestClient bulk = clients.get(IntakeLane.BULK);
        if (bulk != null) {
            bulk.handOffAlarms(false);
        }
        schedule(FIRST_RETRY_MS);
    }

    private void schedule(long delayMs) {
        if (closing.get() || !repairQueued.compareAndSet(false, true)) {
            return;
        }
        repairer.schedule(() -> {
            repairQueued.set(false);
            if (closing.get()) {
                return;
            }
            try {
                repair();
                announceConnected();
            } catch (MqttException | RuntimeException e) {
                long next = Math.min(delayMs * 2, MAX_RETRY_MS);
                LOG.warn("reconnecting to the broker at {} failed ({}); retrying in {} ms", broker.label(), e.getMessage(),
                        next);
                schedule(next);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** True while every lane is connected. */
    boolean isConnected() {
        return clients.values().stream().allMatch(MqttIngestClient::isConnected);
    }

    /** Stops every lane from handing messages to the pipelines (they stay unacknowledged). */
    void stopTaking() {
        clients.values().forEach(MqttIngestClient::stopTaking);
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        repairer.shutdownNow();
        clients.values().forEach(MqttIngestClient::close);
    }
}
