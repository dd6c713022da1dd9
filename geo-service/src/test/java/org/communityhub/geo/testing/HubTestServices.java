package org.communityhub.geo.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real PostGIS and Mosquitto that {@code ./hub services up} started, for integration tests.
 *
 * <p>Values come from the {@code HUB_*} environment variables ({@code ./hub test} exports them);
 * when they are absent (a test run straight from Maven or an IDE) they are read from the nearest
 * {@code .hub/services.env} above the working directory. A missing service fails the test with a
 * message that says how to start it: integration tests never fall back to mocks.
 */
public final class HubTestServices {

    private static final Map<String, String> VALUES = load();

    private HubTestServices() {
    }

    public static String dbUrl() {
        return required("HUB_DB_URL");
    }

    public static String dbUser() {
        return required("HUB_DB_USER");
    }

    public static String dbPassword() {
        return required("HUB_DB_PASSWORD");
    }

    /**
     * The login that creates and drops test databases ({@code hub_admin}, from {@code test-admin.env}
     * beside {@code services.env}); the runtime login {@link #dbUser()} cannot.
     */
    public static String dbAdminUser() {
        return required("HUB_TEST_DB_ADMIN_USER");
    }

    public static String dbAdminPassword() {
        return required("HUB_TEST_DB_ADMIN_PASSWORD");
    }

    public static String mqttUrl() {
        return required("HUB_MQTT_URL");
    }

    public static String mqttUser() {
        return required("HUB_MQTT_USER");
    }

    public static String mqttPassword() {
        return required("HUB_MQTT_PASSWORD");
    }

    /** The private services' data folder (broker password file, logs), or null when unknown. */
    public static Path dataDir() {
        String dir = VALUES.get("HUB_DATA_DIR");
        return dir == null ? null : Path.of(dir);
    }

    /** Whether {@code ./hub test --long} asked for the long fault and soak cases. */
    public static boolean longMode() {
        return Boolean.getBoolean("hub.test.long");
    }

    private static String required(String name) {
        String value = VALUES.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests with ./hub test, "
                    + "or start the services with ./hub services up first");
        }
        return value;
    }

    private static Map<String, String> load() {
        Map<String, String> values = new HashMap<>();
        Path services = findServicesEnv();
        List<Path> files = new ArrayList<>();
        if (services != null) {
            files.add(services);
            files.add(services.resolveSibling("test-admin.env"));
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    String l = line.strip();
                    if (l.startsWith("export ")) {
                        l = l.substring("export ".length());
                    }
                    int eq = l.indexOf('=');
                    if (eq > 0) {
                        values.put(l.substring(0, eq), unquote(l.substring(eq + 1)));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("HUB_")) {
                values.put(k, v);
            }
        });
        return values;
    }

    private static Path findServicesEnv() {
        String dataDir = System.getenv("HUB_DATA_DIR");
        if (dataDir != null && Files.isRegularFile(Path.of(dataDir, "services.env"))) {
            return Path.of(dataDir, "services.env");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".hub/services.env");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
