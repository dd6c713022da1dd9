package org.communityhub.gateway.ingest;

import org.communityhub.gateway.alert.AlertAction;
import org.communityhub.gateway.event.DeviceEvent;

/**
 * A validated event with the alert action the policy decided for it, once, before the store sees it:
 * the store only carries the action out (for the events it newly stores). Immutable.
 */
public record DecidedEvent(DeviceEvent event, AlertAction action) {
}
