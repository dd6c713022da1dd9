package org.communityhub.gateway.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.alert.Severity;

/**
 * A community at a glance: open alerts by severity, devices online, events per hour.
 *
 * @param eventsPerHour the last 24 hours, oldest first, one entry per hour that had events
 */
public record CommunityOverview(String code, String name, Map<Severity, Integer> openAlerts, int devicesTotal,
                                int devicesOnline, List<BucketCount> eventsPerHour) {

    /** How many events fell in the bucket starting at {@code start} (of one type, or all when type is null). */
    public record BucketCount(Instant start, String type, long count) {
    }
}
