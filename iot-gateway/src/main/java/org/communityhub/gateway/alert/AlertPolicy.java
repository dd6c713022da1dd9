package org.communityhub.gateway.alert;

import java.time.Duration;
import org.communityhub.gateway.event.DeviceEvent;

/**
 * Decides, for one stored event, which {@link AlertAction} applies. Thresholds come from the
 * configuration. Stateless and thread-safe; a switch per event.
 *
 * @param heldOpenThreshold a door held open longer than this raises an access alert
 * @param correlationWindow repeats within this time of the alert's last event fold into it
 */
public record AlertPolicy(Duration heldOpenThreshold, Duration correlationWindow) {

    private static final AlertAction NONE = new AlertAction.None();

    public AlertAction decide(DeviceEvent event) {
        String device = event.device().code();
        String building = event.device().building();
        switch (event.type()) {
            case FIRE_ALARM:
                return raise(AlertRule.FIRE, device, building);
            case FIRE_RESET:
                return new AlertAction.RecordReset(AlertRule.FIRE, AlertRule.FIRE.correlationKey(device, building));
            case CAMERA_CLIMB:
            case CAMERA_INTRUSION:
            case DOOR_FORCED:
                return raise(AlertRule.INTRUSION, device, building);
            case ACCESS_TAILGATING:
            case ACCESS_STRANGER:
                return raise(AlertRule.ACCESS, device, building);
            case DOOR_HELD_OPEN:
                Object seconds = event.data().get("seconds");
                boolean tooLong = seconds instanceof Number n && n.doubleValue() > heldOpenThreshold.toSeconds();
                return tooLong ? raise(AlertRule.ACCESS, device, building) : NONE;
            case CAMERA_TAMPER:
            case CAMERA_VIDEO_LOSS:
            case FIRE_FAULT:
                return raise(AlertRule.MAINTENANCE, device, building);
            default:
                return NONE;
        }
    }

    /** The action for a device that went offline (Last Will or heartbeat timeout). */
    public AlertAction deviceOffline(String deviceCode) {
        return raise(AlertRule.MAINTENANCE, deviceCode, null);
    }

    private static AlertAction raise(AlertRule rule, String device, String building) {
        return new AlertAction.Raise(rule, rule.correlationKey(device, building));
    }
}
