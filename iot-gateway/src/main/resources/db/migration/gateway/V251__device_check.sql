-- Issue 18: the acceptance check an installer starts from the phone (CONTRACT §9). One check per device (a new
-- one replaces the last); GET evaluates a waiting check against the device's status, its stored events and its
-- rejects, and records the verdict. A PASS marks the device tested, and by whom.
CREATE TABLE device_check (
    device_code  text        PRIMARY KEY REFERENCES device (code) ON DELETE CASCADE,
    started_at   timestamptz NOT NULL,
    started_by   text        NOT NULL,
    deadline     timestamptz NOT NULL,
    result       text        NOT NULL DEFAULT 'waiting' CHECK (result IN ('waiting', 'pass', 'fail')),
    cause        text,
    steps        text[]      NOT NULL DEFAULT '{}',
    finished_at  timestamptz
);

ALTER TABLE device ADD COLUMN tested_by text, ADD COLUMN tested_at timestamptz;
