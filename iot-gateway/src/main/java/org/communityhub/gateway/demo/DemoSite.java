package org.communityhub.gateway.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Port: what the demo seeding needs to know of the loaded subdistrict and of the cases already there.
 * Blocking (a few queries); thread-safe.
 */
public interface DemoSite {

    /** A grid and its community. */
    record GridRef(String code, String community) {
    }

    /** A place to report from: inside a building of {@code grid}, or on a street of the community ({@code grid} null). */
    record Spot(String community, String grid, double lon, double lat) {
    }

    /** Every grid, by code. */
    List<GridRef> grids();

    /**
     * Report places: up to {@code perGrid} building points in every grid, and a few points along each community's
     * outline (inside it, in no grid); in a stable order.
     */
    List<Spot> spots(int perGrid);

    /** When the newest case of each community that has cases was submitted. */
    Map<String, Instant> latestSubmissions();

    /** Open alerts of the given kinds that no case was made from yet, newest first. */
    List<Long> alertsWithoutCase(List<String> kinds, int limit);
}
