-- The channel test button (POST /api/v1/admin/channels/{id}/test) is logged in the delivery log like any delivery
-- (issue 17, the channels page): a delivery row without an alert, written already delivered or failed with its one
-- attempt, so no worker ever claims it (the workers claim only pending rows).
ALTER TABLE delivery ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE delivery ADD CONSTRAINT delivery_test_not_pending CHECK (alert_id IS NOT NULL OR status <> 'pending');
