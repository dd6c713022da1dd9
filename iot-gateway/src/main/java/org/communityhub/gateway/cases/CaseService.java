package org.communityhub.gateway.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.communityhub.contract.CaseCategory;
import org.communityhub.contract.CaseStatus;

/**
 * The cases application (CONTRACT §7): files reports (place from the point, photos re-encoded first),
 * takes workflow steps ({@link CaseWorkflow}) with the grid's worker as the default assignee, audits every
 * step in the case's history, and answers the staff's and the reporter's reads. Photos are sanitised before
 * the transaction opens; each submission or step is then one transaction on the locked case, so a refused
 * or failed one leaves nothing behind. Blocking (call off the event loop); thread-safe.
 */
public final class CaseService {

    /** Photos per request (the report's, or the handling's after-photos). */
    public static final int MAX_PHOTOS = 3;
    /** Photos in one request at most: an on-the-spot closing's report photos and as many after-photos (现场办结). */
    public static final int MAX_PHOTOS_A_REQUEST = 2 * MAX_PHOTOS;
    /** The most cases a digest lists or counts. */
    public static final int DIGEST_LIMIT = 1000;

    private final CaseStore store;
    private final CaseWorkflow workflow;
    private final PhotoSanitizer sanitizer;
    private final PlaceLocator places;
    private final Clock clock;
    private final java.time.ZoneId zone;
    private final CaseTracking tracking;

    /**
     * @param zone the cases' time zone ({@code HUB_CASE_ZONE}): the reports' weeks and months, as the morning digest's
     *             day ({@code CaseReminders})
     */
    public CaseService(CaseStore store, CaseWorkflow workflow, PhotoSanitizer sanitizer, PlaceLocator places,
                       Clock clock, java.time.ZoneId zone) {
        this.store = store;
        this.workflow = workflow;
        this.sanitizer = sanitizer;
        this.places = places;
        this.clock = clock;
        this.zone = zone;
        this.tracking = new CaseTracking(store, clock);
    }

    /** The cases' time zone: reports' periods and the digest's day. */
    public java.time.ZoneId zone() {
        return zone;
    }

    /** A filed case: its id, tracking code, status and place. */
    public record Filed(long id, String trackingCode, CaseStatus status, Place place) {
    }

    /** The actor for a login: a grid worker with its grids as stored now. */
    public CaseActor actor(String username, CaseActor.Kind kind, String community) {
        List<String> grids = kind == CaseActor.Kind.GRID_WORKER ? store.gridsOf(username) : List.of();
        return new CaseActor(username, kind, community, java.util.Set.copyOf(grids));
    }

    /**
     * A report's fields, checked: what {@link #submit(CaseActor, Report, List)} files once its photos are sanitised.
     *
     * @param contact the phone number, or null
     */
    public record Report(CaseCategory category, String description, double lon, double lat, String contact) {
    }

    /**
     * Files a report at a WGS-84 point: {@link #report}, {@link #sanitize} and {@link #submit(CaseActor, Report, List)}
     * on the calling thread.
     *
     * @throws CaseRuleException INVALID naming the field, OUTSIDE_AREA for a point outside every community
     * @throws PhotoSanitizer.PhotoRejectedException for a photo too large or not an image
     */
    public Filed submit(CaseActor actor, String category, String description, double lon, double lat, String contact,
                        List<byte[]> photos) {
        Report report = report(category, description, lon, lat, contact);
        return submit(actor, report, sanitize(photos));
    }

    /**
     * Checks a report's fields (no I/O, microseconds: fine on any thread), before its photos cost any work.
     *
     * @throws CaseRuleException INVALID naming the field
     */
    public Report report(String category, String description, double lon, double lat, String contact) {
        CaseCategory cat = CaseCategory.fromCode(category == null ? "" : category)
                .orElseThrow(() -> CaseRuleException.invalid("category", "must be one of environment, facility_damage, "
                        + "safety_hazard, fire_safety, dispute, noise, other"));
        String text = CaseTexts.text("description", description, true);
        String phone = CaseTexts.contact(contact);
        return new Report(cat, text, lon, lat, phone);
    }

    /**
     * Files a checked report with its sanitised photos: the place from the point, then one transaction (the case,
     * its first history step, the photos in one batch). Blocking (the database).
     *
     * @throws CaseRuleException OUTSIDE_AREA for a point outside every community
     */
    public Filed submit(CaseActor actor, Report report, List<PhotoSanitizer.CleanPhoto> photos) {
        return file(actor, report, photos, (tx, id, now) -> CaseStatus.SUBMITTED);
    }

    /**
     * 现场办结 as one operation: files the grid worker's report and, in the same transaction, handles it with the
     * note and after-photos and closes it (history: submit, handle, close). Blocking (the database).
     *
     * @throws CaseRuleException INVALID naming {@code after_photo} without one, or {@code note}; FORBIDDEN for
     *         anyone but a grid worker; OUTSIDE_AREA; nothing is stored on any of them
     */
    public Filed submitClosedOnTheSpot(CaseActor actor, Report report, List<PhotoSanitizer.CleanPhoto> photos,
                                       String note, List<PhotoSanitizer.CleanPhoto> after) {
        if (after.isEmpty() || after.size() > MAX_PHOTOS) {
            throw CaseRuleException.invalid("after_photo", "1 to " + MAX_PHOTOS + " after-photos");
        }
        return file(actor, report, photos, (tx, id, now) -> {
            CaseFile filed = tx.lock(id).orElseThrow(CaseRuleException::notFound);
            List<CaseChange> steps = workflow.closeOnTheSpot(filed, actor, note, now);
            tx.apply(id, steps.get(0), actor.username(), now);
            tx.addPhotos(id, photos.size() + 1, "handled", after);
            tx.apply(id, steps.get(1), actor.username(), now);
            return CaseStatus.CLOSED;
        });
    }

    /** What follows the filing of a case inside its transaction; returns the case's status then. */
    private interface AfterFiling {
        CaseStatus then(CaseStore.Tx tx, long id, Instant now);
    }

    /** The place from the point, then one transaction: the case, its first history step, its photos, {@code after}. */
    private Filed file(CaseActor actor, Report report, List<PhotoSanitizer.CleanPhoto> photos, AfterFiling after) {
        if (photos.size() > MAX_PHOTOS) {
            throw CaseRuleException.invalid("photo", "at most " + MAX_PHOTOS + " photos");
        }
        Place place = places.locate(report.lon(), report.lat()).orElseThrow(CaseRuleException::outsideArea);
        Instant now = clock.instant();
        NewCase c = new NewCase(TrackingCode.next(), report.category(), report.description(), report.lon(),
                report.lat(), place, actor.username(), report.contact(), null, now);
        return store.transaction(tx -> {
            long id = tx.insert(c);
            tx.history(id, actor.username(), "submit", null, CaseStatus.SUBMITTED, null, now);
            tx.addPhotos(id, 1, "report", photos);
            return new Filed(id, c.trackingCode(), after.then(tx, id, now), place);
        });
    }

    /** A case made from an alert: {@code created} false when the alert had one already (that one is returned). */
    public record FromAlert(Filed filed, boolean created) {
    }

    /**
     * Turns an alert into a case linked to it, at the alert's place (security, dispatcher, admin in scope). Once per
     * alert: asked again (a second guard, a double tap), it returns the case made the first time.
     */
    public FromAlert fromAlert(CaseActor actor, long alertId) {
        Instant now = clock.instant();
        return store.transaction(tx -> {
            CaseStore.AlertOrigin a = tx.alert(alertId).filter(x -> actor.kind() == CaseActor.Kind.ADMIN
                    || actor.community() == null && actor.kind() == CaseActor.Kind.DISPATCHER
                    || x.community().equals(actor.community())).orElseThrow(CaseRuleException::notFound);
            if (a.lon() == null || a.lat() == null) {
                throw CaseRuleException.outsideArea();
            }
            Place place = places.locate(a.lon(), a.lat()).orElseThrow(CaseRuleException::outsideArea);
            Optional<CaseStore.AlertCase> made = tx.caseOfAlert(alertId);
            if (made.isPresent()) {
                CaseStore.AlertCase m = made.get();
                return new FromAlert(new Filed(m.id(), m.trackingCode(), m.status(), place), false);
            }
            CaseCategory cat = "fire".equals(a.kind()) ? CaseCategory.FIRE_SAFETY
                    : "maintenance".equals(a.kind()) ? CaseCategory.FACILITY_DAMAGE : CaseCategory.SAFETY_HAZARD;
            NewCase c = new NewCase(TrackingCode.next(), cat, "告警 #" + a.id() + "（" + a.kind() + "）转为工单，设备 "
                    + a.device(), a.lon(), a.lat(), place, actor.username(), null, a.id(), now);
            long id = tx.insert(c);
            tx.history(id, actor.username(), "from_alert", null, CaseStatus.SUBMITTED, "alert " + a.id(), now);
            return new FromAlert(new Filed(id, c.trackingCode(), CaseStatus.SUBMITTED, place), true);
        });
    }

    /**
     * Takes one step; after-photos only with {@code handle}: {@link #checkStepPhotos}, {@link #sanitize} and
     * {@link #stepSanitized} on the calling thread.
     *
     * @throws CaseRuleException NOT_FOUND, FORBIDDEN, CONFLICT or INVALID, in that order
     */
    public CaseViews.Detail step(CaseActor actor, long id, CaseCommand command, List<byte[]> photos) {
        checkStepPhotos(command, photos.size());
        return stepSanitized(actor, id, command, sanitize(photos));
    }

    /** Only a {@code handle} step takes photos (no I/O). @throws CaseRuleException INVALID naming {@code photo} */
    public void checkStepPhotos(CaseCommand command, int photos) {
        if (photos > 0 && !(command instanceof CaseCommand.Handle)) {
            throw CaseRuleException.invalid("photo", "only a handle step takes photos");
        }
    }

    /**
     * Takes one step with photos already sanitised (after-photos only with {@code handle}). Blocking (the database).
     *
     * @throws CaseRuleException NOT_FOUND, FORBIDDEN, CONFLICT or INVALID, in that order
     */
    public CaseViews.Detail stepSanitized(CaseActor actor, long id, CaseCommand command,
                                          List<PhotoSanitizer.CleanPhoto> clean) {
        checkStepPhotos(command, clean.size());
        if (clean.size() > MAX_PHOTOS) {
            throw CaseRuleException.invalid("photo", "at most " + MAX_PHOTOS + " photos");
        }
        Instant now = clock.instant();
        store.transaction(tx -> {
            CaseFile c = tx.lock(id).orElseThrow(CaseRuleException::notFound);
            CaseCommand cmd = command;
            if (cmd instanceof CaseCommand.Accept a && a.assignee() == null && actor.sees(c)) {
                String worker = c.grid() == null ? null : tx.gridWorker(c.grid()).orElse(null);
                cmd = new CaseCommand.Accept(a.limit(), a.priority(), worker);
            }
            CaseChange change = workflow.apply(c, actor, cmd, now);
            String picked = command instanceof CaseCommand.Accept a ? a.assignee()
                    : command instanceof CaseCommand.Assign a ? a.assignee() : null;
            if (picked != null && !tx.mayWork(picked, c.community())
                    .orElseThrow(() -> CaseRuleException.invalid("assignee", "no such user"))) {
                throw CaseRuleException.ineligible("assignee", picked + " may not work on cases of community "
                        + c.community() + " (GET /api/v1/cases/" + id + "/assignees lists who may)");
            }
            tx.apply(id, change, actor.username(), now);
            if (!clean.isEmpty()) {
                tx.addPhotos(id, tx.photoCount(id) + 1, "handled", clean);
            }
            return null;
        });
        return store.detail(id, clock.instant()).orElseThrow(CaseRuleException::notFound);
    }

    /**
     * Who may be given the case (dispatchers and admins in scope): {@link CaseStore#assignees}, the case's grid's
     * workers first. Blocking (two queries).
     *
     * @throws CaseRuleException NOT_FOUND outside the actor's scope, FORBIDDEN for a role that does not assign
     */
    public List<CaseStore.Assignee> assignees(CaseActor actor, long id) {
        CaseFile c = detail(actor, id).file();
        if (!actor.dispatches()) {
            throw CaseRuleException.forbidden("assign");
        }
        return store.assignees(c.community(), c.grid());
    }

    /** The case, if the actor sees it. */
    public CaseViews.Detail detail(CaseActor actor, long id) {
        return store.detail(id, clock.instant()).filter(d -> actor.sees(d.file()))
                .orElseThrow(CaseRuleException::notFound);
    }

    public byte[] photo(CaseActor actor, long id, int n, boolean thumbnail) {
        detail(actor, id);
        return store.photo(id, n, thumbnail).orElseThrow(CaseRuleException::notFound);
    }

    /**
     * The actor's cases, overdue first: exactly those {@link CaseActor#sees} lets it open (a grid worker's are those
     * of its grids, and those it reported or is assigned wherever they are). {@code community} and {@code grid}
     * narrow the scope; an unknown grid, or one outside the scope, is 404 (CONTRACT §5/§6), as is another community.
     */
    public List<CaseViews.Summary> list(CaseActor actor, CaseStatus status, boolean openOnly, String grid,
                                        String community, boolean overdueOnly, int limit) {
        if (community != null && actor.kind() != CaseActor.Kind.ADMIN && actor.community() != null
                && !community.equals(actor.community())) {
            throw CaseRuleException.notFound();
        }
        boolean worker = actor.kind() == CaseActor.Kind.GRID_WORKER;
        if (grid != null && worker && !actor.grids().contains(grid)) {
            throw CaseRuleException.notFound();
        }
        if (grid != null && !worker) {
            String of = store.gridCommunity(grid).orElseThrow(CaseRuleException::notFound);
            if (actor.kind() != CaseActor.Kind.ADMIN && actor.community() != null && !of.equals(actor.community())) {
                throw CaseRuleException.notFound();
            }
        }
        // A grid worker's scope is its grids and its own cases (BY_WORKER), not its community: as sees() has it.
        String scope = actor.kind() == CaseActor.Kind.ADMIN || worker ? null : actor.community();
        CaseViews.Query q = new CaseViews.Query(scope, worker ? new ArrayList<>(actor.grids()) : null,
                worker ? actor.username() : null, status, openOnly, grid, community, overdueOnly, limit, null);
        return store.list(q, clock.instant());
    }

    /**
     * The week's or month's report holding {@code day} (in {@link #zone()}), per community and grid, within
     * the actor's scope (dispatchers and admins); {@code community} narrows it (404 outside the scope).
     */
    public List<CaseReportRow> report(CaseActor actor, String period, java.time.LocalDate day, String community) {
        if (!actor.dispatches()) {
            throw CaseRuleException.forbidden("report on");
        }
        if (community != null && actor.community() != null && !community.equals(actor.community())) {
            throw CaseRuleException.notFound();
        }
        ReportPeriod p = ReportPeriod.of(period, day, zone);
        return store.report(p, community != null ? community : actor.community(), clock.instant());
    }

    /** The community of a grid, or empty (public: QR codes of grids). */
    public Optional<String> gridCommunity(String grid) {
        return store.gridCommunity(grid);
    }

    /**
     * The actor's reminder of the day: their pending cases, overdue first; dispatchers and admins also the overdue
     * count and the untriaged reports in scope (count, oldest; an {@code OTHER_STAFF} actor: when it has some).
     */
    public CaseViews.Digest digest(CaseActor actor) {
        Instant now = clock.instant();
        List<CaseViews.Summary> mine = store.list(new CaseViews.Query(null, null, null, null, true, null, null, false,
                DIGEST_LIMIT, actor.username()), now).stream().filter(s -> s.status().workPending()).toList();
        Long inScope = null;
        if (actor.dispatches()) {
            String scope = actor.kind() == CaseActor.Kind.ADMIN ? null : actor.community();
            inScope = (long) store.list(new CaseViews.Query(scope, null, null, null, true, null, null, true,
                    DIGEST_LIMIT, null), now).size();
        }
        Long untriaged = null;
        List<CaseViews.Summary> oldest = List.of();
        CaseViews.Untriaged u = actor.dispatches() || actor.kind() == CaseActor.Kind.OTHER_STAFF
                ? store.untriaged(actor.username(), CaseViews.Digest.UNTRIAGED_TOP, now) : null;
        if (u != null && (actor.dispatches() || u.count() > 0)) {
            untriaged = u.count();
            oldest = u.oldest();
        }
        return new CaseViews.Digest(actor.username(), mine, mine.stream().filter(CaseViews.Summary::overdue).count(),
                inScope, untriaged, oldest);
    }

    /** The case behind a tracking code (the public view is the HTTP adapter's choice of fields). */
    public CaseViews.Detail track(String trackingCode) {
        return tracking.track(trackingCode);
    }

    /** A photo of the case behind a tracking code (or its thumbnail). */
    public byte[] trackPhoto(String trackingCode, int n, boolean thumbnail) {
        return tracking.photo(trackingCode, n, thumbnail);
    }

    /** The reporter's rating of a closed case ({@link CaseTracking#rate}). */
    public CaseViews.Detail rate(String trackingCode, Integer score, String comment) {
        return tracking.rate(trackingCode, score, comment);
    }

    /**
     * Re-encodes a request's photos ({@link PhotoSanitizer}): CPU only, about 25–70 ms a 1 MB photo, so the HTTP
     * routes run it on their own small pool ({@code hub-photos}) rather than the database workers.
     *
     * @throws CaseRuleException INVALID naming {@code photo} for more than {@link #MAX_PHOTOS_A_REQUEST} (each list
     *         of {@link #MAX_PHOTOS} at most is checked where it is filed)
     * @throws PhotoSanitizer.PhotoRejectedException for a photo too large or not an image
     */
    public List<PhotoSanitizer.CleanPhoto> sanitize(List<byte[]> photos) {
        if (photos.size() > MAX_PHOTOS_A_REQUEST) {
            throw CaseRuleException.invalid("photo", "at most " + MAX_PHOTOS_A_REQUEST + " photos in one request");
        }
        List<PhotoSanitizer.CleanPhoto> out = new ArrayList<>();
        for (byte[] p : photos) {
            out.add(sanitizer.sanitize(p));
        }
        return out;
    }
}
