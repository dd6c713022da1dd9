package org.communityhub.geo.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.communityhub.geo.crs.Datum;

/**
 * Imports one geodata file (CONTRACT §3): decodes it feature by feature, checks each feature
 * against the format rules, converts GCJ-02/BD-09/CGCS2000 coordinates to WGS-84, rejects later
 * duplicates of a code, and hands the rest to the {@link ImportStore}, which loads them parents first.
 *
 * <p>Wire it with {@code org.communityhub.geo.GeoImports.service(dataSource)}. Cost: one pass over
 * the file (streamed, memory holds only the codes seen) plus the store's batched SQL; a file of
 * 300,000 buildings takes tens of seconds. Thread-safe: each call uses its own session.
 */
public final class GeoImportService {

    /**
     * How far (metres on the ellipsoid) a compound or building may reach outside its parent and still be
     * accepted, with a warning: the parent is buffered outward by this distance.
     */
    public static final double CONTAINMENT_TOLERANCE_M = 2.0;

    /** Opens a decoder over a file's bytes. */
    @FunctionalInterface
    public interface FeatureDecoder {
        FeatureSource open(InputStream in) throws IOException;
    }

    private final ImportStore store;
    private final FeatureDecoder decoder;

    public GeoImportService(ImportStore store, FeatureDecoder decoder) {
        this.store = store;
        this.decoder = decoder;
    }

    /**
     * Imports a GeoJSON FeatureCollection; valid features load even when others are rejected.
     *
     * @param in the file, read to its end but not closed
     * @param crsOverrideOrNull the datum of the coordinates (the {@code --crs} option); null means the
     *     file's top-level {@code crs} member, or WGS-84 when there is none
     * @throws IOException when the file cannot be read, is not JSON or is not a FeatureCollection;
     *     nothing is loaded then
     */
    public ImportReport importGeoJson(InputStream in, Datum crsOverrideOrNull) throws IOException {
        List<Rejection> rejections = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Layer, Map<String, Integer>> firstIndexOfCode = new EnumMap<>(Layer.class);
        try (FeatureSource source = decoder.open(in); ImportStore.Session session = store.open()) {
            Datum stagingDatum = null;
            boolean first = true;
            for (RawFeature raw = source.next(); raw != null; raw = source.next()) {
                if (first) {
                    stagingDatum = crsOverrideOrNull != null ? crsOverrideOrNull : source.declaredDatum().orElse(null);
                    first = false;
                }
                try {
                    ImportFeature feature = FeatureRules.check(raw, warnings::add);
                    Integer earlier = firstIndexOfCode.computeIfAbsent(feature.layer(), l -> new HashMap<>())
                            .putIfAbsent(feature.code(), raw.index());
                    if (earlier != null) {
                        throw new FeatureRejectedException(RejectionKind.DUPLICATE_CODE, "feature " + earlier
                                + " earlier in the file has the same " + feature.layer().code() + " code");
                    }
                    if (stagingDatum != null) {
                        DatumShift.toWgs84(feature.geometry(), stagingDatum);
                    }
                    session.stage(feature);
                } catch (FeatureRejectedException e) {
                    rejections.add(new Rejection(raw.index(), text(raw, "layer"), text(raw, "code"), e.getMessage(),
                            e.kind()));
                }
            }
            Optional<Datum> declared = source.declaredDatum();
            if (crsOverrideOrNull != null && declared.isPresent() && declared.get() != crsOverrideOrNull) {
                warnings.add("the file declares crs " + declared.get().code() + "; the override "
                        + crsOverrideOrNull.code() + " was used instead");
            }
            if (!first && stagingDatum == null && declared.isPresent() && declared.get() != Datum.WGS84) {
                session.convertStaged(declared.get());
            }
            ImportStore.Outcome outcome = session.apply(CONTAINMENT_TOLERANCE_M);
            rejections.addAll(outcome.rejections());
            warnings.addAll(outcome.warnings());
            return new ImportReport(outcome.loaded(), rejections, warnings);
        }
    }

    private static String text(RawFeature raw, String key) {
        Object value = raw.properties().get(key);
        return value == null ? "" : value.toString();
    }
}
