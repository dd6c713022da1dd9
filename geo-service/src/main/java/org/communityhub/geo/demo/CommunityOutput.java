package org.communityhub.geo.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Collects the features of one community while it is generated and hands facility codes
 * ({@code f-c01-0001} ...) out in generation order. Not thread-safe; one per community.
 */
final class CommunityOutput {

    private final String communityCode;
    private final SplittableRandom rnd;
    private final List<DemoFeature> hierarchy = new ArrayList<>();
    private final List<DemoFeature> facilities = new ArrayList<>();
    private final List<DemoFeature> devices = new ArrayList<>();

    CommunityOutput(String communityCode, SplittableRandom rnd) {
        this.communityCode = communityCode;
        this.rnd = rnd;
    }

    String communityCode() {
        return communityCode;
    }

    /** Adds a community, compound or building; parents must be added before their children. */
    void hierarchy(DemoFeature feature) {
        hierarchy.add(feature);
    }

    /** Adds a facility with the category's opening hours and, if staffed, a fictional 0755 phone. */
    void facility(String name, FacilityCategory category, Integer floor, LocalPoint at) {
        String code = String.format(Locale.ROOT, "f-%s-%04d", communityCode, facilities.size() + 1);
        String phone = category.staffed() ? String.format(Locale.ROOT, "0755-8%07d", rnd.nextInt(10_000_000)) : null;
        facilities.add(new DemoFeature.Facility(code, name, category, communityCode, floor,
                category.openingHours(), phone, at));
    }

    void device(DemoFeature.Device device) {
        devices.add(device);
    }

    /** Everything, parents first: hierarchy, then facilities, then devices. */
    List<DemoFeature> features() {
        List<DemoFeature> all = new ArrayList<>(hierarchy.size() + facilities.size() + devices.size());
        all.addAll(hierarchy);
        all.addAll(facilities);
        all.addAll(devices);
        return all;
    }
}
