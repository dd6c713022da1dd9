package org.communityhub.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the device credentials file that {@code ./hub device credentials --all} writes: one device a
 * line, {@code username=CODE password=SECRET community=COMM type=gate|fire_button|camera [building=B]
 * [compound=Q]}; blank lines and lines starting with {@code #} are skipped. Any bad line fails the
 * whole file with an error naming the line (a simulator run on half a fleet would mislead).
 * Stateless; thread-safe. Cost: one pass over the file.
 */
public final class CredentialsFile {

    private static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Set<String> KEYS = Set.of("username", "password", "community", "type", "building", "compound");

    private CredentialsFile() {
    }

    /** A line or file that cannot be used; the message names the file and line. */
    public static final class CredentialsFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CredentialsFileException(String message) {
            super(message);
        }
    }

    /** Reads and parses a file; a missing or unreadable file is a {@link CredentialsFileException}. */
    public static List<DeviceCredentials> read(Path file) {
        if (file == null) {
            throw new CredentialsFileException("no credentials file: set HUB_SIM_CREDENTIALS or pass --credentials FILE "
                    + "(write one with ./hub device credentials --all > FILE)");
        }
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CredentialsFileException("cannot read credentials file " + file + ": " + e.getMessage());
        }
    }

    /** Parses lines; {@code source} names the file in error messages. */
    public static List<DeviceCredentials> parse(String source, List<String> lines) {
        List<DeviceCredentials> devices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            DeviceCredentials device = parseLine(where, line);
            if (!seen.add(device.code())) {
                throw new CredentialsFileException(where + ": device " + device.code() + " is listed twice");
            }
            devices.add(device);
        }
        return devices;
    }

    private static DeviceCredentials parseLine(String where, String line) {
        Map<String, String> fields = new HashMap<>();
        for (String token : line.split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new CredentialsFileException(where + ": expected key=value, found '" + shorten(token) + "'");
            }
            String key = token.substring(0, eq);
            if (!KEYS.contains(key)) {
                throw new CredentialsFileException(where + ": unknown key '" + shorten(key) + "'");
            }
            if (fields.put(key, token.substring(eq + 1)) != null) {
                throw new CredentialsFileException(where + ": key '" + key + "' given twice");
            }
        }
        String code = code(where, fields, "username", true);
        String password = fields.get("password");
        if (password == null || password.isEmpty()) {
            throw new CredentialsFileException(where + ": missing password=");
        }
        String community = code(where, fields, "community", true);
        String typeName = fields.get("type");
        if (typeName == null) {
            throw new CredentialsFileException(where + ": missing type= (gate, fire_button or camera)");
        }
        DeviceType type;
        try {
            type = DeviceType.fromWire(typeName);
        } catch (IllegalArgumentException e) {
            throw new CredentialsFileException(where + ": " + e.getMessage());
        }
        return new DeviceCredentials(code, password, community, type,
                code(where, fields, "building", false), code(where, fields, "compound", false));
    }

    private static String code(String where, Map<String, String> fields, String key, boolean required) {
        String value = fields.get(key);
        if (value == null) {
            if (required) {
                throw new CredentialsFileException(where + ": missing " + key + "=");
            }
            return null;
        }
        if (!CODE.matcher(value).matches()) {
            throw new CredentialsFileException(where + ": " + key + " '" + shorten(value) + "' is not a code [a-z0-9-]{1,64}");
        }
        return value;
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
