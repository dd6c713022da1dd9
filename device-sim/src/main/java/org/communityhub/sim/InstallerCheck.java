package org.communityhub.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.RejectReason;

/**
 * The installer's acceptance test for one device: log in to the broker as the device, publish a
 * heartbeat and a marked test event ({@code check-<epochmillis>}), then ask the hub over HTTP whether
 * the event was stored and the device shows online, or else why not (not registered, rejected and
 * with which reason). Polls until a deadline. Not thread-safe; one check per instance.
 */
public final class InstallerCheck {

    /** Why a check ended as it did. */
    public enum Cause {
        PASS, BROKER_UNREACHABLE, BROKER_REFUSED_CREDENTIALS, PUBLISH_REFUSED, HUB_UNREACHABLE, HUB_LOGIN_FAILED, HUB_ERROR,
        NOT_REGISTERED, TOPIC_MISMATCH, REJECTED, NOT_STORED, NOT_ONLINE;

        /** 0 pass, 3 when the broker or hub cannot be reached, else 1. */
        public int exitCode() {
            return switch (this) {
                case PASS -> SimCommand.OK;
                case BROKER_UNREACHABLE, HUB_UNREACHABLE -> SimCommand.CONNECTION;
                default -> SimCommand.FAILED;
            };
        }
    }

    /**
     * The verdict, the steps taken and the marked event's id.
     *
     * @param rejectReason the hub's reject reason code when the hub rejected a message of the check, else null
     */
    public record Result(Cause cause, String message, List<String> steps, String eventId, String rejectReason) {
        public boolean passed() {
            return cause == Cause.PASS;
        }

        /** JSON-ready verdict. */
        public Map<String, Object> toMap(String device) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", device);
            m.put("result", passed() ? "PASS" : "FAIL");
            m.put("cause", cause.name().toLowerCase(java.util.Locale.ROOT));
            m.put("message", message);
            m.put("event_id", eventId);
            m.put("reject_reason", rejectReason);
            m.put("steps", steps);
            return m;
        }
    }

    /** Where the hub is and who asks it. */
    public record Hub(HubApi api, String user, String password) {
    }

    private final String mqttUrl;
    private final Hub hub;
    private final Duration deadline;
    private final PrintStream log;
    private final List<String> steps = new ArrayList<>();
    /** The hub login when the hub's check ({@code POST /api/v1/devices/{code}/check}) was started, else null. */
    private String hubCheckToken;

    /** @param log where steps are narrated as they happen, or null */
    public InstallerCheck(String mqttUrl, Hub hub, Duration deadline, PrintStream log) {
        this.mqttUrl = mqttUrl;
        this.hub = hub;
        this.deadline = deadline;
        this.log = log;
    }

    /**
     * The type-appropriate event an installer check sends: one that exercises the device's own
     * event path without raising an alarm.
     */
    public static String checkEventType(DeviceType type) {
        return switch (type) {
            case GATE -> "access.granted";
            case FIRE_BUTTON -> "fire.reset";
            case CAMERA -> "heartbeat";
        };
    }

    /** Runs the check for one device with its type's test event ({@link #checkEventType}). */
    public Result run(DeviceCredentials device) throws InterruptedException {
        return run(device, checkEventType(device.type()));
    }

    /**
     * Runs the check for one device, sending {@code testType} as the marked test event (e.g.
     * {@code fire.alarm} to test the whole alarm path; that raises a real alert).
     */
    public Result run(DeviceCredentials device, String testType) throws InterruptedException {
        long millis = System.currentTimeMillis();
        String eventId = "check-" + millis;
        EventFactory events = new EventFactory(new EventIds("check"), Clock.systemUTC(), new Random());
        OffsetDateTime from = events.now().minusMinutes(1);
        SimEvent heartbeat = new SimEvent(eventId + "-hb", "heartbeat", events.now(), events.randomData("heartbeat"));
        Map<String, Object> data = testType.equals("access.granted")
                ? Map.of("direction", "in", "method", "card", "person", "p-installer-test") : events.randomData(testType);
        SimEvent test = new SimEvent(eventId, testType, events.now(), data);
        PahoExecutor executor = new PahoExecutor(1);
        DeviceClient client = null;
        try {
            client = new DeviceClient(device, DeviceClient.clientId(device, "check"), mqttUrl, executor, 60, 4);
            client.connectAndWait(false, 15_000);
            step("broker login as %s at %s: ok, status 'online' published", device.code(), mqttUrl);
            startHubCheck(device);
            for (SimEvent e : List.of(heartbeat, test)) {
                Result refused = publish(client, e);
                if (refused != null) {
                    Result mismatch = mismatchBehindRefusal(device, eventId);
                    return mismatch != null ? mismatch : refused;
                }
            }
        } catch (ConnectFailure e) {
            Cause cause = switch (e.kind()) {
                case UNREACHABLE -> Cause.BROKER_UNREACHABLE;
                case BAD_CREDENTIALS, NOT_AUTHORIZED -> Cause.BROKER_REFUSED_CREDENTIALS;
                default -> Cause.BROKER_UNREACHABLE;
            };
            return done(cause, e.getMessage(), eventId);
        } finally {
            if (client != null) {
                client.closeGracefully(false, 5000);
            }
            executor.shutdownNow();
        }
        try {
            return askHub(device, eventId, from);
        } catch (HubUnreachable e) {
            return done(Cause.HUB_UNREACHABLE, e.getMessage(), eventId);
        }
    }

    /**
     * Starts the hub's own acceptance check before the marked event is sent, so that its PASS marks the device
     * {@code tested}; when the hub cannot be asked (unreachable, login refused, a role without the check, an older
     * hub) the verdict comes from the device's events and rejects alone.
     */
    private void startHubCheck(DeviceCredentials device) throws InterruptedException {
        try {
            HubApi api = hub.api();
            String token = api.login(hub.user(), hub.password());
            HubApi.Answer started = token == null ? null : api.startCheck(token, device.code());
            if (started != null && started.status() == 202) {
                hubCheckToken = token;
                step("hub check started at %s (POST /api/v1/devices/%s/check)", api.baseUrl(), device.code());
            }
        } catch (HubUnreachable e) {
            hubCheckToken = null;
        }
    }

    /** The hub's verdict when its check ended, else null (still waiting, or not started). */
    private Result hubVerdict(HubApi api, DeviceCredentials device, String eventId) throws InterruptedException {
        if (hubCheckToken == null) {
            return null;
        }
        HubApi.Answer answer = api.check(hubCheckToken, device.code());
        String result = answer.ok() ? text(answer.body(), "result") : null;
        if (result == null || "waiting".equals(result)) {
            return null;
        }
        String cause = text(answer.body(), "cause");
        step("hub check: %s%s", result, cause == null ? "" : " (" + cause + ")");
        if ("pass".equals(result)) {
            return done(Cause.PASS, device.code() + " is installed correctly: events arrive, are stored and it shows online;"
                    + " the hub marked it tested", eventId);
        }
        if (RejectReason.fromCode(cause).isPresent()) {
            return rejectedAs(device, eventId, cause, null, eventId);
        }
        return timedOut(device, eventId, "not_online".equals(cause), true, "not online");
    }

    private Result publish(DeviceClient client, SimEvent e) throws InterruptedException {
        String id = e.id();
        try {
            DeviceClient.Ack ack = client.publishEvent(e).get(10, TimeUnit.SECONDS);
            if (ack.refused()) {
                return done(Cause.PUBLISH_REFUSED, String.format("the broker refused the publish on %s (reason 0x%02x): "
                        + "the device's login may publish only under hub/v1/{its community}/{its type}/%s/",
                        client.device().eventTopic(), ack.reasonCode(), client.device().code()), id);
            }
            step("published %s %s: PUBACK", e.type(), id);
            return null;
        } catch (ExecutionException | TimeoutException ex) {
            return done(Cause.BROKER_UNREACHABLE, "no PUBACK for " + id + ": " + ex, id);
        }
    }

    private Result askHub(DeviceCredentials device, String eventId, OffsetDateTime from) throws InterruptedException {
        HubApi api = hub.api();
        String token = api.login(hub.user(), hub.password());
        if (token == null) {
            return done(Cause.HUB_LOGIN_FAILED, "the hub at " + api.baseUrl() + " refused the login of user " + hub.user()
                    + " (set HUB_SIM_USER / HUB_SIM_PASSWORD)", eventId);
        }
        step("hub login as %s at %s: ok", hub.user(), api.baseUrl());
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        boolean stored = false;
        String status = null;
        while (true) {
            HubApi.Answer registered = api.device(token, device.code());
            if (registered.status() == 404) {
                return done(Cause.NOT_REGISTERED, "device " + device.code()
                        + " is not registered in the hub, or not visible to user " + hub.user() + " (404): "
                        + "import it (./hub import) with layer=device, code=" + device.code(), eventId);
            }
            HubApi.Answer ev = registered.ok() ? api.events(token, device.code(), SimEvent.TIME_FORMAT.format(from)) : registered;
            if (!ev.ok()) {
                return done(Cause.HUB_ERROR, "the hub answered HTTP " + ev.status() + " (" + ev.errorCode()
                        + ") to GET /api/v1/devices/" + device.code() + (registered.ok() ? "/events" : ""), eventId);
            }
            stored = stored || HubApi.items(ev.body()).stream().anyMatch(i -> eventId.equals(text(i, "id", "event_id")));
            status = text(registered.body(), "status");
            Result verdict = hubVerdict(api, device, eventId);
            if (verdict != null) {
                return verdict;
            }
            if (stored && "online".equals(status) && hubCheckToken == null) {
                step("event %s stored and device online after %.1f s", eventId, (System.nanoTime() - start) / 1e9);
                return done(Cause.PASS, device.code() + " is installed correctly: events arrive, are stored and it shows online",
                        eventId);
            }
            Result rejected = stored ? null : rejected(api, token, device, eventId);
            if (rejected == null && !stored) {
                rejected = registrationMismatch(device, registered.body(), eventId);
            }
            if (rejected != null || System.nanoTime() > end) {
                return rejected != null ? rejected : timedOut(device, eventId, stored, true, status);
            }
            Thread.sleep(500);
        }
    }

    /**
     * The broker lets a device publish only under its registered community and type: when it refused,
     * the usual cause is a topic that differs from the registration (TOPIC_MISMATCH); null when the
     * hub cannot tell (unreachable, login refused, not visible) or the registration matches.
     */
    private Result mismatchBehindRefusal(DeviceCredentials device, String eventId) throws InterruptedException {
        try {
            HubApi api = hub.api();
            String token = api.login(hub.user(), hub.password());
            HubApi.Answer registered = token == null ? null : api.device(token, device.code());
            return registered == null || !registered.ok() ? null : registrationMismatch(device, registered.body(), eventId);
        } catch (HubUnreachable e) {
            return null;
        }
    }

    /**
     * TOPIC_MISMATCH when the hub's registration of the device differs from the community or type the
     * device publishes under (the hub rejects those messages as topic_mismatch), else null.
     */
    private Result registrationMismatch(DeviceCredentials device, JsonNode registration, String eventId) {
        String community = text(registration, "community");
        String type = text(registration, "type");
        if (community == null || type == null
                || (community.equals(device.community()) && type.equals(device.type().code()))) {
            return null;
        }
        return done(Cause.TOPIC_MISMATCH, device.code() + " is registered in the hub as " + type + " in community " + community
                + ", but publishes under " + device.eventTopic() + " (the broker refuses that topic for this login, and the "
                + "hub rejects it as topic_mismatch): "
                + RejectReason.TOPIC_MISMATCH.advice(), eventId, RejectReason.TOPIC_MISMATCH.code());
    }

    private Result rejected(HubApi api, String token, DeviceCredentials device, String eventId) throws InterruptedException {
        HubApi.Answer answer = api.rejects(token, device.code());
        for (JsonNode item : HubApi.items(answer.body())) {
            String id = text(item, "event_id", "id");
            String payload = text(item, "payload");
            boolean ours = eventId.equals(id) || (eventId + "-hb").equals(id)
                    || (id == null && payload != null && payload.contains("\"" + eventId));
            if (ours) {
                return rejectedAs(device, id == null ? eventId : id, text(item, "reason", "reason_code"),
                        text(item, "detail"), eventId);
            }
        }
        return null;
    }

    /** The verdict for a message of the check that the hub rejected with {@code code}. */
    private Result rejectedAs(DeviceCredentials device, String id, String code, String detail, String eventId) {
        RejectReason reason = RejectReason.fromCode(code).orElse(null);
        String what = "the hub rejected " + id + " with reason " + code + (detail == null ? "" : " (" + detail + ")");
        if (reason == RejectReason.TOPIC_MISMATCH) {
            return done(Cause.TOPIC_MISMATCH, what + ": the device publishes under " + device.eventTopic() + "; "
                    + reason.advice(), eventId, code);
        }
        if (reason == RejectReason.UNKNOWN_DEVICE) {
            return done(Cause.NOT_REGISTERED, what + ": " + reason.advice(), eventId, code);
        }
        return done(Cause.REJECTED, what + (reason == null ? "" : ": " + reason.advice()), eventId, code);
    }

    private Result timedOut(DeviceCredentials device, String eventId, boolean stored, boolean listed, String status) {
        if (!listed && !stored) {
            return done(Cause.NOT_REGISTERED, "device " + device.code() + " is not in the hub's device list and its test event "
                    + "was not stored within " + deadline.toSeconds() + " s: is it registered (./hub import)?", eventId);
        }
        if (!stored) {
            return done(Cause.NOT_STORED, "the hub neither stored nor rejected " + eventId + " within " + deadline.toSeconds()
                    + " s: is the hub running and connected to the broker at " + mqttUrl + "?", eventId);
        }
        return done(Cause.NOT_ONLINE, "event " + eventId + " was stored, but the hub shows " + device.code() + " as "
                + (status == null ? "(no status)" : status) + ", not online, after " + deadline.toSeconds() + " s", eventId);
    }

    private static String text(JsonNode item, String... names) {
        if (item == null) {
            return null;
        }
        for (String n : names) {
            JsonNode v = item.get(n);
            if (v != null && !v.isNull()) {
                return v.asText();
            }
        }
        return null;
    }

    private void step(String format, Object... args) {
        String s = String.format(format, args);
        steps.add(s);
        if (log != null) {
            log.println("  " + s);
        }
    }

    private Result done(Cause cause, String message, String eventId) {
        return done(cause, message, eventId, null);
    }

    private Result done(Cause cause, String message, String eventId, String rejectReason) {
        return new Result(cause, message, List.copyOf(steps), eventId, rejectReason);
    }
}
