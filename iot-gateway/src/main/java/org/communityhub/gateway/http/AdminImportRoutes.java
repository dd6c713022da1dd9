package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.importer.GeoImportService;
import org.communityhub.geo.importer.ImportReport;

/**
 * {@code POST /api/v1/admin/import[?crs=]} (admin): the same import as {@code ./hub import}, with
 * the GeoJSON as the request body (bounded by the body limit). Answers 200 with the report when
 * every feature loaded, 422 with the report when some were rejected, 400 for a file that is not a
 * FeatureCollection.
 */
final class AdminImportRoutes {

    private final ApiSupport api;
    private final GeoImportService importer;
    private final Runnable afterImport;

    AdminImportRoutes(ApiSupport api, GeoImportService importer, Runnable afterImport) {
        this.api = api;
        this.importer = importer;
        this.afterImport = afterImport;
    }

    void mount(Router router) {
        router.post("/api/v1/admin/import").handler(api::authenticate).handler(this::importFile);
    }

    private void importFile(RoutingContext ctx) {
        ApiSupport.require(ctx, Role.ADMIN);
        String crs = ctx.request().getParam("crs");
        Datum datum;
        try {
            datum = crs == null || crs.isEmpty() ? null : Datum.parse(crs);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter("crs", "must be wgs84, gcj02, bd09 or cgcs2000");
        }
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        api.blocking(() -> {
            try {
                ImportReport report = importer.importGeoJson(new ByteArrayInputStream(body), datum);
                afterImport.run();
                return report;
            } catch (IOException e) {
                throw new ApiError(400, "bad_import_file", e.getMessage());
            }
        }).onSuccess(r -> ApiSupport.json(ctx, r.ok() ? 200 : 422, json(r))).onFailure(e -> ApiSupport.fail(ctx, e));
    }

    private static JsonObject json(ImportReport r) {
        JsonObject loaded = new JsonObject();
        r.loadedByLayer().forEach((layer, n) -> loaded.put(layer.name().toLowerCase(java.util.Locale.ROOT), n));
        JsonArray rejected = new JsonArray();
        r.rejections().forEach(x -> rejected.add(new JsonObject().put("index", x.featureIndex()).put("layer", x.layer())
                .put("code", x.code()).put("reason", x.kind().toString()).put("message", x.reason())));
        return new JsonObject().put("loaded", loaded).put("loaded_total", r.loadedCount()).put("rejected", rejected)
                .put("warnings", new JsonArray(r.warnings())).put("report", r.render());
    }
}
