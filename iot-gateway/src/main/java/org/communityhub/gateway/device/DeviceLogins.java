package org.communityhub.gateway.device;

import java.util.Optional;

/**
 * Port: issuing device logins (issue 18). Thread-safe; each call costs a few database statements and, when
 * the hub renders a broker's files, one reload of that broker.
 */
public interface DeviceLogins {

    /** A device's login in plaintext, as shown once to the installer. */
    record Issued(String username, String password, String community, String type) {
        public String topicPrefix() {
            return DeviceLogin.topicPrefix(community, type, username);
        }
    }

    /**
     * The device's login (created on first call, replaced when {@code rotate}), installed on the configured
     * broker before this returns; a pending provisioning QR code is kept for a few minutes. Empty when the
     * device is not registered or is retired.
     */
    Optional<Issued> issue(String code, boolean rotate, String actor);

    /** The login issued last, once, when asked within a few minutes of issuing it; else empty. */
    Optional<Issued> takeProvisioning(String code);

    /** Installs every current login on the configured broker again (after a retirement, at start). */
    void sync();
}
