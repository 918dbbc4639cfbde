-- 0033_dialogue_papers: the minutes of a dialogue are numbered per dialogue (issue 29). A
-- case's papers were one per form: a second dialogue held on one case (continued another day)
-- printed as a "reprint" of the first's number with other content. A dialogue's minutes now
-- have the dialogue as their subject ('dialogue', its uid): each held dialogue its own
-- number, a reprint of one keeps it. The table is rebuilt for its CHECK (SQLite cannot alter
-- one); its rows are kept as they were. Append-only: once released, this file is never edited.

CREATE TABLE papers_new (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    unit        TEXT NOT NULL,                 -- the unit's name when the number was taken
    year        INTEGER NOT NULL,
    form        TEXT NOT NULL,                 -- receipt | transfer | guidance | refusal | minutes | conclusion | dialogue
    number      INTEGER NOT NULL CHECK (number >= 1),
    subject     TEXT NOT NULL CHECK (subject IN ('visit', 'case', 'dialogue')),
    subject_uid TEXT NOT NULL,
    issued_on   TEXT NOT NULL,                 -- YYYY-MM-DD: the date line's day
    created_at  TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES officers(id),
    UNIQUE (year, form, number),
    UNIQUE (form, subject, subject_uid)
) STRICT;

INSERT INTO papers_new SELECT * FROM papers;
DROP TABLE papers;
ALTER TABLE papers_new RENAME TO papers;
