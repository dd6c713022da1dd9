package org.communityhub.geo.nearest;

import java.util.ArrayList;
import java.util.List;
import org.communityhub.geo.port.NearbyFacility;

/**
 * The best {@code capacity} facilities offered so far, nearest first, ties by code (the order of
 * the SQL query). Insertion into a sorted array: O(capacity) per accepted offer, capacity ≤ 100.
 * Not thread-safe: one per query.
 */
final class NearestList {

    private final int capacity;
    private final NearbyFacility[] items;
    private final double[] distances;
    private int size;

    NearestList(int capacity) {
        this.capacity = capacity;
        this.items = new NearbyFacility[capacity];
        this.distances = new double[capacity];
    }

    boolean full() {
        return size == capacity;
    }

    /** Distance of the last kept facility (only meaningful when {@link #full}). */
    double worst() {
        return distances[size - 1];
    }

    void offer(NearbyFacility f, double distance) {
        if (full() && !before(distance, f.code(), size - 1)) {
            return;
        }
        int i = full() ? size - 1 : size++;
        while (i > 0 && before(distance, f.code(), i - 1)) {
            items[i] = items[i - 1];
            distances[i] = distances[i - 1];
            i--;
        }
        items[i] = f;
        distances[i] = distance;
    }

    private boolean before(double distance, String code, int j) {
        return distance < distances[j] || distance == distances[j] && code.compareTo(items[j].code()) < 0;
    }

    List<NearbyFacility> toList() {
        List<NearbyFacility> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            NearbyFacility f = items[i];
            out.add(new NearbyFacility(f.code(), f.name(), f.category(), f.lon(), f.lat(), distances[i], f.floor(),
                    f.community(), f.openingHours(), f.phone()));
        }
        return out;
    }
}
