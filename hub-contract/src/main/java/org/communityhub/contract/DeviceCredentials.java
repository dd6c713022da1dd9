package org.communityhub.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One device's broker login and where it sits: what {@code ./hub device credentials} prints and the
 * simulator reads, one line {@code username=CODE password=SECRET community=COMM type=gate|fire_button|camera
 * [building=B] [compound=Q]} ({@link #line()} writes it, {@link #parse} reads it). Immutable; safe from any
 * thread; {@link #toString()} leaves the password out.
 *
 * @param code      device code; also the broker user name
 * @param password  broker password
 * @param community community code (topic segment)
 * @param type      device type (topic segment)
 * @param building  building code, or null
 * @param compound  compound code, or null
 */
public record DeviceCredentials(String code, String password, String community, DeviceType type,
                                String building, String compound) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Set<String> KEYS = Set.of("username", "password", "community", "type", "building", "compound");

    public DeviceCredentials {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(community, "community");
        Objects.requireNonNull(type, "type");
    }

    /** {@code hub/v1/{community}/{type}/{code}/event}. */
    public String eventTopic() {
        return new DeviceTopic(community, type, code, DeviceTopic.Channel.EVENT).topic();
    }

    /** {@code hub/v1/{community}/{type}/{code}/status}. */
    public String statusTopic() {
        return new DeviceTopic(community, type, code, DeviceTopic.Channel.STATUS).topic();
    }

    /** A readable place: building, else compound, else community. */
    public String place() {
        if (building != null) {
            return "building " + building;
        }
        return compound != null ? "compound " + compound : "community " + community;
    }

    /** {@code username=… password=… community=… type=…[ building=…][ compound=…]} */
    public String line() {
        return "username=" + code + " password=" + password + " community=" + community + " type=" + type.code()
                + (building == null ? "" : " building=" + building) + (compound == null ? "" : " compound=" + compound);
    }

    /**
     * Reads one {@link #line()}; throws {@link IllegalArgumentException} saying what is wrong (unknown or
     * repeated key, missing or malformed value), without the password.
     */
    public static DeviceCredentials parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String token : line.strip().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, found '" + shorten(token) + "'");
            }
            String key = token.substring(0, eq);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + shorten(key) + "'");
            }
            if (fields.put(key, token.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("key '" + key + "' given twice");
            }
        }
        String code = code(fields, "username", true);
        String password = fields.get("password");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("missing password=");
        }
        String community = code(fields, "community", true);
        String typeName = fields.get("type");
        if (typeName == null) {
            throw new IllegalArgumentException("missing type= (gate, fire_button or camera)");
        }
        return new DeviceCredentials(code, password, community, DeviceType.of(typeName),
                code(fields, "building", false), code(fields, "compound", false));
    }

    /** The credentials without the password, for printing. */
    @Override
    public String toString() {
        return code + " (" + type.code() + ", community " + community + ")";
    }

    private static String code(Map<String, String> fields, String key, boolean required) {
        String value = fields.get(key);
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("missing " + key + "=");
            }
            return null;
        }
        if (!CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " '" + shorten(value) + "' is not a code [a-z0-9-]{1,64}");
        }
        return value;
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
