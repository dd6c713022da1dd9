package org.communityhub.contract;

import java.util.Set;

/**
 * One field of an event's {@code data} object and the values it accepts.
 *
 * @param allowed for {@link Kind#ENUM}: the accepted words
 * @param min     for numbers: the smallest accepted value
 * @param max     for numbers: the largest accepted value
 */
public record DataField(String name, Kind kind, boolean required, Set<String> allowed, double min, double max) {

    /** The JSON type and range a field must have. */
    public enum Kind { ENUM, TEXT, NUMBER, INTEGER }

    public static DataField oneOf(String name, boolean required, String... words) {
        return new DataField(name, Kind.ENUM, required, Set.of(words), 0, 0);
    }

    public static DataField text(String name, boolean required) {
        return new DataField(name, Kind.TEXT, required, Set.of(), 0, 0);
    }

    public static DataField number(String name, boolean required, double min, double max) {
        return new DataField(name, Kind.NUMBER, required, Set.of(), min, max);
    }

    public static DataField integer(String name, boolean required, double min, double max) {
        return new DataField(name, Kind.INTEGER, required, Set.of(), min, max);
    }
}
