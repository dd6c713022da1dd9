package org.communityhub.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.RejectReason;
import org.communityhub.sim.ScenarioPlan.Drop;
import org.communityhub.sim.ScenarioPlan.Pause;
import org.communityhub.sim.ScenarioPlan.Publish;
import org.communityhub.sim.ScenarioPlan.Step;

/**
 * Builds the scenarios of {@code ./hub sim scenario NAME} as plans: fire, intrusion, tailgating,
 * offline, malformed, duplicates. Pure (no network); stateless apart from the event factory it uses.
 */
public final class Scenarios {

    /** Scenario names, in the order {@code --help} lists them. */
    public static final List<String> NAMES = List.of("fire", "intrusion", "tailgating", "offline", "malformed", "duplicates");

    /** The hub's payload limit (CONTRACT §4). */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    /** Options of a scenario run. */
    public record Options(String device, String building, int floor, long resetAfterMillis, int count) {
    }

    private final EventFactory events;

    public Scenarios(EventFactory events) {
        this.events = events;
    }

    /** The plan of scenario {@code name} played by a device chosen from {@code devices}. */
    public ScenarioPlan plan(String name, List<DeviceCredentials> devices, Options options) {
        return switch (name) {
            case "fire" -> fire(choose(devices, options, DeviceType.FIRE_BUTTON, d -> d.building() != null), options);
            case "intrusion" -> intrusion(choose(devices, options, DeviceType.CAMERA,
                    d -> d.compound() != null && d.building() == null));
            case "tailgating" -> tailgating(choose(devices, options, DeviceType.GATE, d -> true), options.count());
            case "offline" -> offline(choose(devices, options, null, d -> true));
            case "malformed" -> malformed(choose(devices, options, null, d -> d.type() == DeviceType.GATE));
            case "duplicates" -> duplicates(choose(devices, options, null, d -> d.type() == DeviceType.GATE), options.count());
            default -> throw new SimUsageException("unknown scenario '" + name + "'; expected one of " + String.join(", ",
                    NAMES));
        };
    }

    ScenarioPlan fire(DeviceCredentials d, Options o) {
        SimEvent alarm = events.fireAlarm(d.code(), o.floor(), "stairwell");
        SimEvent reset = events.event(d.code(), "fire.reset", Map.of());
        return new ScenarioPlan("fire", d, List.of(publish(d, alarm), new Pause(o.resetAfterMillis()), publish(d, reset)),
                List.of("1 open critical fire alert at " + d.place() + " (device " + d.code() + ", floor " + o.floor()
                                + ") with count >= 1 (alarms in one building within the correlation window fold into it)",
                        "after fire.reset the alert has reset_at set; it stays open until staff resolve it",
                        "events " + alarm.id() + " (fire.alarm) and " + reset.id() + " (fire.reset) stored for " + d.code()));
    }

    ScenarioPlan intrusion(DeviceCredentials d) {
        SimEvent climb = events.climb(d.code(), 0.93);
        return new ScenarioPlan("intrusion", d, List.of(publish(d, climb)),
                List.of("1 open high intrusion alert (camera.climb) at " + d.place() + " (device " + d.code()
                                + ") with count >= 1",
                        "event " + climb.id() + " stored for " + d.code()));
    }

    ScenarioPlan tailgating(DeviceCredentials d, int count) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(publish(d, events.tailgating(d.code(), 2)));
            steps.add(new Pause(300));
        }
        return new ScenarioPlan("tailgating", d, steps,
                List.of(count + " access.tailgating events stored for " + d.code(),
                        "1 open medium access alert at " + d.place() + " (device " + d.code() + ") with count >= " + count));
    }

    ScenarioPlan offline(DeviceCredentials d) {
        return new ScenarioPlan("offline", d, List.of(new Pause(1000), new Drop()),
                List.of("device " + d.code() + " shows offline within seconds (the broker publishes its Last Will "
                        + "'offline' when the connection drops without DISCONNECT)",
                        "1 open low maintenance alert for " + d.code()));
    }

    ScenarioPlan malformed(DeviceCredentials d) {
        String code = d.code();
        SimEvent before = events.random(code, "heartbeat");
        List<Step> steps = new ArrayList<>();
        steps.add(publish(d, before));
        String brokenId = events.ids().next(code);
        steps.add(reject(d, RejectReason.MALFORMED_JSON, "truncated JSON", brokenId,
                ("{\"id\": \"" + brokenId + "\", \"type\": \"heartbeat\", \"time\": ").getBytes(StandardCharsets.UTF_8)));
        SimEvent missing = events.random(code, "heartbeat");
        Map<String, Object> noType = EventJson.payloadMap(missing);
        noType.remove("type");
        steps.add(reject(d, RejectReason.MISSING_FIELD, "no type", missing.id(), EventJson.bytes(noType)));
        Map<String, Object> numericId = EventJson.payloadMap(events.random(code, "heartbeat"));
        numericId.put("id", 12345);
        steps.add(reject(d, RejectReason.INVALID_FIELD, "id is a number", null, EventJson.bytes(numericId)));
        steps.add(rejectEvent(d, RejectReason.UNKNOWN_EVENT_TYPE, "access.teleported", d.eventTopic(),
                events.event(code, "access.teleported", Map.of())));
        String foreign = d.type() == DeviceType.FIRE_BUTTON ? "camera.climb" : "fire.alarm";
        steps.add(rejectEvent(d, RejectReason.WRONG_EVENT_TYPE, foreign + " from a " + d.type().code(), d.eventTopic(),
                events.random(code, foreign)));
        // No topic_mismatch step: the broker's per-device ACL refuses a topic with another community or
        // type before the hub sees it (as it refuses bad topics); ./hub sim check diagnoses that case.
        SimEvent big = events.random(code, "heartbeat").withData("note", "x".repeat(MAX_PAYLOAD_BYTES));
        steps.add(rejectEvent(d, RejectReason.PAYLOAD_TOO_LARGE, EventJson.payload(big).length + " bytes", d.eventTopic(),
                big));
        SimEvent latin1 = events.random(code, "heartbeat").withData("note", "caf\u00e9");
        steps.add(reject(d, RejectReason.INVALID_UTF8, "ISO-8859-1 bytes", latin1.id(),
                new String(EventJson.payload(latin1), StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1)));
        SimEvent future = events.random(code, "heartbeat");
        steps.add(rejectEvent(d, RejectReason.FUTURE_TIME, "+10 min", d.eventTopic(),
                future.withTime(future.time().plusMinutes(10))));
        String imageType = d.type() == DeviceType.GATE ? "access.granted" : "heartbeat";
        steps.add(rejectEvent(d, RejectReason.PERSONAL_DATA, "image in data", d.eventTopic(),
                events.random(code, imageType).withData("image", "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==")));
        steps.add(rejectEvent(d, RejectReason.UNKNOWN_FIELD, "data.firmware in a heartbeat", d.eventTopic(),
                events.random(code, "heartbeat").withData("firmware", "1.2")));
        SimEvent after = events.random(code, "heartbeat");
        steps.add(publish(d, after));
        ScenarioPlan draft = new ScenarioPlan("malformed", d, steps, List.of());
        List<String> codes = draft.expectedRejects().stream().map(RejectReason::code).toList();
        return new ScenarioPlan("malformed", d, steps,
                List.of(codes.size() + " rejects listed for " + code + " (GET /api/v1/rejects?device=" + code + "), reasons: "
                        + String.join(", ", codes) + "; none stored as events",
                        "the valid events around them stored: " + before.id() + " and " + after.id()));
    }

    ScenarioPlan duplicates(DeviceCredentials d, int count) {
        List<Publish> originals = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            originals.add(publish(d, events.random(d.code(), d.type() == DeviceType.GATE ? "access.granted" : "heartbeat")));
        }
        String alerting = switch (d.type()) {
            case GATE -> "door.forced";
            case FIRE_BUTTON -> "fire.fault";
            case CAMERA -> "camera.tamper";
        };
        String alert = d.type() == DeviceType.GATE ? "high intrusion" : "low maintenance";
        SimEvent alarm = events.random(d.code(), alerting);
        originals.add(publish(d, alarm));
        List<Step> steps = new ArrayList<>(originals);
        steps.add(new Pause(500));
        for (Publish p : originals) {
            steps.add(new Publish("re-sent " + p.label(), p.eventId(), p.topic(), p.payload()));
        }
        return new ScenarioPlan("duplicates", d, steps,
                List.of(originals.size() + " events stored for " + d.code() + " (not " + 2 * originals.size() + ")",
                        "1 open " + alert + " alert for " + alerting + " " + alarm.id() + " at " + d.place()
                                + " with count 1: the re-sent copies are stored once and raise nothing"));
    }

    private static Publish publish(DeviceCredentials d, SimEvent e) {
        return new Publish(e.type(), e.id(), d.eventTopic(), EventJson.payload(e));
    }

    private static Publish reject(DeviceCredentials d, RejectReason reason, String how, String id, byte[] payload) {
        return new Publish("reject: " + reason.code() + " (" + how + ")", id, d.eventTopic(), payload, reason);
    }

    private static Publish rejectEvent(DeviceCredentials d, RejectReason reason, String how, String topic, SimEvent e) {
        return new Publish("reject: " + reason.code() + " (" + how + ")", e.id(), topic, EventJson.payload(e), reason);
    }

    private static DeviceCredentials choose(List<DeviceCredentials> devices, Options o, DeviceType type,
                                            Predicate<DeviceCredentials> preferred) {
        Predicate<DeviceCredentials> ofType = d -> type == null || d.type() == type;
        if (o.device() != null) {
            DeviceCredentials d = devices.stream().filter(x -> x.code().equals(o.device())).findFirst()
                    .orElseThrow(() -> new SimUsageException("device " + o.device() + " is not in the credentials file"));
            if (!ofType.test(d)) {
                throw new SimUsageException("device " + d.code() + " is a " + d.type().code() + ", this scenario needs a "
                        + type.code());
            }
            return d;
        }
        List<DeviceCredentials> candidates = devices.stream().filter(ofType)
                .filter(d -> o.building() == null || o.building().equals(d.building())).toList();
        if (candidates.isEmpty()) {
            throw new SimUsageException("no " + (type == null ? "" : type.code() + " ") + "device"
                    + (o.building() == null ? "" : " in building " + o.building()) + " in the credentials file");
        }
        return candidates.stream().filter(preferred).findFirst().orElse(candidates.get(0));
    }

    /** Extra data for the payload of a reject used in tests and reports. */
    static Map<String, Object> describe(Publish p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", p.label());
        m.put("event_id", p.eventId());
        m.put("topic", p.topic());
        m.put("bytes", p.payload().length);
        return m;
    }
}
