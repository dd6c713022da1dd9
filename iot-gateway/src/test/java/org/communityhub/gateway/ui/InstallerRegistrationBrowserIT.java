package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.communityhub.contract.DeviceType;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 18's installer journey on a phone-sized window, against a hub that owns the broker's logins (it renders the
 * private Mosquitto's password and ACL files itself): the installer registers a gate through the form — the phone's
 * location picks the compound, a tap on the map the building and the position, the hub's refusals (a bad code, a
 * floor that is not an integer) show next to their fields — then gets the gate's login and QR code, the device logs in
 * with exactly that login and sends its check event, "test this device" shows PASS and the gate is {@code tested};
 * finally the installer edits its name and retires it.
 */
class InstallerRegistrationBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CODE = "ita-gate-7";
    /** Inside compound ita-q1 but in no building. */
    private static final double[] IN_COMPOUND = {114.0532, 22.5430};
    /** Inside building ita-b2, away from its fire button's marker. */
    private static final double[] IN_B2 = {114.0532, 22.5416};

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(() -> {
        Map<String, String> env = new HashMap<>(BrokerLogins.hubOwnedFiles());
        env.put("HUB_TILE_URL", UiHub.DEAD_TILES);
        env.put("HUB_TILE_NAME", "OSM (offline in tests)");
        return env;
    });

    @Test
    void anInstallerRegistersAGateGetsItsLoginAndTestsItFromThePhone() throws Exception {
        String token = hub.login("fitter-r", Role.INSTALLER, "ita");
        try (Browser b = Browser.phone(390, 844)) {
            b.open(hub.baseUrl() + "/#installer", WAIT);
            b.find("#login-username").sendKeys("fitter-r");
            b.find("#login-password").sendKeys(HubFixture.PASSWORD);
            b.find("#login-submit").click();
            registerThroughTheForm(b);
            JsonObject gate = new JsonObject(hub.get("/api/v1/devices/" + CODE, token).body());
            assertThat(gate.getString("type")).isEqualTo("gate");
            assertThat(gate.getString("building")).isEqualTo("ita-b2");
            assertThat(gate.getString("community")).isEqualTo("ita");
            assertThat(gate.getInteger("floor")).isEqualTo(1);
            assertThat(gate.getDouble("lon")).isCloseTo(IN_B2[0], Offset.offset(2e-5));
            assertThat(gate.getDouble("lat")).isCloseTo(IN_B2[1], Offset.offset(2e-5));
            assertThat(gate.getString("install_state")).isEqualTo("registered");

            loginAndTest(b);
            JsonObject tested = new JsonObject(hub.get("/api/v1/devices/" + CODE, token).body());
            assertThat(tested.getString("install_state")).isEqualTo("tested");
            assertThat(hub.column("SELECT tested_by FROM device WHERE code = '" + CODE + "'")).containsExactly("fitter-r");
            b.screenshot("installer-phone-registered-and-tested");

            b.click(WAIT, "#device-edit");
            b.waitFor(WAIT, "the edit form", d -> "edit".equals(b.find("#register-form").getAttribute("data-mode")));
            assertThat(b.find("#reg-code").getAttribute("readonly")).isNotNull();
            assertThat(value(b, "#reg-building")).isEqualTo("ita-b2");
            b.find("#reg-name").sendKeys(Keys.chord(Keys.CONTROL, "a"), "2栋西门人脸闸机");
            b.click(WAIT, "#reg-submit");
            b.waitFor(WAIT, "the new name shown", d -> b.text("#watched-device").contains("2栋西门人脸闸机"));
            b.click(WAIT, "#device-edit");
            b.click(WAIT, "#reg-retire");
            b.click(WAIT, "#reg-retire-confirm");
            b.waitFor(WAIT, "the gate shown retired", d -> b.text("#watched-device").contains("retired"));
            assertThat(b.consoleErrors()).as("only the two refusals it provoked").hasSize(2)
                    .allMatch(e -> e.contains("/api/v1/devices - ") && e.contains("status of 400"));
        }
        assertThat(hub.column("SELECT name || ' ' || install_state FROM device WHERE code = '" + CODE + "'"))
                .containsExactly("2栋西门人脸闸机 retired");
        assertThat(hub.column("SELECT action FROM audit_log WHERE object_id = '" + CODE + "' ORDER BY id"))
                .containsSubsequence(List.of("device.register", "device.register", "device.install_state"));
    }

    /** Fills the form with two mistakes the hub refuses one after the other (shown next to the field), then right. */
    private static void registerThroughTheForm(Browser b) {
        b.click(WAIT, "#register-open");
        b.waitVisible(WAIT, "#register-form");
        assertThat(b.findAll("#reg-type option").stream().map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()))
                .as("the contract's device types").containsExactlyElementsOf(
                        Arrays.stream(DeviceType.values()).map(DeviceType::code).toList());
        b.find("#reg-code").sendKeys("West Gate 7");
        b.find("#reg-name").sendKeys("2栋西门闸机");
        new Select(b.find("#reg-type")).selectByValue("gate");
        b.find("#reg-floor").sendKeys("1.5");

        b.standAt(hub.baseUrl(), IN_COMPOUND[0], IN_COMPOUND[1]);
        b.click(WAIT, "#reg-locate");
        b.waitFor(WAIT, "the phone's location picked the compound", d -> "ita-q1".equals(value(b, "#reg-compound"))
                && "set".equals(b.find("#reg-position").getAttribute("data-state")));
        assertThat(value(b, "#reg-building")).as("in no building").isEmpty();
        CaseUi.tapPastSheet(b, IN_B2[0], IN_B2[1]);
        b.waitFor(WAIT, "the tap picked building ita-b2", d -> "ita-b2".equals(value(b, "#reg-building")));

        b.click(WAIT, "#reg-submit");
        assertThat(awaitFieldError(b)).as("the hub's refusal of the code, next to it").isEqualTo("code");
        b.find("#reg-code").sendKeys(Keys.chord(Keys.CONTROL, "a"), CODE);
        b.click(WAIT, "#reg-submit");
        b.waitFor(WAIT, "the code's error gone", d -> !b.find(".field-error[data-field=code]").isDisplayed());
        assertThat(awaitFieldError(b)).as("the floor must be an integer").isEqualTo("floor");
        assertThat(b.text(".field-error[data-field=floor]")).contains("楼层须为整数").contains("parameter 'floor'");
        b.find("#reg-floor").sendKeys(Keys.chord(Keys.CONTROL, "a"), "1");
        b.click(WAIT, "#reg-submit");

        b.waitFor(WAIT, "the new gate watched", d -> CODE.equals(b.find("#watched-device").getAttribute("data-device-code"))
                && !b.findAll("#device-credentials").isEmpty());
        assertThat(b.find("#register-section").isDisplayed()).as("the form closed").isFalse();
    }

    /** The login and QR code in the page; the device logs in with exactly that login and passes "test this device". */
    private static void loginAndTest(Browser b) throws Exception {
        b.click(WAIT, "#device-credentials");
        b.waitFor(WAIT, "the login shown", d -> !b.findAll("[data-testid=device-login] [data-field=password]").isEmpty());
        b.waitFor(WAIT, "the QR code shown", d -> Boolean.TRUE.equals(b.js("const i = document.querySelector("
                + "'.provisioning-qr'); return !!i && i.complete && i.naturalWidth > 0;")));
        String password = b.text("[data-testid=device-login] [data-field=password]");
        assertThat(b.text("[data-testid=device-login] [data-field=topic_prefix]")).isEqualTo("hub/v1/ita/gate/" + CODE);
        assertThat(b.text("[data-testid=device-login] [data-field=mqtt_url]")).isEqualTo(hub.mqttUrl());

        b.click(WAIT, "#device-test");
        b.waitFor(WAIT, "the check waiting", d -> "waiting".equals(result(b)));
        // The device with exactly the login the page showed: the hub installed it on the broker itself.
        TestDevice device = new TestDevice(CODE, password, "ita", "gate");
        MqttClient client = device.connect(hub.mqttUrl());
        try {
            TestDevice.publishTo(client, device.topic("status"), "online");
            device.publish(client, TestDevice.payload("check-" + System.currentTimeMillis(), "access.granted",
                    "{\"direction\":\"in\",\"method\":\"card\",\"person\":\"p-installer-test\"}"));
            b.waitFor(Duration.ofSeconds(30), () -> "PASS shown; hub: " + hub.diagnostics(), d -> "pass".equals(result(b)));
        } finally {
            client.disconnect();
            client.close();
        }
        assertThat(b.text("[data-testid=device-test-result]")).startsWith("PASS");
        b.waitFor(WAIT, "the gate shown tested", d -> b.text("#watched-device").contains("tested"));
    }

    private static String value(Browser b, String css) {
        return String.valueOf(b.js("const e = document.querySelector(arguments[0]); return e ? e.value : null;", css));
    }

    private static String result(Browser b) {
        List<WebElement> shown = b.findAll("[data-testid=device-test-result]");
        return shown.isEmpty() ? null : shown.get(0).getAttribute("data-result");
    }

    /** The field whose error the form shows (exactly one). */
    private static String awaitFieldError(Browser b) {
        return b.waitFor(WAIT, () -> "an error next to a field (shown: " + b.js("return [...document.querySelectorAll("
                + "'#register-form .field-error')].filter(e => e.offsetParent).map(e => e.dataset.field + ': ' + e.textContent);")
                + "; toast: " + b.text("#toast") + "; submit disabled: "
                + b.js("return document.getElementById('reg-submit').disabled;") + ")", d -> {
            List<String> shown = b.findAll("#register-form .field-error").stream().filter(WebElement::isDisplayed)
                    .map(e -> e.getAttribute("data-field")).toList();
            return shown.size() == 1 ? shown.get(0) : null;
        });
    }
}
