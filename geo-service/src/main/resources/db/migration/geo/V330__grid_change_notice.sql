-- Grids join the hierarchy notice (channel hub_change, payload 'hierarchy', see V140): every hub
-- instance rebuilds its in-memory locate index, which answers the grid of a point, whoever wrote them.
CREATE TRIGGER grid_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid
    FOR EACH STATEMENT EXECUTE FUNCTION notify_hierarchy_changed();
