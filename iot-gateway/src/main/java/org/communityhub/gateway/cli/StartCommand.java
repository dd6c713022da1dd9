package org.communityhub.gateway.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hub start [--demo]}: runs the hub in the foreground until SIGTERM/SIGINT, then shuts down cleanly. */
@Command(name = "start", description = "Start the hub in the foreground (SIGTERM shuts it down cleanly).")
final class StartCommand implements Callable<Integer> {

    @Option(names = "--demo", description = "demo mode: generated secrets are acceptable")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        HubConfig config = HubConfigLoader.fromEnvironment(demo);
        HubApplication app = HubApplication.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "hub-shutdown"));
        System.out.println("hub: serving on http://127.0.0.1:" + app.httpPort() + "/");
        stopped.await();
        return 0;
    }
}
