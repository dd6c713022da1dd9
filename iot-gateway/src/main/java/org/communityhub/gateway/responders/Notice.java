package org.communityhub.gateway.responders;

import java.util.List;
import org.communityhub.gateway.alert.Alert;

/**
 * One message for a person, in a channel-neutral form: a title and a few lines of plain text (untrusted names
 * inside: every format escapes them), a link, and for an alert the alert itself (the webhook carries its JSON).
 * Short and Chinese-first; no personal data. Another source (a case notice) fits by leaving {@code alert} null
 * with its own {@code kind}. Immutable.
 *
 * @param kind  {@code alert} or {@code test}
 * @param tier  the escalation tier it goes out on (1–3; 0 for a test)
 * @param link  an absolute link to the object on the hub's page, or null
 * @param alert null unless {@code kind} is {@code alert}
 */
public record Notice(String kind, int tier, String title, List<String> lines, String link, Alert alert) {

    public Notice {
        lines = List.copyOf(lines);
    }

    /** The test message of a channel's test button. */
    public static Notice test(String channelName, String link) {
        return new Notice("test", 0, "测试消息 Test message", List.of("社区中枢通知渠道测试：" + channelName,
                "Community Hub channel test: no action needed."), link, null);
    }
}
