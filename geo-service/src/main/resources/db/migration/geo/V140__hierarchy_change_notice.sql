-- Every statement that changes communities, compounds or buildings tells listening hub instances
-- (channel hub_change, payload 'hierarchy'; repeats within a transaction fold into one notice, sent
-- on commit), whoever the writer is: they drop their cached GET /api/v1/hierarchy answer.
-- (Numbered 140 to stay clear of migrations being added alongside; Flyway needs only an order.)
CREATE FUNCTION notify_hierarchy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hub_change', 'hierarchy');
    RETURN NULL;
END
$$;

CREATE TRIGGER community_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON community
    FOR EACH STATEMENT EXECUTE FUNCTION notify_hierarchy_changed();
CREATE TRIGGER compound_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON compound
    FOR EACH STATEMENT EXECUTE FUNCTION notify_hierarchy_changed();
CREATE TRIGGER building_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON building
    FOR EACH STATEMENT EXECUTE FUNCTION notify_hierarchy_changed();
