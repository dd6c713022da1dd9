-- Responders (issue 17, CONTRACT §8): notification channels, the delivery outbox and its attempt log,
-- the fire procedure's `confirmed` status, assignment and comments on alerts.

-- ---------------------------------------------------------------- the fire procedure, assignment, comments
ALTER TABLE alert DROP CONSTRAINT alert_status_check;
ALTER TABLE alert ADD CONSTRAINT alert_status_check
    CHECK (status IN ('open', 'acknowledged', 'confirmed', 'resolved'));
ALTER TABLE alert ADD COLUMN assignee text;
ALTER TABLE alert ADD COLUMN confirmed_by text;
ALTER TABLE alert ADD COLUMN confirmed_at timestamptz;

CREATE TABLE alert_comment (
    id        bigserial   PRIMARY KEY,
    alert_id  bigint      NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    author    text        NOT NULL,
    at        timestamptz NOT NULL DEFAULT now(),
    text      text        NOT NULL
);
CREATE INDEX alert_comment_alert ON alert_comment (alert_id, id);

-- ---------------------------------------------------------------- channels
-- The secret and the URL (WeCom's key and DingTalk's access_token sit in it) are AES-GCM ciphertext under
-- the installation secret 'channel-secret-key' (nonce first); url_shown is the URL with its query values
-- masked, for listings. The plain secret is never stored, returned or logged.
CREATE TABLE channel (
    id              bigserial   PRIMARY KEY,
    name            text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('webhook', 'wecom', 'dingtalk', 'feishu')),
    url_sealed      bytea       NOT NULL,
    url_shown       text        NOT NULL,
    secret          bytea,
    community_code  text        REFERENCES community (code),
    min_severity    text        NOT NULL DEFAULT 'low' CHECK (min_severity IN ('critical', 'high', 'medium', 'low')),
    tier            integer     NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);

-- ---------------------------------------------------------------- the outbox
-- One row per (alert, tier, channel), written by the trigger below in the transaction that opens the
-- alert or raises its escalation level, so nothing is lost between the commit and the sending. Workers
-- (any hub instance) claim due rows with FOR UPDATE SKIP LOCKED and a lease; a row is 'delivered' once,
-- 'failed' after the last retry. next_attempt_at NULL: due at once.
CREATE TABLE delivery (
    id               bigserial   PRIMARY KEY,
    alert_id         bigint      NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    tier             integer     NOT NULL,
    channel_id       bigint      NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    delivery_key     uuid        NOT NULL DEFAULT gen_random_uuid(),
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    lease_owner      text,
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    UNIQUE (alert_id, tier, channel_id)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at NULLS FIRST, id) WHERE status = 'pending';

CREATE TABLE delivery_attempt (
    id           bigserial   PRIMARY KEY,
    delivery_id  bigint      NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL DEFAULT now(),
    attempt      integer     NOT NULL,
    worker       text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('delivered', 'retry', 'failed')),
    http_status  integer,
    error        text
);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id, id);

-- The outbox rows of an alert that was opened (tier 1) or escalated (each tier it reached), for the
-- channels of its community (or of every community), whose minimum severity it meets.
CREATE FUNCTION hub_plan_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_tier integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        first_tier := 1;
    ELSIF NEW.escalation_level > OLD.escalation_level THEN
        first_tier := OLD.escalation_level + 2;
    ELSE
        RETURN NULL;
    END IF;
    INSERT INTO delivery (alert_id, tier, channel_id)
    SELECT NEW.id, t.tier, c.id
      FROM channel c
      JOIN generate_series(first_tier, LEAST(NEW.escalation_level + 1, 3)) AS t(tier) ON c.tier = t.tier
     WHERE c.deleted_at IS NULL
       AND (c.community_code IS NULL OR c.community_code = NEW.community_code)
       AND array_position(ARRAY['critical', 'high', 'medium', 'low'], NEW.severity)
           <= array_position(ARRAY['critical', 'high', 'medium', 'low'], c.min_severity)
    ON CONFLICT (alert_id, tier, channel_id) DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER alert_plan_deliveries_insert AFTER INSERT ON alert
    FOR EACH ROW EXECUTE FUNCTION hub_plan_deliveries();
CREATE TRIGGER alert_plan_deliveries_escalate AFTER UPDATE OF escalation_level ON alert
    FOR EACH ROW EXECUTE FUNCTION hub_plan_deliveries();
