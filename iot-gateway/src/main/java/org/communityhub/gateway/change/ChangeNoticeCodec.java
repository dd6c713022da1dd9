package org.communityhub.gateway.change;

import java.util.Optional;

/**
 * The one wire form of {@link ChangeNotice}s, the payload of {@code pg_notify('hub_change', …)}:
 * {@code alert:<id>}, {@code device:<code>}, {@code devices}, {@code facilities},
 * {@code hierarchy}, {@code grids}, {@code resync},
 * {@code notification:<id>:<recipient>}. The database triggers of the geo migrations V102, V140 and V330 send
 * {@code facilities}, {@code hierarchy} and {@code grids} themselves, and hub instances of several versions may
 * share one database, so these strings never change; a new kind of notice gets a new word, and
 * a payload this version does not know decodes to empty (the listener logs it and goes on).
 * Cost: a few string comparisons. Stateless; thread-safe.
 */
public final class ChangeNoticeCodec {

    static final String ALERT = "alert:";
    static final String DEVICE = "device:";
    static final String DEVICES = "devices";
    static final String FACILITIES = "facilities";
    static final String HIERARCHY = "hierarchy";
    static final String GRIDS = "grids";
    static final String RESYNC = "resync";
    static final String NOTIFICATION = "notification:";

    private ChangeNoticeCodec() {
    }

    /** The payload that carries {@code notice} on the wire. */
    public static String encode(ChangeNotice notice) {
        if (notice instanceof ChangeNotice.AlertChanged a) {
            return ALERT + a.id();
        } else if (notice instanceof ChangeNotice.DeviceChanged d) {
            return DEVICE + d.code();
        } else if (notice instanceof ChangeNotice.DevicesChanged) {
            return DEVICES;
        } else if (notice instanceof ChangeNotice.FacilitiesChanged) {
            return FACILITIES;
        } else if (notice instanceof ChangeNotice.HierarchyChanged) {
            return HIERARCHY;
        } else if (notice instanceof ChangeNotice.GridsChanged) {
            return GRIDS;
        } else if (notice instanceof ChangeNotice.Resync) {
            return RESYNC;
        } else if (notice instanceof ChangeNotice.NotificationAdded n) {
            return NOTIFICATION + n.id() + ":" + n.recipient();
        }
        throw new IllegalArgumentException("not a change notice: " + notice);
    }

    /**
     * The notice a payload carries, or empty for one this version does not know (a newer hub's
     * kind, a malformed id, null): never throws.
     */
    public static Optional<ChangeNotice> decode(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        if (payload.startsWith(ALERT)) {
            return alertId(payload.substring(ALERT.length())).map(ChangeNotice.AlertChanged::new);
        }
        if (payload.startsWith(NOTIFICATION)) {
            return notification(payload.substring(NOTIFICATION.length()));
        }
        if (payload.startsWith(DEVICE)) {
            String code = payload.substring(DEVICE.length());
            return code.isEmpty() ? Optional.empty() : Optional.of(new ChangeNotice.DeviceChanged(code));
        }
        return switch (payload) {
            case DEVICES -> Optional.of(new ChangeNotice.DevicesChanged());
            case FACILITIES -> Optional.of(new ChangeNotice.FacilitiesChanged());
            case HIERARCHY -> Optional.of(new ChangeNotice.HierarchyChanged());
            case GRIDS -> Optional.of(new ChangeNotice.GridsChanged());
            case RESYNC -> Optional.of(new ChangeNotice.Resync());
            default -> Optional.empty();
        };
    }

    /** The kind word of a payload (text before the first {@code ':'}), for logging unknown ones. */
    public static String kindOf(String payload) {
        if (payload == null) {
            return "null";
        }
        int colon = payload.indexOf(':');
        String kind = colon < 0 ? payload : payload.substring(0, colon);
        return kind.length() > 40 ? kind.substring(0, 40) + "…" : kind;
    }

    /** {@code <id>:<recipient>}; a login name has no colon. */
    private static Optional<ChangeNotice> notification(String rest) {
        int colon = rest.indexOf(':');
        if (colon < 0 || colon == rest.length() - 1) {
            return Optional.empty();
        }
        String recipient = rest.substring(colon + 1);
        return alertId(rest.substring(0, colon)).map(id -> new ChangeNotice.NotificationAdded(id, recipient));
    }

    private static Optional<Long> alertId(String digits) {
        if (digits.isEmpty() || digits.length() > 19) {
            return Optional.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
