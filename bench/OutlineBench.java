import java.util.SplittableRandom;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;
import org.communityhub.geo.crs.MainlandChina;

/**
 * Microbenchmark of the mainland China test on the import and locate path: the first call (loading the outline) and
 * then ns per {@link MainlandChina#contains} and per GCJ-02 → WGS-84 conversion, over 2,000,000 fixed random points,
 * half in the Pearl River estuary (113.5–114.5°E, 22.1–22.7°N: the Hong Kong / Macau border zones) and half anywhere
 * in China's bounding box. Prints; asserts nothing. Runs against any build of geo-service (before/after comparisons):
 * {@code java -cp geo-service/target/classes:JTS_JAR bench/OutlineBench.java}.
 */
public class OutlineBench {

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        MainlandChina.contains(114.05, 22.54);
        System.out.printf("first call (loads the outline): %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        int n = 2_000_000;
        double[] lon = new double[n];
        double[] lat = new double[n];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            boolean estuary = i % 2 == 0;
            lon[i] = estuary ? 113.5 + random.nextDouble() : 73 + random.nextDouble() * 62;
            lat[i] = estuary ? 22.1 + random.nextDouble() * 0.6 : 18 + random.nextDouble() * 36;
        }
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            int inside = 0;
            for (int i = 0; i < n; i++) {
                if (MainlandChina.contains(lon[i], lat[i])) {
                    inside++;
                }
            }
            double containsNs = (System.nanoTime() - start) / (double) n;
            start = System.nanoTime();
            double sink = 0;
            for (int i = 0; i < n; i++) {
                sink += DatumConverter.toWgs84(Datum.GCJ02, new LonLat(lon[i], lat[i])).lon();
            }
            double convertNs = (System.nanoTime() - start) / (double) n;
            System.out.printf("round %d: contains %.0f ns/call (%d inside), toWgs84(GCJ02) %.0f ns/call (%.0f)%n",
                round, containsNs, inside, convertNs, sink % 10);
        }
    }
}
