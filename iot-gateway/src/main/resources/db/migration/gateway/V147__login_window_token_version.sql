-- Issue 14 #7: failed logins count only within a window that starts at the first failure (and ends with a lock).
ALTER TABLE hub_user ADD COLUMN failed_since timestamptz;
-- Issue 14 #8: tokens carry the version they were issued for; a change of role, community or password, or a
-- deletion, revokes every token issued before it.
ALTER TABLE hub_user ADD COLUMN token_version integer NOT NULL DEFAULT 0;
