-- Issue 16: the case roles (CONTRACT §6). A dispatcher without a community works for the whole subdistrict;
-- a grid worker belongs to one or more grids (user_grid), all of one community (the user's community).
ALTER TABLE hub_user DROP CONSTRAINT IF EXISTS hub_user_role_check;
ALTER TABLE hub_user DROP CONSTRAINT IF EXISTS hub_user_check;
ALTER TABLE hub_user ADD CONSTRAINT hub_user_role_check
    CHECK (role IN ('security', 'installer', 'admin', 'dispatcher', 'grid_worker'));
ALTER TABLE hub_user ADD CONSTRAINT hub_user_check
    CHECK (role IN ('admin', 'dispatcher') OR community_code IS NOT NULL);

CREATE TABLE user_grid (
    username   text NOT NULL REFERENCES hub_user (username) ON DELETE CASCADE,
    grid_code  text NOT NULL REFERENCES grid (code) ON DELETE CASCADE,
    PRIMARY KEY (username, grid_code)
);
-- "the grid's worker": the first grid worker of a grid by username.
CREATE INDEX user_grid_grid ON user_grid (grid_code, username);
