package org.communityhub.sim;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations such as {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}, {@code 45} (seconds)
 * or ISO-8601 {@code PT10M}. Stateless; thread-safe.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** The duration, or a {@link TypeConversionException} saying what is accepted. */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return positive(value, Duration.parse(v.toUpperCase(java.util.Locale.ROOT)));
            }
            if (v.matches("\\d+(\\.\\d+)?")) {
                return positive(value, Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)));
            }
            Matcher m = PART.matcher(v);
            int at = 0;
            double millis = 0;
            while (m.find() && m.start() == at) {
                double n = Double.parseDouble(m.group(1));
                millis += n * switch (m.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1000;
                    case "m" -> 60_000;
                    case "h" -> 3_600_000;
                    default -> 86_400_000;
                };
                at = m.end();
            }
            if (at == 0 || at != v.length()) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 10m, 1h30m, PT5M)");
            }
            return positive(value, Duration.ofMillis(Math.round(millis)));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 10m, 1h30m, PT5M)");
        }
    }

    private static Duration positive(String value, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("'" + value + "' must be a positive duration");
        }
        return d;
    }
}
