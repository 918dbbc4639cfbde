-- Figures at the province (issue 30): each desk belongs to a district (the units enrolled
-- under it), and the fields (lĩnh vực) the desks' packages carry, so the hub counts visits
-- and cases by field and report column as the desks do.

ALTER TABLE desks ADD COLUMN district text NOT NULL DEFAULT '';

CREATE TABLE fields (
    uid           text PRIMARY KEY,
    code          text NOT NULL,
    name          text NOT NULL,
    report_column text NOT NULL,
    -- The desk whose batch last carried it.
    desk          text NOT NULL REFERENCES desks (code)
);
