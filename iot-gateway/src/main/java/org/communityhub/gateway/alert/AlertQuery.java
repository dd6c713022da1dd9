package org.communityhub.gateway.alert;

/**
 * A filter over alerts. Null fields do not filter.
 *
 * @param community the caller's scope (null: every community, for admins) intersected with the request
 */
public record AlertQuery(AlertStatus status, Severity severity, String community, int limit) {
}
