package org.communityhub.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.cases.CaseActor;
import org.communityhub.contract.CaseCategory;
import org.communityhub.gateway.cases.CaseReportRow;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.ReportPeriod;
import org.communityhub.gateway.cases.QrCodeImages;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;

/**
 * {@code GET /api/v1/reports/cases?period=week|month[&date=][&community=][&format=csv]} (dispatchers and admins,
 * within their scope) and the public QR codes of grids, {@code GET /api/v1/grids/{code}/qr.png|qr.svg}, which encode
 * the map page's report link {@code <base>/?report=1&grid=<code>}, the base being {@code HUB_PUBLIC_URL} when
 * configured (cached publicly), else the request's origin ({@link PublicOrigin}; cached privately only, with {@code
 * Vary: Host, X-Forwarded-Proto}, so a forged {@code Host} never reaches a shared cache). Queries and image encoding
 * run on the worker pool.
 */
final class CaseReportRoutes {

    private final QrCodeImages qr;
    private final PublicOrigin origin;

    private final ApiSupport api;
    private final CaseService cases;

    CaseReportRoutes(ApiSupport api, CaseService cases, QrCodeImages qr, PublicOrigin origin) {
        this.origin = origin;
        this.qr = qr;
        this.api = api;
        this.cases = cases;
    }

    void mount(Router router) {
        router.get("/api/v1/reports/cases").handler(api::authenticate).handler(this::report);
        router.get("/api/v1/grids/:code/qr.png").handler(ctx -> qr(ctx, true));
        router.get("/api/v1/grids/:code/qr.svg").handler(ctx -> qr(ctx, false));
    }

    private void report(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.DISPATCHER, Role.ADMIN);
        String period = ctx.request().getParam("period", "week");
        if (!period.equals("week") && !period.equals("month")) {
            throw ApiError.badParameter("period", "must be week or month");
        }
        LocalDate day = date(ctx.request().getParam("date"), api.clock().withZone(cases.zone()));
        String community = ctx.request().getParam("community");
        if (community != null && !community.matches("[a-z0-9-]{1,64}")) {
            throw ApiError.badParameter("community", "must be a community code");
        }
        String format = ctx.request().getParam("format", "json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiError.badParameter("format", "must be json or csv");
        }
        CaseActor actor = new CaseActor(p.username(), p.role() == Role.ADMIN ? CaseActor.Kind.ADMIN
                : CaseActor.Kind.DISPATCHER, p.community(), java.util.Set.of());
        ReportPeriod range = ReportPeriod.of(period, day, cases.zone());
        api.blocking(() -> cases.report(actor, period, day, community)).onSuccess(rows -> {
            if (format.equals("csv")) {
                ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"cases-" + period + "-" + range.first()
                                + ".csv\"").end(csv(rows));
            } else {
                ApiSupport.json(ctx, 200, json(range, rows));
            }
        }).onFailure(e -> CaseRoutes.fail(ctx, e));
    }

    /** The {@code date} parameter, or today in the cases' zone by the hub's clock (in that zone) when it is absent. */
    private static LocalDate date(String text, java.time.Clock clock) {
        if (text == null || text.isEmpty()) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badParameter("date", "must be a date YYYY-MM-DD");
        }
    }

    private static JsonObject json(ReportPeriod range, List<CaseReportRow> rows) {
        JsonArray communities = new JsonArray();
        JsonObject current = null;
        for (CaseReportRow r : rows) {
            if (r.grid() == null) {
                current = line(r).put("community", r.community()).put("grids", new JsonArray());
                communities.add(current);
            } else if (current != null) {
                current.getJsonArray("grids").add(line(r).put("grid", r.grid()));
            }
        }
        return new JsonObject().put("period", range.kind()).put("from", range.first().toString())
                .put("to", range.last().toString()).put("communities", communities);
    }

    private static JsonObject line(CaseReportRow r) {
        JsonObject categories = new JsonObject();
        r.byCategory().forEach(categories::put);
        return new JsonObject().put("received", r.received()).put("closed", r.closed())
                .put("closed_on_time", r.closedOnTime()).put("overdue_open", r.overdueOpen())
                .put("median_hours_to_close", round(r.medianHoursToClose())).put("mean_rating", round(r.meanRating()))
                .put("by_category", categories);
    }

    private static String csv(List<CaseReportRow> rows) {
        StringBuilder out = new StringBuilder("community,grid,received,closed,closed_on_time,overdue_open,"
                + "median_hours_to_close,mean_rating");
        for (CaseCategory c : CaseCategory.values()) {
            out.append(',').append(c.code());
        }
        out.append("\r\n");
        for (CaseReportRow r : rows) {
            out.append(r.community()).append(',').append(r.grid() == null ? "" : r.grid()).append(',')
                    .append(r.received()).append(',').append(r.closed()).append(',').append(r.closedOnTime()).append(',')
                    .append(r.overdueOpen()).append(',').append(text(round(r.medianHoursToClose()))).append(',')
                    .append(text(round(r.meanRating())));
            for (CaseCategory c : CaseCategory.values()) {
                out.append(',').append(r.byCategory().getOrDefault(c.code(), 0L));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }

    private static String text(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private void qr(RoutingContext ctx, boolean png) {
        String code = ctx.pathParam("code");
        if (code == null || !code.matches("[a-z0-9-]{1,64}")) {
            ApiSupport.error(ctx, 404, "not_found", "grid not found");
            return;
        }
        PublicOrigin.Origin from = origin.of(ctx);
        String link = from.base() + "/?report=1&grid=" + code;
        api.blocking(() -> {
            if (cases.gridCommunity(code).isEmpty()) {
                throw ApiError.notFound("grid '" + code + "'");
            }
            return png ? Buffer.buffer(qr.png(link)) : Buffer.buffer(qr.svg(link));
        }).onSuccess(body -> {
            ctx.response().putHeader("content-type", png ? "image/png" : "image/svg+xml");
            if (from.fromRequest()) {
                // the link names the Host the request gave: never for a shared cache, nor reused for another Host
                ctx.response().putHeader("Cache-Control", "private, max-age=3600")
                        .putHeader("Vary", "Host, X-Forwarded-Proto");
            } else {
                ctx.response().putHeader("Cache-Control", "public, max-age=3600");
            }
            ctx.response().end(body);
        }).onFailure(e -> ApiSupport.fail(ctx, e));
    }
}
