-- Issue 17, the fire procedure: a guard's real-fire confirmation ("火警已确认") reaches the alert's channels every time,
-- not only when it raises the escalation level. An alert's outbox row now says what it announces (its purpose, the
-- vocabulary of DeliveryPurpose): 'page' (the alert at a tier it reached: opened, tier 1; escalated, each new tier)
-- or 'confirmed' (the confirmation, to every tier the alert has reached and tier 2 at once). Rows without an alert
-- (case notices, channel tests) have none. Each (alert, purpose, tier, channel) is planned once.
ALTER TABLE delivery ADD COLUMN purpose text CHECK (purpose IN ('page', 'confirmed'));
UPDATE delivery SET purpose = 'page' WHERE alert_id IS NOT NULL;
ALTER TABLE delivery ADD CONSTRAINT delivery_purpose_of_alert CHECK ((alert_id IS NULL) = (purpose IS NULL));
ALTER TABLE delivery DROP CONSTRAINT delivery_alert_id_tier_channel_id_key;
ALTER TABLE delivery ADD CONSTRAINT delivery_once UNIQUE (alert_id, purpose, tier, channel_id);

-- The outbox plan of V260, plus the confirmation. Pages: on opening (tier 1) and on each rise of the level (each new
-- tier), with the on-duty staff's pages and in-app notifications as before. Confirmation (status becomes 'confirmed',
-- which also raises the level to at least 1): a 'confirmed' row for every channel of tiers 1 to level + 1; a tier
-- the same statement newly reaches gets its staff paged but no 'page' row, the confirmation being its message (so
-- no channel hears of it twice). A confirmed alert no longer escalates (AlertSql.ESCALATE), and a later rise would
-- page only the tiers above, so tier 2 is never paged twice.
CREATE OR REPLACE FUNCTION hub_plan_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_tier integer;
    last_tier  integer;
    confirming boolean;
    place      text;
    what       text;
    page       record;
BEGIN
    IF NEW.test THEN
        RETURN NULL;
    END IF;
    confirming := TG_OP = 'UPDATE' AND NEW.status = 'confirmed' AND OLD.status <> 'confirmed';
    IF TG_OP = 'INSERT' THEN
        first_tier := 1;
    ELSIF NEW.escalation_level > OLD.escalation_level THEN
        first_tier := OLD.escalation_level + 2;
    ELSIF NOT confirming THEN
        RETURN NULL;
    END IF;
    last_tier := LEAST(NEW.escalation_level + 1, 3);
    INSERT INTO delivery (alert_id, purpose, tier, channel_id)
    SELECT NEW.id, CASE WHEN confirming THEN 'confirmed' ELSE 'page' END, c.tier, c.id
      FROM channel c
     WHERE c.deleted_at IS NULL AND 'alerts' = ANY (c.topics)
       AND c.tier BETWEEN CASE WHEN confirming THEN 1 ELSE first_tier END AND last_tier
       AND (c.community_code IS NULL OR c.community_code = NEW.community_code)
       AND array_position(ARRAY['critical', 'high', 'medium', 'low'], NEW.severity)
           <= array_position(ARRAY['critical', 'high', 'medium', 'low'], c.min_severity)
    ON CONFLICT (alert_id, purpose, tier, channel_id) DO NOTHING;
    IF first_tier IS NULL THEN
        RETURN NULL;
    END IF;

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

-- One trigger for both updates, and only when it has something to plan (the alert's other updates skip it).
DROP TRIGGER alert_plan_deliveries_escalate ON alert;
CREATE TRIGGER alert_plan_deliveries_update AFTER UPDATE OF escalation_level, status ON alert
    FOR EACH ROW WHEN (NEW.escalation_level > OLD.escalation_level
                       OR (NEW.status = 'confirmed' AND OLD.status <> 'confirmed'))
    EXECUTE FUNCTION hub_plan_deliveries();
