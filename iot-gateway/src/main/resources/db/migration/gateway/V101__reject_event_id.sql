-- The event id a rejected message carried, when it could be read: installers match their test sends.
ALTER TABLE rejected_message ADD COLUMN event_id text;
