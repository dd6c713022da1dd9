package org.communityhub.geo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scale-1 demo subdistrict is a well-formed CONTRACT §3 import file with the promised contents. */
class DemoSubdistrictFormatTest {

    private static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern HOURS = Pattern.compile("\\d{2}:\\d{2}-\\d{2}:\\d{2}");
    private static final Pattern PHONE = Pattern.compile("0755-8\\d{7}");
    private static final List<String> LAYERS = List.of("community", "compound", "building", "grid", "facility",
            "device");

    private static DemoSubdistrict subdistrict;
    private static ParsedCollection parsed;

    @BeforeAll
    static void generate() {
        subdistrict = DemoSubdistrict.generate(20_261_121L, 1);
        parsed = ParsedCollection.of(subdistrict);
    }

    @Test
    void isOneFeatureCollectionWithoutCrsMember() {
        assertThat(parsed.root.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(parsed.root.has("crs")).isFalse();
        assertThat(parsed.features).allSatisfy(f -> assertThat(LAYERS).contains(f.layer()));
    }

    @Test
    void countsAtScaleOneAreWithinTheStatedRanges() {
        assertThat(parsed.layer("community").size()).isEqualTo(12);
        assertThat(parsed.layer("compound").size()).isEqualTo(128);
        assertThat(parsed.layer("grid").size()).isEqualTo(44);
        assertThat(parsed.layer("building").size()).isBetween(2_700, 3_300);
        assertThat(parsed.layer("facility").size()).isBetween(1_000, 2_000);
        assertThat(parsed.layer("device").size()).isBetween(2_700, 3_300);
    }

    @Test
    void summaryMatchesTheWrittenFeatures() {
        DemoSubdistrict.Summary summary = subdistrict.summary();
        assertThat(summary.communities()).isEqualTo(parsed.layer("community").size());
        assertThat(summary.compounds()).isEqualTo(parsed.layer("compound").size());
        assertThat(summary.buildings()).isEqualTo(parsed.layer("building").size());
        assertThat(summary.facilities()).isEqualTo(parsed.layer("facility").size());
        assertThat(summary.devices()).isEqualTo(parsed.layer("device").size());
        assertThat(summary.grids()).isEqualTo(parsed.layer("grid").size());
        assertThat(summary.features()).isEqualTo(parsed.features.size());
        Map<String, Long> categories = parsed.layer("facility").stream()
                .collect(Collectors.groupingBy(f -> f.text("category"), Collectors.counting()));
        summary.facilitiesByCategory().forEach((category, count) ->
                assertThat(categories.getOrDefault(category.wireName(), 0L)).as(category.wireName()).isEqualTo((long) count));
    }

    @Test
    void everyFacilityCategoryAndDeviceTypeIsPresentInSensibleProportions() {
        Map<String, Long> categories = parsed.layer("facility").stream()
                .collect(Collectors.groupingBy(f -> f.text("category"), Collectors.counting()));
        for (FacilityCategory category : FacilityCategory.values()) {
            assertThat(categories).containsKey(category.wireName());
        }
        assertThat(categories.keySet()).hasSize(FacilityCategory.values().length);
        long kindergartens = categories.get("kindergarten");
        assertThat(kindergartens).isBetween(12L, 24L);
        for (String many : List.of("fire_hydrant", "extinguisher", "exit", "guard_post")) {
            assertThat(categories.get(many)).as(many).isGreaterThan(5 * kindergartens);
        }
        Map<String, Long> types = parsed.layer("device").stream()
                .collect(Collectors.groupingBy(f -> f.text("type"), Collectors.counting()));
        assertThat(types.keySet()).containsExactlyInAnyOrder("gate", "fire_button", "camera");
        assertThat(types.get("gate")).isGreaterThanOrEqualTo(2L * 128);
    }

    @Test
    void everyCompoundHasBuildingsGatesAndCameras() {
        Map<String, Long> buildings = parsed.layer("building").stream()
                .collect(Collectors.groupingBy(b -> b.text("parent"), Collectors.counting()));
        Map<String, Long> gates = countByCompound("gate");
        Map<String, Long> cameras = countByCompound("camera");
        for (String compound : parsed.byCode("compound").keySet()) {
            assertThat(buildings.getOrDefault(compound, 0L)).as(compound).isBetween(10L, 40L);
            assertThat(gates.getOrDefault(compound, 0L)).as(compound).isGreaterThanOrEqualTo(2L);
            assertThat(cameras.getOrDefault(compound, 0L)).as(compound).isGreaterThanOrEqualTo(4L);
        }
    }

    @Test
    void everyFeatureHasTheRequiredPropertiesAndGeometryOfItsLayer() {
        for (ParsedCollection.Feature f : parsed.features) {
            assertThat(f.code()).as("code").isNotNull();
            assertThat(f.text("name")).as(f.code()).isNotBlank();
            switch (f.layer()) {
                case "community" -> assertThat(f.geometryType()).isEqualTo("Polygon");
                case "compound", "building", "grid" -> {
                    assertThat(f.geometryType()).as(f.code()).isEqualTo("Polygon");
                    assertThat(f.text("parent")).as(f.code()).isNotNull();
                }
                case "facility" -> {
                    assertThat(f.geometryType()).as(f.code()).isEqualTo("Point");
                    assertThat(f.text("category")).as(f.code()).isNotNull();
                }
                default -> {
                    assertThat(f.geometryType()).as(f.code()).isEqualTo("Point");
                    assertThat(f.text("type")).as(f.code()).isIn("gate", "fire_button", "camera");
                    assertThat(f.text("building") != null || f.text("compound") != null).as(f.code()).isTrue();
                }
            }
        }
    }

    @Test
    void parentsExistAndPrecedeTheirChildren() {
        Set<String> seen = new HashSet<>();
        for (ParsedCollection.Feature f : parsed.features) {
            String parentLayer = switch (f.layer()) {
                case "compound", "grid" -> "community";
                case "building" -> "compound";
                default -> null;
            };
            if (parentLayer != null) {
                assertThat(seen).as(f.code()).contains(parentLayer + ":" + f.text("parent"));
            }
            if ("device".equals(f.layer())) {
                String where = f.text("building") != null ? "building:" + f.text("building") : "compound:" + f.text("compound");
                assertThat(seen).as(f.code()).contains(where);
            }
            seen.add(f.layer() + ":" + f.code());
        }
    }

    @Test
    void codesMatchThePatternAndAreUniquePerLayer() {
        for (String layer : LAYERS) {
            List<ParsedCollection.Feature> features = parsed.layer(layer);
            assertThat(features).allSatisfy(f -> assertThat(f.code()).matches(CODE));
            assertThat(parsed.byCode(layer).size()).as(layer + " codes unique").isEqualTo(features.size());
        }
        assertThat(parsed.byCode("community")).containsKeys("c01", "c12");
        assertThat(parsed.byCode("compound")).containsKey("c01-q01");
        assertThat(parsed.byCode("grid")).containsKeys("c01-g1", "c01-g3", "c02-g4");
        assertThat(parsed.byCode("building")).containsKey("c01-q01-b01");
        assertThat(parsed.byCode("facility")).containsKey("f-c01-0001");
        assertThat(parsed.byCode("device")).containsKeys("g-c01-q01-1", "cam-c01-q01-1");
    }

    @Test
    void optionalPropertiesHaveSensibleValues() {
        assertThat(parsed.layer("building")).allSatisfy(b ->
                assertThat(b.properties().get("floors").asInt()).isBetween(6, 33));
        for (ParsedCollection.Feature f : parsed.layer("facility")) {
            String hours = f.text("opening_hours");
            String phone = f.text("phone");
            assertThat(hours == null || HOURS.matcher(hours).matches()).as(f.code() + " " + hours).isTrue();
            assertThat(phone == null || PHONE.matcher(phone).matches()).as(f.code() + " " + phone).isTrue();
        }
        assertThat(parsed.layer("facility")).filteredOn(f -> "clinic".equals(f.text("category")))
                .allSatisfy(f -> assertThat(f.text("phone")).isNotNull());
        assertThat(parsed.layer("device")).filteredOn(d -> "fire_button".equals(d.text("type")))
                .allSatisfy(d -> assertThat(d.properties().get("floor").isInt()).isTrue());
    }

    @Test
    void namesAreChinese() {
        assertThat(parsed.layer("community")).extracting(f -> f.text("name")).contains("福田社区", "莲花社区");
        assertThat(parsed.features).allSatisfy(f -> assertThat(f.text("name")).containsPattern("\\p{IsHan}|AED"));
    }

    private static Map<String, Long> countByCompound(String type) {
        return parsed.layer("device").stream().filter(d -> type.equals(d.text("type")))
                .collect(Collectors.groupingBy(d -> d.text("compound"), Collectors.counting()));
    }

    @Test
    void scaleOutsideTheSupportedRangeIsRejected() {
        assertThatThrownBy(() -> DemoSubdistrict.generate(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale");
        assertThatThrownBy(() -> DemoSubdistrict.generate(1, DemoSubdistrict.MAX_SCALE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
