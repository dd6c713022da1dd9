-- The deadline a case had after each step, so that a past report counts the cases that were open past their
-- deadline at the period's end (overdue_open) from the audit trail rather than from today's status.
-- Older steps get the case's present deadline when they left the case pending (the best that is known).
ALTER TABLE case_history ADD COLUMN deadline timestamptz;

UPDATE case_history h SET deadline = c.deadline
  FROM hub_case c
 WHERE c.id = h.case_id AND h.to_status IN ('accepted', 'assigned', 'in_progress');
