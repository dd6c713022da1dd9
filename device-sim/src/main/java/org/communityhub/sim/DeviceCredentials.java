package org.communityhub.sim;

import java.util.Objects;

/**
 * One device's broker login and where it sits, as one line of the credentials file.
 *
 * @param code      device code; also the broker user name
 * @param password  broker password
 * @param community community code (topic segment)
 * @param type      device type (topic segment)
 * @param building  building code, or null
 * @param compound  compound code, or null
 */
public record DeviceCredentials(String code, String password, String community, DeviceType type,
                                String building, String compound) {

    public DeviceCredentials {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(community, "community");
        Objects.requireNonNull(type, "type");
    }

    /** {@code hub/v1/{community}/{type}/{code}/event}. */
    public String eventTopic() {
        return topic(community, type.wireName(), "event");
    }

    /** {@code hub/v1/{community}/{type}/{code}/status}. */
    public String statusTopic() {
        return topic(community, type.wireName(), "status");
    }

    /** The event topic of this device under another community and type segment. */
    public String eventTopicAs(String otherCommunity, String otherType) {
        return topic(otherCommunity, otherType, "event");
    }

    /** A readable place: building, else compound, else community. */
    public String place() {
        if (building != null) {
            return "building " + building;
        }
        return compound != null ? "compound " + compound : "community " + community;
    }

    /** The credentials without the password, for printing. */
    @Override
    public String toString() {
        return code + " (" + type.wireName() + ", community " + community + ")";
    }

    private String topic(String comm, String typeName, String channel) {
        return "hub/v1/" + comm + "/" + typeName + "/" + code + "/" + channel;
    }
}
