-- Issue 16: in-app notifications (一天一提醒 digests, overdue notices) and the claims that make each happen once
-- across restarts and hub instances. A user has at most one notification per dedup_key (the digest's day, a
-- case's overdue transition); a case's overdue transition (case, deadline) is claimed once. Notifications name
-- cases by number, category and place, never a reporter's description or contact number.
CREATE TABLE notification (
    id             bigserial   PRIMARY KEY,
    recipient      text        NOT NULL REFERENCES hub_user (username) ON DELETE CASCADE,
    kind           text        NOT NULL CHECK (kind IN ('digest', 'overdue')),
    dedup_key      text        NOT NULL,
    created_at     timestamptz NOT NULL,
    read_at        timestamptz,
    title          text        NOT NULL,
    body           text        NOT NULL,
    case_id        bigint      REFERENCES hub_case (id) ON DELETE CASCADE,
    case_ids       bigint[]    NOT NULL DEFAULT '{}',
    open_count     integer     NOT NULL DEFAULT 0,
    overdue_count  integer     NOT NULL DEFAULT 0,
    UNIQUE (recipient, dedup_key)
);
CREATE INDEX notification_recipient ON notification (recipient, id DESC);
CREATE INDEX notification_unread ON notification (recipient, id DESC) WHERE read_at IS NULL;
CREATE INDEX notification_created ON notification (created_at);

CREATE TABLE case_overdue_claim (
    case_id     bigint      NOT NULL REFERENCES hub_case (id) ON DELETE CASCADE,
    deadline    timestamptz NOT NULL,
    claimed_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, deadline)
);
-- The reminder job looks for pending work past its deadline.
CREATE INDEX hub_case_pending_deadline ON hub_case (deadline) WHERE status IN ('accepted', 'assigned', 'in_progress');
