package org.communityhub.geo.nearest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.communityhub.geo.port.BoundingBox;
import org.communityhub.geo.port.FacilityCatalogue;
import org.communityhub.geo.port.FeaturePage;
import org.communityhub.geo.port.GeoCollection;
import org.communityhub.geo.port.GeoQueries;
import org.communityhub.geo.port.Hierarchy;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.port.NearbyFacility;
import org.communityhub.geo.port.TileLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GeoQueries} that answers "nearest facilities" from an in-memory {@link FacilityGrid} and
 * everything else (and nearest queries the grid cannot settle) from the database behind it.
 *
 * <p>The grid is a snapshot: {@link #reload} builds a new one (one query, about a second per
 * million facilities) and swaps it in; {@link #reloadSoon} does that on a background thread and
 * folds requests that arrive meanwhile into one, so a whole import costs one reload. Whoever
 * writes facilities must call {@link #reloadSoon} (the hub does it on the database's change notice,
 * so every instance hears of every writer). With more than {@link #MAX_INDEXED} facilities there is
 * no grid and every query goes to the database. Thread-safe.
 */
public final class IndexedGeoQueries implements GeoQueries, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexedGeoQueries.class);
    /** Above this many facilities (about 0.5 GB of heap) the grid is not built. */
    public static final int MAX_INDEXED = 1_000_000;

    private final GeoQueries database;
    private final FacilityCatalogue catalogue;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private final ExecutorService reloader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hub-facility-index");
        t.setDaemon(true);
        return t;
    });
    private volatile FacilityGrid grid;

    public IndexedGeoQueries(GeoQueries database, FacilityCatalogue catalogue) {
        this.database = database;
        this.catalogue = catalogue;
    }

    /** Builds the grid from the database now (blocking). */
    public void reload() {
        long started = System.nanoTime();
        grid = catalogue.allFacilities(MAX_INDEXED).map(FacilityGrid::of).orElse(null);
        LOG.info("nearest-facility index: {} in {} ms", grid == null ? "not built (too many facilities)"
                : grid.size() + " facilities", (System.nanoTime() - started) / 1_000_000);
    }

    /** Schedules a reload on the background thread; returns at once. */
    public void reloadSoon() {
        if (reloadPending.compareAndSet(false, true)) {
            reloader.execute(() -> {
                reloadPending.set(false);
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOG.warn("nearest-facility index not reloaded: {}", e.getMessage());
                }
            });
        }
    }

    /** Facilities in the current grid, or -1 when there is none. */
    public int indexedFacilities() {
        FacilityGrid g = grid;
        return g == null ? -1 : g.size();
    }

    @Override
    public Optional<List<NearbyFacility>> nearestInMemory(double lon, double lat, String category, int limit,
                                                          Double radiusMetres) {
        if (limit < 1 || limit > MAX_NEAREST) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_NEAREST);
        }
        FacilityGrid g = grid;
        return g == null ? Optional.empty() : g.nearest(lon, lat, category, limit, radiusMetres);
    }

    @Override
    public List<NearbyFacility> nearest(double lon, double lat, String category, int limit, Double radiusMetres) {
        return nearestInMemory(lon, lat, category, limit, radiusMetres)
                .orElseGet(() -> database.nearest(lon, lat, category, limit, radiusMetres));
    }

    @Override
    public Hierarchy hierarchy() {
        return database.hierarchy();
    }

    @Override
    public Optional<BoundingBox> extent(String communityOrNull) {
        return database.extent(communityOrNull);
    }

    @Override
    public Location locate(double lon, double lat) {
        return database.locate(lon, lat);
    }

    @Override
    public List<NearbyFacility> nearestOfEach(double lon, double lat, Set<String> categories, int perCategory,
                                              double radiusMetres) {
        return database.nearestOfEach(lon, lat, categories, perCategory, radiusMetres);
    }

    @Override
    public FeaturePage items(GeoCollection collection, BoundingBox bboxOrNull, int limit, long offset) {
        return database.items(collection, bboxOrNull, limit, offset);
    }

    @Override
    public Optional<FeaturePage.Feature> item(GeoCollection collection, String code) {
        return database.item(collection, code);
    }

    @Override
    public byte[] tile(TileLayer layer, int z, int x, int y) {
        return database.tile(layer, z, x, y);
    }

    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
