package org.communityhub.gateway.responders;

import java.util.List;
import java.util.Optional;

/**
 * Port: the configured channels. Secrets are kept encrypted and given back only inside a {@link ChannelTarget}.
 * Each change is audited. Implementations block on I/O; call them off the event loop. Thread-safe.
 */
public interface ChannelStore {

    /** @throws IllegalArgumentException naming {@code community} when no such community exists */
    Channel create(NewChannel channel, String actor, String remote);

    /** The channels in use, oldest first. */
    List<Channel> list();

    /** Deletes a channel (its delivery log stays; its pending deliveries stop). False when there is none. */
    boolean delete(long id, String actor, String remote);

    /** A channel in use with its secret, for sending. */
    Optional<ChannelTarget> target(long id);
}
