package org.communityhub.gateway.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a logged-in user may do (CONTRACT §6). Admins see every community; a dispatcher created without a
 * community works for the whole subdistrict; the others see only their own community (a grid worker: its
 * grids' community).
 */
public enum Role {
    SECURITY, INSTALLER, ADMIN, DISPATCHER, GRID_WORKER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
