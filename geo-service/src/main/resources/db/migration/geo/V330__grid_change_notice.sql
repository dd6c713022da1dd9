-- Every statement that changes grids tells listening hub instances (channel hub_change, payload 'grids';
-- repeats within a transaction fold into one notice, sent on commit), whoever the writer is: they rebuild
-- their in-memory locate index, which answers the grid (网格) of a point.
CREATE FUNCTION notify_grids_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hub_change', 'grids');
    RETURN NULL;
END
$$;

CREATE TRIGGER grid_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid
    FOR EACH STATEMENT EXECUTE FUNCTION notify_grids_changed();
