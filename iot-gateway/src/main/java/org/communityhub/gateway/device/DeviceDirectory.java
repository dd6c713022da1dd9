package org.communityhub.gateway.device;

import java.util.Optional;

/**
 * Port: looks up registered devices by code. Implementations may cache; {@link #find} is called
 * for every inbound message, so it must be cheap after warm-up and safe from any thread.
 */
public interface DeviceDirectory {

    Optional<RegisteredDevice> find(String code);

    /** Forgets cached entries, after an import or a registry change. */
    void invalidate();
}
