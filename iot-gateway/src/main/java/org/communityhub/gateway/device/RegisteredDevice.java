package org.communityhub.gateway.device;

import org.communityhub.contract.DeviceType;

/**
 * A device as registered by import or by an installer: where it is and what it is.
 *
 * @param building building code, or null for a device mounted on a compound (gates, cameras)
 * @param floor    floor number, or null when unknown
 * @param retired  taken out of service ({@code install_state = retired}): its events are rejected
 */
public record RegisteredDevice(String code, String name, DeviceType type, String community, String compound,
                               String building, Integer floor, double lon, double lat, boolean retired) {

    /** A device in service. */
    public RegisteredDevice(String code, String name, DeviceType type, String community, String compound,
                            String building, Integer floor, double lon, double lat) {
        this(code, name, type, community, compound, building, floor, lon, lat, false);
    }
}
