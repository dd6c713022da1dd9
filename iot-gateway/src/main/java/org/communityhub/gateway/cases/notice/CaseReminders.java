package org.communityhub.gateway.cases.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.communityhub.gateway.cases.CaseActor;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.CaseViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cases' reminders (issue 16): each morning, from {@code digestAt} local time in {@code zone} on, every
 * assignee with cases still to work on, and every dispatcher with reports in scope still waiting for triage
 * ({@code submitted}: their count and the oldest), gets one digest of them for the day (一天一提醒, the same query as
 * {@code GET /api/v1/cases/digest}); and a case whose work is pending past its deadline notifies the
 * dispatchers whose scope covers it, once per overdue transition (a reopened case with a new deadline can
 * become overdue again). Exactly once across restarts and several hub instances: the store claims each
 * notice with a unique key, so instances that run at the same moment store it once and only the one that
 * stored it hands it to the {@link NoticeSender}s. A hub that was down at the digest time sends that day's
 * digest when it is back; one down for days sends only the current day's.
 *
 * <p>Through the notification channels that take case notices (issue 17, {@link CaseChannels}): each overdue
 * transition once per channel of the case's community, planned in the transaction that claims it; and each morning
 * one digest per community with open cases (counts and the first cases, {@link CaseChannelTexts}), once per
 * (community, day, channel). The outbox's worker sends them with retries.
 *
 * <p>Run {@link #run} periodically ({@link #PERIOD}) off the event loop. Cost per run: one indexed query for
 * the day's missing digests (nothing after the first run of the day), one digest query per new recipient,
 * one query for unclaimed overdue cases (at most {@link #BATCH} a run), one query for the communities whose channel
 * digest is missing (nothing once the day's are planned) and one per such community. Thread-safe (stateless; the
 * database arbitrates).
 */
public final class CaseReminders {

    /** How often {@link #run} should run: an overdue case is noticed within this, a digest this late at most. */
    public static final Duration PERIOD = Duration.ofMinutes(1);
    /** Overdue cases claimed per run (the rest on the next runs). */
    public static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(CaseReminders.class);
    /** Cases a digest's text names one by one (its {@code caseIds} list them all). */
    static final int TEXT_LINES = 20;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final NotificationStore store;
    private final CaseService cases;
    private final List<NoticeSender> senders;
    private final LocalTime digestAt;
    private final ZoneId zone;
    private final Clock clock;
    private final CaseChannels channels;
    private final CaseChannelTexts texts;

    /** Reminders in the app only (no channels). */
    public CaseReminders(NotificationStore store, CaseService cases, List<NoticeSender> senders, LocalTime digestAt,
                         ZoneId zone, Clock clock) {
        this(store, cases, senders, digestAt, zone, clock, CaseChannels.NONE, "/");
    }

    /** @param casesLink the absolute link to the hub's cases page, for the channel messages */
    public CaseReminders(NotificationStore store, CaseService cases, List<NoticeSender> senders, LocalTime digestAt,
                         ZoneId zone, Clock clock, CaseChannels channels, String casesLink) {
        this.channels = channels;
        this.texts = new CaseChannelTexts(zone, casesLink);
        this.store = store;
        this.cases = cases;
        this.senders = List.copyOf(senders);
        this.digestAt = digestAt;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * What one run stored (and sent).
     *
     * @param channelDigests the community digests planned for the channels (rows: one per channel)
     */
    public record Report(int digests, int overdueNotices, int channelDigests) {
    }

    /**
     * The day's digests that are due and not sent yet, then the overdue notices, then the day's community digests
     * for the channels; returns what this run stored.
     */
    public Report run() {
        return new Report(digests(), overdue(), channelDigests());
    }

    /** The day's digest of each community with open cases for the channels taking case notices, when due. */
    int channelDigests() {
        ZonedDateTime now = clock.instant().atZone(zone);
        if (now.toLocalTime().isBefore(digestAt)) {
            return 0;
        }
        int planned = 0;
        for (CaseChannels.CommunityDigest d : channels.digestsDue(CaseChannelTexts.digestKeyPrefix(now.toLocalDate()),
                clock.instant(), CaseChannelTexts.TOP)) {
            planned += channels.plan(texts.digest(d, now.toLocalDate()));
        }
        return planned;
    }

    /** The day's digests, when the local time has reached the digest time. */
    int digests() {
        ZonedDateTime now = clock.instant().atZone(zone);
        if (now.toLocalTime().isBefore(digestAt)) {
            return 0;
        }
        String key = digestKey(now.toLocalDate());
        int stored = 0;
        for (String user : store.digestRecipients(key)) {
            CaseViews.Digest d = cases.digest(new CaseActor(user, CaseActor.Kind.OTHER_STAFF, null, Set.of()));
            long untriaged = d.untriaged() == null ? 0 : d.untriaged();
            if (d.assigned().isEmpty() && untriaged == 0) {
                continue; // handled (or triaged) since the recipients were read
            }
            List<Long> ids = java.util.stream.Stream.concat(d.assigned().stream(), d.untriagedOldest().stream())
                    .map(CaseViews.Summary::id).toList();
            int open = d.assigned().size();
            int overdue = (int) d.assignedOverdue();
            String title = "今日提醒：" + (open > 0 || untriaged == 0 ? open + " 件待办" : "")
                    + (overdue > 0 ? "，" + overdue + " 件已超期" : "")
                    + (untriaged > 0 ? (open > 0 ? "，" : "") + untriaged + " 件待受理" : "");
            Notice notice = new Notice(user, NoticeKind.DIGEST, key, title, digestText(d), null, ids, open, overdue,
                    (int) untriaged, null);
            if (store.claim(notice, clock.instant()).map(this::send).isPresent()) {
                stored++;
            }
        }
        return stored;
    }

    /** Notices to the dispatchers of cases that became overdue since the last run (of any instance). */
    int overdue() {
        List<Notification> stored = store.claimOverdue(clock.instant(), BATCH, this::overdueNotices, texts::overdue);
        stored.forEach(this::send);
        return stored.size();
    }

    /** The key of the digest of one local day: a user gets one per day. */
    public static String digestKey(LocalDate day) {
        return "digest:" + day;
    }

    /** The key of one overdue transition of a case: its deadline tells a later transition apart. */
    public static String overdueKey(long caseId, Instant deadline) {
        return "overdue:" + caseId + ":" + deadline.toEpochMilli();
    }

    private List<Notice> overdueNotices(NotificationStore.OverdueCase c) {
        String where = c.community() + (c.grid() == null ? "" : " / " + c.grid());
        String title = "案件 #" + c.id() + " 已超期";
        String text = c.category() + " · " + where + " · 期限 " + LOCAL.format(c.deadline().atZone(zone));
        List<Notice> out = new ArrayList<>();
        for (String dispatcher : c.dispatchers()) {
            out.add(new Notice(dispatcher, NoticeKind.OVERDUE, overdueKey(c.id(), c.deadline()), title, text, c.id(),
                    List.of(c.id()), 1, 1));
        }
        return out;
    }

    /** The assigned cases (at most {@link #TEXT_LINES}), then the untriaged count and the oldest waiting. */
    private String digestText(CaseViews.Digest d) {
        StringBuilder b = new StringBuilder(assignedText(d.assigned()));
        if (d.untriaged() != null && d.untriaged() > 0) {
            b.append(b.isEmpty() ? "" : "\n").append("待受理 ").append(d.untriaged()).append(" 件，最早的：");
            for (CaseViews.Summary s : d.untriagedOldest()) {
                b.append("\n#").append(s.id()).append(' ').append(s.category().code()).append(" submitted · 提交于 ")
                        .append(LOCAL.format(s.submittedAt().atZone(zone)));
            }
        }
        return b.toString();
    }

    private String assignedText(List<CaseViews.Summary> all) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                b.append('\n');
            }
            if (i == TEXT_LINES) {
                b.append("… 另 ").append(all.size() - TEXT_LINES).append(" 件");
                break;
            }
            CaseViews.Summary s = all.get(i);
            b.append('#').append(s.id()).append(' ').append(s.category().code()).append(' ').append(s.status().code());
            if (s.deadline() != null) {
                b.append(" · 期限 ").append(LOCAL.format(s.deadline().atZone(zone)));
            }
            if (s.overdue()) {
                b.append(" · 已超期");
            }
        }
        return b.toString();
    }

    private Notification send(Notification n) {
        for (NoticeSender s : senders) {
            try {
                s.send(n);
            } catch (RuntimeException e) {
                LOG.warn("notification {} to {} not sent by {}: {}", n.id(), n.recipient(), s.getClass().getSimpleName(),
                        e.toString());
            }
        }
        return n;
    }
}
