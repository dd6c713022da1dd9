package org.communityhub.gateway.device;

import java.util.List;

/**
 * Port: makes a broker accept exactly these device logins (each publishing only under its own topics) and
 * no other device login; service logins are left alone. Implementations are thread-safe and block until the
 * broker uses the new logins, or, where the caller defers the broker's reload (see {@code MosquittoLoginFiles}), until
 * it will use them at that reload or its next start; or they fail with an exception naming what went wrong.
 */
public interface BrokerLogins {

    void install(List<DeviceLogin> logins);
}
