package org.communityhub.gateway.cases;

import java.util.regex.Pattern;

/**
 * The checks of a case's typed inputs: free text (a description, a comment) and a call-back number, each refused
 * with {@link CaseRuleException#invalid} naming its field. Stateless; thread-safe.
 */
final class CaseTexts {

    /** The most characters (code points) of a description, note or comment. */
    static final int MAX_TEXT = 1000;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{4,22}");

    private CaseTexts() {
    }

    /** The stripped text, null when blank and not required. */
    static String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw CaseRuleException.invalid(field, "required (1–" + MAX_TEXT + " characters)");
            }
            return null;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > MAX_TEXT) {
            throw CaseRuleException.invalid(field, "at most " + MAX_TEXT + " characters");
        }
        return v;
    }

    static String contact(String contact) {
        if (contact == null || contact.isBlank()) {
            return null;
        }
        String v = contact.strip();
        if (!PHONE.matcher(v).matches()) {
            throw CaseRuleException.invalid("contact", "must be a phone number");
        }
        return v;
    }
}
