package org.communityhub.gateway.cases;

import org.communityhub.contract.CaseStatus;

/**
 * A step the case rules refuse: the case is outside the caller's scope ({@link Kind#NOT_FOUND}: its
 * existence is not revealed), the caller's role may not take it ({@link Kind#FORBIDDEN}), the case's
 * status does not allow it ({@link Kind#CONFLICT}), or a field is missing or bad ({@link Kind#INVALID},
 * with the field's name), or a well-formed value the case cannot take ({@link Kind#INELIGIBLE}: an assignee who may
 * not work on it; 422).
 */
public final class CaseRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a step was refused; the HTTP adapter maps these to 404, 403, 409, 400 and 422. */
    public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT, INVALID, OUTSIDE_AREA, INELIGIBLE }

    private final Kind kind;
    private final String field;

    private CaseRuleException(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    static CaseRuleException notFound() {
        return new CaseRuleException(Kind.NOT_FOUND, null, "case not found");
    }

    static CaseRuleException forbidden(String action) {
        return new CaseRuleException(Kind.FORBIDDEN, null, "your role may not " + action + " this case");
    }

    static CaseRuleException conflict(String action, CaseStatus status) {
        return new CaseRuleException(Kind.CONFLICT, null, "a case that is " + status.code() + " cannot " + action);
    }

    public static CaseRuleException invalid(String field, String why) {
        return new CaseRuleException(Kind.INVALID, field, "field '" + field + "': " + why);
    }

    static CaseRuleException ineligible(String field, String why) {
        return new CaseRuleException(Kind.INELIGIBLE, field, "field '" + field + "': " + why);
    }

    static CaseRuleException conflict(String message) {
        return new CaseRuleException(Kind.CONFLICT, null, message);
    }

    static CaseRuleException outsideArea() {
        return new CaseRuleException(Kind.OUTSIDE_AREA, "lon", "the point is outside every community of the hub");
    }

    public Kind kind() {
        return kind;
    }

    /** The field at fault ({@link Kind#INVALID}, {@link Kind#INELIGIBLE}), else null. */
    public String field() {
        return field;
    }
}
