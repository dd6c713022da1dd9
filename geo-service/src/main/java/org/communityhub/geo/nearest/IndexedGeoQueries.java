package org.communityhub.geo.nearest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.communityhub.geo.locate.AreaIndex;
import org.communityhub.geo.port.AreaCatalogue;
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
 * {@link GeoQueries} that answers "nearest facilities" from an in-memory {@link FacilityGrid}, "locate"
 * from an in-memory {@link AreaIndex}, and everything else (and what the grid cannot settle) from the
 * database behind it.
 *
 * <p>Both are snapshots: {@link #reload} builds new ones (one query each, about a second per million
 * facilities or 100,000 polygons) and swaps them in; {@link #reloadSoon} (facilities) and
 * {@link #areasChangedSoon} (communities, compounds, buildings, grids) do that on a background thread
 * and fold requests that arrive meanwhile into one, so a whole import costs one reload of each. Whoever
 * writes those tables must call them (the hub does it on the database's change notices, so every
 * instance hears of every writer). With more than {@link #MAX_INDEXED} facilities there is no grid, with
 * more than {@link #MAX_AREA_VERTICES} polygon vertices no area index, and those queries go to the
 * database. Thread-safe.
 */
public final class IndexedGeoQueries implements GeoQueries, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexedGeoQueries.class);
    /** Above this many facilities (about 0.5 GB of heap) the grid is not built. */
    public static final int MAX_INDEXED = 1_000_000;
    /** Above this many polygon vertices (about 0.2 GB of heap) the area index is not built. */
    public static final long MAX_AREA_VERTICES = 10_000_000;

    private final GeoQueries database;
    private final FacilityCatalogue catalogue;
    private final AreaCatalogue areaCatalogue;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private final AtomicBoolean areasPending = new AtomicBoolean();
    private final ExecutorService reloader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hub-geo-index");
        t.setDaemon(true);
        return t;
    });
    private volatile FacilityGrid grid;
    private volatile AreaIndex areas;

    public IndexedGeoQueries(GeoQueries database, FacilityCatalogue catalogue, AreaCatalogue areaCatalogue) {
        this.database = database;
        this.catalogue = catalogue;
        this.areaCatalogue = areaCatalogue;
    }

    /** Builds the facility grid and the area index from the database now (blocking). */
    public void reload() {
        reloadFacilities();
        reloadAreas();
    }

    private void reloadAreas() {
        long started = System.nanoTime();
        areas = areaCatalogue.allAreas(MAX_AREA_VERTICES).map(AreaIndex::of).orElse(null);
        LOG.info("locate index: {} in {} ms", areas == null ? "not built (too many vertices)" : areas.counts(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void reloadFacilities() {
        long started = System.nanoTime();
        grid = catalogue.allFacilities(MAX_INDEXED).map(FacilityGrid::of).orElse(null);
        LOG.info("nearest-facility index: {} in {} ms", grid == null ? "not built (too many facilities)"
                : grid.size() + " facilities", (System.nanoTime() - started) / 1_000_000);
    }

    /** Schedules a reload of the facility grid on the background thread; returns at once. */
    public void reloadSoon() {
        later(reloadPending, this::reloadFacilities, "nearest-facility index");
    }

    /** Schedules a reload of the area index on the background thread; returns at once. */
    public void areasChangedSoon() {
        later(areasPending, this::reloadAreas, "locate index");
    }

    private void later(AtomicBoolean pending, Runnable reload, String what) {
        if (pending.compareAndSet(false, true)) {
            reloader.execute(() -> {
                pending.set(false);
                try {
                    reload.run();
                } catch (RuntimeException e) {
                    LOG.warn("{} not reloaded: {}", what, e.getMessage());
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
    public Optional<Location> locateInMemory(double lon, double lat) {
        AreaIndex a = areas;
        return a == null ? Optional.empty() : Optional.of(a.locate(lon, lat));
    }

    @Override
    public Location locate(double lon, double lat) {
        return locateInMemory(lon, lat).orElseGet(() -> database.locate(lon, lat));
    }

    @Override
    public List<NearbyFacility> nearestOfEach(double lon, double lat, Set<String> categories, int perCategory,
                                              double radiusMetres) {
        return database.nearestOfEach(lon, lat, categories, perCategory, radiusMetres);
    }

    @Override
    public FeaturePage items(GeoCollection collection, BoundingBox bboxOrNull, Set<String> categories, int limit,
                             long offset) {
        return database.items(collection, bboxOrNull, categories, limit, offset);
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
