-- Issue 19: device logins for EMQX, from the same rows that render Mosquitto's files (docs/emqx.md).
-- EMQX cannot verify Mosquitto's "$7$" PBKDF2-SHA512 hash (its pbkdf2 check takes the salt as the
-- column's bytes and compares lower-case hex), so every login also keeps an EMQX form: PBKDF2-HMAC-SHA256
-- of the password with emqx_salt (a hex string, used as its ASCII bytes), emqx_iterations rounds, 32 bytes,
-- as lower-case hex. The hub writes both forms whenever it hashes a login (issue, rotation, and at start for
-- logins hashed before this migration: the password is derived from the installation key, so no device
-- needs a new one).
ALTER TABLE device_credential
    ADD COLUMN emqx_password_hash text,
    ADD COLUMN emqx_salt          text,
    ADD COLUMN emqx_iterations    integer;

-- EMQX's PostgreSQL authenticator: one row per device in service with a current hash, queried
-- by the login's username. No row (unknown, retired, or not yet hashed) lets EMQX try its next
-- authenticator, which knows only service logins (names with a dot): the device is refused.
-- hash_algorithm, mac_fun, iterations and dk_length say what the EMQX configuration must name.
CREATE VIEW emqx_device_login AS
SELECT d.code               AS username,
       c.emqx_password_hash AS password_hash,
       c.emqx_salt          AS salt,
       false                AS is_superuser,
       'pbkdf2'::text       AS hash_algorithm,
       'sha256'::text       AS mac_fun,
       c.emqx_iterations    AS iterations,
       32                   AS dk_length
  FROM device_credential c
  JOIN device d ON d.code = c.device_code
 WHERE d.install_state <> 'retired'
   AND c.emqx_password_hash IS NOT NULL
   AND c.hashed_rotation = c.rotation;

-- EMQX's PostgreSQL authorizer: the rules of every registered device, queried
-- by the login's username, ordered by seq; EMQX takes the first rule whose action and topic filter
-- match. A device in service may publish its own event and status topics (as Mosquitto's rendered ACL
-- says); every device then has "deny all #", so nothing else of it ever falls through to a later source
-- (a retired device keeps only that rule). Topics beginning with '$' are not matched by '#': the
-- authorization's no_match = deny refuses those.
CREATE VIEW emqx_device_acl AS
SELECT d.code AS username, r.seq, r.permission, r.action,
       CASE WHEN r.channel IS NULL THEN '#'
            ELSE 'hub/v1/' || d.community_code || '/' || d.type || '/' || d.code || '/' || r.channel END AS topic
  FROM device d
  CROSS JOIN (VALUES (1, 'allow', 'publish', 'event'),
                     (2, 'allow', 'publish', 'status'),
                     (3, 'deny', 'all', NULL)) AS r (seq, permission, action, channel)
 WHERE r.channel IS NULL
    OR (d.install_state <> 'retired'
        AND d.code ~ '^[a-z0-9-]{1,64}$' AND d.community_code ~ '^[a-z0-9-]{1,64}$');
