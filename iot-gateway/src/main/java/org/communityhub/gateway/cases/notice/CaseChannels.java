package org.communityhub.gateway.cases.notice;

import java.time.Instant;
import java.util.List;

/**
 * Port: the cases' side of the notification channels (issue 17's outbox). Planning is idempotent: a (key, channel)
 * is planned once however many hub instances try, and the outbox's worker sends it with retries. Blocking;
 * thread-safe.
 */
public interface CaseChannels {

    /** No channels: nothing is planned. */
    CaseChannels NONE = new CaseChannels() {
        @Override
        public List<CommunityDigest> digestsDue(String keyPrefix, Instant now, int top) {
            return List.of();
        }

        @Override
        public int plan(ChannelNotice notice) {
            return 0;
        }
    };

    /**
     * The communities with open cases that have a channel taking case notices which has not had the digest with the
     * key {@code keyPrefix + community} yet, each with its counts as of {@code now} and its first {@code top} open
     * cases (overdue first, then by deadline).
     */
    List<CommunityDigest> digestsDue(String keyPrefix, Instant now, int top);

    /** Plans the notice for every channel taking case notices of its community; the rows planned now. */
    int plan(ChannelNotice notice);

    /**
     * A community's open cases (not closed, not rejected), for its daily digest.
     *
     * @param untriaged of the open, those still waiting for triage ({@code submitted})
     * @param oldestUntriaged when the oldest of those was submitted; null when none
     */
    record CommunityDigest(String community, String name, int open, int overdue, int untriaged,
                           Instant oldestUntriaged, List<DigestCase> top) {
        public CommunityDigest {
            top = List.copyOf(top);
        }
    }

    /** One case of a digest: no description, no contact, no names. */
    record DigestCase(long id, String category, String status, String grid, Instant deadline, boolean overdue) {
    }
}
