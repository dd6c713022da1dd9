-- A dispatcher's daily digest also counts the reports in their scope still waiting for triage (status submitted),
-- so the page can word "N 件待受理" in its own language; other notifications count none.
ALTER TABLE notification ADD COLUMN untriaged_count integer NOT NULL DEFAULT 0;
