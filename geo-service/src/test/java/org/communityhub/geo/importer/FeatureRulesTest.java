package org.communityhub.geo.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.communityhub.contract.DeviceType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.junit.jupiter.api.Test;

/** The per-feature rules of the import format, without a database. */
class FeatureRulesTest {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final Point POINT = GF.createPoint(new Coordinate(121.4, 31.2));
    private static final Geometry SQUARE = GF.createPolygon(new Coordinate[] {new Coordinate(121, 31),
        new Coordinate(121.1, 31), new Coordinate(121.1, 31.1), new Coordinate(121, 31), });

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static RejectionKind rejection(Map<String, Object> p, Geometry g) {
        try {
            FeatureRules.check(new RawFeature(0, p, g, null), w -> { });
            throw new AssertionError("accepted " + p);
        } catch (FeatureRejectedException e) {
            return e.kind();
        }
    }

    @Test
    void typedFeaturesComeOutOfValidProperties() throws Exception {
        List<String> warnings = new ArrayList<>();
        ImportFeature f = FeatureRules.check(new RawFeature(4, props("layer", "facility", "code", "f-1", "name", "站",
                "category", "bike_repair", "floor", "-1", "phone", 12345L), POINT, null), warnings::add);
        assertThat(f).isInstanceOfSatisfying(ImportFeature.Facility.class, fac -> {
            assertThat(fac.floor()).isEqualTo(-1);
            assertThat(fac.phone()).isEqualTo("12345");
            assertThat(fac.index()).isEqualTo(4);
        });
        assertThat(warnings).singleElement().asString().contains("bike_repair");
        ImportFeature d = FeatureRules.check(new RawFeature(0, props("layer", "device", "code", "d-1", "name", "x",
                "type", "fire_button", "compound", "c-1", "floor", 3L), POINT, null), w -> { });
        assertThat(d).isEqualTo(new ImportFeature.Device(0, "d-1", "x", DeviceType.FIRE_BUTTON, null, "c-1", 3, POINT));
    }

    @Test
    void eachBrokenRuleHasItsOwnKind() {
        assertThat(rejection(props("code", "a", "name", "a"), SQUARE)).isEqualTo(RejectionKind.UNKNOWN_LAYER);
        assertThat(rejection(props("layer", "Community", "code", "a", "name", "a"), SQUARE))
                .isEqualTo(RejectionKind.UNKNOWN_LAYER);
        assertThat(rejection(props("layer", "community", "name", "a"), SQUARE)).isEqualTo(RejectionKind.MISSING_PROPERTY);
        assertThat(rejection(props("layer", "community", "code", "a", "name", " "), SQUARE))
                .isEqualTo(RejectionKind.MISSING_PROPERTY);
        assertThat(rejection(props("layer", "community", "code", "a".repeat(65), "name", "a"), SQUARE))
                .isEqualTo(RejectionKind.BAD_CODE);
        assertThat(rejection(props("layer", "compound", "code", "a", "name", "a"), SQUARE))
                .isEqualTo(RejectionKind.MISSING_PROPERTY);
        assertThat(rejection(props("layer", "building", "code", "a", "name", "a", "parent", "c", "floors", 0L), SQUARE))
                .isEqualTo(RejectionKind.BAD_PROPERTY);
        assertThat(rejection(props("layer", "facility", "code", "a", "name", "a", "category", "aed", "floor", 1.5),
                POINT)).isEqualTo(RejectionKind.BAD_PROPERTY);
        assertThat(rejection(props("layer", "device", "code", "a", "name", "a", "type", "gate"), POINT))
                .isEqualTo(RejectionKind.MISSING_PROPERTY);
        assertThat(rejection(props("layer", "facility", "code", "a", "name", "a", "category", "aed"), SQUARE))
                .isEqualTo(RejectionKind.BAD_GEOMETRY_TYPE);
        assertThat(rejection(props("layer", "community", "code", "a", "name", "a"), null))
                .isEqualTo(RejectionKind.BAD_GEOMETRY_TYPE);
        assertThat(rejection(props("layer", "facility", "code", "a", "name", "a", "category", "aed"),
                GF.createPoint(new Coordinate(121, 91)))).isEqualTo(RejectionKind.BAD_COORDINATES);
    }

    @Test
    void decoderProblemsBecomeRejections() {
        RawFeature broken = new RawFeature(2, props("layer", "building", "code", "b", "name", "b", "parent", "c"), null,
                new RawFeature.Problem(RejectionKind.INVALID_GEOMETRY, "ring 0 is not closed"));
        assertThatThrownBy(() -> FeatureRules.check(broken, w -> { }))
                .isInstanceOfSatisfying(FeatureRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(RejectionKind.INVALID_GEOMETRY))
                .hasMessage("ring 0 is not closed");
    }

    @Test
    void reportEscapesControlCharactersOfTheFile() {
        ImportReport report = new ImportReport(Map.of(Layer.BUILDING, 3), List.of(new Rejection(7, "building",
                "evil\u001b[31m", "code must match [a-z0-9-]{1,64}", RejectionKind.BAD_CODE)), List.of());
        assertThat(report.render()).contains("evil\\u001b[31m").doesNotContain("\u001b")
                .contains("Loaded 3 feature(s): community 0, compound 0, building 3, grid 0, facility 0, device 0")
                .contains("feature 7 building");
        assertThat(report.ok()).isFalse();
    }
}
