-- Person references erased on request (PIPL), kept only as HMAC-SHA256 of the reference with the
-- installation's person-erasure key (installation_secret), so the tombstone holds no reference in
-- clear. Ingestion looks up the hashes of a batch's person references here and stores an event for
-- an erased person without the reference (person_ref NULL, data.person 'erased'): messages still
-- queued in the broker, or re-sent by a device, never bring an erased reference back.
CREATE TABLE erased_person (
    ref_hash   bytea       PRIMARY KEY,
    erased_at  timestamptz NOT NULL DEFAULT now()
);

-- Whatever an earlier version kept of personal-data rejects: the payload goes (reason, topic, time stay).
UPDATE rejected_message SET payload = '(payload withheld: personal data)' WHERE reason = 'personal_data';
