-- 0031_dialogues: dialogues (issue 29, its last part) — a complaint's dialogue in its
-- resolution (Luật Khiếu nại Art 30, 39; TT 07/2013 Mẫu 14-KN; NĐ 155/2026 amending
-- NĐ 124/2020 Art 28, UNVERIFIED) and the head's public dialogues with the people, whose
-- answers promised are followed each with its day (src/domain/dialogue.rs).
-- Append-only: once released, this file is never edited.
-- The notice's lead time is not here: it is the rule 'thong_bao_doi_thoai' of the deadline
-- catalog (0027), editable data like every rule.

-- A dialogue as its minutes say it. A complaint's names its case; a public one has none.
-- participants: a JSON array [{name, role, title, present}] (role: ParticipantRole's code).
CREATE TABLE dialogues (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('khieu_nai', 'cong_khai')),
    case_id        INTEGER REFERENCES cases(id),
    planned_on     TEXT NOT NULL,
    time           TEXT NOT NULL DEFAULT '',
    place          TEXT NOT NULL DEFAULT '',
    presiding      TEXT NOT NULL DEFAULT '',
    notice_sent_on TEXT,
    notice_no      TEXT NOT NULL DEFAULT '',
    participants   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(participants)),
    audience       TEXT NOT NULL DEFAULT '',
    people         INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
    topics         TEXT NOT NULL DEFAULT '',
    held_on        TEXT,
    said           TEXT NOT NULL DEFAULT '',
    agreed         TEXT NOT NULL DEFAULT '',
    differ         TEXT NOT NULL DEFAULT '',
    outcome        TEXT CHECK (outcome IN ('thong_nhat', 'mot_phan', 'con_khac', 'rut_khieu_nai',
                                           'vang_mat', 'da_to_chuc')),
    signed         TEXT CHECK (signed IN ('tat_ca', 'co_nguoi_khong_ky')),
    note           TEXT NOT NULL DEFAULT '',
    cancelled      INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    created_by     INTEGER NOT NULL REFERENCES officers(id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    CHECK ((kind = 'khieu_nai') = (case_id IS NOT NULL)),
    CHECK (held_on IS NULL OR kind = 'cong_khai' OR outcome IS NOT NULL)
) STRICT;

CREATE INDEX dialogues_by_case ON dialogues (case_id, planned_on) WHERE case_id IS NOT NULL;
CREATE INDEX dialogues_by_day ON dialogues (coalesce(held_on, planned_on));

CREATE TRIGGER dialogues_no_delete BEFORE DELETE ON dialogues
BEGIN SELECT RAISE(ABORT, 'dialogues are never deleted: cancel them'); END;

-- An answer promised at a public dialogue: what, who answers, the day promised (the
-- deadline board's due day), and when and how it was answered.
CREATE TABLE dialogue_promises (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    dialogue_id INTEGER NOT NULL REFERENCES dialogues(id),
    text        TEXT NOT NULL CHECK (length(text) > 0),
    owner       TEXT NOT NULL DEFAULT '',
    due_on      TEXT NOT NULL,
    answered_on TEXT,
    answer      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX dialogue_promises_open ON dialogue_promises (due_on) WHERE answered_on IS NULL;

CREATE TRIGGER dialogue_promises_no_delete BEFORE DELETE ON dialogue_promises
BEGIN SELECT RAISE(ABORT, 'promises are never deleted: answer them'); END;
