package org.communityhub.geo.importer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of importing one file: how many features of each layer were loaded (inserted or
 * updated), the rejected ones with reasons, and warnings (accepted within tolerance, unknown
 * category, CRS override). Immutable.
 */
public record ImportReport(Map<Layer, Integer> loadedByLayer, List<Rejection> rejections, List<String> warnings) {

    private static final int MAX_SHOWN = 200;

    public ImportReport {
        EnumMap<Layer, Integer> counts = new EnumMap<>(Layer.class);
        for (Layer layer : Layer.values()) {
            counts.put(layer, loadedByLayer.getOrDefault(layer, 0));
        }
        loadedByLayer = Collections.unmodifiableMap(counts);
        List<Rejection> sorted = new ArrayList<>(rejections);
        sorted.sort(Comparator.comparingInt(Rejection::featureIndex));
        rejections = List.copyOf(sorted);
        warnings = List.copyOf(warnings);
    }

    /** Features inserted or updated, all layers together. */
    public int loadedCount() {
        return loadedByLayer.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** True when no feature was rejected. */
    public boolean ok() {
        return rejections.isEmpty();
    }

    /**
     * A plain-text report for a terminal: counts, then each rejection and warning on its own line
     * (at most 200 of each, then a count of the rest). Control characters of the file's strings are
     * escaped so a hostile file cannot drive the terminal.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Loaded ").append(loadedCount()).append(" feature(s):");
        for (Layer layer : Layer.values()) {
            out.append(' ').append(layer.code()).append(' ').append(loadedByLayer.get(layer))
                    .append(layer == Layer.DEVICE ? "" : ",");
        }
        out.append('\n');
        if (!rejections.isEmpty()) {
            out.append("Rejected ").append(rejections.size()).append(" feature(s):\n");
            rejections.stream().limit(MAX_SHOWN).forEach(r -> out.append("  feature ").append(r.featureIndex())
                    .append(' ').append(printable(r.layer().isEmpty() ? "?" : r.layer()))
                    .append(' ').append(printable(r.code().isEmpty() ? "?" : r.code()))
                    .append(": ").append(r.kind().code()).append(": ").append(printable(r.reason())).append('\n'));
            more(out, rejections.size());
        }
        if (!warnings.isEmpty()) {
            out.append("Warnings (").append(warnings.size()).append("):\n");
            warnings.stream().limit(MAX_SHOWN).forEach(w -> out.append("  ").append(printable(w)).append('\n'));
            more(out, warnings.size());
        }
        return out.toString();
    }

    private static void more(StringBuilder out, int size) {
        if (size > MAX_SHOWN) {
            out.append("  ... and ").append(size - MAX_SHOWN).append(" more\n");
        }
    }

    /** Escapes control characters and cuts very long text. */
    static String printable(String text) {
        String cut = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
