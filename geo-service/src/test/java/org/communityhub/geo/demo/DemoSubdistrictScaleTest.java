package org.communityhub.geo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.index.strtree.STRtree;

/** Scale multiplies the subdistrict without code clashes or overlapping communities. */
class DemoSubdistrictScaleTest {

    @Test
    void scaleTenHasAboutTenTimesTheCountsOfScaleOneAndUniqueCodes() {
        DemoSubdistrict.Summary one = DemoSubdistrict.generate(5, 1).summary();
        DemoSubdistrict ten = DemoSubdistrict.generate(5, 10);
        ParsedCollection parsed = ParsedCollection.of(ten);
        DemoSubdistrict.Summary summary = ten.summary();
        assertThat(summary.communities()).isEqualTo(10 * one.communities());
        assertThat(summary.compounds()).isEqualTo(10 * one.compounds());
        assertThat(summary.buildings()).isBetween(9 * one.buildings(), 11 * one.buildings());
        assertThat(summary.facilities()).isBetween(9 * one.facilities(), 11 * one.facilities());
        assertThat(summary.devices()).isBetween(9 * one.devices(), 11 * one.devices());
        assertThat(parsed.features.size()).isEqualTo(summary.features());
        for (String layer : List.of("community", "compound", "building", "facility", "device")) {
            assertThat(parsed.byCode(layer).size()).as(layer + " codes unique").isEqualTo(parsed.layer(layer).size());
        }
        assertThat(parsed.byCode("community")).containsKeys("c001", "c120");
    }

    @Test
    void communitiesOfAScaledSubdistrictNeverOverlap() {
        ParsedCollection parsed = ParsedCollection.of(DemoSubdistrict.generate(5, 4));
        List<ParsedCollection.Feature> communities = parsed.layer("community");
        assertThat(communities.size()).isEqualTo(48);
        STRtree index = new STRtree();
        communities.forEach(c -> index.insert(c.geometry().getEnvelopeInternal(), c));
        for (ParsedCollection.Feature community : communities) {
            for (Object near : index.query(community.geometry().getEnvelopeInternal())) {
                if (near != community) {
                    ParsedCollection.Feature other = (ParsedCollection.Feature) near;
                    assertThat(community.geometry().intersects(other.geometry())).as(community.code()).isFalse();
                }
            }
        }
    }
}
