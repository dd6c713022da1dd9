package org.communityhub.gateway.responders;

/**
 * A person paged for an alert at a tier: on duty at that tier of the alert's community when it reached the tier.
 *
 * @param phone the staff phone number for the robots' @-mentions, or null (admins set it; never shown to others)
 */
public record OnDuty(String username, String phone) {
}
