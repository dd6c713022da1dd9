package org.communityhub.gateway.change;

import java.util.Objects;

/**
 * A change that every hub instance must hear of: sent on the database's {@code hub_change} channel
 * when the writing transaction commits (by the hub's writers or by a table's trigger), received by
 * every instance's listener, which hands it to the {@link ChangeDispatcher}. The wire form is the
 * business of {@link ChangeNoticeCodec} alone. Immutable values; thread-safe.
 */
public sealed interface ChangeNotice {

    /** An alert was opened, folded into, reset, acknowledged, resolved or escalated. */
    record AlertChanged(long id) implements ChangeNotice {
        public AlertChanged {
            if (id < 0) {
                throw new IllegalArgumentException("an alert id is never negative: " + id);
            }
        }
    }

    /** One device's status (seen, online, offline) changed. */
    record DeviceChanged(String code) implements ChangeNotice {
        public DeviceChanged {
            Objects.requireNonNull(code, "code");
            if (code.isEmpty()) {
                throw new IllegalArgumentException("a device notice needs a device code");
            }
        }
    }

    /** The device registry changed (devices added, changed, retired or imported). */
    record DevicesChanged() implements ChangeNotice {
    }

    /** Facilities changed (sent by the {@code facility} table's trigger, whoever writes). */
    record FacilitiesChanged() implements ChangeNotice {
    }

    /** Communities, compounds or buildings changed (sent by their tables' triggers). */
    record HierarchyChanged() implements ChangeNotice {
    }

    /** Grids (网格) changed (sent by the {@code grid} table's trigger, whoever writes). */
    record GridsChanged() implements ChangeNotice {
    }

    /** A notification was stored for {@code recipient} (a login name): their open streams get it. */
    record NotificationAdded(long id, String recipient) implements ChangeNotice {
        public NotificationAdded {
            Objects.requireNonNull(recipient, "recipient");
            if (id < 0 || recipient.isEmpty()) {
                throw new IllegalArgumentException("a notification notice needs an id and a recipient");
            }
        }
    }

    /**
     * Notices may have been missed (the listener lost the database and is back): whoever keeps
     * derived state catches up. Raised by the listener itself; also accepted from the wire.
     */
    record Resync() implements ChangeNotice {
    }
}
