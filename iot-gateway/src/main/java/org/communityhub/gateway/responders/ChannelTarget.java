package org.communityhub.gateway.responders;

/**
 * A channel with its decrypted URL and secret, for the sender only. {@link #toString()} shows neither.
 *
 * @param url    the full URL, credentials in its query included
 * @param secret null when the channel has none
 */
public record ChannelTarget(Channel channel, String url, String secret) {

    public boolean hasSecret() {
        return secret != null && !secret.isEmpty();
    }

    public ChannelKind kind() {
        return channel.kind();
    }

    @Override
    public String toString() {
        return "ChannelTarget[" + channel.id() + " " + channel.kind().code() + " " + channel.url() + ", secret="
                + (hasSecret() ? "******" : "none") + "]";
    }
}
