-- 0002_cases: cases (vụ việc / đơn), their events, and the legal transition table.
-- Append-only: once released, this file is never edited.

-- The allowed steps, the same table as `domain::case::TRANSITIONS` (a test keeps them equal).
CREATE TABLE case_transitions (
    from_status TEXT NOT NULL,
    action      TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    PRIMARY KEY (from_status, action)
) STRICT;

INSERT INTO case_transitions (from_status, action, to_status) VALUES
    ('moi',              'phan_loai_thuoc_tq',    'cho_thu_ly'),
    ('moi',              'phan_loai_ngoai_tq',    'ngoai_tham_quyen'),
    ('moi',              'phan_loai_khong_du_dk', 'khong_du_dk'),
    ('moi',              'rut_don',               'da_rut'),
    ('moi',              'luu_don',               'da_luu'),
    ('cho_thu_ly',       'thu_ly',                'dang_giai_quyet'),
    ('cho_thu_ly',       'khong_thu_ly',          'khong_thu_ly'),
    ('cho_thu_ly',       'rut_don',               'da_rut'),
    ('ngoai_tham_quyen', 'chuyen_don',            'da_chuyen'),
    ('ngoai_tham_quyen', 'huong_dan',             'da_huong_dan'),
    ('ngoai_tham_quyen', 'tra_lai',               'da_tra_lai'),
    ('khong_du_dk',      'huong_dan',             'da_huong_dan'),
    ('khong_du_dk',      'tra_lai',               'da_tra_lai'),
    ('khong_du_dk',      'luu_don',               'da_luu'),
    ('dang_giai_quyet',  'phuc_tap',              'dang_giai_quyet'),
    ('dang_giai_quyet',  'gia_han',               'dang_giai_quyet'),
    ('dang_giai_quyet',  'giai_quyet',            'da_giai_quyet'),
    ('dang_giai_quyet',  'rut_don',               'da_rut'),
    ('da_chuyen',        'don_doc',               'da_chuyen'),
    ('da_giai_quyet',    'khieu_nai_lan_2',       'da_giai_quyet');

CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    code              TEXT NOT NULL UNIQUE,         -- KN-2026-0042
    case_type         TEXT NOT NULL CHECK (case_type IN ('khieu_nai', 'to_cao', 'kien_nghi_phan_anh')),
    year              INTEGER NOT NULL,
    seq               INTEGER NOT NULL,
    citizen_id        INTEGER NOT NULL REFERENCES citizens(id),
    field_id          INTEGER NOT NULL REFERENCES fields(id),
    summary           TEXT NOT NULL CHECK (length(summary) > 0),
    status            TEXT NOT NULL DEFAULT 'moi',
    round             INTEGER NOT NULL DEFAULT 1 CHECK (round IN (1, 2)),
    previous_case_id  INTEGER REFERENCES cases(id),
    complex           INTEGER NOT NULL DEFAULT 0 CHECK (complex IN (0, 1)),
    remote            INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),
    own_authority     INTEGER CHECK (own_authority IN (0, 1)),   -- NULL until classified
    extensions        INTEGER NOT NULL DEFAULT 0 CHECK (extensions BETWEEN 0 AND 2),
    source            TEXT NOT NULL CHECK (source IN ('tiep_cong_dan', 'buu_chinh', 'chuyen_den', 'khac')),
    forwarded_by      TEXT NOT NULL DEFAULT '',     -- agency that forwarded the petition
    forwarding_doc    TEXT NOT NULL DEFAULT '',     -- its document number
    received_on       TEXT NOT NULL,                -- YYYY-MM-DD
    accepted_on       TEXT,
    resolved_on       TEXT,
    outcome           TEXT,
    officer_id        INTEGER REFERENCES officers(id),  -- assigned officer
    identity_disclosed INTEGER NOT NULL DEFAULT 0 CHECK (identity_disclosed IN (0, 1)), -- Luật TC Art 47(2)
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT,
    UNIQUE (case_type, year, seq)
) STRICT;

CREATE INDEX cases_by_field_status ON cases (field_id, status, received_on);
CREATE INDEX cases_by_status ON cases (status, received_on);
CREATE INDEX cases_by_citizen ON cases (citizen_id, field_id);

-- A visit may open several cases; a case may gather several visits (repeat petitions).
CREATE TABLE case_visits (
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    PRIMARY KEY (case_id, visit_id)
) STRICT;

CREATE INDEX case_visits_by_visit ON case_visits (visit_id);

-- The timeline: every step is an event (append-only).
CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    at          TEXT NOT NULL,                   -- when it was recorded
    day         TEXT NOT NULL,                   -- the legal date of the step (YYYY-MM-DD)
    officer_id  INTEGER REFERENCES officers(id),
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    document_no TEXT NOT NULL DEFAULT '',
    agency      TEXT NOT NULL DEFAULT '',
    reason      TEXT,
    outcome     TEXT
) STRICT;

CREATE INDEX case_events_by_case ON case_events (case_id, id);

-- A case is born new.
CREATE TRIGGER cases_start_new BEFORE INSERT ON cases WHEN NEW.status != 'moi'
BEGIN SELECT RAISE(ABORT, 'a case starts as moi'); END;

-- Every step must be in the table, from the case's current status.
CREATE TRIGGER case_events_legal BEFORE INSERT ON case_events
WHEN NEW.action NOT IN ('tiep_nhan', 'ghi_chu', 'phan_cong', 'bo_sung', 'vung_sau_vung_xa')
BEGIN
    SELECT RAISE(ABORT, 'illegal case transition')
    WHERE NOT EXISTS (
            SELECT 1 FROM case_transitions t
            WHERE t.from_status = NEW.from_status AND t.action = NEW.action AND t.to_status = NEW.to_status)
       OR NEW.from_status IS NOT (SELECT status FROM cases WHERE id = NEW.case_id);
END;

-- Extensions: denunciations only, once complex, at most twice (Luật Tố cáo Art 30).
CREATE TRIGGER case_events_extension BEFORE INSERT ON case_events WHEN NEW.action = 'gia_han'
BEGIN
    SELECT RAISE(ABORT, 'extension not allowed')
    WHERE (SELECT case_type != 'to_cao' OR complex = 0 OR extensions >= 2 FROM cases WHERE id = NEW.case_id);
END;

-- A status changes only along the table.
CREATE TRIGGER cases_status_legal BEFORE UPDATE OF status ON cases WHEN NEW.status IS NOT OLD.status
BEGIN
    SELECT RAISE(ABORT, 'illegal case transition')
    WHERE NOT EXISTS (
        SELECT 1 FROM case_transitions t WHERE t.from_status = OLD.status AND t.to_status = NEW.status);
END;

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
BEGIN SELECT RAISE(ABORT, 'cases are never deleted: set deleted_at'); END;
