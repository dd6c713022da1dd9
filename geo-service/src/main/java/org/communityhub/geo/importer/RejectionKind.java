package org.communityhub.geo.importer;

import java.util.Locale;

/** Why a feature was not loaded; {@link #code()} is the stable code shown in reports. */
public enum RejectionKind {
    /** The array element is not a GeoJSON Feature object with properties. */
    NOT_A_FEATURE,
    /** The {@code layer} property is missing or not one of the six layers. */
    UNKNOWN_LAYER,
    /** A property the layer requires is missing or empty. */
    MISSING_PROPERTY,
    /** The {@code code} does not match {@code [a-z0-9-]{1,64}}. */
    BAD_CODE,
    /** An earlier feature of the same file has the same layer and code. */
    DUPLICATE_CODE,
    /** A property has the wrong form: category, type, floor, floors, or both device parents disagreeing. */
    BAD_PROPERTY,
    /** Missing geometry or a geometry type the layer does not allow. */
    BAD_GEOMETRY_TYPE,
    /** A coordinate that is not a number or lies outside longitude ±180 / latitude ±90. */
    BAD_COORDINATES,
    /** Not a valid OGC geometry (self-intersection, unclosed or too short ring ...). */
    INVALID_GEOMETRY,
    /** The parent community, compound or building exists neither in the file nor in the database. */
    UNKNOWN_PARENT,
    /** A compound or building lies outside its parent by more than the tolerance. */
    OUTSIDE_PARENT,
    /** A grid overlaps another grid of the same community by more than the tolerance. */
    OVERLAPPING,
    /** The database refused the row for a reason the checks above did not foresee. */
    DATABASE_ERROR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
