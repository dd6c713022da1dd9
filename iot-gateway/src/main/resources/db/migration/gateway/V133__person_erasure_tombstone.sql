-- Person references erased on request (PIPL), kept only as HMAC-SHA256 of the reference with the
-- installation's person-erasure key (installation_secret), so the tombstone holds no reference in
-- clear. Ingestion looks up the hashes of a batch's person references here and stores an event for
-- an erased person without the reference (person_ref NULL, data.person 'erased'): messages still
-- queued in the broker, or re-sent by a device, never bring an erased reference back.
CREATE TABLE IF NOT EXISTS erased_person (
    ref_hash   bytea       PRIMARY KEY,
    erased_at  timestamptz NOT NULL DEFAULT now()
);

-- (Idempotent: PersonDataMigrationIT runs it again over rows an earlier version wrote.)
-- Whatever an earlier version kept of personal-data rejects: the payload goes (reason, topic, time stay).
UPDATE rejected_message SET payload = '(payload withheld: personal data)' WHERE reason = 'personal_data';

-- A person reference belongs to access events only (kept 30 days); earlier versions also kept one
-- on alarm-class events (kept a year). Uses the partial index on person_ref.
UPDATE event SET person_ref = NULL, data = data - 'person' WHERE person_ref IS NOT NULL AND event_class <> 'access';
