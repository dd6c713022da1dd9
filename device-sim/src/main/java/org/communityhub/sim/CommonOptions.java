package org.communityhub.sim;

import java.nio.file.Path;
import java.util.List;
import org.communityhub.contract.DeviceCredentials;
import picocli.CommandLine.Option;

/**
 * Options every mode shares; each defaults to its environment variable, and an option wins over it.
 * Picocli fills the fields; read them after parsing. Not thread-safe (not needed).
 */
public final class CommonOptions {

    @Option(names = "--mqtt-url", paramLabel = "URL", defaultValue = "${env:HUB_MQTT_URL}",
            description = "broker URL, e.g. tcp://127.0.0.1:1883 (default: $HUB_MQTT_URL)")
    String mqttUrl;

    @Option(names = {"--credentials", "--devices-file"}, paramLabel = "FILE", defaultValue = "${env:HUB_SIM_CREDENTIALS}",
            description = "device credentials file from ./hub device credentials --all (default: $HUB_SIM_CREDENTIALS)")
    Path credentials;

    @Option(names = "--json", description = "print one JSON object (for scripts) instead of text")
    boolean json;

    /** The broker URL, or a usage error saying how to give one. */
    public String mqttUrl() {
        if (mqttUrl == null || mqttUrl.isBlank()) {
            throw new SimUsageException("no broker URL: set HUB_MQTT_URL or pass --mqtt-url tcp://HOST:PORT");
        }
        if (!mqttUrl.startsWith("tcp://") && !mqttUrl.startsWith("ssl://")) {
            throw new SimUsageException("--mqtt-url must start with tcp:// or ssl://, was '" + mqttUrl + "'");
        }
        return mqttUrl;
    }

    /** The devices of the credentials file; a bad file is a usage error naming the line. */
    public List<DeviceCredentials> devices() {
        try {
            List<DeviceCredentials> devices = CredentialsFile.read(credentials);
            if (devices.isEmpty()) {
                throw new SimUsageException("credentials file " + credentials + " lists no devices");
            }
            return devices;
        } catch (CredentialsFile.CredentialsFileException e) {
            throw new SimUsageException(e.getMessage());
        }
    }

    public boolean json() {
        return json;
    }
}
