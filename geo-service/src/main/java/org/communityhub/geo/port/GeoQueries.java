package org.communityhub.geo.port;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Read-side queries over the spatial hierarchy and facilities (port; PostGIS implements it). All
 * coordinates are WGS-84. Every method but {@link #nearestInMemory} and
 * {@link #locateInMemory} may block on the database: never
 * call them on an event loop.
 */
public interface GeoQueries {

    /** The largest page of {@link #items}. */
    int MAX_PAGE = 1000;
    /** The largest {@link #nearest} result. */
    int MAX_NEAREST = 100;
    /** The largest offset of {@link #items}: deeper pages would cost a scan of every row before them. */
    long MAX_OFFSET = 100_000;
    /**
     * {@link #items} counts matches only up to this many (every page that can be asked for, plus
     * one): {@link FeaturePage#numberMatched()} is exact below it and {@link FeaturePage#UNCOUNTED} at it.
     */
    long MAX_COUNTED = MAX_OFFSET + MAX_PAGE + 1;

    Hierarchy hierarchy();

    Location locate(double lon, double lat);

    /**
     * The same answer as {@link #locate} when it can be given from memory without blocking (safe on an
     * event loop), else empty. By default always empty.
     */
    default Optional<Location> locateInMemory(double lon, double lat) {
        return Optional.empty();
    }

    /**
     * The WGS-84 extent of every community, or of one community; empty when there is none (a database
     * before its first import). The map opens on it. One aggregate over the community table.
     *
     * @param communityOrNull one community's code, or null for all
     */
    Optional<BoundingBox> extent(String communityOrNull);

    /**
     * Facilities nearest first, index-driven.
     *
     * @param category only this category, or null for all
     * @param limit 1–{@link #MAX_NEAREST}
     * @param radiusMetres only within this geodesic distance, or null for unlimited
     */
    List<NearbyFacility> nearest(double lon, double lat, String category, int limit, Double radiusMetres);

    /**
     * The same answer as {@link #nearest} when it can be given from memory without blocking (safe
     * on an event loop), else empty. By default always empty.
     */
    default Optional<List<NearbyFacility>> nearestInMemory(double lon, double lat, String category, int limit,
                                                           Double radiusMetres) {
        return Optional.empty();
    }

    /**
     * Incident context: up to {@code perCategory} nearest facilities of each category within the radius,
     * all together ordered nearest first (e.g. fire_hydrant, extinguisher, aed, exit, guard_post).
     */
    List<NearbyFacility> nearestOfEach(double lon, double lat, Set<String> categories, int perCategory,
                                       double radiusMetres);

    /**
     * A page of a collection ordered by code, optionally only features intersecting {@code bbox}.
     * Cost: the page plus a count bounded by {@link #MAX_COUNTED} rows.
     *
     * @param offset 0–{@link #MAX_OFFSET}
     */
    default FeaturePage items(GeoCollection collection, BoundingBox bboxOrNull, int limit, long offset) {
        return items(collection, bboxOrNull, Set.of(), limit, offset);
    }

    /**
     * As {@link #items(GeoCollection, BoundingBox, int, long)}, facilities only of {@code categories}
     * (all when empty; only the facilities collection has categories, others throw
     * {@link IllegalArgumentException} for a non-empty set).
     */
    FeaturePage items(GeoCollection collection, BoundingBox bboxOrNull, Set<String> categories, int limit, long offset);

    Optional<FeaturePage.Feature> item(GeoCollection collection, String code);

    /** The Mapbox vector tile (EPSG:3857 XYZ scheme) of a layer; empty bytes for an empty tile. */
    byte[] tile(TileLayer layer, int z, int x, int y);
}
