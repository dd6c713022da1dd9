package org.communityhub.gateway;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.communityhub.gateway.config.ConfigException;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.geo.http.BasemapRoutes;
import org.communityhub.geo.mbtiles.MbtilesFile;
import org.communityhub.geo.port.BasemapInfo;

/**
 * Wiring of the offline basemap ({@code HUB_BASEMAP_MBTILES}, CONTRACT §2): the MBTiles file opened and checked
 * at start (a file that is not MBTiles stops the start with one line naming the variable), its tiles served at
 * {@code /basemap/{z}/{x}/{y}.{ext}} on the public worker pool, and what the page's {@code /api/v1/ui-config}
 * lists first. Without the variable it is empty and mounts nothing. Thread-safe once opened.
 */
final class HubBasemap implements AutoCloseable {

    private final MbtilesFile file;

    private HubBasemap(MbtilesFile file) {
        this.file = file;
    }

    /**
     * Opens {@code config.tiles().mbtiles()} (if set) with one connection per public worker thread.
     *
     * @throws ConfigException {@code HUB_BASEMAP_MBTILES '<file>' <reason>} when it is not a usable MBTiles file
     */
    static HubBasemap open(HubConfig config) {
        Path path = config.tiles().mbtiles();
        if (path == null) {
            return new HubBasemap(null);
        }
        try {
            return new HubBasemap(MbtilesFile.open(path, config.pools().publicSize()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("HUB_BASEMAP_MBTILES '" + path + "' cannot be used: " + e.getMessage());
        }
    }

    /** What the file says about itself (the page lists it first in {@code /api/v1/ui-config}), or empty without one. */
    Optional<BasemapInfo> info() {
        return file == null ? Optional.empty() : Optional.of(file.info());
    }

    /** Mounts {@code /basemap/…} (nothing without a file); tiles are read on {@code workers}. */
    Consumer<Router> mounter(WorkerExecutor workers) {
        return file == null ? router -> { } : new BasemapRoutes(workers, file)::mount;
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }
}
