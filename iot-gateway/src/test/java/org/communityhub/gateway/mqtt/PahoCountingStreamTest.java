package org.communityhub.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.junit.jupiter.api.Test;

/**
 * The hub's copy of Paho's {@code CountingInputStream} (bulk reads; see its Javadoc) is the one Paho uses, parses
 * packets as Paho's did, and is looked at again when Paho changes.
 */
class PahoCountingStreamTest {

    @Test
    void writtenForPaho125() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = MqttPublish.class.getResourceAsStream(
                "/META-INF/maven/org.eclipse.paho/org.eclipse.paho.mqttv5.client/pom.properties")) {
            pom.load(in);
        }
        assertThat(pom.getProperty("version"))
                .as("Paho changed: check whether its CountingInputStream still lacks a bulk read and whether the hub's copy"
                        + " (same package, in iot-gateway) still has its API; then update this test")
                .isEqualTo("1.2.5");
    }

    @Test
    void pahoUsesTheHubsCopy() throws Exception {
        String ours = CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        String paho = MqttPublish.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertThat(ours).isNotEqualTo(paho);
        assertThat(CountingInputStream.class.getDeclaredMethod("read", byte[].class, int.class, int.class)
                .getDeclaringClass()).isEqualTo(CountingInputStream.class);
        // Paho's jar still has its own copy: the build's shade filter leaves it out of hub.jar (checked there).
        try (JarFile jar = new JarFile(paho)) {
            ZipEntry original = jar.getEntry("org/eclipse/paho/mqttv5/common/packet/util/CountingInputStream.class");
            assertThat(original).as("Paho no longer has the class the hub replaces: remove the copy and the filter").isNotNull();
        }
    }

    @Test
    void pahoUsesTheHubsLoggerFactoryWhichKeepsTheCatalogue() throws Exception {
        Class<?> ours = org.eclipse.paho.mqttv5.client.logging.LoggerFactory.class;
        String paho = MqttPublish.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertThat(ours.getProtectionDomain().getCodeSource().getLocation().getPath()).isNotEqualTo(paho);
        try (JarFile jar = new JarFile(paho)) {
            assertThat(jar.getEntry("org/eclipse/paho/mqttv5/client/logging/LoggerFactory.class"))
                    .as("Paho no longer has the class the hub replaces: remove the copy and the filter").isNotNull();
        }
        var first = org.eclipse.paho.mqttv5.client.logging.LoggerFactory.getLogger(
                org.eclipse.paho.mqttv5.client.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT, "a");
        var second = org.eclipse.paho.mqttv5.client.logging.LoggerFactory.getLogger(
                org.eclipse.paho.mqttv5.client.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT, "b");
        assertThat(first).isInstanceOf(org.eclipse.paho.mqttv5.client.logging.JSR47Logger.class).isNotSameAs(second);
        // Paho's message 208 ("failed: not connected"), formatted from the catalogue the factory kept.
        assertThat(first.formatMessage("208", null)).isEqualTo("failed: not connected");
        new org.eclipse.paho.mqttv5.client.MqttToken("client-1"); // each token makes its logger through the factory
    }

    @Test
    void bulkReadsAreCountedAndDoNotGoByteByByte() throws IOException {
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        InputStream noSingleBytes = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read() {
                throw new AssertionError("read byte by byte");
            }
        };
        CountingInputStream counting = new CountingInputStream(noSingleBytes);
        DataInputStream data = new DataInputStream(counting);
        byte[] first = new byte[600];
        data.readFully(first);
        assertThat(counting.getCounter()).isEqualTo(600);
        assertThat(counting.skip(100)).isEqualTo(100);
        assertThat(counting.getCounter()).isEqualTo(700);
        counting.resetCounter();
        byte[] rest = new byte[300];
        data.readFully(rest);
        assertThat(counting.getCounter()).isEqualTo(300);
        assertThat(first[599]).isEqualTo((byte) 599);
        assertThat(rest[0]).isEqualTo((byte) 700);
        assertThat(counting.read(new byte[1], 0, 1)).isEqualTo(-1);
        assertThat(counting.getCounter()).isEqualTo(300);
    }

    @Test
    void aPublishParsesAsBefore() throws Exception {
        MqttMessage message = new MqttMessage("{\"id\":\"e-1\",\"type\":\"access.granted\"}".getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        MqttPublish publish = new MqttPublish("hub/v1/c1/gate/g-1/event", message, null);
        publish.setMessageId(4242);
        byte[] header = publish.getHeader();
        byte[] payload = publish.getPayload();
        byte[] packet = new byte[header.length + payload.length];
        System.arraycopy(header, 0, packet, 0, header.length);
        System.arraycopy(payload, 0, packet, header.length, payload.length);

        MqttWireMessage parsed = MqttWireMessage.createWireMessage(packet);

        assertThat(parsed).isInstanceOf(MqttPublish.class);
        MqttPublish back = (MqttPublish) parsed;
        assertThat(back.getTopicName()).isEqualTo("hub/v1/c1/gate/g-1/event");
        assertThat(back.getMessageId()).isEqualTo(4242);
        assertThat(back.getMessage().getQos()).isEqualTo(1);
        assertThat(new String(back.getMessage().getPayload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"e-1\",\"type\":\"access.granted\"}");
    }
}
