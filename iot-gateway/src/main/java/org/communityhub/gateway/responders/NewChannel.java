package org.communityhub.gateway.responders;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.communityhub.gateway.alert.Severity;

/**
 * A channel to create, validated: each problem is an {@link IllegalArgumentException} whose message starts with
 * the field's name. A secret is optional for every kind (CONTRACT §8); a {@code wecom} channel's is kept (sealed) but
 * never used, its robot having no signing scheme (the key in its URL is the credential); an {@code sms} channel's URL
 * must hold its {@link SmsSettings} and its secret (the AccessKey secret) is required. {@link #toString()} never
 * shows the secret.
 *
 * @param secret null or the signing secret (webhook HMAC key, DingTalk/Feishu robot secret, SMS AccessKey secret;
 *               stored but unused for WeCom)
 * @param community null: every community
 * @param topics    {@code alerts} (alerts at its tier and severity) and/or {@code cases} (overdue notices and the daily
 *                  digest of the cases of its community); null: {@code alerts} only, as before topics existed
 */
public record NewChannel(String name, ChannelKind kind, String url, String secret, String community,
                         Severity minSeverity, int tier, List<String> topics) {

    public static final List<String> TOPICS = List.of("alerts", "cases");

    /** A channel for alerts only. */
    public NewChannel(String name, ChannelKind kind, String url, String secret, String community, Severity minSeverity,
                      int tier) {
        this(name, kind, url, secret, community, minSeverity, tier, null);
    }

    public static final int MAX_NAME = 100;
    public static final int MAX_URL = 2000;
    public static final int MAX_SECRET = 500;

    public NewChannel {
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name: 1–" + MAX_NAME + " characters");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind: must be " + ChannelKind.CODES);
        }
        url = checkUrl(url);
        if (secret != null && secret.isEmpty()) {
            secret = null;
        }
        if (secret != null && secret.length() > MAX_SECRET) {
            throw new IllegalArgumentException("secret: at most " + MAX_SECRET + " characters");
        }
        if (kind == ChannelKind.SMS) {
            SmsSettings.parse(url);
            if (secret == null) {
                throw new IllegalArgumentException("secret: an sms channel needs its AccessKey secret");
            }
        }
        if (community != null && !community.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("community: must be a community code");
        }
        if (minSeverity == null) {
            minSeverity = Severity.LOW;
        }
        if (tier < 1 || tier > 3) {
            throw new IllegalArgumentException("tier: must be 1, 2 or 3");
        }
        List<String> given = topics == null ? List.of("alerts") : topics;
        if (given.isEmpty() || !TOPICS.containsAll(given) || new java.util.HashSet<>(given).size() != given.size()) {
            throw new IllegalArgumentException("topics: must be a non-empty list of \"alerts\" and \"cases\"");
        }
        topics = TOPICS.stream().filter(given::contains).toList();
    }

    private static String checkUrl(String url) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty() || u.length() > MAX_URL) {
            throw new IllegalArgumentException("url: an http:// or https:// URL of at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(u);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("url: must be an absolute http:// or https:// URL with a host");
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("url: no user:password@ in the URL (use the secret)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: not a valid URL");
        }
        return u;
    }

    @Override
    public String toString() {
        return "NewChannel[" + name + ", " + kind + ", secret=" + (secret == null ? "none" : "******") + ", community="
                + community + ", minSeverity=" + minSeverity + ", tier=" + tier + ", topics=" + topics + "]";
    }
}
