package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/**
 * The installer view in real Chromium against a real hub: an installer logs in through the page,
 * the device list shows ita-gate-1 with the status the API reports and follows its status live,
 * choosing it shows a heartbeat published over real MQTT in the live feed (the page sends
 * {@code {"watch":"ita-gate-1"}} on the stream), and a malformed message from it appears in the
 * reject list with its reason, topic and payload as text.
 */
class InstallerBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DEVICE = "ita-gate-1";
    @RegisterExtension
    static final HubExtension hub = UiHub.extension();
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        token = hub.login("fitter-a", Role.INSTALLER, "ita");
    }

    @Test
    void watchedDeviceShowsLiveEventsAndRejectedMessages() throws Exception {
        TestDevice gate = hub.device(DEVICE);
        try (Browser b = Browser.desktop(1280, 800)) {
            b.open(hub.baseUrl() + "/#installer", WAIT);
            b.find("#login-username").sendKeys("fitter-a");
            b.find("#login-password").sendKeys(HubFixture.PASSWORD);
            b.find("#login-submit").click();
            b.waitFor(WAIT, "the stream online", d -> "online".equals(b.find("#connection-status").getAttribute("data-state")));
            b.waitVisible(WAIT, "#device-list [data-device-code=" + DEVICE + "]");
            String apiStatus = new JsonObject(hub.get("/api/v1/devices/" + DEVICE, token).body()).getString("status");
            assertThat(listed(b, "dataset.status")).isEqualTo(apiStatus).isNotEqualTo("online");
            assertThat(listed(b, "innerText")).contains("东门人脸闸机").contains(DEVICE).contains("从未上线");
            assertThat(b.findAll("#device-list [data-device-code^=itb]")).as("another community's devices").isEmpty();

            b.click(WAIT, "#device-list [data-device-code=" + DEVICE + "]");
            b.waitVisible(WAIT, "#watch-section");
            assertThat(b.find("#watched-device").getAttribute("data-device-code")).isEqualTo(DEVICE);
            b.waitFor(WAIT, "the recent events loaded (none yet)", d -> !b.findAll("#event-feed li.waiting").isEmpty());
            b.waitFor(WAIT, "the reject list loaded (none yet)", d -> b.text("#reject-list").equals("没有被拒绝的消息"));

            MqttClient client = gate.connect(hub.mqttUrl());
            try {
                TestDevice.publishTo(client, gate.topic("status"), "online");
                b.waitFor(WAIT, "the device shown online live", d -> "online".equals(listed(b, "dataset.status")));
                String shown = publishHeartbeatsUntilShown(b, gate, client);
                WebElement event = b.find("#event-feed [data-event-id=" + shown + "]");
                assertThat(event.findElement(By.cssSelector(".type")).getText()).isEqualTo("heartbeat");
                assertThat(event.getText()).contains("\"battery\":87");

                TestDevice.publishTo(client, gate.topic("event"), "{\"id\":\"bad-1\",\"type\":\"heartbeat\",<b>oops");
            } finally {
                client.disconnect();
                client.close();
            }
            b.waitFor(WAIT, () -> "the malformed message in the reject list; hub: " + hub.diagnostics(), d -> {
                if (!b.text("#reject-list").equals("加载中…")) {
                    b.find("#rejects-refresh").click(); // the page reloads rejects on request
                }
                return b.findAll("#reject-list .reject").stream().anyMatch(r -> r.getText().contains("malformed_json"));
            });
            WebElement reject = b.find("#reject-list .reject");
            assertThat(reject.findElement(By.cssSelector(".reason")).getText()).isEqualTo("malformed_json");
            assertThat(reject.getText()).contains(gate.topic("event")).contains("<b>oops");
            ResidentMapBrowserIT.assertNoInjectedImage(b);
            assertThat(b.findAll("#reject-list b")).as("the payload is shown as text").isEmpty();
            b.screenshot("installer-desktop");
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    /**
     * Issue 18 on a phone-sized window: the installer gets a device's login and its QR code in the page, the device
     * logs in with that login and sends its check event, "test this device" shows PASS and the device becomes tested.
     */
    @Test
    void onAPhoneTheInstallerGetsTheLoginAndTestsTheDevice() throws Exception {
        String code = "ita-cam-1";
        try (Browser b = Browser.phone(390, 844)) {
            b.open(hub.baseUrl() + "/#installer", WAIT);
            b.find("#login-username").sendKeys("fitter-a");
            b.find("#login-password").sendKeys(HubFixture.PASSWORD);
            b.find("#login-submit").click();
            b.waitVisible(WAIT, "#device-list [data-device-code=" + code + "]");
            b.click(WAIT, "#device-list [data-device-code=" + code + "]");
            b.click(WAIT, "#device-credentials");
            b.waitFor(WAIT, "the login shown", d -> !b.findAll("[data-testid=device-login] [data-field=password]").isEmpty());
            b.waitFor(WAIT, () -> "the QR code shown: "
                    + b.js("return document.querySelector('[data-testid=device-login]').innerHTML"),
                    d -> Boolean.TRUE.equals(b.js("const i = document.querySelector('.provisioning-qr');"
                            + " return !!i && i.complete && i.naturalWidth > 0;")));
            String password = b.text("[data-testid=device-login] [data-field=password]");
            assertThat(b.text("[data-testid=device-login] [data-field=topic_prefix]")).isEqualTo("hub/v1/ita/camera/" + code);

            b.click(WAIT, "#device-test");
            b.waitFor(WAIT, "the check waiting", d -> "waiting".equals(b.find("[data-testid=device-test-result]")
                    .getAttribute("data-result")));
            TestDevice camera = new TestDevice(code, password, "ita", "camera");
            BrokerLogins.add(code, password, "ita", "camera"); // what the hub renders itself when it owns the broker
            MqttClient client = camera.connect(hub.mqttUrl());
            try {
                TestDevice.publishTo(client, camera.topic("status"), "online");
                camera.publish(client, TestDevice.payload("check-" + System.currentTimeMillis(), "heartbeat", "{}"));
            } finally {
                client.disconnect();
                client.close();
            }
            b.waitFor(Duration.ofSeconds(30), "PASS shown", d -> "pass".equals(b.find("[data-testid=device-test-result]")
                    .getAttribute("data-result")));
            assertThat(b.text("[data-testid=device-test-result]")).startsWith("PASS");
            assertThat(new JsonObject(hub.get("/api/v1/devices/" + code, token).body()).getString("install_state"))
                    .isEqualTo("tested");
            b.screenshot("installer-phone-check");
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    /** A property of the device's list entry, read in one go (the list re-renders on every device change). */
    private static String listed(Browser b, String property) {
        return String.valueOf(b.js("const e = document.querySelector('#device-list [data-device-code=\"" + DEVICE + "\"]');"
                + " return e ? e." + property + " : null;"));
    }

    /**
     * The hub starts a watch when it has processed the page's {"watch"} message and sends no
     * confirmation, so a heartbeat published in that instant may precede the watch: publish
     * one, and another if none is shown within a few seconds (at most three).
     */
    private static String publishHeartbeatsUntilShown(Browser b, TestDevice gate, MqttClient client) throws Exception {
        for (int i = 1; i <= 3; i++) {
            String id = "hb-ui-" + i;
            gate.publish(client, TestDevice.payload(id, "heartbeat", "{\"battery\":87,\"rssi\":-60}"));
            try {
                b.waitFor(Duration.ofSeconds(4), "heartbeat " + id + " in the live feed",
                        d -> !b.findAll("#event-feed [data-event-id=" + id + "]").isEmpty());
                return id;
            } catch (TimeoutException e) {
                if (i == 3) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
