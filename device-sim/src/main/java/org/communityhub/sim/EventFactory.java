package org.communityhub.sim;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds contract-valid events (CONTRACT §4) with plausible random data; persons are opaque
 * pseudonyms like {@code p-7f3a9c}, never names. Thread-safe ({@link Random} is); O(1) per event.
 */
public final class EventFactory {

    /** Device clocks in the simulated districts run on China Standard Time. */
    public static final ZoneOffset DEVICE_OFFSET = ZoneOffset.ofHours(8);

    private static final List<String> DIRECTIONS = List.of("in", "out");
    private static final List<String> METHODS = List.of("face", "face", "face", "card", "card", "qr", "pin");
    private static final List<String> DENY_REASONS = List.of("unknown_credential", "expired", "not_authorized", "face_mismatch");
    private static final List<String> ZONES = List.of("lobby", "stairwell", "corridor", "garage", "roof");
    private static final List<String> CAMERA_ZONES = List.of("fence-north", "fence-east", "fence-south", "fence-west", "gate");
    private static final int RESIDENTS = 5000;

    private final EventIds ids;
    private final Clock clock;
    private final Random random;

    public EventFactory(EventIds ids, Clock clock, Random random) {
        this.ids = ids;
        this.clock = clock;
        this.random = random;
    }

    public EventIds ids() {
        return ids;
    }

    /** Now on the device clock, to the millisecond. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(DEVICE_OFFSET).truncatedTo(ChronoUnit.MILLIS);
    }

    /** An event of the given type with random but valid data. */
    public SimEvent random(String deviceCode, String type) {
        return event(deviceCode, type, randomData(type));
    }

    /** An event with the given data and a fresh id. */
    public SimEvent event(String deviceCode, String type, Map<String, Object> data) {
        return new SimEvent(ids.next(deviceCode), type, now(), data);
    }

    /** {@code fire.alarm} at a floor and zone. */
    public SimEvent fireAlarm(String deviceCode, int floor, String zone) {
        return event(deviceCode, "fire.alarm", Map.of("floor", floor, "zone", zone));
    }

    /** {@code access.tailgating} with a count of people through on one pass. */
    public SimEvent tailgating(String deviceCode, int count) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("direction", "in");
        data.put("count", count);
        return event(deviceCode, "access.tailgating", data);
    }

    /** {@code camera.climb} with a confidence. */
    public SimEvent climb(String deviceCode, double confidence) {
        return event(deviceCode, "camera.climb", Map.of("confidence", confidence));
    }

    /** The pseudonymous id of resident number {@code n}: {@code p-} and six hex digits. */
    public static String person(int n) {
        int h = Integer.rotateLeft(n * 0x9E3779B1, 7) ^ 0x5bd1e995;
        return String.format("p-%06x", h & 0xffffff);
    }

    /** Random valid data for any event type of the contract; unknown types get an empty object. */
    public Map<String, Object> randomData(String type) {
        Map<String, Object> d = new LinkedHashMap<>();
        switch (type) {
            case "access.granted" -> {
                d.put("direction", pick(DIRECTIONS));
                d.put("method", pick(METHODS));
                d.put("person", person(random.nextInt(RESIDENTS)));
            }
            case "access.denied" -> {
                d.put("direction", pick(DIRECTIONS));
                d.put("method", pick(METHODS));
                d.put("reason", pick(DENY_REASONS));
            }
            case "access.stranger" -> {
                d.put("direction", "in");
                d.put("confidence", confidence(0.55));
            }
            case "access.tailgating" -> {
                d.put("direction", "in");
                d.put("count", 2 + random.nextInt(2));
            }
            case "door.held_open" -> d.put("seconds", 30 + random.nextInt(270));
            case "fire.alarm" -> {
                d.put("floor", 1 + random.nextInt(18));
                d.put("zone", pick(ZONES));
            }
            case "fire.fault" -> d.put("code", String.format("E%02d", 1 + random.nextInt(12)));
            case "camera.intrusion" -> {
                d.put("zone", pick(CAMERA_ZONES));
                d.put("confidence", confidence(0.6));
            }
            case "camera.climb" -> d.put("confidence", confidence(0.6));
            case "heartbeat" -> {
                d.put("battery", 20 + random.nextInt(81));
                d.put("rssi", -95 + random.nextInt(56));
            }
            default -> {
                // door.forced, fire.reset, camera.tamper, camera.video_loss carry no data
            }
        }
        return d;
    }

    private double confidence(double min) {
        return Math.round((min + random.nextDouble() * (0.99 - min)) * 100) / 100.0;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
