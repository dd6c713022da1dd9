package org.communityhub.gateway;

import org.communityhub.gateway.change.ChangeDispatcher;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.postgis.ChangeListener;

/**
 * Wiring of the change notices: the {@link ChangeListener} on {@code hub_change} and the {@link ChangeDispatcher}
 * it feeds, with this instance's targets (the device cache, the nearest-facility and locate indexes, the public geo
 * API's hierarchy cache, the live stream with the responders' worker woken on alert changes). The replica fence
 * lives here: before the facility index or the hierarchy cache catches up, the public reads are sent to the primary
 * ({@link HubDatabases#fence}) until the read replica has replayed the change, so that public readers never see the
 * state before it from a lagging replica. A grid notice rebuilds only the locate index and sets no fence: public grid reads
 * follow the replica, within {@code HUB_DB_READ_MAX_LAG_SECONDS} ({@code ReadReplicaIT}). Building it costs nothing
 * but objects; the listener is returned unstarted. The targets are thread-safe and quick (they run on the listener thread).
 */
final class HubChanges {

    private HubChanges() {
    }

    /** The listener (not started yet) that hands every notice to this instance's caches, indexes and stream. */
    static ChangeListener listener(HubConfig config, HubDatabases databases, HubIngest ingest, HubHttp http,
                                   HubResponders responders) {
        ChangeDispatcher dispatcher = new ChangeDispatcher(ingest.directory()::invalidate,
                () -> {
                    databases.fence();
                    http.index().reloadSoon();
                },
                () -> {
                    databases.fence();
                    http.geo().hierarchyChanged();
                },
                http.index()::areasChangedSoon, responders.waking(http.stream()));
        return new ChangeListener(config.dbUrl(), config.dbUser(), config.dbPassword().value(), dispatcher);
    }
}
