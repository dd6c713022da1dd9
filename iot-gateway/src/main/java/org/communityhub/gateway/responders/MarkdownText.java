package org.communityhub.gateway.responders;

/**
 * Makes untrusted text (device, building, community names) inert inside the robots' markdown and text
 * messages: every character that could start a link, an image, emphasis, a heading, a table, a mention
 * ({@code @…}, {@code <@…>}, {@code <at …>}) or an HTML tag becomes its full-width twin, and line breaks
 * become spaces, so a name reads the same to a person and cannot change the message around it.
 * Full-width forms rather than backslashes, because WeCom's markdown does not honour backslash escapes.
 * Cost: one pass over the text. Stateless; thread-safe.
 */
public final class MarkdownText {

    private static final String PLAIN = "[]()<>*_`#@!|~\\{}+-=$&\"'";

    private MarkdownText() {
    }

    public static String escape(String untrusted) {
        if (untrusted == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(untrusted.length());
        for (int i = 0; i < untrusted.length(); i++) {
            char c = untrusted.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (PLAIN.indexOf(c) >= 0) {
                out.append((char) (c - 0x21 + 0xFF01));
            } else if (Character.isISOControl(c)) {
                continue;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
