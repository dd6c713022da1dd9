package org.communityhub.sim;

import java.util.List;

/**
 * What one scenario does, step by step, and what the hub should show afterwards. Built by
 * {@link Scenarios} without touching the network, run by {@link ScenarioRunner}. Immutable.
 *
 * @param name         scenario name, e.g. {@code fire}
 * @param device       the device that plays it
 * @param steps        in order
 * @param expectations lines for the operator, e.g. {@code 1 critical fire alert at building b-1, count 1}
 */
public record ScenarioPlan(String name, DeviceCredentials device, List<Step> steps, List<String> expectations) {

    public ScenarioPlan {
        steps = List.copyOf(steps);
        expectations = List.copyOf(expectations);
    }

    /** One thing the device does. */
    public sealed interface Step permits Publish, Pause, Drop {
    }

    /**
     * Publish bytes at QoS 1.
     *
     * @param label   what this message is, e.g. {@code fire.alarm} or {@code reject: malformed_json}
     * @param eventId the event id it carries, or null when it has none
     */
    public record Publish(String label, String eventId, String topic, byte[] payload) implements Step {
    }

    /** Wait before the next step. */
    public record Pause(long millis) implements Step {
    }

    /** Drop the TCP connection without DISCONNECT, so the broker publishes the Last Will. */
    public record Drop() implements Step {
    }
}
