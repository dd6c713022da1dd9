package org.communityhub.geo.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.communityhub.geo.port.Area;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.port.Named;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.util.GeometricShapeFactory;

/** The locate rules of {@code GeoSql.LOCATE}, level by level, on hand-made polygons. */
class AreaIndexTest {

    private static final GeometryFactory F = new GeometryFactory();

    private static Geometry rect(double x0, double y0, double x1, double y1) {
        return F.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1),
            new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    private static Area area(Area.Level level, String code, String parent, Geometry g) {
        return new Area(level, code, "名" + code, parent, g);
    }

    private static String code(Named n) {
        return n == null ? null : n.code();
    }

    private static List<String> codes(Location l) {
        List<String> out = new ArrayList<>();
        out.add(code(l.community()));
        out.add(code(l.compound()));
        out.add(code(l.building()));
        out.add(code(l.grid()));
        return out;
    }

    private final AreaIndex index = AreaIndex.of(List.of(
            area(Area.Level.COMMUNITY, "m1", null, rect(0, 0, 10, 10)),
            area(Area.Level.COMMUNITY, "m2", null, rect(10, 0, 20, 10)),
            area(Area.Level.COMPOUND, "c1", "m1", rect(1, 1, 5, 5)),
            area(Area.Level.COMPOUND, "c2", "m2", rect(11, 1, 15, 5)),
            // b9 lies in c1's box but is registered in c2: the building's compound wins, as in the SQL.
            area(Area.Level.BUILDING, "b2", "c1", rect(2, 2, 3, 3)),
            area(Area.Level.BUILDING, "b1", "c1", rect(2.5, 2.5, 3.5, 3.5)),
            area(Area.Level.BUILDING, "b9", "c2", rect(4, 4, 4.5, 4.5)),
            area(Area.Level.GRID, "m1-g2", "m1", rect(0, 0, 10, 5)),
            area(Area.Level.GRID, "m1-g1", "m1", rect(0, 0, 10, 10)),
            area(Area.Level.GRID, "m2-g1", "m2", rect(0, 0, 20, 10))));

    @Test
    void aBuildingBringsItsCompoundCommunityAndTheCommunitysGrid() {
        assertThat(codes(index.locate(2.2, 2.2))).containsExactly("m1", "c1", "b2", "m1-g1");
        assertThat(index.locate(2.2, 2.2).building().name()).isEqualTo("名b2");
    }

    @Test
    void overlappingAreasAnswerTheLowestCode() {
        assertThat(codes(index.locate(2.7, 2.7))).containsExactly("m1", "c1", "b1", "m1-g1");
    }

    @Test
    void theBoundaryIsCovered() {
        assertThat(codes(index.locate(3.5, 3.5))).containsExactly("m1", "c1", "b1", "m1-g1");
        assertThat(code(index.locate(10, 5).community())).as("the shared edge: the lower code").isEqualTo("m1");
    }

    @Test
    void theBuildingsCompoundIsTakenEvenWhereItDoesNotCoverThePoint() {
        assertThat(codes(index.locate(4.2, 4.2))).containsExactly("m2", "c2", "b9", "m2-g1");
    }

    @Test
    void withoutABuildingTheCoveringCompoundAndWithoutOneTheCoveringCommunity() {
        assertThat(codes(index.locate(1.5, 4.5))).containsExactly("m1", "c1", null, "m1-g1");
        assertThat(codes(index.locate(8, 8))).containsExactly("m1", null, null, "m1-g1");
        assertThat(codes(index.locate(15, 8))).containsExactly("m2", null, null, "m2-g1");
        assertThat(codes(index.locate(30, 30))).containsExactly(null, null, null, null);
    }

    @Test
    void largePolygonsWithHolesAreTestedExactly() {
        GeometricShapeFactory shapes = new GeometricShapeFactory(F);
        shapes.setNumPoints(400);
        shapes.setCentre(new Coordinate(50, 50));
        shapes.setSize(20);
        Geometry disc = shapes.createCircle();
        Geometry ring = disc.difference(rect(48, 48, 52, 52));
        assertThat(ring.getNumPoints()).isGreaterThan(AreaIndex.INDEXED_FROM);
        AreaIndex withRing = AreaIndex.of(List.of(area(Area.Level.COMMUNITY, "round", null, ring)));
        assertThat(code(withRing.locate(45, 50).community())).isEqualTo("round");
        assertThat(code(withRing.locate(50, 50).community())).as("in the hole").isNull();
        assertThat(code(withRing.locate(52, 50).community())).as("on the hole's edge").isEqualTo("round");
        assertThat(code(withRing.locate(41, 41).community())).as("inside the box, outside the disc").isNull();
        assertThat(withRing.size()).isEqualTo(1);
    }
}
