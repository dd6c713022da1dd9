package org.communityhub.gateway.alert;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A filter over alerts, newest first ({@code opened_at}, then id). Null fields do not filter.
 *
 * @param community the caller's scope (null: every community, for admins) intersected with the request
 * @param from      opened at or after this instant
 * @param to        opened before this instant
 * @param before    keyset paging: only alerts that sort after this position (the last one of the previous page)
 */
public record AlertQuery(AlertStatus status, Severity severity, String community, AlertKind kind, Outcome outcome,
                         String building, Instant from, Instant to, Cursor before, int limit) {

    /** The filter of status, severity and community only. */
    public AlertQuery(AlertStatus status, Severity severity, String community, int limit) {
        this(status, severity, community, null, null, null, null, null, null, limit);
    }

    /**
     * A position in the newest-first order: an alert's opening time and id. Its text form is
     * {@code <epoch microseconds>_<id>} (opaque to clients: they pass back the {@code next} of a page).
     */
    public record Cursor(Instant openedAt, long id) {

        private static final Pattern TEXT = Pattern.compile("([0-9]{1,18})_([0-9]{1,18})");

        /** The cursor of a text form, or empty when it is not one. */
        public static Optional<Cursor> parse(String text) {
            Matcher m = text == null ? null : TEXT.matcher(text);
            if (m == null || !m.matches()) {
                return Optional.empty();
            }
            long micros = Long.parseLong(m.group(1));
            return Optional.of(new Cursor(Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000),
                    Long.parseLong(m.group(2))));
        }

        /** The cursor just past {@code alert}. */
        public static Cursor after(Alert alert) {
            return new Cursor(alert.openedAt(), alert.id());
        }

        /** The text form (microsecond precision, as the database keeps time). */
        public String text() {
            long micros = openedAt.getEpochSecond() * 1_000_000 + openedAt.getNano() / 1000;
            return micros + "_" + id;
        }
    }
}
