package org.communityhub.sim;

import java.util.List;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.RejectReason;

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
     * @param label          what this message is, e.g. {@code fire.alarm} or {@code reject: malformed_json (truncated)}
     * @param eventId        the event id it carries, or null when it has none
     * @param expectedReject the reason the hub must reject it with, or null when the hub should store it
     */
    public record Publish(String label, String eventId, String topic, byte[] payload, RejectReason expectedReject)
            implements Step {

        /** A message the hub should store. */
        public Publish(String label, String eventId, String topic, byte[] payload) {
            this(label, eventId, topic, payload, null);
        }
    }

    /** The reject reasons the hub should record for this plan, in the order they are sent. */
    public List<RejectReason> expectedRejects() {
        return steps.stream().filter(s -> s instanceof Publish p && p.expectedReject() != null)
                .map(s -> ((Publish) s).expectedReject()).toList();
    }

    /** Wait before the next step. */
    public record Pause(long millis) implements Step {
    }

    /** Drop the TCP connection without DISCONNECT, so the broker publishes the Last Will. */
    public record Drop() implements Step {
    }
}
