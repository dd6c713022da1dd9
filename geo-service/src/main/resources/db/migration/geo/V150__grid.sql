-- Grids (网格): the work areas of a community's grid workers, imported as layer "grid" (CONTRACT §3).
-- A grid lies within its community; grids of one community do not overlap (checked on import).
CREATE TABLE grid (
    code            text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,64}$'),
    name            text NOT NULL,
    community_code  text NOT NULL REFERENCES community (code),
    geom            geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grid_geom_gist ON grid USING gist (geom);
CREATE INDEX grid_community ON grid (community_code);
