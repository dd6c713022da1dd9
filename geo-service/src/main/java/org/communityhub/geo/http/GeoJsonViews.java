package org.communityhub.geo.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.communityhub.geo.port.FeaturePage;
import org.communityhub.geo.port.GeoCollection;
import org.communityhub.geo.port.Hierarchy;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.port.Named;
import org.communityhub.geo.port.NearbyFacility;

/** Turns query results into the JSON / GeoJSON bodies of CONTRACT §5. Stateless, thread-safe. */
final class GeoJsonViews {

    static final String GEOJSON = "application/geo+json";
    static final String CONFORMANCE_CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
    static final String CONFORMANCE_GEOJSON = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private GeoJsonViews() {
    }

    static JsonObject hierarchy(Hierarchy h) {
        JsonArray communities = new JsonArray();
        for (Hierarchy.Community m : h.communities()) {
            JsonArray compounds = new JsonArray();
            for (Hierarchy.Compound c : m.compounds()) {
                JsonArray buildings = new JsonArray();
                c.buildings().forEach(b -> buildings.add(named(b)));
                compounds.add(new JsonObject().put("code", c.code()).put("name", c.name()).put("buildings", buildings));
            }
            communities.add(new JsonObject().put("code", m.code()).put("name", m.name()).put("compounds", compounds));
        }
        return new JsonObject().put("communities", communities);
    }

    static JsonObject location(Location l, double lon, double lat) {
        return new JsonObject().put("community", named(l.community())).put("compound", named(l.compound()))
                .put("building", named(l.building())).put("grid", named(l.grid())).put("lon", lon).put("lat", lat);
    }

    private static JsonObject named(Named n) {
        return n == null ? null : new JsonObject().put("code", n.code()).put("name", n.name());
    }

    static JsonObject nearest(List<NearbyFacility> facilities) {
        JsonArray features = new JsonArray();
        for (NearbyFacility f : facilities) {
            JsonObject properties = new JsonObject().put("code", f.code()).put("name", f.name())
                    .put("category", f.category()).put("distance_m", Math.round(f.distanceMetres() * 10) / 10.0)
                    .put("floor", f.floor()).put("community", f.community()).put("opening_hours", f.openingHours())
                    .put("phone", f.phone());
            features.add(new JsonObject().put("type", "Feature").put("id", f.code())
                    .put("geometry", new JsonObject().put("type", "Point").put("coordinates", new JsonArray()
                            .add(f.lon()).add(f.lat())))
                    .put("properties", properties));
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", features);
    }

    static JsonObject feature(FeaturePage.Feature f) {
        JsonObject properties = new JsonObject();
        for (Map.Entry<String, Object> e : f.properties().entrySet()) {
            properties.put(e.getKey(), e.getValue());
        }
        return new JsonObject().put("type", "Feature").put("id", f.code())
                .put("geometry", new JsonObject(f.geometryGeoJson())).put("properties", properties);
    }

    static JsonObject collection(GeoCollection c) {
        String items = "/collections/" + c.id() + "/items";
        return new JsonObject().put("id", c.id()).put("title", c.title()).put("itemType", "feature")
                .put("crs", new JsonArray().add(CRS84))
                .put("links", new JsonArray()
                        .add(link("/collections/" + c.id(), "self", "application/json", c.title()))
                        .add(link(items, "items", GEOJSON, c.title() + " as GeoJSON")));
    }

    static JsonObject collections() {
        JsonArray list = new JsonArray();
        for (GeoCollection c : GeoCollection.values()) {
            list.add(collection(c));
        }
        return new JsonObject().put("links", new JsonArray()
                        .add(link("/collections", "self", "application/json", "collections"))
                        .add(link("/conformance", "conformance", "application/json", "conformance classes")))
                .put("collections", list);
    }

    static JsonObject conformance() {
        return new JsonObject().put("conformsTo", new JsonArray().add(CONFORMANCE_CORE).add(CONFORMANCE_GEOJSON));
    }

    static JsonObject link(String href, String rel, String type, String title) {
        return new JsonObject().put("href", href).put("rel", rel).put("type", type).put("title", title);
    }
}
