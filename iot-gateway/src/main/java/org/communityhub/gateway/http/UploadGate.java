package org.communityhub.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * both the answer has ended (sent, or the connection closed) and the photo work ({@link Hold#startWork}: the
 * re-encoding on {@code hub-photos} and the store) has settled: a phone that gives up and disconnects does not free
 * bytes that are still queued or being decoded. Work not yet started when the connection closed is skipped
 * ({@link Hold#answered}): nothing is filed that the phone never hears of (and would send again).
 *
 * <p>A request counts by its declared body size and half as much again (the photo being copied out of the parser),
 * at most {@link #LARGEST} (40 MiB: an on-the-spot closing's six 5 MiB photos and their copy); one without a
 * declared size (chunked) counts {@link HubConfig.Cases#UPLOAD_BYTES} (20 MiB: a report's three photos and their
 * copy). The budget is {@code HUB_CASE_UPLOADS_MAX} such requests (by default from the
 * heap, see {@code HubConfig.Cases#defaults}: 6, i.e. 120 MiB, with {@code -Xmx512m}), so a hub takes that many
 * largest reports at once and several times more of the usual 1–3 MB (the gate used to count requests, 2 with
 * {@code -Xmx512m}: half of {@code bench/run cases}' reports at 20/s got 503). The decoded pixels are not counted
 * here: the {@code hub-photos} pool's few threads bound them. Cost: a few atomic operations a request. Thread-safe.
 */
final class UploadGate {

    static final int RETRY_AFTER_SECONDS = 5;
    /** The most one request counts: two of {@link HubConfig.Cases#UPLOAD_BYTES} (3 photos + 3 after-photos). */
    static final long LARGEST = 2 * HubConfig.Cases.UPLOAD_BYTES;

    private static final String HOLD = "uploadGate.hold";

    private final AtomicLong free;
    /** The whole budget: a request never counts more (with a budget of one request, the largest still passes alone). */
    private final long budget;
    private final Counter abandoned;

    /**
     * @param requests the budget in requests of the largest size ({@link HubConfig.Cases#UPLOAD_BYTES} each)
     * @param registry where {@code hub_case_upload_bytes_held} and {@code hub_case_uploads_abandoned_total} go
     */
    UploadGate(int requests, MeterRegistry registry) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1: " + requests);
        }
        long budget = requests * HubConfig.Cases.UPLOAD_BYTES;
        this.budget = budget;
        this.free = new AtomicLong(budget);
        Gauge.builder("hub.case.upload.bytes.held", free, f -> budget - f.get())
                .description("Bytes of the case upload budget held by requests with photos").strongReference(true)
                .register(registry);
        this.abandoned = Counter.builder("hub.case.uploads.abandoned")
                .description("Requests with photos whose connection closed before their answer").register(registry);
    }

    /**
     * One admitted request's reservation: two parts, the answer and (once started) the photo work; the bytes go back
     * when both have ended. Thread-safe.
     */
    final class Hold {
        private final long bytes;
        private final AtomicInteger parts = new AtomicInteger(1);
        private volatile boolean answered;

        private Hold(long bytes) {
            this.bytes = bytes;
        }

        /** The photo work starts: false (do nothing) when the answer has already ended or the connection closed. */
        boolean startWork() {
            while (true) {
                int n = parts.get();
                if (n == 0 || answered) {
                    return false;
                }
                if (parts.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        /** The photo work has settled (stored, refused, failed or skipped). Call once after {@link #startWork}. */
        void workDone() {
            release();
        }

        /** True once the answer has ended or the connection closed: work not yet started is then skipped. */
        boolean answered() {
            return answered;
        }

        private void answerEnded() {
            answered = true;
            release();
        }

        private void release() {
            if (parts.decrementAndGet() == 0) {
                free.addAndGet(bytes);
            }
        }
    }

    /** The reservation of a request {@link #admit} let on, or null (no multipart body). */
    static Hold hold(RoutingContext ctx) {
        return ctx.get(HOLD);
    }

    /** Handler: lets a multipart case request on while its bytes fit in the budget, else answers 503 busy. */
    void admit(RoutingContext ctx) {
        if (!CaseForm.readsOwnBody(ctx.request())) {
            ctx.next();
            return;
        }
        long bytes = counted(ctx.request().getHeader("content-length"));
        if (!take(bytes)) {
            busy(ctx, "too many reports with photos are being received");
            ctx.request().resume();
            return;
        }
        Hold hold = new Hold(bytes);
        ctx.put(HOLD, hold);
        AtomicBoolean given = new AtomicBoolean();
        ctx.addEndHandler(done -> {
            if (given.compareAndSet(false, true)) {
                if (!ctx.response().ended()) {
                    abandoned.increment();
                }
                hold.answerEnded();
            }
        });
        ctx.next();
    }

    /** 503 {@code busy} with {@code Retry-After}: {@code why}, and when to try again. */
    static void busy(RoutingContext ctx, String why) {
        ctx.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        ApiSupport.error(ctx, ErrorCode.BUSY.status(), ErrorCode.BUSY.code(),
                why + "; try again in " + RETRY_AFTER_SECONDS + " s");
    }

    /**
     * What a request with this {@code Content-Length} takes from this gate's budget: its {@link #reservation}, never
     * more than the whole budget (so that with a budget of one report the largest request still passes, alone).
     */
    long counted(String length) {
        return Math.min(budget, reservation(length));
    }

    /** Bytes of the budget not held by admitted requests now. */
    long free() {
        return free.get();
    }

    /** Takes {@code bytes} from the budget if they are free (as {@link #admit} does); false when they are not. */
    boolean take(long bytes) {
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

    /** What a request with this {@code Content-Length} (null: none, chunked) counts. */
    static long reservation(String length) {
        long declared = -1;
        if (length != null && length.length() <= 18) {
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
        }
        return declared < 0 ? HubConfig.Cases.UPLOAD_BYTES : Math.min(LARGEST, declared + declared / 2);
    }

}
