package org.communityhub.gateway.cases;

import java.util.Map;

/**
 * One line of the week's or month's case report (一周一通报、一月一点评, CONTRACT §7): a community's totals
 * ({@code grid} null) or one of its grids' (cases outside every grid count only in the community's line).
 *
 * @param received cases submitted in the period
 * @param closed cases closed in the period as the case history has it (a case closed then and reopened since still
 *        counts; one closed only after the period's end does not)
 * @param closedOnTime of those, handled before that closing by the deadline the case had then
 * @param overdueOpen cases still pending past their deadline at the period's end (or now, if earlier)
 * @param medianHoursToClose from submission to the period's (last) closing, of the cases closed in the period; null
 *        when none
 * @param meanRating of the cases closed in the period and rated; null when none
 * @param byCategory cases received in the period, by category code
 */
public record CaseReportRow(String community, String grid, long received, long closed, long closedOnTime,
                            long overdueOpen, Double medianHoursToClose, Double meanRating,
                            Map<String, Long> byCategory) {
}
