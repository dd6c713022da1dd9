-- The closed-alerts history (issue 17): GET /api/v1/alerts with kind, outcome, building, from/to and keyset paging
-- (`before`), newest first by (opened_at, id). alert_scope (community, status, opened_at) serves a community's
-- list by status; these serve an admin's list over every community, a community's list of one kind, and a
-- building's list, each as an index scan in the page's order that stops after the page.
CREATE INDEX alert_history_opened ON alert (opened_at DESC, id DESC);
CREATE INDEX alert_history_kind ON alert (community_code, kind, opened_at DESC, id DESC);
CREATE INDEX alert_history_building ON alert (building_code, opened_at DESC, id DESC) WHERE building_code IS NOT NULL;
