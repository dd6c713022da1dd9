package org.communityhub.geo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import org.communityhub.geo.port.GeoQueries;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OGC item pages stay cheap on a big collection (issue 14, item 9): the offset stops at
 * {@link GeoQueries#MAX_OFFSET} (400 naming {@code offset} beyond), matches are counted only up to
 * {@link GeoQueries#MAX_COUNTED} (beyond that {@code numberMatched} is left out, as OGC API Features
 * allows, and {@code next} follows full pages), and no {@code next} link leads past the offset limit.
 */
class BoundedPagesIT {

    private static final long ROWS = GeoQueries.MAX_COUNTED + 10;
    private static GeoApiServer server;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase db = TestDatabase.createGeo();
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO facility (code, name, category, geom) SELECT 'f-' || lpad(i::text, 7, '0'), 'f', 'aed',"
                    + " ST_SetSRID(ST_MakePoint(120 + (i % 1000) * 0.0001, 30 + (i / 1000) * 0.0001), 4326)"
                    + " FROM generate_series(1, " + ROWS + ") i");
        }
        server = GeoApiServer.start(db);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void offsetsBeyondTheLimitAre400NamingOffset() throws Exception {
        for (String offset : new String[] {"100001", "4611686018427387903", "99999999999999999999"}) {
            HttpResponse<String> r = server.get("/collections/facilities/items?offset=" + offset);
            assertThat(r.statusCode()).as(offset).isEqualTo(400);
            JsonObject error = new JsonObject(r.body()).getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo("bad_parameter");
            assertThat(error.getString("message")).contains("'offset'").contains("100000");
        }
    }

    @Test
    void aCollectionTooBigToCountHasNoNumberMatchedAndNextLinksStopAtTheOffsetLimit() throws Exception {
        JsonObject first = server.json("/collections/facilities/items?limit=10");
        assertThat(first.containsKey("numberMatched")).isFalse();
        assertThat(first.getInteger("numberReturned")).isEqualTo(10);
        assertThat(GeoApiServer.link(first, "next")).isEqualTo("/collections/facilities/items?limit=10&offset=10");

        JsonObject beforeLast = server.json("/collections/facilities/items?limit=1000&offset=99000");
        assertThat(GeoApiServer.link(beforeLast, "next")).isEqualTo("/collections/facilities/items?limit=1000&offset=100000");
        JsonObject last = server.json("/collections/facilities/items?limit=1000&offset=100000");
        assertThat(last.getInteger("numberReturned")).isEqualTo(1000);
        assertThat(GeoApiServer.link(last, "next")).as("a next page would be beyond the offset limit").isNull();
    }

    @Test
    void aSmallerMatchIsStillCountedExactly() throws Exception {
        JsonObject boxed = server.json("/collections/facilities/items?bbox=119.99995,29.99995,120.00995,30.00005&limit=5");
        assertThat(boxed.getLong("numberMatched")).isEqualTo(99);
        assertThat(GeoApiServer.link(boxed, "next")).isEqualTo("/collections/facilities/items?limit=5&bbox=119.99995,29.99995,"
                + "120.00995,30.00005&offset=5");
    }
}
