-- 0005_foundation: keys that merge across desks, and versions that catch another desk's edit.
-- Append-only: once released, this file is never edited.
-- Runs with foreign keys off (the migration runner checks them before committing), so that
-- `sessions` and `cases` can be rebuilt by SQLite's documented 12-step procedure.

-- An edit carries the version it was made from; an update of a stale version is refused.
ALTER TABLE visits ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE citizens ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- The desk code: part of every case code made from now on (KN-2026-AB-0042), so that the
-- codes of two desks never clash when their books are merged. The unit may change it in the
-- first-start form or the catalog; existing codes keep their form.
INSERT OR IGNORE INTO settings (key, value)
VALUES ('desk_code',
        substr('ABCDEFGHKLMNPQRSTUVXYZ', 1 + abs(random()) % 22, 1) ||
        substr('ABCDEFGHKLMNPQRSTUVXYZ', 1 + abs(random()) % 22, 1));

PRAGMA legacy_alter_table = ON;

-- Sessions: no longer unique per (day, form, presiding) — a merged desk's session of the same
-- day keeps its own uid; the desk that made it is recorded.
CREATE TABLE sessions_new (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    day        TEXT NOT NULL,
    form       TEXT NOT NULL CHECK (form IN ('thuong_xuyen', 'dinh_ky', 'dot_xuat', 'truc_tuyen')),
    presiding  TEXT NOT NULL DEFAULT '',
    place      TEXT NOT NULL DEFAULT '',
    desk       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES officers(id)
) STRICT;

INSERT INTO sessions_new (id, uid, day, form, presiding, place, desk, created_at, created_by)
    SELECT id, uid, day, form, presiding, place, '', created_at, created_by FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_by_day ON sessions (day, form, presiding, desk);

-- Cases: the desk in the code's key, and a version.
CREATE TABLE cases_new (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE,
    code               TEXT NOT NULL UNIQUE,
    case_type          TEXT NOT NULL CHECK (case_type IN ('khieu_nai', 'to_cao', 'kien_nghi_phan_anh')),
    year               INTEGER NOT NULL,
    desk               TEXT NOT NULL DEFAULT '',
    seq                INTEGER NOT NULL,
    citizen_id         INTEGER NOT NULL REFERENCES citizens(id),
    field_id           INTEGER NOT NULL REFERENCES fields(id),
    summary            TEXT NOT NULL CHECK (length(summary) > 0),
    status             TEXT NOT NULL DEFAULT 'moi',
    round              INTEGER NOT NULL DEFAULT 1 CHECK (round IN (1, 2)),
    previous_case_id   INTEGER REFERENCES cases(id),
    complex            INTEGER NOT NULL DEFAULT 0 CHECK (complex IN (0, 1)),
    remote             INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),
    own_authority      INTEGER CHECK (own_authority IN (0, 1)),
    extensions         INTEGER NOT NULL DEFAULT 0 CHECK (extensions BETWEEN 0 AND 2),
    source             TEXT NOT NULL CHECK (source IN ('tiep_cong_dan', 'buu_chinh', 'chuyen_den', 'khac')),
    forwarded_by       TEXT NOT NULL DEFAULT '',
    forwarding_doc     TEXT NOT NULL DEFAULT '',
    received_on        TEXT NOT NULL,
    accepted_on        TEXT,
    resolved_on        TEXT,
    outcome            TEXT,
    officer_id         INTEGER REFERENCES officers(id),
    identity_disclosed INTEGER NOT NULL DEFAULT 0 CHECK (identity_disclosed IN (0, 1)),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT,
    next_due           TEXT,
    version            INTEGER NOT NULL DEFAULT 1,
    UNIQUE (case_type, year, desk, seq)
) STRICT;

INSERT INTO cases_new (id, uid, code, case_type, year, desk, seq, citizen_id, field_id, summary,
        status, round, previous_case_id, complex, remote, own_authority, extensions, source,
        forwarded_by, forwarding_doc, received_on, accepted_on, resolved_on, outcome, officer_id,
        identity_disclosed, created_at, updated_at, deleted_at, next_due)
    SELECT id, uid, code, case_type, year, '', seq, citizen_id, field_id, summary,
        status, round, previous_case_id, complex, remote, own_authority, extensions, source,
        forwarded_by, forwarding_doc, received_on, accepted_on, resolved_on, outcome, officer_id,
        identity_disclosed, created_at, updated_at, deleted_at, next_due
    FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;

PRAGMA legacy_alter_table = OFF;

CREATE INDEX cases_by_field_status ON cases (field_id, status, received_on);
CREATE INDEX cases_by_status ON cases (status, received_on);
CREATE INDEX cases_by_citizen ON cases (citizen_id, field_id);

-- The triggers of the rebuilt table, as 0002 and 0003 made them.
CREATE TRIGGER cases_start_new BEFORE INSERT ON cases WHEN NEW.status != 'moi'
BEGIN SELECT RAISE(ABORT, 'a case starts as moi'); END;

CREATE TRIGGER cases_status_legal BEFORE UPDATE OF status ON cases WHEN NEW.status IS NOT OLD.status
BEGIN
    SELECT RAISE(ABORT, 'illegal case transition')
    WHERE NOT EXISTS (
        SELECT 1 FROM case_transitions t WHERE t.from_status = OLD.status AND t.to_status = NEW.status);
END;

CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
BEGIN SELECT RAISE(ABORT, 'cases are never deleted: set deleted_at'); END;

CREATE TRIGGER cases_count_insert AFTER INSERT ON cases WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT OR IGNORE INTO case_status_counts (field_id, status) VALUES (NEW.field_id, NEW.status);
    UPDATE case_status_counts SET n = n + 1 WHERE field_id = NEW.field_id AND status = NEW.status;
END;

CREATE TRIGGER cases_count_update AFTER UPDATE OF status, field_id, deleted_at ON cases
BEGIN
    UPDATE case_status_counts SET n = n - 1
     WHERE OLD.deleted_at IS NULL AND field_id = OLD.field_id AND status = OLD.status;
    INSERT OR IGNORE INTO case_status_counts (field_id, status) VALUES (NEW.field_id, NEW.status);
    UPDATE case_status_counts SET n = n + 1
     WHERE NEW.deleted_at IS NULL AND field_id = NEW.field_id AND status = NEW.status;
END;

CREATE TRIGGER cases_next_due_count AFTER UPDATE OF next_due, field_id ON cases
BEGIN
    UPDATE case_due_counts SET n = n - 1
     WHERE OLD.next_due IS NOT NULL AND field_id = OLD.field_id AND due_on = OLD.next_due;
    INSERT OR IGNORE INTO case_due_counts (field_id, due_on)
        SELECT NEW.field_id, NEW.next_due WHERE NEW.next_due IS NOT NULL;
    UPDATE case_due_counts SET n = n + 1
     WHERE NEW.next_due IS NOT NULL AND field_id = NEW.field_id AND due_on = NEW.next_due;
END;
