-- Issue 17: the duty roster drives who is paged. Admins keep, per community, who is on duty at tier 1, 2 or 3 and
-- when (days of the week and a time of day in China Standard Time; a shift whose end is not after its start runs
-- overnight into the next day, start = end is a 24-hour shift; optionally only between two dates). When an alert
-- opens (tier 1) or escalates (each tier it reaches), the trigger records who was on duty at that tier then
-- (alert_page) and gives each of them an in-app notification in the same transaction (pushed live on commit);
-- the delivery worker mentions their phone numbers in the channels' messages (WeCom, DingTalk).

-- Staff phone numbers, for the robots' @-mentions only: set by admins, shown only to admins.
ALTER TABLE hub_user ADD COLUMN phone text CHECK (phone IS NULL OR phone ~ '^\+?[0-9]{6,20}$');

CREATE TABLE duty_roster (
    id              bigserial   PRIMARY KEY,
    username        text        NOT NULL REFERENCES hub_user (username) ON DELETE CASCADE,
    community_code  text        NOT NULL REFERENCES community (code),
    tier            integer     NOT NULL CHECK (tier BETWEEN 1 AND 3),
    days            integer[]   NOT NULL CHECK (cardinality(days) BETWEEN 1 AND 7 AND days <@ ARRAY[1, 2, 3, 4, 5, 6, 7]),
    start_time      time        NOT NULL,
    end_time        time        NOT NULL,
    valid_from      date,
    valid_until     date,
    min_severity    text        NOT NULL DEFAULT 'low' CHECK (min_severity IN ('critical', 'high', 'medium', 'low')),
    note            text,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until)
);
CREATE INDEX duty_roster_community ON duty_roster (community_code, tier);

-- The roster entries of a community and tier whose shift covers p_at. A shift belongs to the day it starts on
-- (its weekday in `days`, its date within valid_from..valid_until).
CREATE FUNCTION hub_on_duty(p_community text, p_tier integer, p_at timestamptz)
    RETURNS SETOF duty_roster LANGUAGE sql STABLE AS $$
    SELECT r.*
      FROM duty_roster r
     CROSS JOIN LATERAL (SELECT (p_at AT TIME ZONE 'Asia/Shanghai') AS l) x
     WHERE r.community_code = p_community AND r.tier = p_tier
       AND ((extract(isodow FROM x.l)::integer = ANY (r.days)
             AND (r.valid_from IS NULL OR x.l::date >= r.valid_from) AND (r.valid_until IS NULL OR x.l::date <= r.valid_until)
             AND x.l::time >= r.start_time AND (r.start_time >= r.end_time OR x.l::time < r.end_time))
         OR (r.start_time >= r.end_time AND x.l::time < r.end_time
             AND extract(isodow FROM x.l - interval '1 day')::integer = ANY (r.days)
             AND (r.valid_from IS NULL OR x.l::date - 1 >= r.valid_from)
             AND (r.valid_until IS NULL OR x.l::date - 1 <= r.valid_until)))
$$;

-- Who was paged for an alert at which tier (the on-duty staff at that moment).
CREATE TABLE alert_page (
    alert_id  bigint      NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    tier      integer     NOT NULL,
    username  text        NOT NULL REFERENCES hub_user (username) ON DELETE CASCADE,
    paged_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (alert_id, tier, username)
);

-- Alert pages are in-app notifications too.
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN ('digest', 'overdue', 'alert'));
ALTER TABLE notification ADD COLUMN alert_id bigint REFERENCES alert (id) ON DELETE CASCADE;

-- Issue 16: what a channel is for. 'alerts' (the default: every channel so far) and/or 'cases' (the cases'
-- overdue notices and daily digest of its community).
ALTER TABLE channel ADD COLUMN topics text[] NOT NULL DEFAULT ARRAY['alerts']
    CHECK (cardinality(topics) BETWEEN 1 AND 2 AND topics <@ ARRAY['alerts', 'cases']);

-- The outbox plan of V230/V253, now for channels that take alerts only, plus the pages of the on-duty staff.
CREATE OR REPLACE FUNCTION hub_plan_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_tier integer;
    last_tier  integer;
    place      text;
    what       text;
    page       record;
BEGIN
    IF NEW.test THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        first_tier := 1;
    ELSIF NEW.escalation_level > OLD.escalation_level THEN
        first_tier := OLD.escalation_level + 2;
    ELSE
        RETURN NULL;
    END IF;
    last_tier := LEAST(NEW.escalation_level + 1, 3);
    INSERT INTO delivery (alert_id, tier, channel_id)
    SELECT NEW.id, t.tier, c.id
      FROM channel c
      JOIN generate_series(first_tier, last_tier) AS t(tier) ON c.tier = t.tier
     WHERE c.deleted_at IS NULL AND 'alerts' = ANY (c.topics)
       AND (c.community_code IS NULL OR c.community_code = NEW.community_code)
       AND array_position(ARRAY['critical', 'high', 'medium', 'low'], NEW.severity)
           <= array_position(ARRAY['critical', 'high', 'medium', 'low'], c.min_severity)
    ON CONFLICT (alert_id, tier, channel_id) DO NOTHING;

    INSERT INTO alert_page (alert_id, tier, username)
    SELECT DISTINCT NEW.id, t.tier, r.username
      FROM generate_series(first_tier, last_tier) AS t(tier)
     CROSS JOIN LATERAL hub_on_duty(NEW.community_code, t.tier, now()) r
     WHERE array_position(ARRAY['critical', 'high', 'medium', 'low'], NEW.severity)
           <= array_position(ARRAY['critical', 'high', 'medium', 'low'], r.min_severity)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;

    SELECT concat_ws(' ', (SELECT name FROM community WHERE code = NEW.community_code),
                     (SELECT name FROM building WHERE code = NEW.building_code)) INTO place;
    what := CASE NEW.kind WHEN 'fire' THEN '火警' WHEN 'intrusion' THEN '入侵' WHEN 'access' THEN '门禁异常'
                          ELSE '设备故障' END;
    FOR page IN
        INSERT INTO notification (recipient, kind, dedup_key, title, body, alert_id, created_at)
        SELECT p.username, 'alert', 'alert:' || NEW.id || ':' || p.tier,
               CASE WHEN p.tier > 1 THEN '【升级' || p.tier || '级】' ELSE '' END || '【' || what || '】'
                   || COALESCE(NULLIF(place, ''), NEW.community_code),
               '您在' || p.tier || '级值班，请处置 · '
                   || CASE NEW.severity WHEN 'critical' THEN '紧急' WHEN 'high' THEN '高' WHEN 'medium' THEN '中'
                                        ELSE '低' END
                   || ' · 设备 ' || NEW.device_code
                   || CASE WHEN NEW.floor IS NULL THEN '' ELSE ' · ' || NEW.floor || '层' END
                   || ' · ' || to_char(NEW.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS'),
               NEW.id, now()
          FROM alert_page p
         WHERE p.alert_id = NEW.id AND p.tier BETWEEN first_tier AND last_tier
        ON CONFLICT (recipient, dedup_key) DO NOTHING
        RETURNING id, recipient
    LOOP
        PERFORM pg_notify('hub_change', 'notification:' || page.id || ':' || page.recipient);
    END LOOP;
    RETURN NULL;
END $$;
