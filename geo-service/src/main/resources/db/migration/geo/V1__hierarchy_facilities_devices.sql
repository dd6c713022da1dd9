-- Spatial core: community ▸ compound ▸ building polygons, facility and device points.
-- All geometry is WGS-84 (SRID 4326); distance queries cast to geography for metres.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE community (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,64}$'),
    name        text NOT NULL,
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_geom_gist ON community USING gist (geom);

CREATE TABLE compound (
    code            text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,64}$'),
    name            text NOT NULL,
    community_code  text NOT NULL REFERENCES community (code),
    geom            geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX compound_geom_gist ON compound USING gist (geom);
CREATE INDEX compound_community ON compound (community_code);

CREATE TABLE building (
    code           text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,64}$'),
    name           text NOT NULL,
    compound_code  text NOT NULL REFERENCES compound (code),
    floors         integer CHECK (floors IS NULL OR floors BETWEEN 1 and 200),
    geom           geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX building_geom_gist ON building USING gist (geom);
CREATE INDEX building_compound ON building (compound_code);

CREATE TABLE facility (
    code            text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,64}$'),
    name            text NOT NULL,
    category        text NOT NULL CHECK (category ~ '^[a-z0-9_]{1,64}$'),
    floor           integer,
    opening_hours   text,
    phone           text,
    community_code  text REFERENCES community (code),
    geom            geometry(Point, 4326) NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- KNN in metres: nearest-first by geography distance uses this index.
CREATE INDEX facility_geog_gist ON facility USING gist ((geom::geography));
CREATE INDEX facility_geom_gist ON facility USING gist (geom);
CREATE INDEX facility_category ON facility (category);

CREATE TABLE device (
    code            text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,64}$'),
    name            text NOT NULL,
    type            text NOT NULL CHECK (type IN ('gate', 'fire_button', 'camera')),
    community_code  text NOT NULL REFERENCES community (code),
    compound_code   text REFERENCES compound (code),
    building_code   text REFERENCES building (code),
    floor           integer,
    geom            geometry(Point, 4326) NOT NULL,
    install_state   text NOT NULL DEFAULT 'registered'
                    CHECK (install_state IN ('registered', 'installed', 'tested', 'retired')),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (compound_code IS NOT NULL OR building_code IS NOT NULL)
);
CREATE INDEX device_geom_gist ON device USING gist (geom);
CREATE INDEX device_community ON device (community_code);
CREATE INDEX device_building ON device (building_code);
