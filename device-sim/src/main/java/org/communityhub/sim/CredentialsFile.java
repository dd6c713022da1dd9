package org.communityhub.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.communityhub.contract.DeviceCredentials;

/**
 * Parses the device credentials file that {@code ./hub device credentials --all} writes: one device a
 * line in the format of {@link DeviceCredentials#parse} (hub-contract); blank lines and lines starting
 * with {@code #} are skipped. Any bad line fails the whole file with an error naming the line (a
 * simulator run on half a fleet would mislead).
 * Stateless; thread-safe. Cost: one pass over the file.
 */
public final class CredentialsFile {

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
        try {
            return DeviceCredentials.parse(line);
        } catch (IllegalArgumentException e) {
            throw new CredentialsFileException(where + ": " + e.getMessage());
        }
    }
}
