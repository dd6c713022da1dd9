package org.communityhub.gateway.responders;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SMS's template parameters from a {@link Notice}: SMS has no markdown, a length limit and approved templates, so a
 * message is three short Chinese-first fields for the template's {@code ${what}}, {@code ${where}} and
 * {@code ${when}} — what happened (火警（紧急）, 升级2级 on escalation), where (community, compound, building,
 * floor) and when (Beijing time, {@code MM-dd HH:mm}) — each at most {@value #MAX} characters (Alibaba Cloud's limit
 * for a variable), line breaks and 【】 (the signature's brackets) replaced. No personal data, no link (a template's
 * links must be approved with it). Stateless; thread-safe.
 */
public final class SmsText {

    /** Characters per template variable. */
    public static final int MAX = 35;
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(NoticeComposer.CHINA);

    private SmsText() {
    }

    /**
     * {@code what}, {@code where} and {@code when} of the notice.
     *
     * @param now the time of a notice that carries none (a test message, a case notice)
     */
    public static Map<String, String> params(Notice n, Instant now) {
        String what;
        String where;
        String when = WHEN.format(n.alert() != null ? n.alert().openedAt() : now);
        if (n.alert() != null) {
            what = (n.tier() > 1 ? "升级" + n.tier() + "级 " : "") + after(n.lines(), "事件：", n.title());
            where = after(n.lines(), "地点：", n.alert().community());
        } else if ("test".equals(n.kind())) {
            what = "通知渠道测试";
            where = n.lines().isEmpty() ? "" : after(n.lines(), "社区中枢通知渠道测试：", "");
        } else {
            what = n.title();
            where = n.lines().isEmpty() ? "" : n.lines().get(0);
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("what", clean(what));
        out.put("where", clean(where));
        out.put("when", when);
        return out;
    }

    private static String after(List<String> lines, String prefix, String otherwise) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElse(otherwise == null ? "" : otherwise);
    }

    /** One line, no brackets that pose as the signature, at most {@link #MAX} characters (code points). */
    static String clean(String s) {
        String one = s.replaceAll("[\\r\\n\\t\\p{Cc}]+", " ").replace('【', '[').replace('】', ']').strip();
        if (one.codePointCount(0, one.length()) <= MAX) {
            return one;
        }
        return one.substring(0, one.offsetByCodePoints(0, MAX - 1)) + "…";
    }
}
