package org.communityhub.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.communityhub.gateway.alert.AlertKind;
import org.communityhub.gateway.alert.AlertQuery;
import org.communityhub.gateway.alert.AlertStatus;
import org.communityhub.gateway.alert.Outcome;
import org.communityhub.gateway.alert.Severity;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;

/**
 * The history filters of {@code GET /api/v1/alerts} (issue 17, the closed-alerts list): {@code kind},
 * {@code outcome}, {@code building}, {@code from}/{@code to} (opening time, ISO-8601 with an offset; from inclusive,
 * to exclusive) and {@code before} (the {@code next} of the previous page). Each bad value is a 400 naming it.
 * Stateless; costs a few string checks.
 */
final class AlertHistoryParams {

    private static final String CODE = "[a-z0-9-]{1,64}";

    private AlertHistoryParams() {
    }

    /** The query of a request, with the status, severity, scope and limit already read by the caller. */
    static AlertQuery read(RoutingContext ctx, AlertStatus status, Severity severity, String scope, int limit) {
        String kind = param(ctx, "kind");
        AlertKind k = kind == null ? null : AlertKind.fromCode(kind).orElseThrow(() ->
                ApiError.badParameter("kind", "must be fire, intrusion, access or maintenance"));
        String outcome = param(ctx, "outcome");
        Outcome o = outcome == null ? null : Outcome.fromCode(outcome).orElseThrow(() ->
                ApiError.badParameter("outcome", "must be resolved or false_alarm"));
        String building = param(ctx, "building");
        if (building != null && !building.matches(CODE)) {
            throw ApiError.badParameter("building", "must be a building code");
        }
        Instant from = ApiSupport.instantParam(ctx, "from", null);
        Instant to = ApiSupport.instantParam(ctx, "to", null);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiError.badParameter("to", "must be after from");
        }
        String before = param(ctx, "before");
        AlertQuery.Cursor cursor = before == null ? null : AlertQuery.Cursor.parse(before).orElseThrow(() ->
                ApiError.badParameter("before", "must be the next value of a previous page"));
        return new AlertQuery(status, severity, scope, k, o, building, from, to, cursor, limit);
    }

    private static String param(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
