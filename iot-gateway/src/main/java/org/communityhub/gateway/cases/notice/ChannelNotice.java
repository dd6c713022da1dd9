package org.communityhub.gateway.cases.notice;

import java.util.List;
import java.util.Objects;

/**
 * A short message about a community's cases for the notification channels that take case notices (issue 17's
 * channels with the topic {@code cases}): sent once per (key, channel). Chinese-first; it names cases by number,
 * category, grid and deadline, never a reporter's description or contact number, nor a staff name.
 *
 * @param key       the occasion ({@code case-overdue:<case>:<deadline ms>}, {@code case-digest:<day>:<community>})
 * @param kind      {@code case_overdue} or {@code case_digest}
 * @param community the community whose channels (and the channels of every community) get it
 * @param link      the hub's cases page
 */
public record ChannelNotice(String key, String kind, String community, String title, List<String> lines, String link) {

    public ChannelNotice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(community, "community");
        lines = List.copyOf(lines);
    }
}
