package org.communityhub.gateway.alert;

import java.util.Locale;

/** What an alert is about. */
public enum AlertKind {
    FIRE, INTRUSION, ACCESS, MAINTENANCE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
