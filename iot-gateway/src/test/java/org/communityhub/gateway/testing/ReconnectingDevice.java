package org.communityhub.gateway.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A device that behaves like a real one when its broker goes away for a moment: a publish that fails
 * (connection lost) is sent again, same payload and event id, once the device has reconnected. The
 * hub stores a re-sent event once (CONTRACT §4), so tests that must survive the private broker's
 * restart (on purpose, or after Mosquitto 2.0.11 segfaulted, see the README's Tests; the launcher's
 * watchdog restarts it within about a second) use this instead of a bare client; its first connect waits
 * for the broker as well. Not thread-safe.
 */
public final class ReconnectingDevice implements AutoCloseable {

    private final TestDevice device;
    private final String brokerUrl;
    private final Duration patience;
    private MqttClient client;
    private int reconnects;

    public ReconnectingDevice(TestDevice device, String brokerUrl, Duration patience) throws MqttException {
        this.device = device;
        this.brokerUrl = brokerUrl;
        this.patience = patience;
        this.client = connectWithin(System.nanoTime() + patience.toNanos());
    }

    /** Publishes with QoS 1; after a failure, reconnects and sends the same payload again (within the patience). */
    public void publish(String payload) throws MqttException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                device.publish(client, payload);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                reconnect(deadline);
            }
        }
    }

    /** How many times the device had to reconnect. */
    public int reconnects() {
        return reconnects;
    }

    private void reconnect(long deadline) throws MqttException {
        closeQuietly();
        client = connectWithin(deadline);
        reconnects++;
    }

    /** Connects, asking again every 200 ms while the broker is down or restarting, until the deadline. */
    private MqttClient connectWithin(long deadline) throws MqttException {
        while (true) {
            try {
                return device.connect(brokerUrl);
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    private void closeQuietly() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } catch (MqttException e) {
            // the connection is gone already
        }
        try {
            client.close();
        } catch (MqttException e) {
            // nothing left to release
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
