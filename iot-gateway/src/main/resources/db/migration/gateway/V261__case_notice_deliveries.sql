-- Issue 16 through issue 17's outbox: the cases' overdue notices and daily digest of a community go to the
-- channels whose topics include 'cases', as delivery rows of their own. Such a row has no alert: it carries its
-- composed message (kind, title, text, link; no personal data) and a key naming the occasion, and each
-- (key, channel) is planned once, by whichever hub instance gets there first. Tier 0: not an escalation.
ALTER TABLE delivery ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE delivery ADD COLUMN notice_key text;
ALTER TABLE delivery ADD COLUMN notice_kind text;
ALTER TABLE delivery ADD COLUMN notice_title text;
ALTER TABLE delivery ADD COLUMN notice_text text;
ALTER TABLE delivery ADD COLUMN notice_link text;
ALTER TABLE delivery ADD CONSTRAINT delivery_subject CHECK ((alert_id IS NULL) <> (notice_key IS NULL));
ALTER TABLE delivery ADD CONSTRAINT delivery_notice_once UNIQUE (notice_key, channel_id);
