package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.communityhub.gateway.testing.HubFixture;

/**
 * The security console's shared test step: signing in through the page's own form, as a guard does. The case
 * pages have theirs in {@link CaseUi}. Each step waits at most the given time for what the page shows. Not
 * thread-safe (like the {@link Browser} it drives).
 */
final class ConsoleUi {

    private ConsoleUi() {
    }

    /**
     * Opens the console view at {@code baseUrl} and signs in as {@code username} (password {@link HubFixture#PASSWORD});
     * returns once the console panel is shown, the live stream is online and the header names the user.
     */
    static void logIn(Browser b, String baseUrl, String username, Duration wait) {
        b.open(baseUrl + "/#console", wait);
        b.waitVisible(wait, "#login-form");
        b.find("#login-username").sendKeys(username);
        b.find("#login-password").sendKeys(HubFixture.PASSWORD);
        b.find("#login-submit").click();
        b.waitVisible(wait, "#panel-console");
        b.waitFor(wait, "the stream online", d -> "online".equals(b.find("#connection-status").getAttribute("data-state")));
        assertThat(b.text("[data-testid=user-name]")).contains(username);
    }
}
