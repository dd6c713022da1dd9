package org.communityhub.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.communityhub.contract.ErrorCode;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.web.ApiSupport;

/**
 * Bounds the bytes that case requests with photos (multipart) hold in the hub at once, from the first byte of the
 * body to the end of the answer. Each such request keeps its photos in memory while they arrive, are re-encoded and
 * stored, so without a bound a burst of reports faster than the re-encoding ran the heap out: {@code bench/run cases}
 * at 20 reports/s with three 1 MB photos each ended in {@code OutOfMemoryError} with a 512 MB heap. Past the bound
 * the request is answered at once, before its body is read, with 503 {@code busy} and {@code Retry-After}: the phone
 * keeps the report and sends it again, and nothing is half-stored. The reservation is given back exactly once, when
 * the answer has been sent or the connection closed, whichever comes first.
 *
 * <p>A request counts by its declared body size and half as much again (the photo being copied out of the parser),
 * at most {@link HubConfig.Cases#UPLOAD_BYTES} (20 MiB: three 5 MiB photos and their copy); one without a declared
 * size (chunked) counts that much. The budget is {@code HUB_CASE_UPLOADS_MAX} such requests (by default from the
 * heap, see {@code HubConfig.Cases#defaults}: 6, i.e. 120 MiB, with {@code -Xmx512m}), so a hub takes that many
 * largest reports at once and several times more of the usual 1–3 MB (the gate used to count requests, 2 with
 * {@code -Xmx512m}: half of {@code bench/run cases}' reports at 20/s got 503). The decoded pixels are not counted
 * here: the {@code hub-photos} pool's few threads bound them. Cost: a few atomic operations a request. Thread-safe.
 */
final class UploadGate {

    static final int RETRY_AFTER_SECONDS = 5;

    private final AtomicLong free;

    /** @param requests the budget in requests of the largest size ({@link HubConfig.Cases#UPLOAD_BYTES} each) */
    UploadGate(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1: " + requests);
        }
        this.free = new AtomicLong(requests * HubConfig.Cases.UPLOAD_BYTES);
    }

    /** Handler: lets a multipart case request on while its bytes fit in the budget, else answers 503 busy. */
    void admit(RoutingContext ctx) {
        if (!CaseForm.readsOwnBody(ctx.request())) {
            ctx.next();
            return;
        }
        long bytes = reservation(ctx.request());
        if (!take(bytes)) {
            ctx.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            ApiSupport.error(ctx, ErrorCode.BUSY.status(), ErrorCode.BUSY.code(),
                    "too many reports with photos are being received; try again in " + RETRY_AFTER_SECONDS + " s");
            ctx.request().resume();
            return;
        }
        AtomicBoolean given = new AtomicBoolean();
        ctx.addEndHandler(done -> {
            if (given.compareAndSet(false, true)) {
                free.addAndGet(bytes);
            }
        });
        ctx.next();
    }

    /** What a request counts: its declared size and half again, at most (and without a declared size) 20 MiB. */
    static long reservation(HttpServerRequest r) {
        String length = r.getHeader("content-length");
        long declared = -1;
        if (length != null && length.length() <= 18) {
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
        }
        return declared < 0 ? HubConfig.Cases.UPLOAD_BYTES
                : Math.min(HubConfig.Cases.UPLOAD_BYTES, declared + declared / 2);
    }

    private boolean take(long bytes) {
        while (true) {
            long now = free.get();
            if (now < bytes) {
                return false;
            }
            if (free.compareAndSet(now, now - bytes)) {
                return true;
            }
        }
    }
}
