package org.communityhub.sim.testing;

import org.communityhub.geo.testing.HubTestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Listens as the hub's broker login on a topic filter and keeps every message, for assertions.
 * Thread-safe; close it after the test.
 */
public final class HubSubscriber implements AutoCloseable {

    /** One received message. */
    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** Connects as the hub user and subscribes to {@code filter} at QoS 1. */
    public HubSubscriber(String filter) throws MqttException {
        client = new MqttClient(HubTestServices.mqttUrl(), "sim-it-" + BrokerLogins.unique(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(HubTestServices.mqttUser());
        options.setPassword(HubTestServices.mqttPassword().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload(), message.isRetained()));
                synchronized (received) {
                    received.notifyAll();
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                // the test's assertions report missing messages
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // the test's assertions report missing messages
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // subscriber only
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // nothing to restore
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        });
        client.connect(options);
        client.subscribe(filter, 1);
    }

    /** Every message so far matching {@code filter}. */
    public List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Waits until at least {@code count} messages match, then returns them; fails after {@code timeout}. */
    public List<Received> await(Predicate<Received> filter, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            long left = end - System.nanoTime();
            while (matching(filter).size() < count && left > 0) {
                received.wait(Math.max(1, left / 1_000_000));
                left = end - System.nanoTime();
            }
        }
        List<Received> m = matching(filter);
        if (m.size() < count) {
            throw new AssertionError("expected " + count + " messages within " + timeout + ", got " + m.size() + ": "
                    + m.stream().map(r -> r.topic() + " " + r.text()).limit(20).toList());
        }
        return m;
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
