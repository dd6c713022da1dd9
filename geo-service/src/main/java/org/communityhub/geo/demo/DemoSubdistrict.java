package org.communityhub.geo.demo;

import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.communityhub.contract.DeviceType;
import org.communityhub.geo.demo.geojson.GeoJsonWriter;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A deterministic fictional subdistrict (街道) modelled on a dense one in Futian, Shenzhen, written
 * as one GeoJSON FeatureCollection in the CONTRACT §3 import format (WGS-84, no {@code crs}).
 *
 * <p>Scale 1 is 12 communities (44 grids), 128 compounds, about 3,000 buildings, 1,500 facilities and 3,000
 * devices around lon 114.03–114.10, lat 22.52–22.56 (2 MB of GeoJSON); scale N repeats that N
 * times in a grid (all codes stay unique). The same seed and scale always give byte-identical
 * output.
 *
 * <p>Nothing is generated up front: {@link #writeGeoJson} generates and writes one community at a
 * time (parents before children: community, its grids, compounds and buildings, its facilities, its
 * devices), so memory stays at one community whatever the scale. Cost is linear in the scale:
 * about 0.1 s and 2 MB of output per scale unit once the JIT is warm (scale 100: ~9 s, 212 MB).
 * {@link #summary} is counted during the first full pass (a write, or its own pass if called
 * first) and then cached. Safe to use from several threads: the only shared state is the cached
 * summary, which every pass computes identically.
 */
public final class DemoSubdistrict {

    /** Largest scale accepted (12,000 communities). */
    public static final int MAX_SCALE = 1000;

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final long seed;
    private final int scale;
    private final SubdistrictLayout layout;
    private volatile Summary summary;

    private DemoSubdistrict(long seed, int scale) {
        this.seed = seed;
        this.scale = scale;
        this.layout = new SubdistrictLayout(scale);
    }

    /**
     * Describes the subdistrict for {@code seed} at {@code scale}; cheap, generation happens on use.
     *
     * @throws IllegalArgumentException when scale is not within 1 .. {@link #MAX_SCALE}
     */
    public static DemoSubdistrict generate(long seed, int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be between 1 and " + MAX_SCALE + ", got " + scale);
        }
        return new DemoSubdistrict(seed, scale);
    }

    public long seed() {
        return seed;
    }

    public int scale() {
        return scale;
    }

    /** Streams the FeatureCollection (UTF-8 is the caller's choice of writer) and flushes; does not close. */
    public void writeGeoJson(Writer out) throws IOException {
        GeoJsonWriter json = new GeoJsonWriter(out);
        FeatureEncoder encoder = new FeatureEncoder(json, layout.frame());
        SummaryCounter counter = new SummaryCounter();
        CommunityGenerator generator = new CommunityGenerator(FACTORY, layout, seed);
        json.begin();
        for (int k = 0; k < layout.communityCount(); k++) {
            for (DemoFeature feature : generator.generate(k)) {
                encoder.write(feature);
                counter.add(feature);
            }
        }
        json.end();
        summary = counter.summary();
    }

    /** Feature counts per layer, facility category and device type. */
    public Summary summary() {
        Summary known = summary;
        if (known == null) {
            SummaryCounter counter = new SummaryCounter();
            CommunityGenerator generator = new CommunityGenerator(FACTORY, layout, seed);
            for (int k = 0; k < layout.communityCount(); k++) {
                generator.generate(k).forEach(counter::add);
            }
            known = counter.summary();
            summary = known;
        }
        return known;
    }

    /**
     * Counts of a generated subdistrict. The maps are unmodifiable and list every category / type,
     * in declaration order.
     */
    public record Summary(int communities, int compounds, int buildings, int facilities, int devices, int grids,
            Map<FacilityCategory, Integer> facilitiesByCategory, Map<DeviceType, Integer> devicesByType) {

        public Summary {
            Map<FacilityCategory, Integer> categories = new EnumMap<>(FacilityCategory.class);
            categories.putAll(facilitiesByCategory);
            facilitiesByCategory = Collections.unmodifiableMap(categories);
            Map<DeviceType, Integer> types = new EnumMap<>(DeviceType.class);
            types.putAll(devicesByType);
            devicesByType = Collections.unmodifiableMap(types);
        }

        /** All features written. */
        public int features() {
            return communities + compounds + buildings + facilities + devices + grids;
        }
    }

    /** Tallies features into a {@link Summary}. Not thread-safe. */
    private static final class SummaryCounter {
        private final int[] layers = new int[6];
        private final Map<FacilityCategory, Integer> categories = new EnumMap<>(FacilityCategory.class);
        private final Map<DeviceType, Integer> types = new EnumMap<>(DeviceType.class);

        SummaryCounter() {
            for (FacilityCategory category : FacilityCategory.values()) {
                categories.put(category, 0);
            }
            for (DeviceType type : DeviceType.values()) {
                types.put(type, 0);
            }
        }

        void add(DemoFeature feature) {
            if (feature instanceof DemoFeature.Community) {
                layers[0]++;
            } else if (feature instanceof DemoFeature.Compound) {
                layers[1]++;
            } else if (feature instanceof DemoFeature.Building) {
                layers[2]++;
            } else if (feature instanceof DemoFeature.Grid) {
                layers[5]++;
            } else if (feature instanceof DemoFeature.Facility f) {
                layers[3]++;
                categories.merge(f.category(), 1, Integer::sum);
            } else if (feature instanceof DemoFeature.Device d) {
                layers[4]++;
                types.merge(d.type(), 1, Integer::sum);
            }
        }

        Summary summary() {
            return new Summary(layers[0], layers[1], layers[2], layers[3], layers[4], layers[5], categories,
                    types);
        }
    }
}
