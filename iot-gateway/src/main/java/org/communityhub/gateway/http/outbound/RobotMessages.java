package org.communityhub.gateway.http.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.communityhub.gateway.responders.MarkdownText;
import org.communityhub.gateway.responders.Notice;
import org.communityhub.gateway.web.ApiJson;

/**
 * The message bodies per channel kind, from a {@link Notice}: the webhook's JSON ({@code kind}, {@code tier},
 * {@code alert} as {@code GET /api/v1/alerts/{id}} gives it, {@code link}, plus {@code title} and {@code text}),
 * DingTalk and WeCom markdown, Feishu text. Untrusted text is made inert with {@link MarkdownText}. The people the
 * duty roster paged are named in a line of the text; their phone numbers are mentioned where a robot can do that by
 * number: DingTalk {@code at.atMobiles} (and {@code @number} in the text, which DingTalk requires), WeCom a text
 * message with {@code mentioned_mobile_list} (its markdown cannot mention by number); the webhook carries them in
 * {@code on_duty} ({@code [{"user","phone"}]}, e.g. for an SMS gateway). Stateless.
 */
final class RobotMessages {

    private RobotMessages() {
    }

    static JsonObject webhook(Notice n) {
        JsonObject body = new JsonObject().put("kind", n.kind()).put("tier", n.tier());
        if (n.alert() != null) {
            body.put("alert", ApiJson.alert(n.alert()));
        }
        body.put("link", n.link()).put("title", n.title()).put("text", String.join("\n", n.lines()));
        if (!n.onDuty().isEmpty()) {
            JsonArray people = new JsonArray();
            n.onDuty().forEach(p -> people.add(new JsonObject().put("user", p.username()).put("phone", p.phone())));
            body.put("on_duty", people);
        }
        return body;
    }

    static JsonObject dingtalk(Notice n) {
        String text = markdown(n);
        JsonObject body = new JsonObject().put("msgtype", "markdown");
        if (!n.phones().isEmpty()) {
            text += "\n\n" + String.join(" ", n.phones().stream().map(p -> "@" + p).toList());
            body.put("at", new JsonObject().put("atMobiles", new JsonArray(n.phones())).put("isAtAll", false));
        }
        return body.put("markdown", new JsonObject().put("title", MarkdownText.escape(n.title())).put("text", text));
    }

    static JsonObject wecom(Notice n) {
        if (!n.phones().isEmpty()) {
            return new JsonObject().put("msgtype", "text").put("text", new JsonObject().put("content", plain(n))
                    .put("mentioned_mobile_list", new JsonArray(n.phones())));
        }
        return new JsonObject().put("msgtype", "markdown").put("markdown", new JsonObject().put("content", markdown(n)));
    }

    /** Feishu text; the caller adds {@code timestamp} and {@code sign} when the channel has a secret. */
    static JsonObject feishu(Notice n) {
        return new JsonObject().put("msg_type", "text").put("content", new JsonObject().put("text", plain(n)));
    }

    /** Title, lines and link as plain text, untrusted text made inert. */
    private static String plain(Notice n) {
        StringBuilder text = new StringBuilder(MarkdownText.escape(n.title()));
        n.lines().forEach(l -> text.append('\n').append(MarkdownText.escape(l)));
        if (n.link() != null) {
            text.append('\n').append(n.link());
        }
        return text.toString();
    }

    static String markdown(Notice n) {
        StringBuilder md = new StringBuilder("### ").append(MarkdownText.escape(n.title())).append("\n\n");
        n.lines().forEach(l -> md.append(MarkdownText.escape(l)).append("\n\n"));
        if (n.link() != null) {
            md.append("[在地图上查看 View on the map](").append(n.link().replace(" ", "%20").replace(")", "%29"))
                    .append(')');
        }
        return md.toString();
    }
}
