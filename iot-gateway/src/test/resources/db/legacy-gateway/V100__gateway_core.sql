-- Gateway schema: device runtime state, the event store, rejects, alerts, users, audit.
-- Versions 100+ belong to iot-gateway; geo-service owns 1–99.

-- ---------------------------------------------------------------- event store
-- A TimescaleDB hypertable when the extension can be installed; otherwise native range
-- partitions by day on event_time (created ahead by hub_ensure_event_partitions), BRIN on time,
-- and a default partition for stragglers older than the created range. The same queries serve both.
-- Unique keys on a partitioned table must include the partition column: (device, id, time).
DO $$
DECLARE
    columns CONSTANT text := $c$(
        device_code     text        NOT NULL,
        event_id        text        NOT NULL,
        event_time      timestamptz NOT NULL,
        received_at     timestamptz NOT NULL,
        stored_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
        community_code  text        NOT NULL,
        device_type     text        NOT NULL,
        type            text        NOT NULL,
        event_class     text        NOT NULL,
        person_ref      text,
        data            jsonb       NOT NULL,
        UNIQUE (device_code, event_id, event_time)
    )$c$;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        EXECUTE 'CREATE EXTENSION IF NOT EXISTS timescaledb';
        EXECUTE 'CREATE TABLE event ' || columns;
        EXECUTE $t$SELECT create_hypertable('event', 'event_time', chunk_time_interval => interval '1 day')$t$;
    ELSE
        EXECUTE 'CREATE TABLE event ' || columns || ' PARTITION BY RANGE (event_time)';
        EXECUTE 'CREATE TABLE event_default PARTITION OF event DEFAULT';
        EXECUTE 'CREATE INDEX event_time_brin ON event USING brin (event_time)';
    END IF;
END
$$;

CREATE INDEX event_device_time ON event (device_code, event_time DESC);
CREATE INDEX event_community_time ON event (community_code, event_time DESC);
CREATE INDEX event_person ON event (person_ref) WHERE person_ref IS NOT NULL;

-- Creates the daily partitions covering [from_day, to_day] (no-op on a hypertable). Idempotent.
CREATE FUNCTION hub_ensure_event_partitions(from_day date, to_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    d date;
    created integer := 0;
    part text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'event'::regclass) THEN
        RETURN 0;
    END IF;
    d := from_day;
    WHILE d <= to_day LOOP
        part := 'event_p' || to_char(d, 'YYYYMMDD');
        IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF event FOR VALUES FROM (%L) TO (%L)',
                           part, d::timestamptz, (d + 1)::timestamptz);
            created := created + 1;
        END IF;
        d := d + 1;
    END LOOP;
    RETURN created;
END
$$;

-- ---------------------------------------------------------------- rejects
CREATE TABLE rejected_message (
    id              bigserial   PRIMARY KEY,
    received_at     timestamptz NOT NULL,
    topic           text        NOT NULL,
    device_code     text,
    community_code  text,
    reason          text        NOT NULL,
    detail          text        NOT NULL,
    payload         text        NOT NULL
);
CREATE INDEX rejected_device_time ON rejected_message (device_code, received_at DESC);
CREATE INDEX rejected_time ON rejected_message (received_at DESC);

-- ---------------------------------------------------------------- device runtime state
CREATE TABLE device_state (
    device_code       text        PRIMARY KEY REFERENCES device (code) ON DELETE CASCADE,
    status            text        NOT NULL CHECK (status IN ('online', 'offline')),
    last_seen         timestamptz,
    status_changed_at timestamptz NOT NULL
);

CREATE TABLE unregistered_device (
    code        text        PRIMARY KEY,
    topic       text        NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    count       bigint      NOT NULL DEFAULT 1
);

CREATE TABLE device_credential (
    device_code  text    PRIMARY KEY REFERENCES device (code) ON DELETE CASCADE,
    rotation     integer NOT NULL DEFAULT 0
);

-- ---------------------------------------------------------------- alerts
CREATE SEQUENCE alert_change_seq;

CREATE TABLE alert (
    id                bigserial   PRIMARY KEY,
    rule              text        NOT NULL,
    correlation_key   text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('fire', 'intrusion', 'access', 'maintenance')),
    severity          text        NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
    status            text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
    device_code       text        NOT NULL,
    building_code     text,
    compound_code     text,
    community_code    text        NOT NULL,
    floor             integer,
    lon               double precision,
    lat               double precision,
    opened_at         timestamptz NOT NULL,
    last_event_at     timestamptz NOT NULL,
    count             integer     NOT NULL DEFAULT 1,
    event_ids         text[]      NOT NULL,
    reset_at          timestamptz,
    acknowledged_by   text,
    acknowledged_at   timestamptz,
    resolved_by       text,
    resolved_at       timestamptz,
    outcome           text CHECK (outcome IS NULL OR outcome IN ('resolved', 'false_alarm')),
    note              text,
    escalation_level  integer     NOT NULL DEFAULT 0,
    escalated_at      timestamptz,
    change_seq        bigint      NOT NULL DEFAULT nextval('alert_change_seq')
);
CREATE INDEX alert_scope ON alert (community_code, status, opened_at DESC);
CREATE INDEX alert_change ON alert (change_seq);
CREATE INDEX alert_correlation ON alert (rule, correlation_key) WHERE status <> 'resolved';

-- One source event opens or feeds at most one alert per rule, whatever is redelivered.
CREATE TABLE alert_source (
    device_code  text        NOT NULL,
    event_id     text        NOT NULL,
    event_time   timestamptz NOT NULL,
    rule         text        NOT NULL,
    alert_id     bigint      NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    PRIMARY KEY (device_code, event_id, event_time, rule)
);
CREATE INDEX alert_source_alert ON alert_source (alert_id);

-- ---------------------------------------------------------------- users, secrets, audit
CREATE TABLE hub_user (
    username        text        PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9_.@-]{1,64}$'),
    password_hash   text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('security', 'installer', 'admin')),
    community_code  text        REFERENCES community (code),
    failed_logins   integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (role = 'admin' OR community_code IS NOT NULL)
);

CREATE TABLE installation_secret (
    name        text        PRIMARY KEY,
    value       bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
    id           bigserial   PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    action       text        NOT NULL,
    object_type  text        NOT NULL,
    object_id    text        NOT NULL,
    community    text,
    detail       text,
    remote       text
);
CREATE INDEX audit_object ON audit_log (object_type, object_id, at);
