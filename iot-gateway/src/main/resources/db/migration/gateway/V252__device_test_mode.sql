-- Issue 18: test mode. A device in test mode until test_mode_until keeps having its events stored and validated,
-- but every alert it raises carries test = true (not delivered to channels, not sounded by the console). Set by
-- the trigger, so every path that opens an alert marks it without knowing about test mode.
ALTER TABLE device ADD COLUMN test_mode_until timestamptz;
ALTER TABLE alert ADD COLUMN test boolean NOT NULL DEFAULT false;

CREATE FUNCTION alert_mark_test() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.test := NEW.test OR COALESCE((SELECT test_mode_until > now() FROM device WHERE code = NEW.device_code), false);
    RETURN NEW;
END
$$;

CREATE TRIGGER alert_mark_test BEFORE INSERT ON alert FOR EACH ROW EXECUTE FUNCTION alert_mark_test();
