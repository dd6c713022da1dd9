package org.communityhub.gateway.cases;

import java.time.Instant;
import org.communityhub.contract.CaseCategory;

/**
 * A case as it is filed, before it has an id.
 *
 * @param reporter the staff member's username, or null for a public report
 * @param contact a phone number for a call-back, or null
 * @param alertId the alert it was made from, or null
 */
public record NewCase(String trackingCode, CaseCategory category, String description, double lon, double lat,
                      Place place, String reporter, String contact, Long alertId, Instant submittedAt) {
}
