package org.communityhub.gateway.http.outbound;

import io.vertx.core.json.JsonObject;
import org.communityhub.gateway.responders.MarkdownText;
import org.communityhub.gateway.responders.Notice;
import org.communityhub.gateway.web.ApiJson;

/**
 * The message bodies per channel kind, from a {@link Notice}: the webhook's JSON ({@code kind}, {@code tier},
 * {@code alert} as {@code GET /api/v1/alerts/{id}} gives it, {@code link}, plus {@code title} and {@code text}),
 * DingTalk and WeCom markdown, Feishu text. Untrusted text is made inert with {@link MarkdownText}. Stateless.
 */
final class RobotMessages {

    private RobotMessages() {
    }

    static JsonObject webhook(Notice n) {
        JsonObject body = new JsonObject().put("kind", n.kind()).put("tier", n.tier());
        if (n.alert() != null) {
            body.put("alert", ApiJson.alert(n.alert()));
        }
        return body.put("link", n.link()).put("title", n.title()).put("text", String.join("\n", n.lines()));
    }

    static JsonObject dingtalk(Notice n) {
        return new JsonObject().put("msgtype", "markdown").put("markdown", new JsonObject()
                .put("title", MarkdownText.escape(n.title())).put("text", markdown(n)));
    }

    static JsonObject wecom(Notice n) {
        return new JsonObject().put("msgtype", "markdown").put("markdown", new JsonObject().put("content", markdown(n)));
    }

    /** Feishu text; the caller adds {@code timestamp} and {@code sign} when the channel has a secret. */
    static JsonObject feishu(Notice n) {
        StringBuilder text = new StringBuilder(MarkdownText.escape(n.title()));
        n.lines().forEach(l -> text.append('\n').append(MarkdownText.escape(l)));
        if (n.link() != null) {
            text.append('\n').append(n.link());
        }
        return new JsonObject().put("msg_type", "text").put("content", new JsonObject().put("text", text.toString()));
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
