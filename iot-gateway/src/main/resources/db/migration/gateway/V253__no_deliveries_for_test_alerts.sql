-- Alerts of a device in test mode (V252 marks them `test`) are never paged: the outbox trigger of V230 skips
-- them, on opening and on escalation alike (CONTRACT §9: "are not delivered to channels").
CREATE OR REPLACE FUNCTION hub_plan_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_tier integer;
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
