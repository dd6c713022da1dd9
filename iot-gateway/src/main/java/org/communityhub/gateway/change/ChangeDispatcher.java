package org.communityhub.gateway.change;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who reacts to which {@link ChangeNotice}: a registry notice ({@link ChangeNotice.DevicesChanged}) drops
 * the device cache, while a device's status notice ({@link ChangeNotice.DeviceChanged}: online, offline) only
 * reaches the stream — the cache holds registry data, no status, and dropping it on every status change made every
 * device's next message wait for a database lookup. A facility notice rebuilds the nearest-facility index, a
 * hierarchy notice (communities, compounds, buildings) drops the cached hierarchy and rebuilds the locate index, a
 * grid notice rebuilds the locate index, and alert, device and notification changes (and a resync) go to the live
 * stream; after a resync every derived state that a missed notice could have left stale catches up the same way it
 * does today (device cache, facility index, hierarchy, locate index, stream). Each reaction is isolated: one that
 * throws is logged and the others still run, so nothing escapes to the listener thread. Called on the listener's
 * thread; the targets must be thread-safe and quick (they hand real work to their own threads). Cost: a type test
 * and the targets' own cost. Stateless; thread-safe.
 */
public final class ChangeDispatcher implements Consumer<ChangeNotice> {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeDispatcher.class);

    /** A cache of this instance that is dropped (and read again on next use) when its source changed. */
    @FunctionalInterface
    public interface Cache {
        void drop();
    }

    /** An in-memory index of this instance that is rebuilt in the background when its source changed. */
    @FunctionalInterface
    public interface Index {
        void rebuildSoon();
    }

    /** Pushes changes to this instance's live clients (the WebSocket stream). */
    public interface LiveChanges {
        void alertChanged(long id);

        void deviceChanged(String code);

        /** A notification was stored for {@code recipient}: their clients get it. */
        void notificationAdded(long id, String recipient);

        /** Notices may have been missed: every client catches up. */
        void resync();
    }

    private final Cache devices;
    private final Index facilities;
    private final Cache hierarchy;
    private final Index areas;
    private final LiveChanges live;

    public ChangeDispatcher(Cache devices, Index facilities, Cache hierarchy, Index areas, LiveChanges live) {
        this.devices = devices;
        this.facilities = facilities;
        this.hierarchy = hierarchy;
        this.areas = areas;
        this.live = live;
    }

    @Override
    public void accept(ChangeNotice notice) {
        if (notice instanceof ChangeNotice.AlertChanged a) {
            react(notice, "stream", () -> live.alertChanged(a.id()));
        } else if (notice instanceof ChangeNotice.DeviceChanged d) {
            react(notice, "stream", () -> live.deviceChanged(d.code()));
        } else if (notice instanceof ChangeNotice.DevicesChanged) {
            react(notice, "device cache", devices::drop);
        } else if (notice instanceof ChangeNotice.FacilitiesChanged) {
            react(notice, "facility index", facilities::rebuildSoon);
        } else if (notice instanceof ChangeNotice.HierarchyChanged) {
            react(notice, "hierarchy cache", hierarchy::drop);
            react(notice, "locate index", areas::rebuildSoon);
        } else if (notice instanceof ChangeNotice.GridsChanged) {
            react(notice, "locate index", areas::rebuildSoon);
        } else if (notice instanceof ChangeNotice.NotificationAdded n) {
            react(notice, "stream", () -> live.notificationAdded(n.id(), n.recipient()));
        } else if (notice instanceof ChangeNotice.Resync) {
            react(notice, "device cache", devices::drop);
            react(notice, "facility index", facilities::rebuildSoon);
            react(notice, "hierarchy cache", hierarchy::drop);
            react(notice, "locate index", areas::rebuildSoon);
            react(notice, "stream", live::resync);
        }
    }

    private static void react(ChangeNotice notice, String target, Runnable reaction) {
        try {
            reaction.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed on {}: {}", target, notice, e.toString());
        }
    }
}
