package org.communityhub.gateway.device;

import java.time.Duration;
import java.util.List;

/** Port: the heartbeat timeout. Blocking; call off the event loop. */
public interface DeviceLiveness {

    /**
     * Marks online devices silent for longer than {@code timeout} offline and raises their
     * maintenance alerts, in one transaction.
     *
     * @return the codes of the devices that went offline now
     */
    List<String> sweepSilent(Duration timeout) throws Exception;
}
