package org.communityhub.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.communityhub.contract.ErrorCode;
import org.communityhub.gateway.web.ApiSupport;

/**
 * Bounds how many case requests with photos (multipart) one hub holds at once, from the first byte of the body
 * to the end of the answer. Each such request keeps up to three photos of 5 MiB in memory while they arrive and
 * then decodes them one at a time (about 16 MB of pixels at most, see the sanitizer), so without a bound a burst
 * of reports faster than the re-encoding ran the heap out: {@code bench/run cases} at 20 reports/s with three
 * 1 MB photos each ended in {@code OutOfMemoryError} with a 512 MB heap. Past the bound the request is answered
 * at once, before its body is read, with 503 {@code busy} and {@code Retry-After}: the phone keeps the report and
 * sends it again, and nothing is half-stored. A permit is given back exactly once, when the answer has been sent
 * or the connection closed, whichever comes first.
 *
 * <p>The bound is {@code HUB_CASE_UPLOADS_MAX}; by default it is sized from the heap (a quarter of it at about
 * 48 MB a request, see {@code HubConfig.Cases#defaults}). Cost: two atomic operations a request. Thread-safe.
 */
final class UploadGate {

    static final int RETRY_AFTER_SECONDS = 5;

    private final AtomicInteger free;

    UploadGate(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1: " + permits);
        }
        this.free = new AtomicInteger(permits);
    }

    /** Handler: lets a multipart case request on while a permit is free, else answers 503 busy. */
    void admit(RoutingContext ctx) {
        if (!CaseForm.readsOwnBody(ctx.request())) {
            ctx.next();
            return;
        }
        if (free.getAndDecrement() <= 0) {
            free.incrementAndGet();
            ctx.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            ApiSupport.error(ctx, ErrorCode.BUSY.status(), ErrorCode.BUSY.code(),
                    "too many reports with photos are being received; try again in " + RETRY_AFTER_SECONDS + " s");
            ctx.request().resume();
            return;
        }
        AtomicBoolean given = new AtomicBoolean();
        ctx.addEndHandler(done -> {
            if (given.compareAndSet(false, true)) {
                free.incrementAndGet();
            }
        });
        ctx.next();
    }

    /** Permits free now (tests and metrics). */
    int free() {
        return free.get();
    }
}
