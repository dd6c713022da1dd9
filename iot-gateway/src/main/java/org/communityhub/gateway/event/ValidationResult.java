package org.communityhub.gateway.event;

/** The verdict on one inbound event message: stored as an event, or rejected with a reason. */
public sealed interface ValidationResult {

    /** A valid event. */
    record Accepted(DeviceEvent event) implements ValidationResult {
    }

    /** An invalid message and why. */
    record Rejected(Rejection rejection) implements ValidationResult {
    }
}
