package org.communityhub.gateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The brokers the gateway holds its sessions on ({@code HUB_MQTT_URL}, {@code HUB_MQTT_SHARDS}), and which of them
 * a community's devices use. Each {@link Broker} is one broker or one cluster: a list of server URIs that the MQTT
 * client tries in turn (Paho's {@code serverURIs}, failover), holding one session per lane. The first broker is
 * the default one ({@code HUB_MQTT_URL}): it serves every community that no shard names.
 *
 * <p>Grammar (whitespace around the parts is ignored):
 * <pre>
 *   HUB_MQTT_URL    = URI *( "," URI )                     one broker or one cluster
 *   HUB_MQTT_SHARDS = SHARD *( ";" SHARD )                 empty entries are skipped
 *   SHARD           = COMMUNITY *( "," COMMUNITY ) "=" URI *( "," URI )
 *   URI             = ("tcp" | "ssl") "://" host ":" port
 *   COMMUNITY       = [a-z0-9-]{1,64}                      a community code (CONTRACT §4)
 * </pre>
 * A shard whose URIs are exactly {@code HUB_MQTT_URL}'s is the default broker (its communities are only pinned to
 * it); a URI may belong to one broker only, and a community to one shard only. Immutable; thread-safe.
 *
 * @param brokers the default broker first, then each further shard in the order configured
 */
public record MqttBrokers(List<Broker> brokers) {

    private static final Pattern URI = Pattern.compile("(tcp|ssl)://[^/,;=\\s]+:\\d{1,5}");
    private static final Pattern COMMUNITY = Pattern.compile("[a-z0-9-]{1,64}");

    public MqttBrokers {
        brokers = List.copyOf(brokers);
    }

    /**
     * One broker or cluster.
     *
     * @param uris        its server URIs, tried in this order
     * @param communities the communities pinned to it (empty for the default broker unless a shard names it)
     * @param fallback    whether it is the default broker ({@code HUB_MQTT_URL}), which serves every other community
     */
    public record Broker(List<String> uris, Set<String> communities, boolean fallback) {
        public Broker {
            uris = List.copyOf(uris);
            communities = Set.copyOf(communities);
        }

        /** The URIs as configured, comma-separated (for logs and messages). */
        public String label() {
            return String.join(",", uris);
        }
    }

    /** The default broker. */
    public Broker fallback() {
        return brokers.get(0);
    }

    /** The broker of {@code community}'s devices: the shard that names it, else the default broker. */
    public Broker of(String community) {
        for (Broker b : brokers) {
            if (b.communities().contains(community)) {
                return b;
            }
        }
        return fallback();
    }

    /**
     * Parses the two variables; each problem is added to {@code problems} naming its variable, and the result is then
     * null. {@code url} null (unset) is reported by the caller.
     */
    static MqttBrokers parse(String url, String shards, List<String> problems) {
        if (url == null) {
            return null;
        }
        int before = problems.size();
        List<String> fallbackUris = uris("HUB_MQTT_URL", url, problems);
        Map<Set<String>, Set<String>> byUris = new LinkedHashMap<>();
        byUris.put(new LinkedHashSet<>(fallbackUris), new LinkedHashSet<>());
        Map<Set<String>, List<String>> ordered = new LinkedHashMap<>();
        ordered.put(new LinkedHashSet<>(fallbackUris), fallbackUris);
        Set<String> seenCommunities = new HashSet<>();
        for (String entry : shards == null ? new String[0] : shards.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                problems.add("HUB_MQTT_SHARDS: bad entry '" + entry.strip() + "' (want communities=URIs, e.g."
                        + " fubao,yiyuan=tcp://10.0.0.5:1883;lianhua=tcp://10.0.0.6:1883)");
                continue;
            }
            List<String> uris = uris("HUB_MQTT_SHARDS", kv[1], problems);
            Set<String> key = new LinkedHashSet<>(uris);
            Set<String> communities = byUris.computeIfAbsent(key, k -> new LinkedHashSet<>());
            ordered.putIfAbsent(key, uris);
            for (String c : kv[0].split(",")) {
                String code = c.strip();
                if (!COMMUNITY.matcher(code).matches()) {
                    problems.add("HUB_MQTT_SHARDS: '" + code + "' is not a community code ([a-z0-9-]{1,64})");
                } else if (!seenCommunities.add(code)) {
                    problems.add("HUB_MQTT_SHARDS: community '" + code + "' is named twice (a community has one broker)");
                } else {
                    communities.add(code);
                }
            }
        }
        Set<String> seenUris = new HashSet<>();
        for (Set<String> key : byUris.keySet()) {
            for (String u : key) {
                if (!seenUris.add(u)) {
                    problems.add("HUB_MQTT_SHARDS: " + u + " belongs to two different brokers (HUB_MQTT_URL and the shards"
                            + " must name each broker with the same URI list, or distinct URIs)");
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        List<Broker> brokers = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<Set<String>, Set<String>> e : byUris.entrySet()) {
            brokers.add(new Broker(ordered.get(e.getKey()), e.getValue(), first));
            first = false;
        }
        return new MqttBrokers(brokers);
    }

    private static List<String> uris(String variable, String list, List<String> problems) {
        List<String> out = new ArrayList<>();
        for (String u : list.split(",")) {
            String uri = u.strip();
            if (!URI.matcher(uri).matches()) {
                problems.add(variable + " must look like tcp://host:port or ssl://host:port (the brokers of one cluster"
                        + " comma-separated), not '" + uri + "'");
            } else if (out.contains(uri)) {
                problems.add(variable + ": " + uri + " is listed twice");
            } else {
                out.add(uri);
            }
        }
        return out;
    }

    /** The device-facing URL of {@code community}: its shard's first URI, or {@code defaultUrl} on the default broker. */
    public String deviceUrl(String community, String defaultUrl) {
        Broker b = of(community);
        return b.fallback() ? defaultUrl : b.uris().get(0);
    }
}
