package org.communityhub.geo.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic shuffles and picks driven by a caller's {@link SplittableRandom}. Stateless. */
final class RandomPicks {

    private RandomPicks() {
    }

    /** A uniformly shuffled permutation of {@code 0 .. n-1} (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom rnd) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = out[i];
            out[i] = out[j];
            out[j] = tmp;
        }
        return out;
    }

    /** A shuffled copy of {@code items}. */
    static <T> List<T> shuffled(List<T> items, SplittableRandom rnd) {
        int[] order = permutation(items.size(), rnd);
        List<T> out = new ArrayList<>(items.size());
        for (int i : order) {
            out.add(items.get(i));
        }
        return out;
    }

    /** Uniform in {@code [lo, hi)}; {@code lo} when the range is empty. */
    static double between(SplittableRandom rnd, double lo, double hi) {
        return hi > lo ? rnd.nextDouble(lo, hi) : lo;
    }
}
