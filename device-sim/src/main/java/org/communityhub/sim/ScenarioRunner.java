package org.communityhub.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.communityhub.sim.ScenarioPlan.Drop;
import org.communityhub.sim.ScenarioPlan.Pause;
import org.communityhub.sim.ScenarioPlan.Publish;
import org.communityhub.sim.ScenarioPlan.Step;

/**
 * Plays a {@link ScenarioPlan} on a connected {@link DeviceClient}, waiting for each PUBACK so the
 * order on the wire is the plan's order. Not thread-safe (one run at a time); cost: one round trip
 * per message plus the plan's pauses.
 */
public final class ScenarioRunner {

    private static final long ACK_TIMEOUT_MILLIS = 10_000;

    /** What happened to one published message. */
    public record Sent(String label, String eventId, String topic, String outcome, boolean acked) {
    }

    /** The run's messages and whether the broker accepted all of them. */
    public record Result(ScenarioPlan plan, List<Sent> sent, boolean dropped) {
        public boolean allAcked() {
            return sent.stream().allMatch(Sent::acked);
        }

        /** JSON-ready summary. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", plan.name());
            m.put("device", plan.device().code());
            m.put("sent", sent.stream().map(s -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("label", s.label());
                x.put("event_id", s.eventId());
                x.put("topic", s.topic());
                x.put("outcome", s.outcome());
                return x;
            }).toList());
            m.put("dropped_connection", dropped);
            m.put("expect", plan.expectations());
            m.put("ok", allAcked());
            return m;
        }
    }

    private final PrintStream log;

    /** @param log where each step is narrated, or null for silence */
    public ScenarioRunner(PrintStream log) {
        this.log = log;
    }

    /** Plays the plan on an already connected client; closes the client at the end. */
    public Result run(ScenarioPlan plan, DeviceClient client) throws InterruptedException {
        List<Sent> sent = new ArrayList<>();
        boolean dropped = false;
        try {
            for (Step step : plan.steps()) {
                if (step instanceof Publish p) {
                    sent.add(publish(client, p));
                } else if (step instanceof Pause p) {
                    Thread.sleep(p.millis());
                } else if (step instanceof Drop) {
                    say("dropping the TCP connection of %s without DISCONNECT", plan.device().code());
                    client.dropConnection();
                    dropped = true;
                }
            }
        } finally {
            if (dropped) {
                client.close();
            } else {
                client.closeGracefully(false, ACK_TIMEOUT_MILLIS);
            }
        }
        return new Result(plan, sent, dropped);
    }

    private Sent publish(DeviceClient client, Publish p) throws InterruptedException {
        String outcome;
        boolean acked = false;
        try {
            DeviceClient.Ack ack = client.publish(p.topic(), p.payload(), 1, false).get(ACK_TIMEOUT_MILLIS,
                    TimeUnit.MILLISECONDS);
            acked = !ack.refused();
            outcome = acked ? "acked" : String.format("refused by the broker (reason 0x%02x)", ack.reasonCode());
        } catch (ExecutionException e) {
            outcome = "failed: " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            outcome = "no PUBACK within " + ACK_TIMEOUT_MILLIS + " ms";
        }
        say("sent %-44s id=%s %s", p.label(), p.eventId() == null ? "-" : p.eventId(), outcome);
        return new Sent(p.label(), p.eventId(), p.topic(), outcome, acked);
    }

    private void say(String format, Object... args) {
        if (log != null) {
            log.println(String.format(format, args));
        }
    }
}
