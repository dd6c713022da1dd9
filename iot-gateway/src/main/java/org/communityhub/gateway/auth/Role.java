package org.communityhub.gateway.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a logged-in user may do. Admins see every community; the others only their own. */
public enum Role {
    SECURITY, INSTALLER, ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
