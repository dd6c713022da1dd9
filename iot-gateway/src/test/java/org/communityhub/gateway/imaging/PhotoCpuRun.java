package org.communityhub.gateway.imaging;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Not a test: a micro-run of the photo sanitizer's stages, in thread CPU time (so another process's load shows
 * only as cache contention), with the JDK's codec and libjpeg-turbo; for WebP files (e.g. {@code cwebp -q 80} of the
 * JPEGs) the decode with TwelveMonkeys' reader and with libwebp; with libjpeg-turbo also the lossless transcode that
 * was measured instead of the re-encoding and not taken ({@link TurboJpegTransform}, the thumbnail then decoded
 * DCT-scaled from its output) and the bytes each would store. Used for bench/README.md's tables:
 * <pre>
 * java bench/CaseLoad.java --write-photos /tmp        # the benchmark's three 1600 × 1200 JPEGs
 * java -cp "iot-gateway/target/classes:iot-gateway/target/test-classes:$(cat cp.txt)" \
 *     org.communityhub.gateway.imaging.PhotoCpuRun 15 /tmp/bench-photo-*.jpg
 * </pre>
 * ({@code cp.txt} and the classes: {@code mvn -o -q test-compile dependency:build-classpath -pl iot-gateway -am
 * -Dmdep.outputFile=$PWD/cp.txt}.) The first argument is the number of measured rounds; 10 rounds before them warm
 * the JIT.
 */
public final class PhotoCpuRun {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final Map<String, long[]> SUM = new LinkedHashMap<>();
    private static final Map<String, Long> SIZE = new LinkedHashMap<>();

    private PhotoCpuRun() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<byte[]> photos = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            photos.add(Files.readAllBytes(Path.of(args[i])));
        }
        List<JpegCodec> codecs = new ArrayList<>(List.of(new JdkJpegCodec()));
        TurboJpegCodec turbo = TurboJpegCodec.load();
        if (turbo != null) {
            codecs.add(turbo);
        }
        LibWebpDecoder webp = LibWebpDecoder.load();
        TurboJpegTransform lossless = TurboJpegTransform.load();
        for (int round = -10; round < rounds; round++) {
            if (round == 0) {
                SUM.clear();
            }
            for (byte[] p : photos) {
                if ("webp".equals(ImageIoPhotoSanitizer.kindOf(p))) {
                    time("WebP: decode, TwelveMonkeys (pure Java)", () -> JdkJpegCodec.read(p, "webp",
                            ImageIoPhotoSanitizer.MAX_EDGE, ImageIoPhotoSanitizer.MAX_PIXELS));
                    if (webp != null) {
                        time("WebP: decode, libwebp", () -> webp.decode(p, ImageIoPhotoSanitizer.MAX_PIXELS));
                    }
                    continue;
                }
                for (JpegCodec c : codecs) {
                    ImageIoPhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(c);
                    time(c + ": whole sanitizer", () -> sanitizer.sanitize(p));
                    BufferedImage image = time(c + ": decode", () -> c.decode(p, ImageIoPhotoSanitizer.MAX_EDGE,
                            ImageIoPhotoSanitizer.MAX_PIXELS));
                    time(c + ": encode", () -> c.encode(image));
                    BufferedImage thumb = time(c + ": thumbnail scale",
                            () -> ImageIoPhotoSanitizer.fit(image, ImageIoPhotoSanitizer.THUMB_EDGE));
                    time(c + ": thumbnail encode", () -> c.encode(thumb));
                }
                if (turbo != null) {
                    time("libjpeg-turbo: decode at 1/8 (DCT-scaled)", () -> turbo.decode(p, 200, Long.MAX_VALUE));
                }
                if (turbo != null && lossless != null) {
                    int orientation = ExifOrientation.of(p);
                    TurboJpegTransform.Result same = time("lossless: transform (copy none)",
                            () -> lossless.strip(p, orientation, ImageIoPhotoSanitizer.MAX_EDGE));
                    if (same == null) {
                        continue; // not a candidate: the sanitizer would decode and re-encode it
                    }
                    BufferedImage small = time("lossless: thumbnail decode (DCT-scaled)",
                            () -> turbo.decode(same.jpeg(), ImageIoPhotoSanitizer.THUMB_EDGE, Long.MAX_VALUE));
                    time("lossless: thumbnail scale + encode",
                            () -> turbo.encode(ImageIoPhotoSanitizer.fit(small, ImageIoPhotoSanitizer.THUMB_EDGE)));
                    time("lossless: the three together", () -> {
                        TurboJpegTransform.Result r = lossless.strip(p, orientation, ImageIoPhotoSanitizer.MAX_EDGE);
                        return turbo.encode(ImageIoPhotoSanitizer.fit(turbo.decodeTransient(r.jpeg(),
                                ImageIoPhotoSanitizer.THUMB_EDGE, Long.MAX_VALUE), ImageIoPhotoSanitizer.THUMB_EDGE));
                    });
                    SIZE.put("photo bytes stored, lossless", (long) same.jpeg().length);
                    SIZE.put("photo bytes stored, re-encoded", (long) new ImageIoPhotoSanitizer(turbo).sanitize(p)
                            .jpeg().length);
                }
            }
        }
        SUM.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-45s %8.2f ms CPU (n=%d)%n", k, v[0] / 1e6 / v[1], v[1]));
        SIZE.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-45s %8d (last photo)%n", k, v));
    }

    private static <V> V time(String stage, Supplier<V> work) {
        long c0 = CPU.getCurrentThreadCpuTime();
        V v = work.get();
        long[] sum = SUM.computeIfAbsent(stage, k -> new long[2]);
        sum[0] += CPU.getCurrentThreadCpuTime() - c0;
        sum[1]++;
        return v;
    }
}
