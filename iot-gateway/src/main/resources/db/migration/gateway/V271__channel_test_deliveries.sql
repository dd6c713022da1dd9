-- The channel test button (POST /api/v1/admin/channels/{id}/test) is logged in the delivery log like any delivery
-- (issue 17, the channels page): a delivery row with neither an alert nor a case notice (V261), written already
-- delivered or failed with its one attempt, so no worker ever claims it (the workers claim only pending rows).
ALTER TABLE delivery DROP CONSTRAINT delivery_subject;
ALTER TABLE delivery ADD CONSTRAINT delivery_subject CHECK (alert_id IS NULL OR notice_key IS NULL);
ALTER TABLE delivery ADD CONSTRAINT delivery_test_not_pending
    CHECK (alert_id IS NOT NULL OR notice_key IS NOT NULL OR status <> 'pending');
