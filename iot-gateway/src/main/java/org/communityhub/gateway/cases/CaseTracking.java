package org.communityhub.gateway.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.communityhub.contract.CaseStatus;

/**
 * The reporter's side of a case, reached only through its tracking code (CONTRACT §7): the case, its photos, and
 * the rating once it is closed. A malformed or unknown code is "not found", the same answer, so codes cannot be
 * probed. Blocking (call off the event loop); thread-safe (stateless but for its store).
 */
final class CaseTracking {

    private final CaseStore store;
    private final Clock clock;

    CaseTracking(CaseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The case behind a tracking code (the public view is the HTTP adapter's choice of fields). */
    CaseViews.Detail track(String trackingCode) {
        return byCode(trackingCode).orElseThrow(CaseRuleException::notFound);
    }

    byte[] photo(String trackingCode, int n, boolean thumbnail) {
        long id = track(trackingCode).summary().id();
        return store.photo(id, n, thumbnail).orElseThrow(CaseRuleException::notFound);
    }

    /**
     * The reporter's rating (1–5 and a comment) of a closed case; once.
     *
     * @throws CaseRuleException CONFLICT unless closed or when rated already
     */
    CaseViews.Detail rate(String trackingCode, Integer score, String comment) {
        long id = track(trackingCode).summary().id();
        if (score == null || score < 1 || score > 5) {
            throw CaseRuleException.invalid("score", "must be a whole number 1–5");
        }
        String text = CaseTexts.text("comment", comment, false);
        Instant now = clock.instant();
        store.transaction(tx -> {
            CaseFile c = tx.lock(id).orElseThrow(CaseRuleException::notFound);
            if (c.status() != CaseStatus.CLOSED) {
                throw CaseRuleException.conflict("rate", c.status());
            }
            if (!tx.rate(id, score, text, now)) {
                throw CaseRuleException.conflict("the case is rated already");
            }
            return null;
        });
        return track(trackingCode);
    }

    private Optional<CaseViews.Detail> byCode(String trackingCode) {
        String code = trackingCode == null ? null : trackingCode.toUpperCase(java.util.Locale.ROOT);
        if (!TrackingCode.wellFormed(code)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.idByTrackingCode(code).flatMap(id -> store.detail(id, now));
    }

}
