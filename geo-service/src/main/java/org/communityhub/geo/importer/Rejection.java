package org.communityhub.geo.importer;

/**
 * One feature that was not loaded.
 *
 * @param featureIndex 0-based position in the file's {@code features} array
 * @param layer the feature's {@code layer} property as given (may be empty or unknown)
 * @param code the feature's {@code code} property as given (may be empty or malformed)
 * @param reason a human sentence saying what is wrong
 * @param kind the machine-readable reason
 */
public record Rejection(int featureIndex, String layer, String code, String reason, RejectionKind kind) {
}
