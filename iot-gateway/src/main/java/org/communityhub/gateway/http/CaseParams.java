package org.communityhub.gateway.http;

import io.vertx.ext.web.RoutingContext;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;

/**
 * The case routes' request parameters: a report's place (in any of the contract's datums, as WGS-84), grid and
 * community codes, photo numbers; each refused with {@link ApiError} naming its parameter. Stateless; thread-safe.
 */
final class CaseParams {

    private CaseParams() {
    }

    /** The report's {@code lon}/{@code lat} in its {@code crs} (default WGS-84), converted to WGS-84. */
    static LonLat point(CaseForm form) {
        Double lon = form.number("lon");
        Double lat = form.number("lat");
        if (lon == null || lon < -180 || lon > 180) {
            throw ApiError.badParameter("lon", "must be a longitude in [-180, 180]");
        }
        if (lat == null || lat < -90 || lat > 90) {
            throw ApiError.badParameter("lat", "must be a latitude in [-90, 90]");
        }
        String crs = form.text("crs");
        Datum datum;
        try {
            datum = crs == null || crs.isEmpty() ? Datum.WGS84 : Datum.parse(crs);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter("crs", "must be one of wgs84, gcj02, bd09, cgcs2000");
        }
        return DatumConverter.toWgs84(datum, new LonLat(lon, lat));
    }

    /** A code parameter ({@code [a-z0-9-]{1,64}}), null when absent. */

    static String code(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!v.matches("[a-z0-9-]{1,64}")) {
            throw ApiError.badParameter(name, "must be a " + name + " code");
        }
        return v;
    }

    /** The {@code n} of a photo path (1–100); anything else is 404. */
    static int photoNumber(RoutingContext ctx) {
        try {
            int n = Integer.parseInt(ctx.pathParam("n"));
            if (n < 1 || n > 100) {
                throw ApiError.notFound("photo");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.notFound("photo");
        }
    }
}
