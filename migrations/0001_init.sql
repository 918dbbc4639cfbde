-- 0001_init: the foundation of tiepdan.
-- Append-only: once released, this file is never edited; later changes go in new files.
-- Every record has a global unique id (uid, UUID text) beside its row id, so desks can merge.
-- All text is stored NFC-normalized (the store normalizes before writing).

-- Key/value settings: unit name and level, group threshold, demo marker, last officer.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO settings (key, value) VALUES
    ('unit_name', ''),
    ('unit_level', 'xa'),            -- xa (commune/ward) | tinh (province) | co_quan (agency)
    ('group_threshold', '5');        -- DOMAIN.md §2.5: UNCONFIRMED, default 5 people

CREATE TABLE officers (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    full_name  TEXT NOT NULL CHECK (length(full_name) > 0),
    title      TEXT NOT NULL DEFAULT '',
    is_leader  INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0, 1)),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

-- Official report columns (DOMAIN.md §5.2, forms 02/XLD, 03/XLD, 04/XLD). Local fields roll up here.
CREATE TABLE report_columns (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    sort_order INTEGER NOT NULL
) STRICT;

INSERT INTO report_columns (code, name, sort_order) VALUES
    ('hc_chinh_sach',        'Hành chính – Chế độ, chính sách', 1),
    ('hc_dat_dai_nha_cua',   'Hành chính – Đất đai, nhà cửa', 2),
    ('hc_cong_chuc_cong_vu', 'Hành chính – Công chức, công vụ', 3),
    ('hc_khac',              'Hành chính – Khác', 4),
    ('tham_nhung',           'Tham nhũng', 5),
    ('tu_phap',              'Tư pháp', 6),
    ('dang_doan_the',        'Đảng, đoàn thể', 7),
    ('khac',                 'Khác', 8);

-- Fields (lĩnh vực): editable data, each rolling up to an official report column.
CREATE TABLE fields (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    report_column TEXT NOT NULL REFERENCES report_columns(code),
    sort_order    INTEGER NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

INSERT INTO fields (uid, code, name, report_column, sort_order) VALUES
    ('0192f000-0000-7000-8000-000000000001', 'dat_dai',        'Đất đai',                          'hc_dat_dai_nha_cua', 1),
    ('0192f000-0000-7000-8000-000000000002', 'den_bu_gpmb',    'Đền bù – giải phóng mặt bằng',     'hc_dat_dai_nha_cua', 2),
    ('0192f000-0000-7000-8000-000000000003', 'quy_hoach_xd',   'Quy hoạch – xây dựng',             'hc_dat_dai_nha_cua', 3),
    ('0192f000-0000-7000-8000-000000000004', 'moi_truong',     'Môi trường',                       'hc_khac',            4),
    ('0192f000-0000-7000-8000-000000000005', 'chinh_sach',     'Chính sách – chế độ',              'hc_chinh_sach',      5),
    ('0192f000-0000-7000-8000-000000000006', 'tu_phap',        'Tư pháp',                          'tu_phap',            6),
    ('0192f000-0000-7000-8000-000000000007', 'tham_nhung',     'Tham nhũng',                       'tham_nhung',         7),
    ('0192f000-0000-7000-8000-000000000008', 'khac',           'Khác',                             'khac',               8);

-- A citizen who comes back is the same citizen. Never deleted: deleted_at marks removal.
CREATE TABLE citizens (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    full_name   TEXT NOT NULL CHECK (length(full_name) > 0),
    name_folded TEXT NOT NULL,               -- lowercase, no diacritics, đ→d (for matching)
    id_kind     TEXT CHECK (id_kind IN ('cccd', 'cmnd', 'passport')),
    id_number   TEXT,                        -- digits (or passport letters+digits), no spaces
    phone       TEXT,                        -- normalized: leading 0, digits only
    address     TEXT NOT NULL DEFAULT '',
    birth_year  INTEGER,
    sex         TEXT CHECK (sex IN ('nam', 'nu')),
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES officers(id),
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX citizens_by_id_number ON citizens (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX citizens_by_name_phone ON citizens (name_folded, phone) WHERE phone IS NOT NULL;

-- A reception session (kỳ/cuộc tiếp): one per day, form and presiding leader.
CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    day        TEXT NOT NULL,                -- YYYY-MM-DD
    form       TEXT NOT NULL CHECK (form IN ('thuong_xuyen', 'dinh_ky', 'dot_xuat', 'truc_tuyen')),
    presiding  TEXT NOT NULL DEFAULT '',     -- leader who presided (định kỳ / đột xuất)
    place      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES officers(id),
    UNIQUE (day, form, presiding)
) STRICT;

-- A visit (lượt tiếp). Never deleted: deleted_at marks removal.
CREATE TABLE visits (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    citizen_id      INTEGER NOT NULL REFERENCES citizens(id),
    day             TEXT NOT NULL,           -- YYYY-MM-DD (same as the session's)
    time            TEXT NOT NULL,           -- HH:MM
    people          INTEGER NOT NULL DEFAULT 1 CHECK (people >= 1),
    representatives TEXT NOT NULL DEFAULT '[]',  -- JSON array of names (groups)
    petition_type   TEXT NOT NULL CHECK (petition_type IN ('khieu_nai', 'to_cao', 'kien_nghi', 'phan_anh')),
    field_id        INTEGER NOT NULL REFERENCES fields(id),
    content         TEXT NOT NULL CHECK (length(content) > 0),
    prior_agencies  TEXT NOT NULL DEFAULT '',
    handling        TEXT NOT NULL CHECK (handling IN ('thu_ly', 'huong_dan', 'chuyen_don', 'don_doc', 'tra_loi', 'luu_don')),
    note            TEXT NOT NULL DEFAULT '',
    petitions       INTEGER NOT NULL DEFAULT 0 CHECK (petitions >= 0),
    officer_id      INTEGER NOT NULL REFERENCES officers(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;

CREATE INDEX visits_by_day ON visits (day, time);
CREATE INDEX visits_by_citizen ON visits (citizen_id, day);
CREATE INDEX visits_by_session ON visits (session_id);

-- Unsaved form drafts, one per officer and kind, so a crash loses nothing typed.
CREATE TABLE drafts (
    officer_id INTEGER NOT NULL REFERENCES officers(id),
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,                -- JSON of the form as typed
    updated_at TEXT NOT NULL,
    PRIMARY KEY (officer_id, kind)
) STRICT;

-- Append-only audit: every insert and update writes a row with before/after JSON.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    officer_id INTEGER REFERENCES officers(id),
    action     TEXT NOT NULL,               -- insert | update | mark_deleted | generate | ...
    tbl        TEXT NOT NULL,
    record_uid TEXT NOT NULL,
    before     TEXT,
    after      TEXT
) STRICT;

CREATE INDEX audit_by_record ON audit (tbl, record_uid);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER citizens_no_delete BEFORE DELETE ON citizens
BEGIN SELECT RAISE(ABORT, 'citizens are never deleted: set deleted_at'); END;
CREATE TRIGGER visits_no_delete BEFORE DELETE ON visits
BEGIN SELECT RAISE(ABORT, 'visits are never deleted: set deleted_at'); END;
