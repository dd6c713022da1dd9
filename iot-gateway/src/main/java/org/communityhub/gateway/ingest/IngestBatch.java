package org.communityhub.gateway.ingest;

import java.util.List;
import org.communityhub.gateway.event.Rejection;

/** What one worker writes in one transaction: events with their decided alert actions, rejections, statuses. */
public record IngestBatch(List<DecidedEvent> events, List<Rejection> rejections, List<StatusReport> statuses) {

    public int size() {
        return events.size() + rejections.size() + statuses.size();
    }
}
