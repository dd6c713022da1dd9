package org.communityhub.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A registered fixture device with its real broker login; publishes over real MQTT v5. */
public record TestDevice(String code, String password, String community, String type) {

    /** MQTT 5 CONNACK reason codes of a refused login. */
    private static final int REFUSED_LOGIN = 0x86;
    private static final int NOT_AUTHORISED = 0x87;

    public String topic(String channel) {
        return "hub/v1/" + community + "/" + type + "/" + code + "/" + channel;
    }

    /** Connects as this device (clean start); the caller closes the client. */
    public MqttClient connect(String brokerUrl) throws MqttException {
        MqttClient client = new MqttClient(brokerUrl, "it-" + code + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(code);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        client.connect(o);
        return client;
    }

    /**
     * Whether the broker takes this device's login: connects (clean start) and disconnects. True when it was taken,
     * false when the broker refused it (CONNACK "bad user name or password" or "not authorised"). While the broker is
     * down or restarting (connection refused or lost: should Mosquitto 2.0.11 segfault, see the README's Tests, the
     * launcher's watchdog restarts it) it asks again every 200 ms, for up to {@code patience}, then
     * throws the last failure. A refusal is never retried: it is the answer.
     */
    public boolean loginTaken(String brokerUrl, Duration patience) throws MqttException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                MqttClient client = connect(brokerUrl);
                try {
                    client.disconnect();
                } finally {
                    client.close();
                }
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() == REFUSED_LOGIN || e.getReasonCode() == NOT_AUTHORISED) {
                    return false;
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    /** Publishes one payload on this device's event topic with QoS 1 (waits for PUBACK). */
    public void publish(MqttClient client, String payload) throws MqttException {
        publishTo(client, topic("event"), payload);
    }

    /** Connects, publishes each payload on this device's event topic with QoS 1, and disconnects. */
    public void publishAll(String brokerUrl, List<String> payloads) throws MqttException {
        MqttClient client = connect(brokerUrl);
        try {
            for (String p : payloads) {
                publish(client, p);
            }
        } finally {
            client.disconnect();
            client.close();
        }
    }

    public static void publishTo(MqttClient client, String topic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        client.publish(topic, m);
    }

    /** A contract payload {@code {"id","type","time":now,"data"}}; {@code dataJson} is a JSON object text. */
    public static String payload(String id, String type, String dataJson) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"time\":\""
                + OffsetDateTime.now(ZoneOffset.ofHours(8)) + "\",\"data\":" + dataJson + "}";
    }
}
