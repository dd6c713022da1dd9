-- Every statement that changes facilities tells listening hub instances (channel hub_change,
-- payload 'facilities'; PostgreSQL folds repeats within a transaction into one notice, sent on
-- commit), whoever the writer is: they rebuild their in-memory nearest-facility index.
CREATE FUNCTION notify_facilities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hub_change', 'facilities');
    RETURN NULL;
END
$$;

CREATE TRIGGER facility_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON facility
    FOR EACH STATEMENT EXECUTE FUNCTION notify_facilities_changed();
