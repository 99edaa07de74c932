-- 003's reading record: a goal per fiscal year (April to March). The counts come from loan_history rows kept
-- for the reading record (migration 0005) and the patron's current loans since the day it was turned on.
CREATE TABLE reading_goals (
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  patron_id uuid NOT NULL REFERENCES patrons(id) ON DELETE CASCADE,
  -- The fiscal year by the calendar year it starts in: 2026 runs from 2026-04-01 to 2027-03-31.
  fiscal_year integer NOT NULL,
  goal integer NOT NULL CHECK (goal BETWEEN 1 AND 1000),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (patron_id, fiscal_year)
);

ALTER TABLE reading_goals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reading_goals
  USING (library_system_id = nullif(current_setting('shiori.library_system_id', true), '')::integer)
  WITH CHECK (library_system_id = nullif(current_setting('shiori.library_system_id', true), '')::integer);
