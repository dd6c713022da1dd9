package org.communityhub.gateway.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: what staff and installers read about devices. Blocking; call off the event loop. */
public interface DeviceQueries {

    /** Devices of a community (null: all) with status. */
    List<DeviceView> devices(String community);

    Optional<DeviceView> device(String code);

    /** A device's events in [from, to), newest first. */
    List<StoredEvent> events(String code, Instant from, Instant to, int limit);

    /** Rejected messages, newest first, optionally of one device and/or community. */
    List<StoredRejection> rejects(String device, String community, int limit);

    /** Senders seen on the broker but not registered, optionally only those using a community's topics. */
    List<UnregisteredDevice> unregistered(String community);

    /** The community of a building or compound (whichever is given), if it exists. */
    Optional<String> communityOf(String building, String compound);

    /** Puts a device in test mode until {@code until}, or ends it (null); false if no such device. */
    boolean setTestMode(String code, Instant until);

    /** Sets a device's install state (registered, installed, tested, retired); false if no such device. */
    boolean setInstallState(String code, String state);
}
