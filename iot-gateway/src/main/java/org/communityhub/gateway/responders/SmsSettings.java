package org.communityhub.gateway.responders;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An {@code sms} channel's non-secret settings, read from its URL: the provider's endpoint (scheme, host, port, path)
 * and the query parameters {@code AccessKeyId}, {@code SignName} (the approved signature, 【…】 in the text),
 * {@code TemplateCode} (the approved template, {@code SMS_…}) and {@code PhoneNumbers} (comma-separated), e.g.
 * {@code https://dysmsapi.aliyuncs.com/?AccessKeyId=LTAI…&SignName=社区中枢&TemplateCode=SMS_123&PhoneNumbers=13800138000}
 * (a {@code +} in the query is a plus, not a space). Numbers are kept in Alibaba Cloud's form ({@link #normalise}).
 * Each problem is an {@link IllegalArgumentException} "url: &lt;parameter&gt; …" (a 400 naming {@code url} and the
 * parameter). Immutable.
 *
 * @param endpoint the URL without its query
 * @param phones   the numbers every message of the channel goes to (the paged staff's are added per message)
 */
public record SmsSettings(String endpoint, String accessKeyId, String signName, String templateCode,
                          List<String> phones) {

    /** Alibaba Cloud's limit of numbers per SendSms call. */
    public static final int MAX_PHONES = 1000;
    static final Set<String> PARAMETERS = Set.of("AccessKeyId", "SignName", "TemplateCode", "PhoneNumbers");
    /** A mainland mobile number (11 digits from 1), optionally with +86/0086, or an international one (+ or 00). */
    static final Pattern PHONE = Pattern.compile("(?:(?:\\+|00)?86)?1\\d{10}|(?:\\+|00)\\d{7,15}");
    private static final Pattern MAINLAND = Pattern.compile("(?:(?:\\+|00)?86)?(1\\d{10})");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]{8,64}");
    private static final Pattern TEMPLATE = Pattern.compile("SMS_\\d{1,20}");

    public SmsSettings {
        phones = List.copyOf(phones);
    }

    /** Reads and checks the settings in an {@code sms} channel's URL. */
    public static SmsSettings parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("url: not a valid URL");
        }
        Map<String, String> q = query(u.getRawQuery());
        String keyId = required(q, "AccessKeyId");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("url: AccessKeyId must be 8–64 letters and digits (the AccessKey ID; its "
                    + "secret goes in the channel's secret)");
        }
        String sign = required(q, "SignName");
        if (sign.length() > 20 || sign.chars().anyMatch(c -> Character.isISOControl(c) || "【】[]".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("url: SignName must be the approved signature's name, 1–20 characters, "
                    + "without 【】");
        }
        String template = required(q, "TemplateCode");
        if (!TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("url: TemplateCode must be an approved template's code, SMS_ and digits");
        }
        List<String> phones = new ArrayList<>();
        for (String p : required(q, "PhoneNumbers").split(",")) {
            String n = normalise(p);
            if (n == null) {
                throw new IllegalArgumentException("url: PhoneNumbers must be mobile numbers separated by commas "
                        + "(13800138000, or +/00 and the country code); '" + shorten(p.strip()) + "' is not one");
            }
            if (!phones.contains(n)) {
                phones.add(n);
            }
        }
        if (phones.size() > MAX_PHONES) {
            throw new IllegalArgumentException("url: PhoneNumbers takes at most " + MAX_PHONES + " numbers");
        }
        String raw = u.toString();
        int mark = raw.indexOf('?');
        return new SmsSettings(mark < 0 ? raw : raw.substring(0, mark), keyId, sign, template, phones);
    }

    /**
     * The channel's numbers followed by {@code more} (the paged staff's) that are valid and not already there, at most
     * {@link #MAX_PHONES}.
     */
    public List<String> recipients(List<String> more) {
        List<String> out = new ArrayList<>(phones);
        for (String p : more) {
            String n = normalise(p);
            if (out.size() < MAX_PHONES && n != null && !out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * A number in the form Alibaba Cloud's {@code PhoneNumbers} documents, or null when it is not a mobile number
     * {@link #PHONE} accepts (spaces and dashes ignored): a mainland number as its 11 digits from 1, without
     * {@code +86}/{@code 0086}/{@code 86}; any other as the country code and number in digits, without {@code +} or
     * {@code 00} ({@code +852 6123 4567} → {@code 85261234567}).
     */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String n = raw.replaceAll("[\\s-]", "");
        if (!PHONE.matcher(n).matches()) {
            return null;
        }
        java.util.regex.Matcher m = MAINLAND.matcher(n);
        if (m.matches()) {
            return m.group(1);
        }
        return n.startsWith("+") ? n.substring(1) : n.substring(2);
    }

    /** A number for logs: its first three and last two digits ({@code 138******00}), never the whole number. */
    public static String mask(String phone) {
        if (phone == null || phone.length() < 7) {
            return "****";
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.replace("+", "%2B").split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("url: unknown parameter '" + shorten(name) + "' (an sms URL takes "
                        + "AccessKeyId, SignName, TemplateCode and PhoneNumbers)");
            }
            if (out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                throw new IllegalArgumentException("url: " + name + " is given twice");
            }
        }
        return out;
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.getOrDefault(name, "").strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("url: " + name + " is missing (an sms URL takes AccessKeyId, SignName, "
                    + "TemplateCode and PhoneNumbers as query parameters)");
        }
        return v;
    }

    private static String shorten(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }

    @Override
    public String toString() {
        return "SmsSettings[" + endpoint + ", " + templateCode + ", " + phones.size() + " numbers]";
    }
}
