package org.communityhub.geo.importer;

/**
 * One feature of a geodata file that was not loaded (CONTRACT §3), as the import report lists it. Not the
 * gateway's {@code event.Rejection} (a device message refused at ingest, with hub-contract's
 * {@code RejectReason}): an import rejection names a file position, a layer and a {@link RejectionKind},
 * is never stored and has no device; the two share only the English word, so each keeps it in its own
 * package. Immutable.
 *
 * @param featureIndex 0-based position in the file's {@code features} array
 * @param layer the feature's {@code layer} property as given (may be empty or unknown)
 * @param code the feature's {@code code} property as given (may be empty or malformed)
 * @param reason a human sentence saying what is wrong
 * @param kind the machine-readable reason
 */
public record Rejection(int featureIndex, String layer, String code, String reason, RejectionKind kind) {
}
