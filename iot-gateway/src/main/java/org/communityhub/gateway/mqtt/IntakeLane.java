package org.communityhub.gateway.mqtt;

import org.communityhub.gateway.config.HubConfig;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.DeviceTopic;
import org.communityhub.gateway.ingest.InboundMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The gateway's two MQTT sessions. Fire alarms must not wait behind a burst of gate events: the
 * broker keeps one queue per session and the hub works a session's messages in arrival order, so
 * one-press fire buttons get a session, a shared subscription and a pipeline of their own.
 *
 * <ul>
 *   <li>{@link #BULK}: every device event topic ({@code $share/<group>/hub/v1/+/+/+/event}) and the
 *       status topics, not shared: every instance sees each device's live status changes in order (a shared
 *       subscription could hand one device's {@code online} and {@code offline} to two instances that write them
 *       in the other order), with retain handling 2: the broker's retained copies are never sent, since the
 *       database, not whatever copy a broker node holds, is the source of truth for a device's status.
 *       Fire-button events arrive here too (the filter matches them) and are acknowledged at once without
 *       being worked: {@link #ALARM} holds its own copy in its own session until that copy is committed, so
 *       nothing is lost ({@link BrokerSessions} makes sure the alarm subscription is the older one).</li>
 *   <li>{@link #ALARM}: {@code $share/<group>-alarm/hub/v1/+/fire_button/+/event}, with a small
 *       receive window and {@value #ALARM_WORKERS} writers, so alarms of different buttons are written side by
 *       side (one alarm's transaction costs ~10 statements; with one writer, 50 alarms/s kept it busy most of
 *       the time and alarms queued behind each other). One button's alarms keep their order (one writer per
 *       button); alarms of one building still serialise on the alert's lock in the database.</li>
 * </ul>
 * Immutable; thread-safe.
 */
public enum IntakeLane {

    BULK("", DeviceTopic.filter(null, DeviceTopic.Channel.EVENT)),
    ALARM("-alarm", DeviceTopic.filter(DeviceType.FIRE_BUTTON, DeviceTopic.Channel.EVENT));

    /** Unacknowledged fire-button messages the broker may send the alarm session at once. */
    public static final int ALARM_RECEIVE_MAXIMUM = 200;
    /** Writer threads (and so at most database connections) of the alarm lane. */
    public static final int ALARM_WORKERS = 4;
    /** See {@link #lingerNanos()}. */
    public static final int BULK_LINGER_MILLIS = 5;

    static final String STATUS_FILTER = DeviceTopic.filter(null, DeviceTopic.Channel.STATUS);

    private final String suffix;
    private final String eventFilter;

    IntakeLane(String suffix, String eventFilter) {
        this.suffix = suffix;
        this.eventFilter = eventFilter;
    }

    /** The fixed client id of this lane's session for one gateway instance. */
    public String clientId(HubConfig config) {
        return "hub-gateway-" + config.instanceId() + suffix;
    }

    /** The lane's writer threads: {@code HUB_INGEST_WORKERS} for the bulk lane, {@value #ALARM_WORKERS} for alarms. */
    public int workers(HubConfig config) {
        return this == ALARM ? ALARM_WORKERS : config.ingestWorkers();
    }

    /**
     * How long a bulk writer that found only a few messages lets more arrive before it writes them
     * ({@link org.communityhub.gateway.ingest.IngestPipeline}): {@value #BULK_LINGER_MILLIS} ms, a few ms added to
     * a gate event's way into the database for several times fewer transactions; alarms never wait.
     */
    public long lingerNanos() {
        return this == ALARM ? 0 : java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(BULK_LINGER_MILLIS);
    }

    public int receiveMaximum(HubConfig config) {
        return this == ALARM ? ALARM_RECEIVE_MAXIMUM : config.receiveMaximum();
    }

    String eventFilter() {
        return eventFilter;
    }

    MqttSubscription[] subscriptions(HubConfig config) {
        MqttSubscription events = new MqttSubscription("$share/" + config.mqttShareGroup() + suffix + "/" + eventFilter, 1);
        if (this == ALARM) {
            return new MqttSubscription[] {events};
        }
        MqttSubscription status = new MqttSubscription(STATUS_FILTER, 1);
        status.setRetainHandling(2); // never the retained copies: a status is a live event, the database the state
        return new MqttSubscription[] {events, status};
    }

    /**
     * Whether a message that reached this lane belongs to another one (and is only acknowledged
     * here). True for fire-button event topics on {@link #BULK}: exactly the topics that the alarm
     * filter matches (MQTT matching: {@code +} is one whole level, possibly empty). Cost: a field test for a
     * topic that was parsed, one split for one that follows no grammar.
     */
    boolean handledElsewhere(InboundMessage message) {
        if (this != BULK) {
            return false;
        }
        DeviceTopic t = message.topic();
        return t != null ? t.type() == DeviceType.FIRE_BUTTON && t.channel() == DeviceTopic.Channel.EVENT
                : isFireButtonEvent(message.topicName());
    }

    static boolean isFireButtonEvent(String topic) {
        String[] levels = topic.split("/", -1);
        return levels.length == 6 && topic.startsWith(DeviceTopic.PREFIX)
                && DeviceType.FIRE_BUTTON.code().equals(levels[3]) && DeviceTopic.Channel.EVENT.code().equals(levels[5]);
    }
}
