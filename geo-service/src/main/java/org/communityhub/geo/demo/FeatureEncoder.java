package org.communityhub.geo.demo;

import java.io.IOException;
import org.communityhub.geo.demo.geojson.GeoJsonWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes {@link DemoFeature}s as CONTRACT §3 import features: {@code layer}, {@code code},
 * {@code name} first, then {@code parent} / {@code category} / {@code type} and the optional
 * properties, with geometry converted from local metres to WGS-84 through a {@link LocalFrame}.
 * Not thread-safe (wraps a {@link GeoJsonWriter}).
 */
final class FeatureEncoder {

    private final GeoJsonWriter json;
    private final LocalFrame frame;

    FeatureEncoder(GeoJsonWriter json, LocalFrame frame) {
        this.json = json;
        this.frame = frame;
    }

    void write(DemoFeature feature) throws IOException {
        json.beginFeature();
        if (feature instanceof DemoFeature.Community c) {
            head("community", c.code(), c.name());
            polygon(c.shape());
        } else if (feature instanceof DemoFeature.Compound c) {
            head("compound", c.code(), c.name());
            json.property("parent", c.parent());
            polygon(c.shape());
        } else if (feature instanceof DemoFeature.Grid g) {
            head("grid", g.code(), g.name());
            json.property("parent", g.parent());
            polygon(g.shape());
        } else if (feature instanceof DemoFeature.Building b) {
            head("building", b.code(), b.name());
            json.property("parent", b.parent());
            json.property("floors", b.floors());
            polygon(b.shape());
        } else if (feature instanceof DemoFeature.Facility f) {
            head("facility", f.code(), f.name());
            json.property("category", f.category().wireName());
            json.property("community", f.community());
            json.property("floor", f.floor());
            json.property("opening_hours", f.openingHours());
            json.property("phone", f.phone());
            point(f.at());
        } else if (feature instanceof DemoFeature.Device d) {
            head("device", d.code(), d.name());
            json.property("type", d.type().code());
            json.property("community", d.community());
            json.property("compound", d.compound());
            json.property("building", d.building());
            json.property("floor", d.floor());
            point(d.at());
        }
        json.endFeature();
    }

    private void head(String layer, String code, String name) throws IOException {
        json.property("layer", layer);
        json.property("code", code);
        json.property("name", name);
    }

    private void polygon(Polygon shape) throws IOException {
        Coordinate[] ring = shape.getExteriorRing().getCoordinates();
        double[] lons = new double[ring.length];
        double[] lats = new double[ring.length];
        for (int i = 0; i < ring.length; i++) {
            lons[i] = frame.lon(ring[i].x);
            lats[i] = frame.lat(ring[i].y);
        }
        json.polygon(lons, lats);
    }

    private void point(LocalPoint at) throws IOException {
        json.point(frame.lon(at.x()), frame.lat(at.y()));
    }
}
