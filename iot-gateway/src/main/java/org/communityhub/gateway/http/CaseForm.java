package org.communityhub.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.PhotoSanitizer;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;

/**
 * The fields and photos of a case request: a JSON object (read by the API's body handler), or
 * {@code multipart/form-data} with text fields and up to {@link CaseService#MAX_PHOTOS} file parts named
 * {@code photo}, read here into memory on the event loop (the global body limit does not apply to them; each
 * photo is cut off at {@link PhotoSanitizer#MAX_BYTES} + 1 bytes, so one request holds at most about 15 MiB, or 30 MiB
 * for an on-the-spot closing with its {@code after_photo} parts; the nginx recipe lets that request alone past 20 MiB).
 * An instance belongs to one request.
 */
final class CaseForm {

    static final String KEY = "hub.caseForm";
    private static final String PREFIX = "/api/v1/cases";

    private final Map<String, Object> fields;
    private final List<byte[]> photos;
    private final boolean photoTooLarge;
    private final int photoParts;
    private final List<byte[]> afterPhotos;
    private final int afterParts;

    private CaseForm(Map<String, Object> fields, List<byte[]> photos, boolean photoTooLarge, int photoParts,
                     List<byte[]> afterPhotos, int afterParts) {
        this.fields = fields;
        this.photos = photos;
        this.photoTooLarge = photoTooLarge;
        this.photoParts = photoParts;
        this.afterPhotos = afterPhotos;
        this.afterParts = afterParts;
    }

    /** Whether this request's body is read here rather than by the API's body handler (case multipart posts). */
    static boolean readsOwnBody(HttpServerRequest r) {
        String type = r.getHeader("content-type");
        return r.method() == HttpMethod.POST && r.path().startsWith(PREFIX) && type != null
                && type.regionMatches(true, 0, "multipart/form-data", 0, 19);
    }

    /** Handler: holds a multipart body back (until {@link #read}) while earlier handlers work asynchronously. */
    static void pause(RoutingContext ctx) {
        if (readsOwnBody(ctx.request())) {
            ctx.request().pause();
        }
        ctx.next();
    }

    /** Handler: reads the form into the context (then next), or replies 400/413 when it cannot be one. */
    static void read(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        if (!readsOwnBody(r)) {
            ctx.put(KEY, fromJson(ctx));
            ctx.next();
            return;
        }
        List<byte[]> photos = new ArrayList<>();
        List<byte[]> after = new ArrayList<>();
        boolean[] tooLarge = {false};
        int[] parts = {0, 0};
        r.setExpectMultipart(true);
        r.uploadHandler(upload -> {
            // photo: the report's; after_photo: a grid worker's after-photos when closing on the spot (现场办结)
            boolean isAfter = "after_photo".equals(upload.name());
            boolean keep = ("photo".equals(upload.name()) || isAfter) && ++parts[isAfter ? 1 : 0] <= CaseService.MAX_PHOTOS;
            PhotoBytes bytes = new PhotoBytes();
            upload.handler(chunk -> {
                if (keep) {
                    bytes.add(chunk);
                }
            });
            upload.endHandler(v -> {
                if (keep) {
                    if (bytes.tooLarge()) {
                        tooLarge[0] = true;
                    } else {
                        (isAfter ? after : photos).add(bytes.toArray());
                    }
                }
            });
        });
        r.exceptionHandler(e -> ApiSupport.error(ctx, 400, "bad_request", "the multipart body could not be read"));
        r.endHandler(v -> {
            Map<String, Object> fields = new HashMap<>();
            r.formAttributes().forEach(e -> fields.putIfAbsent(e.getKey(), e.getValue()));
            ctx.put(KEY, new CaseForm(fields, photos, tooLarge[0], parts[0], after, parts[1]));
            ctx.next();
        });
        r.resume();
    }

    /**
     * One photo part as it arrives: the parser's chunks are kept as they come and copied once, at the end, into an
     * array of the exact size. Each chunk is a fresh copy the multipart decoder made for this upload (Netty's
     * {@code HttpPostMultipartRequestDecoder} copies it out of its buffer and Vert.x wraps it without copying), so
     * it is not reused; copying each chunk out again (as this did) cost a third 3 MB copy a report on the event loop,
     * and appending to one growing buffer copied each byte about three times. Past {@link PhotoSanitizer#MAX_BYTES}
     * the rest is counted, not kept. Event loop only.
     */
    private static final class PhotoBytes {

        private final List<Buffer> chunks = new ArrayList<>();
        private long length;

        void add(Buffer chunk) {
            if (length <= PhotoSanitizer.MAX_BYTES) {
                chunks.add(chunk);
            }
            length += chunk.length();
        }

        boolean tooLarge() {
            return length > PhotoSanitizer.MAX_BYTES;
        }

        byte[] toArray() {
            byte[] out = new byte[(int) length];
            int at = 0;
            for (Buffer c : chunks) {
                c.getBytes(0, c.length(), out, at);
                at += c.length();
            }
            chunks.clear();
            return out;
        }
    }

    private static CaseForm fromJson(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        Map<String, Object> fields = text == null || text.isBlank() ? new HashMap<>() : ApiSupport.body(ctx).getMap();
        return new CaseForm(fields, List.of(), false, 0, List.of(), 0);
    }

    static CaseForm of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /** The photos; 413 when one was too large, 400 when there were too many. */
    List<byte[]> photos() {
        if (photoTooLarge) {
            throw new ApiError(413, "photo_too_large", "field 'photo': each photo may have at most "
                    + PhotoSanitizer.MAX_BYTES + " bytes");
        }
        if (photoParts > CaseService.MAX_PHOTOS) {
            throw ApiError.badParameter("photo", "at most " + CaseService.MAX_PHOTOS + " photos");
        }
        return photos;
    }

    /** The after-photo parts ({@code after_photo}); 413 when one was too large, 400 when there were too many. */
    List<byte[]> afterPhotos() {
        photos();
        if (afterParts > CaseService.MAX_PHOTOS) {
            throw ApiError.badParameter("after_photo", "at most " + CaseService.MAX_PHOTOS + " photos");
        }
        return afterPhotos;
    }

    /**
     * Whether 现场办结 may go on before any photo work: 401/403 for anyone but a grid worker, 400 naming
     * {@code note}, 422 naming {@code after_photo} without one.
     */
    static void checkOnTheSpot(Principal p, String note, List<byte[]> after) {
        if (p == null) {
            throw new ApiError(401, "unauthorized", "closing on the spot needs a grid worker's login");
        }
        if (p.role() != Role.GRID_WORKER) {
            throw new ApiError(403, "forbidden", "only a grid worker closes a report on the spot");
        }
        if (note == null || note.isBlank()) {
            throw ApiError.badParameter("note", "required to close on the spot");
        }
        if (after.isEmpty()) {
            throw new ApiError(422, "after_photo_required", "field 'after_photo': closing on the spot needs an after-photo");
        }
    }

    /** A text field, or null when absent; 400 when it is not text. */
    String text(String name) {
        Object v = fields.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw ApiError.badParameter(name, "must be a string");
    }

    /** A number field (a JSON number or decimal text), or null when absent; 400 naming it otherwise. */
    Double number(String name) {
        Object v = fields.get(name);
        if (v == null || "".equals(v)) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && s.strip().matches("[-+]?[0-9]{1,4}(\\.[0-9]{1,15})?")) {
            return Double.parseDouble(s.strip());
        }
        throw ApiError.badParameter(name, "must be a decimal number");
    }

    /** A whole-number field, or null when absent; 400 naming it otherwise. */
    Integer whole(String name) {
        Double d = number(name);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Math.abs(d) > 1_000_000) {
            throw ApiError.badParameter(name, "must be a whole number");
        }
        return d.intValue();
    }
}
