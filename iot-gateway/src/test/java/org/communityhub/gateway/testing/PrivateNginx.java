package org.communityhub.gateway.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's nginx as the production recipe runs it ({@code docs/nginx/communityhub.conf}), but as a
 * private, non-daemon instance: its own config, pid, logs and temp folders in a temp dir, on free
 * loopback ports, with a self-signed certificate made by openssl for 127.0.0.1. Connections to the hub
 * leave from {@code proxyAddress} (proxy_bind), so a test can tell the proxy from direct clients.
 * {@link #close()} stops it (SIGTERM, then SIGKILL).
 */
public final class PrivateNginx implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int httpsPort;
    private final int httpPort;

    private PrivateNginx(Process process, Path dir, int httpsPort, int httpPort) {
        this.process = process;
        this.dir = dir;
        this.httpsPort = httpsPort;
        this.httpPort = httpPort;
    }

    /** Starts nginx in {@code dir} in front of the hub on {@code hubPort}; returns once it accepts connections. */
    public static PrivateNginx start(Path dir, int hubPort, String proxyAddress) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", "key.pem", "-out", "cert.pem");
        int httpsPort = freePort();
        int httpPort = freePort();
        String site = Files.readString(Launcher.root().resolve("docs/nginx/communityhub.conf"))
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + hubPort + ";")
                .replace("listen 443 ssl http2;", "listen 127.0.0.1:" + httpsPort + " ssl http2;")
                .replace("listen 80;", "listen 127.0.0.1:" + httpPort + ";")
                .replace("/etc/letsencrypt/live/hub.example.org/fullchain.pem", dir.resolve("cert.pem").toString())
                .replace("/etc/letsencrypt/live/hub.example.org/privkey.pem", dir.resolve("key.pem").toString())
                .lines().filter(l -> !l.contains("listen [::]")).reduce("", (a, b) -> a + b + "\n");
        Files.writeString(dir.resolve("site.conf"), site);
        String temp = dir.resolve("tmp").toString();
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " warn;",
                "events { worker_connections 256; }",
                "http {",
                "    access_log " + dir.resolve("access.log") + ";",
                "    client_body_temp_path " + temp + "/body;",
                "    proxy_temp_path " + temp + "/proxy;",
                "    fastcgi_temp_path " + temp + "/fastcgi;",
                "    uwsgi_temp_path " + temp + "/uwsgi;",
                "    scgi_temp_path " + temp + "/scgi;",
                "    proxy_bind " + proxyAddress + ";",
                "    include " + dir.resolve("site.conf") + ";",
                "}", ""));
        Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(dir.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        Process p = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        PrivateNginx started = new PrivateNginx(p, dir, httpsPort, httpPort);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!accepts(httpsPort)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                started.close();
                throw new IllegalStateException("nginx did not start: " + started.log());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        return started;
    }

    public String httpsUrl() {
        return "https://127.0.0.1:" + httpsPort;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** Trusts exactly the instance's self-signed certificate. */
    public SSLContext sslContext() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(dir.resolve("cert.pem")))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** nginx's error log and output, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("error.log")) + Files.readString(dir.resolve("stdout.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
