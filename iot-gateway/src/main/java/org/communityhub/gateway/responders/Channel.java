package org.communityhub.gateway.responders;

import java.time.Instant;
import java.util.List;
import org.communityhub.gateway.alert.Severity;

/**
 * A configured channel as admins see it: never its secret, only whether it has one.
 *
 * @param url the URL with its query values masked (they are credentials: WeCom key, DingTalk access_token)
 * @param community null: alerts of every community
 * @param minSeverity alerts at least this severe are sent
 * @param tier 1: every new alert; 2 and 3: escalations of unacknowledged critical alerts
 * @param topics what it is sent: {@code alerts} and/or {@code cases} (the cases' overdue notices and daily digest)
 */
public record Channel(long id, String name, ChannelKind kind, String url, boolean hasSecret, String community,
                      Severity minSeverity, int tier, String createdBy, Instant createdAt, List<String> topics) {

    public Channel {
        topics = List.copyOf(topics);
    }
}
