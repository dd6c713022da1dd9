-- Issue 16: cases (随手拍 and the closed loop, CONTRACT §7). Photos live in the database so that backup covers them.
CREATE TABLE hub_case (
    id               bigserial   PRIMARY KEY,
    tracking_code    text        NOT NULL UNIQUE,
    category         text        NOT NULL CHECK (category IN ('environment', 'facility_damage', 'safety_hazard',
                                                             'fire_safety', 'dispute', 'noise', 'other')),
    status           text        NOT NULL CHECK (status IN ('submitted', 'accepted', 'assigned', 'in_progress',
                                                           'handled', 'closed', 'rejected')),
    priority         text        NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    description      text        NOT NULL CHECK (char_length(description) BETWEEN 1 AND 1000),
    lon              double precision NOT NULL,
    lat              double precision NOT NULL,
    community_code   text        NOT NULL REFERENCES community (code),
    compound_code    text,
    building_code    text,
    grid_code        text,
    reporter         text,
    contact          text,
    assignee         text,
    submitted_at     timestamptz NOT NULL DEFAULT now(),
    accepted_at      timestamptz,
    deadline         timestamptz,
    handled_at       timestamptz,
    closed_at        timestamptz,
    alert_id         bigint      REFERENCES alert (id) ON DELETE SET NULL,
    rating_score     smallint    CHECK (rating_score BETWEEN 1 AND 5),
    rating_comment   text,
    rated_at         timestamptz
);
-- A grid's (or community's) open cases, overdue first: open = pending work or waiting for triage/closing.
CREATE INDEX hub_case_grid_open ON hub_case (grid_code, deadline NULLS LAST, id DESC)
    WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX hub_case_community_open ON hub_case (community_code, deadline NULLS LAST, id DESC)
    WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX hub_case_community_time ON hub_case (community_code, submitted_at DESC);
CREATE INDEX hub_case_assignee ON hub_case (assignee) WHERE status IN ('assigned', 'in_progress');
CREATE INDEX hub_case_alert ON hub_case (alert_id) WHERE alert_id IS NOT NULL;

CREATE TABLE case_history (
    id           bigserial   PRIMARY KEY,
    case_id      bigint      NOT NULL REFERENCES hub_case (id) ON DELETE CASCADE,
    actor        text,
    at           timestamptz NOT NULL DEFAULT now(),
    action       text        NOT NULL,
    from_status  text,
    to_status    text        NOT NULL,
    note         text
);
CREATE INDEX case_history_case ON case_history (case_id, id);

CREATE TABLE case_photo (
    case_id    bigint  NOT NULL REFERENCES hub_case (id) ON DELETE CASCADE,
    n          integer NOT NULL CHECK (n >= 1),
    stage      text    NOT NULL CHECK (stage IN ('report', 'handled')),
    jpeg       bytea   NOT NULL,
    thumbnail  bytea   NOT NULL,
    PRIMARY KEY (case_id, n)
);
