-- 0016_report_closing: what the reports of TT 06/2025/TT-TTCP need from the book (issue 23).
-- Append-only: once released, this file is never edited.

-- Who presided a periodic or ad hoc session: the head in person ('truc_tiep') or a deputy by
-- delegation ('uy_quyen'). 01/TCD of TT 06/2025 reports the two apart (columns 10–15 and
-- 16–21) and Luật 136/2025 lets no delegated day count toward the head's own days. Sessions
-- recorded before this mark existed keep '' (not recorded): the report leaves the columns
-- that depend on it empty, with the reason, rather than guess.
ALTER TABLE sessions ADD COLUMN presider_role TEXT NOT NULL DEFAULT ''
    CHECK (presider_role IN ('', 'truc_tiep', 'uy_quyen'));

-- A closed period (chốt số liệu): the figures as they were sent, with their SHA-256 digest.
-- A closed period's report is shown from these figures; today's book is counted again only
-- to say whether (and which) figures it would now give differently. Never rewritten: a
-- period is closed once.
CREATE TABLE report_closings (
    id        INTEGER PRIMARY KEY,
    uid       TEXT NOT NULL UNIQUE,
    period    TEXT NOT NULL UNIQUE,      -- the period's code: 2026-q1, 2026-6t, 2026, 2026-11
    day_from  TEXT NOT NULL,             -- YYYY-MM-DD
    day_to    TEXT NOT NULL,
    circular  TEXT NOT NULL,             -- the circular whose forms were filled
    figures   TEXT NOT NULL,             -- the figures, canonical JSON
    digest    TEXT NOT NULL CHECK (length(digest) = 64),
    closed_at TEXT NOT NULL,
    closed_by INTEGER NOT NULL REFERENCES officers(id)
) STRICT;

CREATE TRIGGER report_closings_no_update BEFORE UPDATE ON report_closings
BEGIN SELECT RAISE(ABORT, 'a closed period is never rewritten'); END;
CREATE TRIGGER report_closings_no_delete BEFORE DELETE ON report_closings
BEGIN SELECT RAISE(ABORT, 'a closed period is never rewritten'); END;

-- The seeded field of land compensation by its legal name (Luật Đất đai 2024, Chương VII:
-- "bồi thường, hỗ trợ, tái định cư"), as the reports name it; a name the unit changed is left
-- as it is.
UPDATE fields SET name = 'Bồi thường, hỗ trợ, tái định cư'
 WHERE code = 'den_bu_gpmb' AND name = 'Đền bù – giải phóng mặt bằng';
