package org.communityhub.geo.demo;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.communityhub.contract.DeviceType;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Generates one compound (小区): its outline, buildings, the devices in and around it (gates at the
 * entrances, cameras along the walls, fire buttons in buildings) and its facilities (guard posts,
 * parcel lockers, hydrants, e-bike charging, AEDs, exits, extinguishers). Everything on the
 * perimeter sits a few metres inside the outline, in the margin kept free of buildings.
 * Cost: O(buildings). Stateless apart from the shared planner.
 */
final class CompoundGenerator {

    private static final double GATE_INSET = 1.5;
    private static final double CAMERA_INSET = 1.0;
    private static final double MAX_CUT = 45;

    private final GeometryFactory factory;
    private final BuildingPlanner planner;

    CompoundGenerator(GeometryFactory factory) {
        this.factory = factory;
        this.planner = new BuildingPlanner(factory);
    }

    /** Adds compound number {@code q} (1-based) of the community in {@code slot} to {@code out}. */
    void generate(CommunityOutput out, int q, String name, Rect slot, SplittableRandom rnd) {
        String code = String.format(Locale.ROOT, "%s-q%02d", out.communityCode(), q);
        Rect base = slot.inset(rnd.nextDouble(8, 30), rnd.nextDouble(8, 30), rnd.nextDouble(8, 30), rnd.nextDouble(8, 30));
        double[] cuts = new double[4];
        if (rnd.nextDouble() < 0.4) {
            cuts[rnd.nextInt(4)] = rnd.nextDouble(20, MAX_CUT);
        }
        Polygon outline = base.chamfered(factory, cuts);
        out.hierarchy(new DemoFeature.Compound(code, name, out.communityCode(), outline));
        BuildingStyle style = BuildingStyle.forCompound(name, rnd);
        List<Footprint> footprints = planner.plan(outline, base, rnd.nextInt(14, 34), rnd);
        boolean lettered = footprints.size() <= 26 && rnd.nextDouble() < 0.2;
        for (int i = 0; i < footprints.size(); i++) {
            Footprint footprint = footprints.get(i);
            String buildingCode = String.format(Locale.ROOT, "%s-b%02d", code, i + 1);
            String buildingName = ChineseNames.building(i, lettered);
            int floors = style.floors(rnd);
            out.hierarchy(new DemoFeature.Building(buildingCode, buildingName, code, floors, footprint.polygon(factory)));
            insideBuilding(out, name + buildingName, buildingCode, floors, footprint, rnd);
        }
        Counter gates = new Counter();
        Counter facilities = new Counter();
        List<Side> sides = RandomPicks.shuffled(List.of(Side.values()), rnd);
        int entrances = rnd.nextInt(2, 4);
        for (int i = 0; i < entrances; i++) {
            entrance(out, code, name, base, sides.get(i), i == 0, gates, rnd);
        }
        walls(out, code, name, base, rnd);
        amenities(out, name, base, sides.get(entrances), facilities, rnd);
    }

    /** Fire buttons (one per fire-button floor), and sometimes an exit and an extinguisher. */
    private static void insideBuilding(CommunityOutput out, String label, String building, int floors, Footprint footprint,
            SplittableRandom rnd) {
        int buttons = (floors >= 24 ? 1 : 0) + (rnd.nextDouble() < 0.25 ? 1 : 0);
        for (int j = 0; j < buttons; j++) {
            int floor = j == 0 ? 1 : rnd.nextInt(2, floors + 1);
            double u = -footprint.width() / 4 + (rnd.nextDouble() - 0.5) * footprint.width() / 5;
            double v = -footprint.height() / 4 + (rnd.nextDouble() - 0.5) * footprint.height() / 5;
            out.device(new DemoFeature.Device(
                    String.format(Locale.ROOT, "fb-%s-%d", building, j + 1),
                    label + floor + "层消防按钮", DeviceType.FIRE_BUTTON, out.communityCode(), null, building, floor,
                    footprint.at(u, v)));
        }
        if (rnd.nextDouble() < 0.08) {
            out.facility(label + "安全出口", FacilityCategory.EXIT, 1, footprint.at(0, 0.6 - footprint.height() / 2));
        }
        if (rnd.nextDouble() < 0.08) {
            int floor = rnd.nextInt(1, floors + 1);
            out.facility(label + floor + "层灭火器", FacilityCategory.EXTINGUISHER, floor,
                    footprint.at(-footprint.width() / 4, footprint.height() / 5));
        }
    }

    /** An entrance: a face-recognition gate and a guard post; the main one adds a barrier, lockers, an AED. */
    private static void entrance(CommunityOutput out, String compound, String name, Rect base, Side side, boolean main,
            Counter gates, SplittableRandom rnd) {
        double t = rnd.nextDouble(0.35, 0.65);
        double metre = 1 / base.edgeLength(side);
        String door = name + side.label() + "门";
        out.device(gate(out, compound, gates.next(), door + "人脸闸机", base.edgePoint(side, t, GATE_INSET)));
        out.facility(door + "岗亭", FacilityCategory.GUARD_POST, null, base.edgePoint(side, t + 8 * metre, 4));
        if (!main) {
            return;
        }
        out.device(gate(out, compound, gates.next(), door + "车行道闸", base.edgePoint(side, t - 15 * metre, GATE_INSET)));
        int lockers = rnd.nextInt(1, 3);
        for (int j = 0; j < lockers; j++) {
            out.facility(name + "智能快递柜" + (j + 1) + "号", FacilityCategory.PARCEL_LOCKER, null,
                    base.edgePoint(side, t + (14 + 5 * j) * metre, 5));
        }
        if (rnd.nextDouble() < 0.5) {
            out.facility("AED（" + door + "岗亭）", FacilityCategory.AED, null, base.edgePoint(side, t + 10 * metre, 4));
        }
    }

    private static DemoFeature.Device gate(CommunityOutput out, String compound, int n, String name, LocalPoint at) {
        String code = String.format(Locale.ROOT, "g-%s-%d", compound, n);
        return new DemoFeature.Device(code, name, DeviceType.GATE, out.communityCode(), compound, null, null, at);
    }

    /** One or two cameras along each wall. */
    private static void walls(CommunityOutput out, String compound, String name, Rect base, SplittableRandom rnd) {
        int n = 0;
        for (Side side : Side.values()) {
            int cameras = rnd.nextInt(1, 3);
            for (int j = 0; j < cameras; j++) {
                double t = cameras == 1 ? rnd.nextDouble(0.2, 0.8)
                        : j == 0 ? rnd.nextDouble(0.2, 0.45) : rnd.nextDouble(0.55, 0.8);
                String label = name + side.label() + "侧围墙摄像头" + (cameras > 1 ? (j + 1) + "号" : "");
                String code = String.format(Locale.ROOT, "cam-%s-%d", compound, ++n);
                out.device(new DemoFeature.Device(code, label, DeviceType.CAMERA, out.communityCode(), compound, null, null,
                        base.edgePoint(side, t, CAMERA_INSET)));
            }
        }
    }

    /** Fire hydrants along the walls and an e-bike charging station by a wall without an entrance. */
    private static void amenities(CommunityOutput out, String name, Rect base, Side quietSide, Counter counter,
            SplittableRandom rnd) {
        int hydrants = rnd.nextInt(2, 4);
        for (int j = 0; j < hydrants; j++) {
            Side side = Side.values()[rnd.nextInt(4)];
            out.facility(name + "消火栓 " + counter.next() + "号", FacilityCategory.FIRE_HYDRANT, null,
                    base.edgePoint(side, rnd.nextDouble(0.2, 0.8), 3));
        }
        out.facility(name + "电动自行车充电站", FacilityCategory.EBIKE_CHARGING, null,
                base.edgePoint(quietSide, rnd.nextDouble(0.25, 0.75), 6));
    }

    /** A running 1-based number. */
    private static final class Counter {
        private int value;

        int next() {
            return ++value;
        }
    }

    /** Storeys of the buildings in a compound. */
    private enum BuildingStyle {
        LOW_RISE(6, 9),
        MID_RISE(10, 20),
        HIGH_RISE(20, 33);

        private final int minFloors;
        private final int maxFloors;

        BuildingStyle(int minFloors, int maxFloors) {
            this.minFloors = minFloors;
            this.maxFloors = maxFloors;
        }

        static BuildingStyle forCompound(String name, SplittableRandom rnd) {
            if (name.endsWith(ChineseNames.LOW_RISE_SUFFIX)) {
                return LOW_RISE;
            }
            double r = rnd.nextDouble();
            return r < 0.15 ? LOW_RISE : r < 0.5 ? MID_RISE : HIGH_RISE;
        }

        int floors(SplittableRandom rnd) {
            return rnd.nextInt(minFloors, maxFloors + 1);
        }
    }
}
