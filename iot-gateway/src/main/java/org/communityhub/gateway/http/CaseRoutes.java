package org.communityhub.gateway.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.communityhub.contract.CaseStatus;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.cases.CaseActor;
import org.communityhub.gateway.cases.CaseCommand;
import org.communityhub.gateway.cases.CaseRuleException;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.PhotoSanitizer;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;
import org.communityhub.geo.crs.LonLat;

/**
 * The case routes of CONTRACT §7: public reports (throttled per client by {@link ReportAllowance}: stored reports
 * and, with a larger allowance, attempts; then 429 with the seconds left in {@code Retry-After}), the reporter's
 * tracking view and rating, and the staff's list, case, photos and workflow steps, and cases from alerts. Every
 * database call runs on the worker pool ({@link ApiSupport#blocking}); photos are re-encoded first on their own
 * small pool ({@code hub-photos}, {@code HUB_CASE_PHOTO_THREADS}, 2 by default), so a burst of reports neither takes
 * every database worker for tens of milliseconds of CPU each nor decodes more photos at once than there are threads
 * (their pixels, up to ~40 MB a photo being decoded, are bounded by the threads; the bytes waiting for them by
 * {@link UploadGate}, whose reservation is held until the photo work has settled). The requests waiting for or on
 * that pool are bounded too ({@link #photoQueueBound}: four per largest request of the gate's budget, plus the
 * threads); past it, 503 {@code busy} with {@code Retry-After}. Work whose connection closed before it started is
 * skipped (nothing filed). The event loop only reads the body and checks the fields.
 */
public final class CaseRoutes {

    private static final String CASE = "/api/v1/cases/:id";

    private final ApiSupport api;
    private final CaseService cases;
    private final ReportAllowance reports;
    private final UploadGate uploads;
    private final WorkerExecutor photos;
    private final int photoQueueBound;
    private final AtomicInteger photoJobs = new AtomicInteger();

    CaseRoutes(ApiSupport api, CaseService cases, java.time.Clock clock, int uploads, WorkerExecutor photos,
               int photoThreads, MeterRegistry registry) {
        this.api = api;
        this.photos = photos;
        this.cases = cases;
        this.reports = new ReportAllowance(clock);
        this.uploads = new UploadGate(uploads, registry);
        this.photoQueueBound = photoQueueBound(uploads, photoThreads);
        Gauge.builder("hub.case.photo.jobs", photoJobs, AtomicInteger::get)
                .description("Requests with photos waiting for or on the hub-photos pool").strongReference(true)
                .register(registry);
    }

    /** Requests with photos that may wait for or run on {@code hub-photos}: 4 per upload of the budget + threads. */
    public static int photoQueueBound(int uploads, int photoThreads) {
        return 4 * uploads + photoThreads;
    }

    /**
     * The case routes as a mounter for the HTTP verticle; at most {@code uploads} requests with photos of the
     * largest size are held at once ({@link UploadGate}), and photos are re-encoded on {@code photos}; the grids'
     * QR codes link to {@code origin}.
     */
    public static java.util.function.Consumer<Router> mounter(ApiSupport api, CaseService cases, java.time.Clock clock,
                                                              org.communityhub.gateway.cases.QrCodeImages qr, int uploads,
                                                              WorkerExecutor photos, int photoThreads,
                                                              MeterRegistry registry, PublicOrigin origin) {
        CaseRoutes routes = new CaseRoutes(api, cases, clock, uploads, photos, photoThreads, registry);
        CaseReportRoutes reports = new CaseReportRoutes(api, cases, qr, origin);
        return router -> {
            routes.mount(router);
            reports.mount(router);
        };
    }

    void mount(Router router) {
        router.post("/api/v1/cases").handler(reports::throttle).handler(uploads::admit).handler(CaseForm::read)
                .handler(this::optionalLogin).handler(this::submit);
        router.get("/api/v1/cases/track/:code").handler(ctx -> reply(ctx, () ->
                CaseJson.tracking(cases.track(ctx.pathParam("code")))));
        // ?thumbnail=true: the stored thumbnail (the tracking view's list; the full photo on a tap)
        router.get("/api/v1/cases/track/:code/photos/:n").handler(ctx -> image(ctx, () ->
                cases.trackPhoto(ctx.pathParam("code"), CaseParams.photoNumber(ctx),
                        "true".equals(ctx.request().getParam("thumbnail")))));
        router.post("/api/v1/cases/track/:code/rating").handler(this::rate);
        router.get("/api/v1/cases").handler(api::authenticate).handler(this::list);
        router.get("/api/v1/cases/digest").handler(api::authenticate).handler(ctx -> {
            Principal p = staff(ctx);
            reply(ctx, () -> CaseJson.digest(cases.digest(actor(p))));
        });
        router.get(CASE).handler(api::authenticate).handler(ctx -> {
            Principal p = staff(ctx);
            long id = ApiSupport.longPath(ctx, "id");
            reply(ctx, () -> CaseJson.detail(cases.detail(actor(p), id)));
        });
        router.get(CASE + "/assignees").handler(api::authenticate).handler(ctx -> {
            Principal p = staff(ctx);
            long id = ApiSupport.longPath(ctx, "id");
            reply(ctx, () -> CaseJson.assignees(cases.assignees(actor(p), id)));
        });
        router.get(CASE + "/photos/:n").handler(api::authenticate).handler(ctx -> {
            Principal p = staff(ctx);
            long id = ApiSupport.longPath(ctx, "id");
            int n = CaseParams.photoNumber(ctx);
            boolean thumb = "true".equals(ctx.request().getParam("thumbnail"));
            image(ctx, () -> cases.photo(actor(p), id, n, thumb));
        });
        for (String step : List.of("accept", "reject", "assign", "start", "handle", "close", "reopen", "rework")) {
            // Staff only: the login is checked before a multipart body (photos) is read, which waits paused.
            router.post(CASE + "/" + step).handler(CaseForm::pause).handler(api::authenticate).handler(uploads::admit)
                    .handler(CaseForm::read)
                    .handler(ctx -> step(ctx, step));
        }
        router.post("/api/v1/alerts/:id/case").handler(api::authenticate).handler(ctx -> {
            Principal p = ApiSupport.require(ctx, Role.SECURITY, Role.DISPATCHER, Role.ADMIN);
            long alert = ApiSupport.longPath(ctx, "id");
            // 201 with the new case; 200 with the one made before (created false): one case per alert
            api.blocking(() -> cases.fromAlert(actor(p), alert)).onSuccess(made -> ApiSupport.json(ctx,
                    made.created() ? 201 : 200, CaseJson.filed(made.filed()).put("created", made.created())))
                    .onFailure(e -> fail(ctx, e));
        });
    }

    private void optionalLogin(RoutingContext ctx) {
        if (ctx.request().getHeader("Authorization") == null) {
            ctx.next();
        } else {
            api.authenticate(ctx);
        }
    }

    private void submit(RoutingContext ctx) {
        guarded(ctx, () -> {
            CaseForm form = CaseForm.of(ctx);
            List<byte[]> uploaded = form.photos();
            List<byte[]> after = form.afterPhotos();
            LonLat at = CaseParams.point(form);
            CaseService.Report report = cases.report(form.text("category"), form.text("description"), at.lon(),
                    at.lat(), form.text("contact"));
            Principal p = ApiSupport.principal(ctx);
            if ("true".equals(form.text("close_on_spot"))) {
                closeOnTheSpot(ctx, p, report, uploaded, form.text("note"), after);
                return;
            }
            if (!after.isEmpty()) {
                throw ApiError.badParameter("after_photo", "only with close_on_spot=true");
            }
            withPhotos(ctx, uploaded, 201, clean -> CaseJson.filed(cases.submit(p == null
                    ? CaseActor.anonymous() : actor(p), report, clean)));
        });
    }

    /**
     * 现场办结 in one request: a grid worker's report filed, handled with {@code note} and the after-photos, and
     * closed, in one transaction ({@link CaseService#submitClosedOnTheSpot}); 201 with status {@code closed}. Before
     * any photo work: 401/403 for anyone but a grid worker, 400 naming {@code note}, 422 naming {@code after_photo}
     * without one.
     */
    private void closeOnTheSpot(RoutingContext ctx, Principal p, CaseService.Report report, List<byte[]> uploaded,
                                String note, List<byte[]> after) {
        CaseForm.checkOnTheSpot(p, note, after);
        List<byte[]> all = new java.util.ArrayList<>(uploaded);
        all.addAll(after);
        int before = uploaded.size();
        withPhotos(ctx, all, 201, clean -> CaseJson.filed(cases.submitClosedOnTheSpot(actor(p), report,
                clean.subList(0, before), note, clean.subList(before, clean.size()))));
    }

    /**
     * The photos re-encoded on the {@code hub-photos} pool (none: at once), then {@code store} on the worker pool,
     * answered with {@code status}. Holds the request's {@link UploadGate.Hold} until this chain settles; does
     * nothing when the connection closed before it started, and skips the re-encoding and the store when it closed
     * while the photos waited. Past {@link #photoQueueBound} requests on the pool: 503 busy.
     */
    private void withPhotos(RoutingContext ctx, List<byte[]> uploaded, int status,
                            Function<List<PhotoSanitizer.CleanPhoto>, JsonObject> store) {
        UploadGate.Hold hold = UploadGate.hold(ctx);
        if (hold != null && !hold.startWork()) {
            return; // the connection is gone: nobody to answer, nothing to file
        }
        boolean queued = !uploaded.isEmpty();
        if (queued && photoJobs.incrementAndGet() > photoQueueBound) {
            photoJobs.decrementAndGet();
            settled(hold);
            UploadGate.busy(ctx, "too many photos are waiting to be processed");
            return;
        }
        Future<List<PhotoSanitizer.CleanPhoto>> clean = queued ? photos.executeBlocking(() -> {
            skipIfGone(hold);
            return cases.sanitize(uploaded);
        }, false) : Future.succeededFuture(List.of());
        clean.compose(c -> api.blocking(() -> {
            skipIfGone(hold);
            return store.apply(c);
        })).onComplete(done -> {
            if (queued) {
                photoJobs.decrementAndGet();
            }
            settled(hold);
        }).onSuccess(body -> ApiSupport.json(ctx, status, body)).onFailure(e -> {
            if (!(e instanceof Abandoned || e.getCause() instanceof Abandoned)) {
                fail(ctx, e);
            }
        });
    }

    private static void settled(UploadGate.Hold hold) {
        if (hold != null) {
            hold.workDone();
        }
    }

    private static void skipIfGone(UploadGate.Hold hold) {
        if (hold != null && hold.answered()) {
            throw new Abandoned();
        }
    }

    /** The connection closed before the photo work started: it is skipped. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("the connection closed before the photos were processed", null, false, false);
        }
    }

    private void rate(RoutingContext ctx) {
        guarded(ctx, () -> {
            JsonObject body = ApiSupport.body(ctx);
            Object score = body.getValue("score");
            if (score != null && !(score instanceof Integer || score instanceof Long)) {
                throw ApiError.badParameter("score", "must be a whole number 1–5");
            }
            Object comment = body.getValue("comment");
            if (comment != null && !(comment instanceof String)) {
                throw ApiError.badParameter("comment", "must be a string");
            }
            Integer s = score == null ? null : ((Number) score).intValue();
            reply(ctx, () -> CaseJson.tracking(cases.rate(ctx.pathParam("code"), s, (String) comment)));
        });
    }

    private void list(RoutingContext ctx) {
        Principal p = staff(ctx);
        String statusText = ctx.request().getParam("status");
        CaseStatus status = statusText == null || statusText.isEmpty() || "open".equals(statusText) ? null
                : CaseStatus.fromCode(statusText).orElseThrow(() -> ApiError.badParameter("status",
                        "must be open or one of submitted, accepted, assigned, in_progress, handled, closed, rejected"));
        String grid = CaseParams.code(ctx, "grid");
        String community = CaseParams.code(ctx, "community");
        String overdue = ctx.request().getParam("overdue");
        if (overdue != null && !overdue.matches("true|false")) {
            throw ApiError.badParameter("overdue", "must be true or false");
        }
        int limit = ApiSupport.intParam(ctx, "limit", 100, 1, 1000);
        reply(ctx, () -> {
            JsonArray out = new JsonArray();
            cases.list(actor(p), status, "open".equals(statusText), grid, community, "true".equals(overdue), limit)
                    .forEach(s -> out.add(CaseJson.summary(s)));
            return new JsonObject().put("cases", out);
        });
    }

    private void step(RoutingContext ctx, String step) {
        guarded(ctx, () -> {
            Principal p = staff(ctx);
            long id = ApiSupport.longPath(ctx, "id");
            CaseForm form = CaseForm.of(ctx);
            List<byte[]> uploaded = form.photos();
            CaseCommand command = switch (step) {
                case "accept" -> {
                    Integer hours = form.whole("deadline_hours");
                    yield new CaseCommand.Accept(hours == null ? null : Duration.ofHours(hours), form.text("priority"),
                            form.text("assignee"));
                }
                case "reject" -> new CaseCommand.Reject(form.text("reason"));
                case "assign" -> new CaseCommand.Assign(form.text("assignee"));
                case "start" -> new CaseCommand.Start();
                case "handle" -> new CaseCommand.Handle(form.text("note"));
                case "close" -> new CaseCommand.Close();
                case "rework" -> new CaseCommand.Rework(form.text("reason"));
                default -> new CaseCommand.Reopen(form.text("reason"));
            };
            cases.checkStepPhotos(command, uploaded.size());
            withPhotos(ctx, uploaded, 200, clean -> CaseJson.detail(cases.stepSanitized(actor(p), id, command,
                    clean)));
        });
    }

    /** The staff who work with cases (CONTRACT §6); any other role gets 403. */
    private static Principal staff(RoutingContext ctx) {
        return ApiSupport.require(ctx, Role.DISPATCHER, Role.GRID_WORKER, Role.ADMIN);
    }

    /** The case actor of a login (a grid worker's grids as stored now). Blocking. */
    private CaseActor actor(Principal p) {
        CaseActor.Kind kind = switch (p.role()) {
            case ADMIN -> CaseActor.Kind.ADMIN;
            case DISPATCHER -> CaseActor.Kind.DISPATCHER;
            case GRID_WORKER -> CaseActor.Kind.GRID_WORKER;
            default -> CaseActor.Kind.OTHER_STAFF;
        };
        return cases.actor(p.username(), kind, p.community());
    }

    private void reply(RoutingContext ctx, Callable<JsonObject> work) {
        reply(ctx, 200, work);
    }

    private void reply(RoutingContext ctx, int status, Callable<JsonObject> work) {
        api.blocking(work).onSuccess(body -> ApiSupport.json(ctx, status, body)).onFailure(e -> fail(ctx, e));
    }

    private void image(RoutingContext ctx, Callable<byte[]> work) {
        guarded(ctx, () -> api.blocking(work).onSuccess(bytes -> ctx.response().putHeader("content-type", "image/jpeg")
                .putHeader("Cache-Control", "private, max-age=300").end(Buffer.buffer(bytes)))
                .onFailure(e -> fail(ctx, e)));
    }

    private static void guarded(RoutingContext ctx, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            fail(ctx, e);
        }
    }

    /** Case rule and photo refusals as 404/403/409/400/422 and 413/415; anything else as the API does. */
    static void fail(RoutingContext ctx, Throwable e) {
        Throwable t = e.getCause() instanceof CaseRuleException || e.getCause() instanceof PhotoSanitizer.PhotoRejectedException
                ? e.getCause() : e;
        if (t instanceof CaseRuleException r) {
            switch (r.kind()) {
                case NOT_FOUND -> ApiSupport.error(ctx, 404, "not_found", r.getMessage());
                case FORBIDDEN -> ApiSupport.error(ctx, 403, "forbidden", r.getMessage());
                case CONFLICT -> ApiSupport.error(ctx, 409, "conflict", r.getMessage());
                case OUTSIDE_AREA -> ApiSupport.error(ctx, 422, "outside_area", r.getMessage());
                case INELIGIBLE -> ApiSupport.error(ctx, 422, "ineligible_" + r.field(), r.getMessage());
                default -> ApiSupport.error(ctx, 400, "bad_parameter", r.getMessage());
            }
        } else if (t instanceof PhotoSanitizer.PhotoRejectedException p) {
            if (p.tooLarge()) {
                ApiSupport.error(ctx, 413, "photo_too_large", "field 'photo': " + p.getMessage());
            } else {
                ApiSupport.error(ctx, 415, "not_an_image", "field 'photo': " + p.getMessage());
            }
        } else {
            ApiSupport.fail(ctx, t);
        }
    }
}
