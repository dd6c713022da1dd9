package org.communityhub.gateway.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.device.BrokerLogins;
import org.communityhub.gateway.device.DeviceLogin;

/**
 * Device logins on a Mosquitto broker, rendered by the hub (issue 18): the password file keeps its service logins
 * (names that are not device codes, e.g. {@code hub.gateway}) and gets one {@code code:hash} line per device; the ACL
 * file is the configured base (the service rules) followed by one block per device allowing only its own
 * {@code event} and {@code status} topics. Both files are written beside themselves and renamed into place (a reload
 * never sees half a file) with the old file's owner and mode 600, then the broker reloads: SIGHUP to the pid in the
 * pid file (none, or a dead process's: the broker is not running and reads both files when it starts), or the
 * configured command. Blocking (file I/O and one short process); calls are serialized.
 */
public final class MosquittoLoginFiles implements BrokerLogins {

    private static final Pattern DEVICE_CODE = Pattern.compile("[a-z0-9-]{1,64}");

    private final HubConfig.Mosquitto files;
    private final BooleanSupplier mayReload;

    /** Reloads the broker after every change (the command line's use). */
    public MosquittoLoginFiles(HubConfig.Mosquitto files) {
        this(files, () -> true);
    }

    /**
     * Reloads the broker only while {@code mayReload} holds (a running hub: while its own sessions are connected, as
     * a reload that meets one of them restored from the broker's persistence file makes Mosquitto 2.0.11 segfault
     * later); otherwise the files are written and the caller reloads later by installing again.
     */
    public MosquittoLoginFiles(HubConfig.Mosquitto files, BooleanSupplier mayReload) {
        this.files = files;
        this.mayReload = mayReload;
    }

    @Override
    public synchronized void install(List<DeviceLogin> logins) {
        try {
            List<String> passwd = new ArrayList<>();
            if (Files.exists(files.passwordFile())) {
                for (String line : Files.readAllLines(files.passwordFile(), StandardCharsets.UTF_8)) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && !DEVICE_CODE.matcher(line.substring(0, colon)).matches()) {
                        passwd.add(line);
                    }
                }
            }
            StringBuilder acl = new StringBuilder();
            if (files.aclBase() != null && Files.exists(files.aclBase())) {
                acl.append(Files.readString(files.aclBase(), StandardCharsets.UTF_8)).append('\n');
            }
            acl.append("# Each device may publish only its own event and status topics (rendered by the hub from its\n")
                    .append("# database; edits are overwritten).\n");
            for (DeviceLogin l : logins) {
                if (!DEVICE_CODE.matcher(l.username()).matches() || !DEVICE_CODE.matcher(l.community()).matches()
                        || !DEVICE_CODE.matcher(l.type().replace('_', '-')).matches()) {
                    continue; // never a line that could be read as another login or topic
                }
                passwd.add(l.username() + ":" + l.passwordHash());
                acl.append("user ").append(l.username()).append('\n')
                        .append("topic write ").append(l.topicPrefix()).append("/event\n")
                        .append("topic write ").append(l.topicPrefix()).append("/status\n");
            }
            replace(files.passwordFile(), String.join("\n", passwd) + "\n");
            replace(files.aclFile(), acl.toString());
            if (mayReload.getAsBoolean()) {
                reload();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the broker's login files: " + e.getMessage(), e);
        }
    }

    private static void replace(Path file, String content) throws IOException {
        // A temporary file of this writer's own (never a shared name): two writers cannot rename each other's
        // half-written file into place (the launcher's broker_replace does the same).
        Path next = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".next",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(next, content, StandardCharsets.UTF_8);
        if (Files.exists(file)) {
            try {
                Files.setOwner(next, Files.getOwner(file));
            } catch (IOException | UnsupportedOperationException e) {
                // not root: the file stays ours, which the broker can read when it runs as us
            }
        }
        try {
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void reload() throws IOException {
        List<String> command;
        if (files.pidFile() != null) {
            if (!Files.exists(files.pidFile())) {
                return; // the broker is not running: it reads both files when it starts
            }
            String pid = Files.readString(files.pidFile(), StandardCharsets.UTF_8).strip();
            if (!pid.matches("[0-9]{1,10}")) {
                throw new IOException("no pid in " + files.pidFile());
            }
            if (ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).isEmpty()) {
                return; // a pid file left by a broker that died: its restart reads both files
            }
            command = List.of("kill", "-HUP", pid);
        } else {
            command = List.of("sh", "-c", files.reloadCommand());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("reloading the broker timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IOException("reloading the broker failed (" + String.join(" ", command) + "): " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reloading the broker", e);
        }
    }
}
