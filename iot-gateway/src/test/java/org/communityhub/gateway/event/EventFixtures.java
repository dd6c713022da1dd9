package org.communityhub.gateway.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.communityhub.contract.DeviceType;
import org.communityhub.gateway.device.DeviceDirectory;
import org.communityhub.gateway.device.RegisteredDevice;
import org.communityhub.gateway.event.ValidationResult.Accepted;
import org.communityhub.gateway.event.ValidationResult.Rejected;
import org.communityhub.gateway.mqtt.JsonPayloadDecoder;

/** Test support: three registered devices in an in-memory directory, a fixed clock and payload builders. */
public final class EventFixtures {

    /** The hub's clock in these tests: 2026-11-21 08:00 in Beijing. */
    public static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");
    /** {@link #NOW} as a device in China writes it. */
    public static final String NOW_TEXT = "2026-11-21T08:00:00.123+08:00";

    public static final RegisteredDevice GATE = new RegisteredDevice("g-1", "东门闸机", DeviceType.GATE, "c-1", "cp-1",
            null, null, 116.40, 39.90);
    public static final RegisteredDevice FIRE_BUTTON = new RegisteredDevice("f-1", "3号楼手报", DeviceType.FIRE_BUTTON,
            "c-1", "cp-1", "b-3", 2, 116.41, 39.91);
    public static final RegisteredDevice CAMERA = new RegisteredDevice("cam-1", "围墙摄像机", DeviceType.CAMERA, "c-1",
            "cp-1", null, null, 116.42, 39.92);

    private EventFixtures() {
    }

    /** A device directory backed by a map; counts nothing, caches nothing. */
    public static final class MapDirectory implements DeviceDirectory {
        private final Map<String, RegisteredDevice> devices = new ConcurrentHashMap<>();

        public MapDirectory(RegisteredDevice... registered) {
            for (RegisteredDevice d : registered) {
                devices.put(d.code(), d);
            }
        }

        @Override
        public Optional<RegisteredDevice> find(String code) {
            return Optional.ofNullable(devices.get(code));
        }

        @Override
        public void invalidate() {
            // nothing cached
        }
    }

    /** The validator; it judges times against each message's receipt time (tests pass {@link #NOW}). */
    public static EventValidator validator() {
        return new EventValidator(new MapDirectory(GATE, FIRE_BUTTON, CAMERA), new JsonPayloadDecoder());
    }

    /** The validator of {@link #validator()} with the alert rules of a default configuration. */
    public static org.communityhub.gateway.ingest.IngestPipeline.Intake intake() {
        return new org.communityhub.gateway.ingest.IngestPipeline.Intake(validator(),
                new org.communityhub.gateway.alert.AlertPolicy(java.time.Duration.ofSeconds(60),
                        java.time.Duration.ofMinutes(10)));
    }

    /** The event topic of a registered device. */
    public static String topic(RegisteredDevice d) {
        return "hub/v1/" + d.community() + "/" + d.type().code() + "/" + d.code() + "/event";
    }

    /** A payload with id {@code e-1}, the given type, time {@link #NOW_TEXT} and {@code data} (null: no data member). */
    public static String payload(String type, String dataJson) {
        return payload("e-1", type, NOW_TEXT, dataJson);
    }

    public static String payload(String id, String type, String time, String dataJson) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"time\":\"" + time + "\""
                + (dataJson == null ? "" : ",\"data\":" + dataJson) + "}";
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The rejection of a verdict that must be a rejection. */
    public static Rejection rejection(ValidationResult verdict) {
        if (verdict instanceof Rejected r) {
            return r.rejection();
        }
        throw new AssertionError("expected a rejection but the message was accepted: " + verdict);
    }

    /** The event of a verdict that must be an acceptance. */
    public static DeviceEvent event(ValidationResult verdict) {
        if (verdict instanceof Accepted a) {
            return a.event();
        }
        throw new AssertionError("expected acceptance but got " + verdict);
    }
}
