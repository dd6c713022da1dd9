package org.communityhub.gateway.event;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What personal data looks like in device payloads, in one place: the validator refuses it and the
 * reject store masks it with the same patterns. Recognised: Chinese resident ID numbers (18 digits,
 * the last may be X, or the old 15 digits; with or without space/hyphen separators), mainland
 * mobile numbers (11 digits from 13–19, optionally +86, with or without separators), base64 images
 * with or without a {@code data:} prefix, and keys that name personal attributes (names, ID cards,
 * phones, faces, embeddings, photos…).
 *
 * <p>Cost: a few regex scans, linear in the text; a value with fewer than 11 digits is not scanned for
 * numbers and one shorter than 64 characters not for blobs (no pattern could match). Stateless and thread-safe.
 */
public final class SensitiveText {

    /** 18-digit ID (6-8-4 groups, any group boundary may carry one separator) or a bare 15-digit ID. */
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9A-Za-z])(?:\\d{6}[- ]?\\d{4}[- ]?\\d{2}[- ]?\\d{2}[- ]?\\d{3}[0-9Xx]|\\d{15})(?![0-9A-Za-z])");
    /** An 11-digit mainland mobile number, 3-4-4 with optional separators and country code. */
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9A-Za-z+])(?:\\+?86[- ]?)?1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4}(?![0-9A-Za-z])");
    /** A long unbroken base64 run with upper case, lower case and digits: a blob, not words. */
    private static final Pattern BASE64_BLOB = Pattern.compile("[A-Za-z0-9+/]{64,}={0,2}");
    private static final Pattern HAS_UPPER = Pattern.compile("[A-Z]");
    private static final Pattern HAS_LOWER = Pattern.compile("[a-z]");
    private static final Pattern HAS_DIGIT = Pattern.compile("\\d");

    /** Substrings that make a key personal, compared lower-case without '_', '-', ' ' or '.'. */
    private static final List<String> PERSONAL_KEY_PARTS = List.of("name", "idcard", "idno", "idnum", "identity",
            "passport", "phone", "mobile", "email", "address", "face", "embedding", "template", "feature", "photo",
            "image", "img", "picture", "snapshot", "biometric", "finger", "iris", "voice", "birth", "gender", "person",
            "resident", "visitor", "plate", "certificate");
    private static final List<String> PERSONAL_KEYS = List.of("tel", "dob", "id", "sfz", "xm", "sex", "age");

    private static final int MOBILE_DIGITS = 11;
    private static final int BLOB_LENGTH = 64;

    /** What {@link #mask} puts in place of an ID number. */
    public static final String MASKED_ID = "[masked-id]";
    /** What {@link #mask} puts in place of a phone number. */
    public static final String MASKED_PHONE = "[masked-phone]";

    private SensitiveText() {
    }

    /** Whether a {@code data} key names a personal attribute (a name, an ID, a face, a phone, …). */
    public static boolean isPersonalKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[-_ .]", "");
        return PERSONAL_KEYS.contains(k) || PERSONAL_KEY_PARTS.stream().anyMatch(k::contains);
    }

    /**
     * False only for a value that {@link #personalContent} would find nothing in, decided without a regex or an
     * allocation: shorter than a base64 image's start would need, or with too few digits for a number and too short
     * for a blob. The ingest path asks this for every string of every event's {@code data} (mostly short codes).
     */
    public static boolean mayCarryPersonalContent(String value) {
        if (value.length() < 4) {
            return false; // the shortest image start ("/9j/") and any number need more
        }
        return value.length() >= BLOB_LENGTH || startsLikeImage(value) || digits(value, MOBILE_DIGITS) >= MOBILE_DIGITS;
    }

    private static boolean startsLikeImage(String value) {
        return value.regionMatches(true, 0, "data:image", 0, 10) || value.startsWith("/9j/")
                || value.startsWith("iVBORw0KGgo") || value.startsWith("R0lGOD") || value.startsWith("UklGR");
    }

    /** What personal data a string value carries ("an ID number", "an image", …), if any. */
    public static Optional<String> personalContent(String value) {
        if (startsLikeImage(value)) {
            return Optional.of("an image");
        }
        // An ID number has at least 15 digits, a mobile number 11.
        if (digits(value, MOBILE_DIGITS) >= MOBILE_DIGITS) {
            if (ID_NUMBER.matcher(value).find()) {
                return Optional.of("an ID number");
            }
            if (MOBILE.matcher(value).find()) {
                return Optional.of("a phone number");
            }
        }
        if (value.length() < BLOB_LENGTH) {
            return Optional.empty();
        }
        Matcher blob = BASE64_BLOB.matcher(value);
        while (blob.find()) {
            String run = blob.group();
            if (HAS_UPPER.matcher(run).find() && HAS_LOWER.matcher(run).find() && HAS_DIGIT.matcher(run).find()) {
                return Optional.of("a base64 blob (an image or a template)");
            }
        }
        return Optional.empty();
    }

    /** The ASCII digits in {@code s}, counted up to {@code enough}. */
    private static int digits(String s, int enough) {
        int n = 0;
        for (int i = 0; i < s.length() && n < enough; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /** The text with ID numbers and mobile numbers replaced by {@link #MASKED_ID} / {@link #MASKED_PHONE}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = ID_NUMBER.matcher(text).replaceAll(Matcher.quoteReplacement(MASKED_ID));
        return MOBILE.matcher(masked).replaceAll(Matcher.quoteReplacement(MASKED_PHONE));
    }
}
