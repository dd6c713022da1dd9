package org.communityhub.geo.importer;

/** Thrown by {@link FeatureRules} when one feature breaks a rule; the import goes on with the next. */
final class FeatureRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionKind kind;

    FeatureRejectedException(RejectionKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    RejectionKind kind() {
        return kind;
    }
}
