-- The newest device-clock time of the events folded into an alert. A repeat folds only when its own
-- time is within the correlation window of it: a long-buffered or replayed alarm from last year opens
-- its own alert instead of joining today's. NULL for alerts raised without a source event (offline).
ALTER TABLE alert ADD COLUMN last_source_time timestamptz;
UPDATE alert a SET last_source_time = s.t
  FROM (SELECT alert_id, max(event_time) AS t FROM alert_source GROUP BY alert_id) s
 WHERE s.alert_id = a.id;
