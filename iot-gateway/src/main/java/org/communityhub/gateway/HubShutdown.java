package org.communityhub.gateway;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub opened, closed in reverse order: the last registered first, each once. A part that
 * fails to close is logged and the rest still close. Register a part right after it is opened (or, for
 * the MQTT intake, right before it starts, so that it is the first to stop). Not thread-safe: the
 * starting thread registers, {@link #close} runs once.
 */
final class HubShutdown implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubShutdown.class);

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Registers {@code part} to be closed before everything registered so far; returns it. */
    <T extends AutoCloseable> T add(T part) {
        parts.push(part);
        return part;
    }

    @Override
    public void close() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
