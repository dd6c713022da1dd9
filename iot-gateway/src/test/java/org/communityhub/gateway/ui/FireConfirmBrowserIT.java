package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fire procedure on a phone-sized page in real Chromium: a guard opens the live fire alarm's card, takes it
 * ("我去处理": the card shows the guard as assignee) and confirms a real fire ("确认真火警"): the card says
 * 火警已确认, shows the escalation level and a one-tap {@code tel:119}, and the REST API agrees.
 */
class FireConfirmBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final HubExtension hub = UiHub.extension();
    private static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        hub.login("guard-f", Role.SECURITY, "ita");
        adminToken = hub.login("admin-f", Role.ADMIN, null);
    }

    @Test
    void aGuardTakesAndConfirmsAFireAlarmFromThePhone() throws Exception {
        try (Browser phone = Browser.phone(360, 740)) {
            ConsoleUi.logIn(phone, hub.baseUrl(), "guard-f", WAIT);

            hub.publish("ita-fb-1", TestDevice.payload("fc-ui-1", "fire.alarm", "{\"floor\":2}"));
            String id = phone.waitFor(WAIT, "the live fire alarm", d -> phone.findAll(
                    "#alert-list [data-alert-id][data-status=open]").stream().findFirst().orElse(null))
                    .getAttribute("data-alert-id");
            phone.find("#alert-list [data-alert-id='" + id + "']").click();
            phone.waitVisible(WAIT, "#confirm-fire-button");
            assertThat(phone.find("#call-119").isDisplayed()).as("no 119 before the fire is confirmed").isFalse();

            phone.find("#take-button").click();
            phone.waitFor(WAIT, "the guard as assignee", d -> phone.text("#incident-summary").contains("处理人")
                    && phone.text("#incident-summary").contains("guard-f"));
            phone.find("#confirm-fire-button").click();
            phone.waitFor(WAIT, "火警已确认", d -> "火警已确认".equals(phone.text("[data-testid=incident-status]")));
            assertThat(phone.find("#call-119").isDisplayed()).isTrue();
            assertThat(phone.find("#call-119").getAttribute("href")).isEqualTo("tel:119");
            assertThat(phone.text("#incident-summary")).contains("第 1 级");
            assertThat(phone.find("#confirm-fire-button").isDisplayed()).isFalse();
            phone.screenshot("fire-confirmed-phone");
            assertThat(phone.consoleErrors()).isEmpty();
        }
        JsonObject alert = new JsonObject(hub.get("/api/v1/alerts?status=confirmed", adminToken).body())
                .getJsonArray("alerts").getJsonObject(0);
        assertThat(alert.getString("assignee")).isEqualTo("guard-f");
        assertThat(alert.getString("acknowledged_by")).isEqualTo("guard-f");
        assertThat(alert.getInteger("escalation_level")).isEqualTo(1);
    }
}
