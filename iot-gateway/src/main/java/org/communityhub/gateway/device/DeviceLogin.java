package org.communityhub.gateway.device;

/**
 * One device's broker login as the broker needs it: the device code as username, the hash of its password
 * ({@link DevicePasswords}) and where it may publish ({@code hub/v1/<community>/<type>/<username>/event|status}).
 */
public record DeviceLogin(String username, String passwordHash, String community, String type) {

    /** The device's own topics start with this (then {@code /event} or {@code /status}). */
    public String topicPrefix() {
        return topicPrefix(community, type, username);
    }

    /** {@code hub/v1/<community>/<type>/<code>}. */
    public static String topicPrefix(String community, String type, String code) {
        return "hub/v1/" + community + "/" + type + "/" + code;
    }
}
