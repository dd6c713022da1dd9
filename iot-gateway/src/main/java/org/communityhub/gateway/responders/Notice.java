package org.communityhub.gateway.responders;

import java.util.List;
import org.communityhub.gateway.alert.Alert;

/**
 * One message for a person, in a channel-neutral form: a title and a few lines of plain text (untrusted names
 * inside: every format escapes them), a link, and for an alert the alert itself (the webhook carries its JSON).
 * Short and Chinese-first; no personal data. Another source (a case notice) fits by leaving {@code alert} null
 * with its own {@code kind} ({@code case_overdue}, {@code case_digest}). Immutable.
 *
 * @param kind   {@code alert}, {@code test}, {@code case_overdue} or {@code case_digest}
 * @param tier  the escalation tier it goes out on (1–3; 0 for a test)
 * @param link  an absolute link to the object on the hub's page, or null
 * @param alert  null unless {@code kind} is {@code alert}
 * @param onDuty the people paged with it (the duty roster's, at its tier): robots mention their phone numbers
 */
public record Notice(String kind, int tier, String title, List<String> lines, String link, Alert alert,
                     List<OnDuty> onDuty) {

    public Notice {
        lines = List.copyOf(lines);
        onDuty = List.copyOf(onDuty);
    }

    /** A notice that pages nobody in particular. */
    public Notice(String kind, int tier, String title, List<String> lines, String link, Alert alert) {
        this(kind, tier, title, lines, link, alert, List.of());
    }

    /** This notice paging {@code people}, named in one more line ("值班：…"). */
    public Notice paging(List<OnDuty> people) {
        if (people.isEmpty()) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(lines);
        more.add("值班（" + tier + "级）：" + String.join("、", people.stream().map(OnDuty::username).toList()));
        return new Notice(kind, tier, title, more, link, alert, people);
    }

    /** The phone numbers of the people paged that have one. */
    public List<String> phones() {
        return onDuty.stream().map(OnDuty::phone).filter(p -> p != null && !p.isEmpty()).toList();
    }

    /** The test message of a channel's test button. */
    public static Notice test(String channelName, String link) {
        return new Notice("test", 0, "测试消息 Test message", List.of("社区中枢通知渠道测试：" + channelName,
                "Community Hub channel test: no action needed."), link, null);
    }
}
