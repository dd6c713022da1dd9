package org.communityhub.gateway.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.communityhub.contract.CaseStatus;

/**
 * Port: where cases, their history and photos are kept. Every step of a case runs in one
 * {@linkplain #transaction transaction} that locks the case, so two steps on one case never interleave and a
 * failed step leaves nothing behind. Blocking (call off the event loop); thread-safe.
 */
public interface CaseStore {

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(Function<Tx, T> work);

    /** A grid worker's grids (empty for anyone else). */
    List<String> gridsOf(String username);

    /** Cases matching {@code q}, overdue first (as of {@code now}), then by deadline, newest first. */
    List<CaseViews.Summary> list(CaseViews.Query q, Instant now);

    /**
     * The reports still {@code submitted} (untriaged) that the dispatcher or admin {@code username} covers (an admin
     * or subdistrict dispatcher: all; a community's dispatcher: its community's), the count and the {@code top}
     * oldest; empty (zero) for any other login. One query over the open cases' partial index.
     */
    CaseViews.Untriaged untriaged(String username, int top, Instant now);

    Optional<CaseViews.Detail> detail(long id, Instant now);

    Optional<Long> idByTrackingCode(String trackingCode);

    /** A stored photo's JPEG bytes ({@code thumbnail}: the small one). */
    Optional<byte[]> photo(long id, int n, boolean thumbnail);

    /**
     * The report of a week or month per community and grid, of {@code community} only unless null; communities
     * first, each followed by its grids. One aggregate query, a few ms per thousand cases of the period.
     */
    List<CaseReportRow> report(ReportPeriod period, String community, Instant now);

    /** The community of a grid, or empty when there is no such grid. */
    Optional<String> gridCommunity(String grid);

    /**
     * The users who may work on a case of {@code community} (CONTRACT §6): its grid workers, its dispatchers and
     * the subdistrict's, and admins; the workers of {@code grid} (may be null) first, then other grid workers,
     * dispatchers, admins, each by username. One indexed query (a community has a few dozen staff).
     */
    List<Assignee> assignees(String community, String grid);

    /** A user who may be given a case: login, role ({@code grid_worker}, …), and whether it works the case's grid. */
    record Assignee(String username, String role, List<String> grids, boolean casesGrid) {
    }

    /** The operations of one transaction. */
    interface Tx {

        /** The case, locked for this transaction; empty when there is none. */
        Optional<CaseFile> lock(long id);

        long insert(NewCase c);

        /** The number of photos the case has so far. */
        int photoCount(long id);

        /** Stores photos as numbers {@code first}, {@code first + 1}, … of the case (one batch; none: nothing). */
        void addPhotos(long id, int first, String stage, List<PhotoSanitizer.CleanPhoto> photos);

        /** Writes the step's status, assignee, deadline, priority and times, and its history line. */
        void apply(long id, CaseChange change, String actor, Instant at);

        void history(long id, String actor, String action, CaseStatus from, CaseStatus to, String note, Instant at);

        /** The grid's worker: its first grid worker by username, or empty. */
        Optional<String> gridWorker(String grid);

        /**
         * Whether {@code username} may work on a case of {@code community} (a grid worker of that community, a
         * dispatcher of it or of the whole subdistrict, an admin); empty when there is no such user.
         */
        Optional<Boolean> mayWork(String username, String community);

        /** Stores the reporter's rating unless there is one already; false when there was. */
        boolean rate(long id, int score, String comment, Instant at);

        /**
         * An alert's place and kind, for turning it into a case; empty when there is no such alert. The alert's row
         * stays locked until the transaction ends, so two requests for one alert make one case.
         */
        Optional<AlertOrigin> alert(long alertId);

        /** The case made from that alert already (the first, if older versions made several), or empty. */
        Optional<AlertCase> caseOfAlert(long alertId);
    }

    /** A case made from an alert: its id, tracking code and status. */
    record AlertCase(long id, String trackingCode, CaseStatus status) {
    }

    /** What a case made from an alert takes from it. {@code lon}/{@code lat} may be null. */
    record AlertOrigin(long id, String kind, String community, String device, Double lon, Double lat) {
    }
}
