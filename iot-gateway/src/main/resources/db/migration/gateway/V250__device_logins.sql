-- Issue 18: the hub owns device logins. PostgreSQL is the single source of every device's broker login:
-- a hash of its password (Mosquitto's PBKDF2-SHA512 "$7$" format, so the hub can render the broker's
-- password file), the rotation it belongs to, and when and by whom it was issued.
ALTER TABLE device_credential
    ADD COLUMN password_hash    text,
    ADD COLUMN hashed_rotation  integer,
    ADD COLUMN issued_at        timestamptz,
    ADD COLUMN issued_by        text;

-- The QR code of a login is shown once, right after issuing: one pending provisioning per device,
-- consumed by the first GET of provisioning.png or expired after a few minutes. No secret is stored:
-- the password is derived again from the installation key and the rotation.
CREATE TABLE device_provisioning (
    device_code  text        PRIMARY KEY REFERENCES device (code) ON DELETE CASCADE,
    rotation     integer     NOT NULL,
    expires_at   timestamptz NOT NULL
);
