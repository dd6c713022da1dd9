package org.communityhub.gateway.ingest;

import java.util.List;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.event.Rejection;

/** What one worker writes in one transaction. */
public record IngestBatch(List<DeviceEvent> events, List<Rejection> rejections, List<StatusReport> statuses) {

    public int size() {
        return events.size() + rejections.size() + statuses.size();
    }
}
