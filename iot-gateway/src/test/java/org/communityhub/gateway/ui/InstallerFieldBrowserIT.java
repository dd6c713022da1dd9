package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.ChannelReceiver;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 18 in the field, on phone-sized windows: an installer puts a fire button into test mode from the page; its
 * alarm reaches the guard's console marked as a test that does not sound (the page's beep loop stays off, no banner),
 * and the community's webhook channel receives nothing for it — while the next building's fire button, not in test
 * mode, sounds the console and is delivered. And a sender seen on the broker but not registered is registered from
 * the installer's list with its code and type prefilled, the compound from the phone's location and the building
 * from the hierarchy.
 */
class InstallerFieldBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Inside compound ita-q1 but in no building. */
    private static final double[] IN_COMPOUND = {114.0532, 22.5430};

    @RegisterExtension
    static final HubExtension hub = UiHub.extension();

    private static void login(Browser b, String view, String username) {
        b.open(hub.baseUrl() + "/#" + view, WAIT);
        // after a logout the page keeps the last username in the field
        b.find("#login-username").sendKeys(Keys.chord(Keys.CONTROL, "a"), username);
        b.find("#login-password").sendKeys(HubFixture.PASSWORD);
        b.find("#login-submit").click();
        b.waitVisible(WAIT, "#panel-" + view);
    }

    @Test
    void aFireButtonInTestModeShowsAsATestOnTheConsoleWithoutSoundingAndNoChannelReceivesIt() throws Exception {
        String installer = hub.login("fitter-t", Role.INSTALLER, "ita");
        hub.login("guard-t", Role.SECURITY, "ita");
        String admin = hub.login("admin-t", Role.ADMIN, null);
        try (ChannelReceiver receiver = new ChannelReceiver(); Browser b = Browser.phone(390, 844)) {
            var channel = hub.post("/api/v1/admin/channels", admin, new JsonObject().put("name", "guards").put("kind", "webhook")
                    .put("url", receiver.url("/guards")).put("community", "ita").encode());
            assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);

            login(b, "installer", "fitter-t");
            b.click(WAIT, "#device-list [data-device-code=ita-fb-1]");
            b.click(WAIT, "#device-test-mode");
            b.waitVisible(WAIT, "[data-testid=device-test-mode-on]");
            assertThat(new JsonObject(hub.get("/api/v1/devices/ita-fb-1", installer).body()).getBoolean("test_mode")).isTrue();

            b.click(WAIT, "#logout-button");
            login(b, "console", "guard-t");
            b.waitFor(WAIT, "the stream online", d -> "online".equals(b.find("#connection-status").getAttribute("data-state")));
            alarm("ita-fb-1", "tm-ui-1");
            long testAlert = Long.parseLong(b.waitVisible(WAIT, "#alert-list [data-alert-id][data-status=open][data-test=true]")
                    .getAttribute("data-alert-id"));
            assertThat(b.text("#alert-list [data-test=true] [data-testid=alert-test]")).isEqualTo("测试");
            assertThat(b.js("return window.hubTest.alarmOn();")).as("the test alarm does not sound").isEqualTo(false);
            assertThat(b.find("#alarm-banner").isDisplayed()).isFalse();
            assertThat(b.find("body").getAttribute("class")).doesNotContain("fire-alarm");
            b.screenshot("console-phone-test-alarm");

            alarm("ita-fb-2", "tm-ui-2");
            b.waitVisible(WAIT, "#alert-list [data-alert-id][data-status=open][data-test=false]");
            assertThat(b.js("return window.hubTest.alarmOn();")).as("a real alarm sounds").isEqualTo(true);
            assertThat(b.find("#alarm-banner").isDisplayed()).isTrue();
            HubFixture.await(Duration.ofSeconds(20), "the real alarm delivered to the channel",
                    () -> receiver.requests("/guards").stream().anyMatch(r -> "ita-fb-2".equals(alertOf(r).getString("device"))));
            assertThat(receiver.requests("/guards")).as("nothing for the test alarm")
                    .noneMatch(r -> alertOf(r).getLong("id") == testAlert);
            assertThat(hub.column("SELECT count(*) FROM delivery WHERE alert_id = " + testAlert)).containsExactly(0L);
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    private static void alarm(String button, String id) throws Exception {
        hub.device(button).publishAll(hub.mqttUrl(), List.of(TestDevice.payload(id, "fire.alarm", "{\"floor\":1}")));
    }

    private static JsonObject alertOf(ChannelReceiver.Request r) {
        return new JsonObject(r.text()).getJsonObject("alert");
    }

    @Test
    void anUnregisteredSenderIsRegisteredFromTheListWithItsCodeAndTypePrefilled() throws Exception {
        BrokerLogins.add("ghost-c7", "ghost-password-c7", "ita", "camera");
        new TestDevice("ghost-c7", "ghost-password-c7", "ita", "camera").publishAll(hub.mqttUrl(),
                List.of(TestDevice.payload("g-1", "heartbeat", "{}")));
        String installer = hub.login("fitter-u", Role.INSTALLER, "ita");
        HubFixture.await(WAIT, "the sender listed as unregistered", () -> {
            try {
                return hub.get("/api/v1/devices/unregistered", installer).body().contains("ghost-c7");
            } catch (Exception e) {
                return false;
            }
        });
        try (Browser b = Browser.phone(390, 844)) {
            login(b, "installer", "fitter-u");
            b.click(WAIT, "#unregistered-list [data-device-code=ghost-c7] [data-testid=register-this]");
            b.waitVisible(WAIT, "#register-form");
            assertThat(b.find("#reg-code").getAttribute("value")).isEqualTo("ghost-c7");
            assertThat(new Select(b.find("#reg-type")).getFirstSelectedOption().getAttribute("value")).isEqualTo("camera");
            b.find("#reg-name").sendKeys("北门摄像头");
            b.standAt(hub.baseUrl(), IN_COMPOUND[0], IN_COMPOUND[1]);
            b.click(WAIT, "#reg-locate");
            b.waitFor(WAIT, "the phone's location picked the compound", d -> "ita-q1".equals(
                    new Select(b.find("#reg-compound")).getFirstSelectedOption().getAttribute("value")));
            new Select(b.find("#reg-building")).selectByValue("ita-b1");
            b.click(WAIT, "#reg-submit");
            b.waitFor(WAIT, "the new camera watched", d -> "ghost-c7".equals(b.find("#watched-device")
                    .getAttribute("data-device-code")));
            b.waitFor(WAIT, "the sender gone from the unregistered list",
                    d -> b.findAll("#unregistered-list [data-device-code=ghost-c7]").isEmpty());
            assertThat(b.consoleErrors()).isEmpty();
        }
        JsonObject camera = new JsonObject(hub.get("/api/v1/devices/ghost-c7", installer).body());
        assertThat(camera.getString("type")).isEqualTo("camera");
        assertThat(camera.getString("building")).as("from the hierarchy").isEqualTo("ita-b1");
        assertThat(camera.getDouble("lon")).as("the phone's location").isCloseTo(IN_COMPOUND[0], Offset.offset(1e-6));
        assertThat(camera.getDouble("lat")).isCloseTo(IN_COMPOUND[1], Offset.offset(1e-6));
    }
}
