package org.communityhub.geo.demo;

/**
 * Facility categories of the import format (CONTRACT §3) that the demo generator places, with the
 * opening hours it gives them and whether they get a (fictional) phone number. Immutable.
 */
public enum FacilityCategory {
    KINDERGARTEN("kindergarten", "07:30-18:00", true),
    ELDERLY_CARE("elderly_care", "08:30-17:30", true),
    CLINIC("clinic", "08:00-21:00", true),
    VACCINATION("vaccination", "08:30-17:00", true),
    SERVICE_STATION("service_station", "09:00-18:00", true),
    PARCEL_LOCKER("parcel_locker", "00:00-24:00", false),
    EBIKE_CHARGING("ebike_charging", "00:00-24:00", false),
    AED("aed", null, false),
    FIRE_HYDRANT("fire_hydrant", null, false),
    EXTINGUISHER("extinguisher", null, false),
    EXIT("exit", null, false),
    GUARD_POST("guard_post", "00:00-24:00", true);

    private final String wireName;
    private final String openingHours;
    private final boolean staffed;

    FacilityCategory(String wireName, String openingHours, boolean staffed) {
        this.wireName = wireName;
        this.openingHours = openingHours;
        this.staffed = staffed;
    }

    /** The {@code category} value written to GeoJSON. */
    public String wireName() {
        return wireName;
    }

    /** Opening hours such as {@code 08:00-17:30}, or null when the facility has none. */
    String openingHours() {
        return openingHours;
    }

    /** Whether the facility has a phone line. */
    boolean staffed() {
        return staffed;
    }
}
