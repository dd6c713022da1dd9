package org.communityhub.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.communityhub.contract.DeviceType;

/**
 * How often each kind of device produces each event type, per simulated hour: gates follow the
 * {@link DailyRhythm} (peak {@value #GATE_PEAK_PER_HOUR} passes an hour, a few denials and strangers, rare
 * tailgating and door alarms); fire buttons almost never alarm and rarely report faults; cameras see
 * more intrusions at night. Heartbeats are separate (fixed period). Stateless; thread-safe; O(types).
 */
public final class FleetBehaviour {

    /** Passes through one gate in its busiest hour. */
    public static final double GATE_PEAK_PER_HOUR = 60;

    private static final double PER_DAY = 1.0 / 24;

    private FleetBehaviour() {
    }

    /** Expected events per simulated hour by event type, at a simulated hour of day. */
    public static Map<String, Double> ratesPerHour(DeviceType type, double hourOfDay) {
        Map<String, Double> r = new LinkedHashMap<>();
        switch (type) {
            case GATE -> {
                double passes = GATE_PEAK_PER_HOUR * DailyRhythm.gateTraffic(hourOfDay);
                r.put("access.granted", passes * 0.93);
                r.put("access.denied", passes * 0.04);
                r.put("access.stranger", passes * 0.015);
                r.put("access.tailgating", passes * 0.01);
                r.put("door.held_open", passes * 0.004);
                r.put("door.forced", 0.05 * PER_DAY);
            }
            case FIRE_BUTTON -> {
                r.put("fire.fault", 0.05 * PER_DAY);
                r.put("fire.alarm", 0.01 * PER_DAY);
            }
            case CAMERA -> {
                double night = DailyRhythm.isNight(hourOfDay) ? 4 : 1;
                r.put("camera.intrusion", 0.3 * night * PER_DAY);
                r.put("camera.climb", 0.05 * night * PER_DAY);
                r.put("camera.tamper", 0.01 * PER_DAY);
                r.put("camera.video_loss", 0.02 * PER_DAY);
            }
            default -> throw new IllegalArgumentException(type.name());
        }
        return r;
    }

    /** The total of {@link #ratesPerHour}. */
    public static double totalPerHour(Map<String, Double> rates) {
        return rates.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Simulated seconds until the next event of a Poisson process with the given hourly rate. */
    public static double nextGapSeconds(double perHour, Random random) {
        if (perHour <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return -Math.log(1.0 - random.nextDouble()) * 3600.0 / perHour;
    }

    /** Picks an event type with probability proportional to its rate. */
    public static String pick(Map<String, Double> rates, Random random) {
        double x = random.nextDouble() * totalPerHour(rates);
        String last = null;
        for (Map.Entry<String, Double> e : rates.entrySet()) {
            last = e.getKey();
            x -= e.getValue();
            if (x < 0) {
                return last;
            }
        }
        return last;
    }
}
