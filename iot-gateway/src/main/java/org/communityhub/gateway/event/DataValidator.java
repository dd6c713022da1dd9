package org.communityhub.gateway.event;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.communityhub.contract.DataField;
import org.communityhub.contract.EventType;
import org.communityhub.contract.RejectReason;

/**
 * Checks an event's {@code data} object against its type's {@link DataField}s, and keeps personal
 * data out. {@code data} may carry only its type's fields (CONTRACT §4's table): any other key is
 * refused, as {@link RejectReason#PERSONAL_DATA} when it names a personal attribute ({@code name},
 * {@code id_card}, {@code faceTemplate}, {@code embedding}…) and {@link RejectReason#UNKNOWN_FIELD}
 * otherwise. No string anywhere may carry an image (with or without a {@code data:} prefix), an ID
 * number or a phone number (see {@link SensitiveText}), and a gate's {@code person} must be an opaque
 * pseudonymous reference. {@code person} exists only on {@code access.granted}, so no alarm-class
 * event (kept a year) ever holds one. Stateless and thread-safe.
 */
final class DataValidator {

    /** A data problem: the reject reason and a sentence for operators. */
    record Problem(RejectReason reason, String detail) {
    }

    private static final Set<String> IMAGE_FIELDS = Set.of("image", "images", "photo", "picture", "face",
            "face_image", "faceimage", "snapshot", "template", "face_template", "feature", "features", "img");

    Optional<Problem> check(EventType type, Map<String, Object> data) {
        Optional<Problem> personal = personalData("data", data, true);
        if (personal.isPresent()) {
            return personal;
        }
        Optional<Problem> unknown = unknownKey(type, data);
        if (unknown.isPresent()) {
            return unknown;
        }
        List<DataField> fields = type.fields();
        for (int i = 0; i < fields.size(); i++) { // indexed: no iterator per event
            DataField field = fields.get(i);
            Object value = data.get(field.name());
            if (value == null) {
                if (field.required()) {
                    return problem(RejectReason.MISSING_FIELD, "field 'data." + field.name() + "' is missing for "
                            + type.code());
                }
                continue;
            }
            Optional<Problem> p = checkValue(field, value);
            if (p.isPresent()) {
                return p;
            }
        }
        Object person = data.get("person");
        if (person instanceof String ref && !isOpaqueRef(ref)) {
            return problem(RejectReason.PERSONAL_DATA,
                    "field 'data.person' must be an opaque pseudonymous id ([A-Za-z0-9_-], no names or ID numbers)");
        }
        return Optional.empty();
    }

    /** The first key of {@code data} that is not one of the type's fields. */
    private static Optional<Problem> unknownKey(EventType type, Map<String, Object> data) {
        for (String key : data.keySet()) {
            if (isField(type, key)) {
                continue;
            }
            if (SensitiveText.isPersonalKey(key)) {
                return problem(RejectReason.PERSONAL_DATA, "field '" + SensitiveText.mask("data." + key)
                        + "' looks like personal data and is not part of " + type.code() + "; the hub never stores it");
            }
            return problem(RejectReason.UNKNOWN_FIELD, "field '" + SensitiveText.mask("data." + key)
                    + "' is not part of " + type.code() + " (allowed: "
                    + type.fields().stream().map(DataField::name).toList() + ")");
        }
        return Optional.empty();
    }

    /** Whether {@code key} is one of the type's fields (a loop over at most a handful: no stream or iterator per key). */
    private static boolean isField(EventType type, String key) {
        List<DataField> fields = type.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code ref} matches {@code [A-Za-z0-9_-]{1,64}}, by a loop over its characters: the regular
     * expression's matcher (and its group arrays) for every gate event was about 1.5 % of the ingest workers'
     * allocation at 10,000 events/s (JFR, 2026-12-05).
     */
    static boolean isOpaqueRef(String ref) {
        int n = ref.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = ref.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks nested objects and arrays: an image, an ID number or a phone number anywhere in {@code data}
     * is refused, and so is a nested key naming a personal attribute (top-level keys are judged against
     * the type's fields by {@link #unknownKey}).
     */
    private static Optional<Problem> personalData(String path, Object value, boolean top) {
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                // The key as shown in a problem (masked) is made only for a problem.
                if (IMAGE_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                    return problem(RejectReason.PERSONAL_DATA, "field '" + SensitiveText.mask(path + "." + name)
                            + "' looks like an image or face template; the hub never stores those");
                }
                if (!top && SensitiveText.isPersonalKey(name)) {
                    return problem(RejectReason.PERSONAL_DATA, "field '" + SensitiveText.mask(path + "." + name)
                            + "' looks like personal data");
                }
                Object v = e.getValue();
                if (needsWalk(v)) { // the path of a scalar is made only for a problem
                    Optional<Problem> p = personalData(path + "." + name, v, false);
                    if (p.isPresent()) {
                        return p;
                    }
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object v = list.get(i);
                if (needsWalk(v)) {
                    Optional<Problem> p = personalData(path + "[" + i + "]", v, false);
                    if (p.isPresent()) {
                        return p;
                    }
                }
            }
        } else if (value instanceof String s) {
            Optional<String> what = SensitiveText.personalContent(s);
            if (what.isPresent()) {
                return problem(RejectReason.PERSONAL_DATA, "field '" + SensitiveText.mask(path) + "' carries "
                        + what.get());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@link #personalData} has anything to look at in {@code v}: containers, and strings that could carry
     * personal content ({@link SensitiveText#personalContent} says no for the rest without a regex).
     */
    private static boolean needsWalk(Object v) {
        return v instanceof Map<?, ?> || v instanceof List<?>
                || v instanceof String s && SensitiveText.mayCarryPersonalContent(s);
    }

    private static Optional<Problem> checkValue(DataField field, Object value) {
        switch (field.kind()) {
            case ENUM:
                if (!(value instanceof String s) || !field.allowed().contains(s)) {
                    return problem(RejectReason.INVALID_FIELD, name(field) + " must be one of " + field.allowed());
                }
                return Optional.empty();
            case TEXT:
                if (!(value instanceof String s) || s.length() > 256) {
                    return problem(RejectReason.INVALID_FIELD,
                            name(field) + " must be a string of at most 256 characters");
                }
                return Optional.empty();
            case INTEGER:
                if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    return problem(RejectReason.INVALID_FIELD, name(field) + " must be an integer");
                }
                return inRange(field, n.doubleValue());
            case NUMBER:
                if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    return problem(RejectReason.INVALID_FIELD, name(field) + " must be a number");
                }
                return inRange(field, n.doubleValue());
            default:
                throw new IllegalStateException("unknown field kind " + field.kind());
        }
    }

    /** The field as named in a problem (made only for a problem). */
    private static String name(DataField field) {
        return "field 'data." + field.name() + "'";
    }

    private static Optional<Problem> inRange(DataField field, double v) {
        if (v < field.min() || v > field.max()) {
            return problem(RejectReason.INVALID_FIELD, name(field) + " must be between " + fmt(field.min()) + " and "
                    + fmt(field.max()));
        }
        return Optional.empty();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static Optional<Problem> problem(RejectReason reason, String detail) {
        return Optional.of(new Problem(reason, detail));
    }
}
