package org.communityhub.gateway.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Port: aggregates for the overview and for charts. Blocking; call off the event loop. */
public interface StatsQueries {

    /** Overviews of one community, or all (null). */
    List<CommunityOverview> overview(String community, Instant now);

    /**
     * Event counts per type per time bucket ({@code date_bin}) in [from, to) for one community or all (null);
     * index-driven on the event table's time ranges.
     */
    List<CommunityOverview.BucketCount> eventCounts(String community, Instant from, Instant to, Duration bucket);
}
