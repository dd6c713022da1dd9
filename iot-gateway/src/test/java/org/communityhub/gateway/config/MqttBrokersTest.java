package org.communityhub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 19: {@code HUB_MQTT_URL} as one broker or a cluster's list, {@code HUB_MQTT_SHARDS} mapping communities to brokers. */
class MqttBrokersTest {

    private static HubConfig load(String url, String shards) {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hub");
        env.put("HUB_DB_PASSWORD", "db-Secret-7Q2x");
        env.put("HUB_MQTT_PASSWORD", "mqtt-Secret-9Kp4");
        env.put("HUB_MQTT_URL", url);
        if (shards != null) {
            env.put("HUB_MQTT_SHARDS", shards);
        }
        return HubConfigLoader.load(env, false);
    }

    @Test
    void oneBrokerServesEveryCommunity() {
        HubConfig c = load("tcp://127.0.0.1:1883", null);
        assertThat(c.brokers().brokers()).hasSize(1);
        assertThat(c.brokers().of("fubao").uris()).containsExactly("tcp://127.0.0.1:1883");
        assertThat(c.deviceMqttUrl("fubao")).isEqualTo("tcp://127.0.0.1:1883");
    }

    @Test
    void aListIsOneClusterTriedInOrderAndDevicesGetItsFirstAddress() {
        HubConfig c = load("tcp://10.0.0.1:1883, tcp://10.0.0.2:1883", null);
        assertThat(c.brokers().brokers()).hasSize(1);
        assertThat(c.brokers().fallback().uris()).containsExactly("tcp://10.0.0.1:1883", "tcp://10.0.0.2:1883");
        assertThat(c.devices().mqttUrl()).isEqualTo("tcp://10.0.0.1:1883");
    }

    @Test
    void shardsMapCommunitiesToBrokersAndTheRestStayOnTheDefaultOne() {
        HubConfig c = load("tcp://10.0.0.1:1883", "fubao, yiyuan=tcp://10.0.0.5:1883,tcp://10.0.0.6:1883;"
                + " lianhua=tcp://10.0.0.7:1883; ; xinhe=tcp://10.0.0.1:1883");
        List<MqttBrokers.Broker> brokers = c.brokers().brokers();
        assertThat(brokers).hasSize(3);
        assertThat(brokers.get(0).fallback()).isTrue();
        assertThat(brokers.get(0).communities()).as("a shard naming HUB_MQTT_URL's broker pins to it").isEqualTo(Set.of("xinhe"));
        assertThat(c.brokers().of("yiyuan").uris()).containsExactly("tcp://10.0.0.5:1883", "tcp://10.0.0.6:1883");
        assertThat(c.brokers().of("lianhua").label()).isEqualTo("tcp://10.0.0.7:1883");
        assertThat(c.brokers().of("unlisted")).isSameAs(brokers.get(0));
        assertThat(c.deviceMqttUrl("fubao")).isEqualTo("tcp://10.0.0.5:1883");
        assertThat(c.deviceMqttUrl("unlisted")).isEqualTo("tcp://10.0.0.1:1883");
    }

    @Test
    void aDeviceUrlOfTheOperatorsAppliesToTheDefaultBrokersCommunities() {
        Map<String, String> env = new HashMap<>(Map.of("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hub",
                "HUB_MQTT_URL", "tcp://10.0.0.1:1883", "HUB_MQTT_SHARDS", "lianhua=tcp://10.0.0.7:1883",
                "HUB_DEVICE_MQTT_URL", "tcp://hub.example.cn:1883"));
        HubConfig c = HubConfigLoader.load(env, true);
        assertThat(c.deviceMqttUrl("fubao")).isEqualTo("tcp://hub.example.cn:1883");
        assertThat(c.deviceMqttUrl("lianhua")).isEqualTo("tcp://10.0.0.7:1883");
    }

    @Test
    void everyMistakeIsNamedWithItsVariableAtStart() {
        assertThatThrownBy(() -> load("tcp://10.0.0.1:1883,mqtt://x", "fubao=tcp://10.0.0.5:1883;fubao=tcp://10.0.0.6:1883;"
                + "Bad Name=tcp://10.0.0.8:1883;yiyuan;lianhua=tcp://10.0.0.9;xinhe=tcp://10.0.0.5:1883,tcp://10.0.0.1:1883"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HUB_MQTT_URL must look like tcp://host:port or ssl://host:port")
                .hasMessageContaining("not 'mqtt://x'")
                .hasMessageContaining("HUB_MQTT_SHARDS: community 'fubao' is named twice")
                .hasMessageContaining("HUB_MQTT_SHARDS: 'Bad Name' is not a community code")
                .hasMessageContaining("HUB_MQTT_SHARDS: bad entry 'yiyuan'")
                .hasMessageContaining("HUB_MQTT_SHARDS must look like tcp://host:port or ssl://host:port")
                .hasMessageContaining("HUB_MQTT_SHARDS: tcp://10.0.0.5:1883 belongs to two different brokers");
    }
}
