package org.communityhub.gateway.event;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an event's {@code data} object against its type's {@link DataField}s, and keeps personal
 * data out: no image or face-template fields, and a gate's {@code person} must be an opaque
 * pseudonymous reference, never a name or an ID-card number. Stateless and thread-safe.
 */
final class DataValidator {

    /** A data problem: the reject reason and a sentence for operators. */
    record Problem(RejectReason reason, String detail) {
    }

    private static final Set<String> IMAGE_FIELDS = Set.of("image", "images", "photo", "picture", "face",
            "face_image", "faceimage", "snapshot", "template", "face_template", "feature", "features", "img");
    private static final Pattern OPAQUE_REF = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ID_CARD = Pattern.compile("\\d{17}[\\dXx]|\\d{15}");

    Optional<Problem> check(EventType type, Map<String, Object> data) {
        Optional<Problem> personal = personalData("data", data);
        if (personal.isPresent()) {
            return personal;
        }
        for (DataField field : type.fields()) {
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
        if (person instanceof String ref && (!OPAQUE_REF.matcher(ref).matches() || ID_CARD.matcher(ref).matches())) {
            return problem(RejectReason.PERSONAL_DATA,
                    "field 'data.person' must be an opaque pseudonymous id ([A-Za-z0-9_-], no names or ID numbers)");
        }
        return Optional.empty();
    }

    /** Walks nested objects and arrays: an image anywhere in {@code data} is refused. */
    private static Optional<Problem> personalData(String path, Object value) {
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = path + "." + e.getKey();
                if (IMAGE_FIELDS.contains(String.valueOf(e.getKey()).toLowerCase(Locale.ROOT))) {
                    return problem(RejectReason.PERSONAL_DATA, "field '" + key
                            + "' looks like an image or face template; the hub never stores those");
                }
                Optional<Problem> p = personalData(key, e.getValue());
                if (p.isPresent()) {
                    return p;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<Problem> p = personalData(path + "[" + i + "]", list.get(i));
                if (p.isPresent()) {
                    return p;
                }
            }
        } else if (value instanceof String s && s.regionMatches(true, 0, "data:image", 0, 10)) {
            return problem(RejectReason.PERSONAL_DATA, "field '" + path + "' carries an image");
        }
        return Optional.empty();
    }

    private static Optional<Problem> checkValue(DataField field, Object value) {
        String name = "field 'data." + field.name() + "'";
        switch (field.kind()) {
            case ENUM:
                if (!(value instanceof String s) || !field.allowed().contains(s)) {
                    return problem(RejectReason.INVALID_FIELD, name + " must be one of " + field.allowed());
                }
                return Optional.empty();
            case TEXT:
                if (!(value instanceof String s) || s.length() > 256) {
                    return problem(RejectReason.INVALID_FIELD, name + " must be a string of at most 256 characters");
                }
                return Optional.empty();
            case INTEGER:
                if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    return problem(RejectReason.INVALID_FIELD, name + " must be an integer");
                }
                return inRange(field, n.doubleValue(), name);
            case NUMBER:
                if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    return problem(RejectReason.INVALID_FIELD, name + " must be a number");
                }
                return inRange(field, n.doubleValue(), name);
            default:
                throw new IllegalStateException("unknown field kind " + field.kind());
        }
    }

    private static Optional<Problem> inRange(DataField field, double v, String name) {
        if (v < field.min() || v > field.max()) {
            return problem(RejectReason.INVALID_FIELD, name + " must be between " + fmt(field.min()) + " and "
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
