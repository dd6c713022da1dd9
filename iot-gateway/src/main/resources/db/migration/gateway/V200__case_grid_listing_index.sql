-- Issue 16, bench/run cases: a grid worker's (or a dispatcher's) listing of one grid's open cases filters on the
-- grid and on the caller's community. With V191's hub_case_grid_open (grid_code, deadline, id) the planner
-- estimated grid AND community as independent (8 of ~110 rows) and ANDed that index with hub_case_community_time
-- (every case of the community: ~7,000 entries among 100,000 cases): 2–9 ms of which 1–8 ms were that scan. With
-- both columns in one partial index it reads only the grid's open cases: ~1 ms. The listing's order starts with
-- the computed "overdue", so the old index's (deadline, id) order was never used; it goes.
CREATE INDEX hub_case_grid_community_open ON hub_case (grid_code, community_code)
    WHERE status NOT IN ('closed', 'rejected');
DROP INDEX IF EXISTS hub_case_grid_open;
