-- 0026_papers: the documents a citizen hands over at the desk, and the papers printed
-- (issue 29). Append-only: once released, this file is never edited.

-- What was received at a visit (thông tin, tài liệu, bằng chứng): one row per visit that
-- received any, the documents as a JSON array [{what, kind, pages?, state?}] — kind is
-- ban_chinh | ban_sao | ban_chup. Its case has them through case_visits.
CREATE TABLE visit_documents (
    visit_id   INTEGER PRIMARY KEY REFERENCES visits(id),
    items      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(items)),
    created_at TEXT NOT NULL
) STRICT;

-- A paper's number: one sequence per unit (a book is one unit), year and form, taken in the
-- write transaction (IMMEDIATE: two desks on one book never take the same number). A record
-- has one number per form; a reprint keeps it (paper_prints).
CREATE TABLE papers (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    unit        TEXT NOT NULL,                 -- the unit's name when the number was taken
    year        INTEGER NOT NULL,
    form        TEXT NOT NULL,                 -- receipt | transfer | guidance | refusal | minutes | conclusion | dialogue
    number      INTEGER NOT NULL CHECK (number >= 1),
    subject     TEXT NOT NULL CHECK (subject IN ('visit', 'case')),
    subject_uid TEXT NOT NULL,
    issued_on   TEXT NOT NULL,                 -- YYYY-MM-DD: the date line's day
    created_at  TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES officers(id),
    UNIQUE (year, form, number),
    UNIQUE (form, subject, subject_uid)
) STRICT;

-- Every print of a paper: the first (n = 1) and each reprint (n > 1, "bản in lại"), with the
-- template's version, the file's format, who and when, and whether it named a denouncer
-- (only the denouncer's own receipt may: such a print is the audit of it).
CREATE TABLE paper_prints (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    paper_id         INTEGER NOT NULL REFERENCES papers(id),
    n                INTEGER NOT NULL CHECK (n >= 1),
    template_version TEXT NOT NULL,
    format           TEXT NOT NULL CHECK (format IN ('pdf', 'docx')),
    names_denouncer  INTEGER NOT NULL DEFAULT 0 CHECK (names_denouncer IN (0, 1)),
    printed_at       TEXT NOT NULL,
    printed_by       INTEGER NOT NULL REFERENCES officers(id),
    UNIQUE (paper_id, n)
) STRICT;
