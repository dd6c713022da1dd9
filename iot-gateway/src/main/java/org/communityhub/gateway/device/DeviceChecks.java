package org.communityhub.gateway.device;

import java.util.List;
import java.util.Optional;

/**
 * Port: the installer's acceptance check of one device (CONTRACT §9). A check passes when, within
 * {@link #WINDOW_SECONDS} of its start, the device shows {@code online} and an event of its own whose id starts with
 * {@code check-} is stored; it fails with the reject's reason code when such an event is rejected (even if another
 * one was stored), else with
 * {@code not_stored} or {@code not_online} when the time is up. A PASS sets the device's {@code install_state} to
 * {@code tested} and records who started the check. Blocking (a few statements a call); thread-safe.
 */
public interface DeviceChecks {

    /** How long a check waits for the device. */
    int WINDOW_SECONDS = 60;

    /**
     * A check's state.
     *
     * @param result   {@code waiting}, {@code pass} or {@code fail}
     * @param cause    why it failed (a reject reason code, {@code not_stored}, {@code not_online}), else null
     * @param steps    what the hub saw, in order, for the installer
     * @param testedBy who started the check (the device's tester once it passed)
     */
    record Check(String result, String cause, List<String> steps, String testedBy) {
        public Check {
            steps = List.copyOf(steps);
        }
    }

    /** Starts (or restarts) the check of {@code code} for {@code actor}; its first state. */
    Check start(String code, String actor);

    /** The device's last check, brought up to date (a waiting check is evaluated now); empty if none was started. */
    Optional<Check> current(String code);
}
