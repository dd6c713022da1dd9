package org.communityhub.sim.testing;

import java.util.Locale;

/**
 * Contract §3 import features for a row of small buildings in the test compound {@code ita-q1}
 * (114.051–114.055 E, 22.541–22.545 N; clear of its buildings ita-b1/b2), each with one fire
 * button on floor 1: one building per button, so each alarm is its own alert.
 */
public final class FireButtonSites {

    /** Building and button codes start with this. */
    public static final String PREFIX = "ita-fire-";
    private static final int COLUMNS = 6;

    private FireButtonSites() {
    }

    public static String building(int i) {
        return PREFIX + "b-" + i;
    }

    public static String button(int i) {
        return PREFIX + "fb-" + i;
    }

    /** {@code n} (at most 30) buildings then their buttons, as comma-separated GeoJSON features. */
    public static String features(int n) {
        if (n > 30) {
            throw new IllegalArgumentException("the compound has room for 30 sites");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = 114.0512 + (i % COLUMNS) * 0.0006;
            double y = 22.5430 + (i / COLUMNS) * 0.0003;
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"geometry\":{"
                    + "\"type\":\"Polygon\",\"coordinates\":[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]},"
                    + "\"properties\":{\"layer\":\"building\",\"code\":\"%s\",\"name\":\"消防测试楼 %d\",\"parent\":\"ita-q1\"}}",
                    x, y, x + 0.0004, y, x + 0.0004, y + 0.0002, x, y + 0.0002, x, y, building(i), i));
        }
        for (int i = 0; i < n; i++) {
            double x = 114.0514 + (i % COLUMNS) * 0.0006;
            double y = 22.5431 + (i / COLUMNS) * 0.0003;
            b.append(',').append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                    + "\"coordinates\":[%.4f,%.4f]},\"properties\":{\"layer\":\"device\",\"code\":\"%s\","
                    + "\"name\":\"消防按钮 %d\",\"type\":\"fire_button\",\"building\":\"%s\",\"floor\":1}}",
                    x, y, button(i), i, building(i)));
        }
        return b.toString();
    }
}
