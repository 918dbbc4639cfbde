-- 0027_reception: reception refused, the citizen's requests and the account read back
-- (issue 29). Append-only: once released, this file is never edited.
-- Runs with foreign keys off (the migration runner checks them before committing): visits and
-- deadline rules are rebuilt by SQLite's documented 12-step procedure, ids kept.

PRAGMA legacy_alter_table = ON;

-- Visits, as in 0001 + 0005 + 0007, with:
--   handling 'tu_choi': reception refused (Luật TCD Art 9; TT 06/2014 Art 4; NĐ 154/2026 Art 4,
--     UNVERIFIED) — the person is logged in the sổ, not received;
--   refusal_ground: its ground (src/domain/refusal.rs), set exactly when refused;
--   refusal_notice_on: the day the written notice (Mẫu 01/TCD) was issued, if it is owed;
--   requests: the citizen's yêu cầu, đề nghị, apart from the facts (Luật TCD Art 25(2));
--   account_read: the written account read back and signed ('ky'), fingerprinted
--     ('diem_chi'), or the citizen would not sign ('khong_ky'); NULL not recorded
--     (Luật TCD Art 25(2), 30(1)).
CREATE TABLE visits_new (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    citizen_id      INTEGER NOT NULL REFERENCES citizens(id),
    day             TEXT NOT NULL,
    time            TEXT NOT NULL,
    people          INTEGER NOT NULL DEFAULT 1 CHECK (people >= 1),
    representatives TEXT NOT NULL DEFAULT '[]',
    petition_type   TEXT NOT NULL CHECK (petition_type IN ('khieu_nai', 'to_cao', 'kien_nghi', 'phan_anh')),
    field_id        INTEGER NOT NULL REFERENCES fields(id),
    content         TEXT NOT NULL CHECK (length(content) > 0),
    prior_agencies  TEXT NOT NULL DEFAULT '',
    handling        TEXT NOT NULL CHECK (handling IN ('thu_ly', 'huong_dan', 'chuyen_don', 'don_doc', 'tra_loi', 'luu_don', 'tu_choi')),
    note            TEXT NOT NULL DEFAULT '',
    petitions       INTEGER NOT NULL DEFAULT 0 CHECK (petitions >= 0),
    officer_id      INTEGER NOT NULL REFERENCES officers(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    void_reason     TEXT,
    transfer_agency TEXT NOT NULL DEFAULT '',
    requests        TEXT NOT NULL DEFAULT '',
    account_read    TEXT CHECK (account_read IN ('ky', 'diem_chi', 'khong_ky')),
    refusal_ground  TEXT,
    refusal_notice_on TEXT,
    CHECK ((handling = 'tu_choi') = (refusal_ground IS NOT NULL)),
    CHECK (refusal_notice_on IS NULL OR handling = 'tu_choi')
) STRICT;

INSERT INTO visits_new (id, uid, session_id, citizen_id, day, time, people, representatives,
        petition_type, field_id, content, prior_agencies, handling, note, petitions, officer_id,
        created_at, updated_at, deleted_at, version, void_reason, transfer_agency)
    SELECT id, uid, session_id, citizen_id, day, time, people, representatives, petition_type,
           field_id, content, prior_agencies, handling, note, petitions, officer_id, created_at,
           updated_at, deleted_at, version, void_reason, transfer_agency
    FROM visits;
DROP TABLE visits;
ALTER TABLE visits_new RENAME TO visits;

CREATE INDEX visits_by_day ON visits (day, time);
CREATE INDEX visits_by_citizen ON visits (citizen_id, day);
CREATE INDEX visits_by_session ON visits (session_id);
CREATE INDEX visits_by_matter ON visits (citizen_id, petition_type, field_id, day, time)
    WHERE deleted_at IS NULL;
-- The refusals whose written notice is still owed (the deadline board).
CREATE INDEX visits_refused ON visits (day) WHERE handling = 'tu_choi' AND deleted_at IS NULL;

CREATE TRIGGER visits_no_delete BEFORE DELETE ON visits
BEGIN SELECT RAISE(ABORT, 'visits are never deleted: set deleted_at'); END;

CREATE TRIGGER visits_retype_one_kind BEFORE UPDATE OF petition_type ON visits
WHEN EXISTS (
    SELECT 1 FROM case_visits cv JOIN cases k ON k.id = cv.case_id
    WHERE cv.visit_id = NEW.id AND k.deleted_at IS NULL
      AND CASE NEW.petition_type WHEN 'kien_nghi' THEN 'kien_nghi_phan_anh'
                                 WHEN 'phan_anh' THEN 'kien_nghi_phan_anh'
                                 ELSE NEW.petition_type END != k.case_type
      AND EXISTS (SELECT 1 FROM case_visits o JOIN visits w ON w.id = o.visit_id
                  WHERE o.case_id = k.id AND o.visit_id != NEW.id AND w.deleted_at IS NULL))
BEGIN
    SELECT RAISE(ABORT, 'visits: a case shared with other visits keeps its kind');
END;

CREATE TRIGGER visits_written_one_kind AFTER UPDATE OF version ON visits
WHEN NEW.deleted_at IS NULL AND EXISTS (
    SELECT 1 FROM case_visits cv JOIN cases k ON k.id = cv.case_id
    WHERE cv.visit_id = NEW.id AND k.deleted_at IS NULL
      AND CASE NEW.petition_type WHEN 'kien_nghi' THEN 'kien_nghi_phan_anh'
                                 WHEN 'phan_anh' THEN 'kien_nghi_phan_anh'
                                 ELSE NEW.petition_type END != k.case_type)
BEGIN
    SELECT RAISE(ABORT, 'visits: a visit and its cases are of one kind');
END;

-- Deadline rules, as in 0014, with the duties that are not a case's (src/domain/deadline):
-- the notice refusing reception, the schedule posted, a dialogue's notice, a promised answer;
-- and their start events: the day of the refusal, and the day a duty is counted back from.
CREATE TABLE deadline_rules_new (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE,
    obligation         TEXT NOT NULL CHECK (obligation IN
                         ('tra_loi_cong_dan', 'thu_ly', 'xu_ly_ban_dau', 'chuyen_don_to_cao', 'giai_quyet',
                          'thong_bao_thu_ly', 'gui_quyet_dinh', 'cong_khai_quyet_dinh',
                          'bao_ket_qua_noi_chuyen', 'thong_bao_ket_qua_cong_dan', 'muc_tieu_noi_bo',
                          'thoi_hieu_khieu_nai', 'thoi_han_khieu_nai_lan_2',
                          'thong_bao_nguoi_bi_to_cao', 'gui_ket_luan', 'cong_khai_ket_luan',
                          'bao_xu_ly_noi_chuyen', 'hieu_luc_quyet_dinh',
                          'thong_bao_tu_choi', 'niem_yet_lich', 'thong_bao_doi_thoai', 'tra_loi_da_hen')),
    case_type          TEXT CHECK (case_type IN ('khieu_nai', 'to_cao', 'kien_nghi_phan_anh')),
    round              INTEGER CHECK (round IN (1, 2)),
    complex            INTEGER CHECK (complex IN (0, 1)),
    remote             INTEGER CHECK (remote IN (0, 1)),
    disciplinary       INTEGER CHECK (disciplinary IN (0, 1)),
    dismissal          INTEGER CHECK (dismissal IN (0, 1)),
    multi_site         INTEGER CHECK (multi_site IN (0, 1)),
    days               INTEGER NOT NULL CHECK (days BETWEEN 1 AND 366),
    extension_days     INTEGER NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 366),
    basis              TEXT NOT NULL CHECK (basis IN ('calendar', 'working')),
    start_event        TEXT NOT NULL CHECK (start_event IN
                         ('received', 'accepted', 'decided', 'first_decision', 'first_decision_or_limit',
                          'learned', 'result_notice', 'refused', 'before')),
    article            TEXT NOT NULL,
    effective_from     TEXT NOT NULL,
    effective_to       TEXT,
    unconfirmed        INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1)),
    internal           INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
    active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    note               TEXT NOT NULL DEFAULT '',
    excludes_obstacles INTEGER NOT NULL DEFAULT 0 CHECK (excludes_obstacles IN (0, 1)),
    reason             TEXT NOT NULL DEFAULT '',
    replaces           INTEGER REFERENCES deadline_rules(id),
    CHECK (internal = 1 OR active = 1),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;

INSERT INTO deadline_rules_new (id, uid, obligation, case_type, round, complex, remote, disciplinary, dismissal, multi_site, days, extension_days, basis, start_event, article, effective_from, effective_to, unconfirmed, internal, active, note, excludes_obstacles, reason, replaces)
    SELECT id, uid, obligation, case_type, round, complex, remote, disciplinary, dismissal, multi_site, days, extension_days, basis, start_event, article, effective_from, effective_to, unconfirmed, internal, active, note, excludes_obstacles, reason, replaces FROM deadline_rules;
DROP TABLE deadline_rules;
ALTER TABLE deadline_rules_new RENAME TO deadline_rules;

INSERT INTO deadline_rules (uid, obligation, case_type, round, complex, remote, disciplinary,
        dismissal, multi_site, days, basis, start_event, article, effective_from, effective_to,
        unconfirmed, internal, active, note) VALUES
    ('0193a000-0000-7000-8000-000000000031', 'thong_bao_tu_choi', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     3, 'working', 'refused', 'NĐ 154/2026, Điều 4(3)', '2026-07-01', NULL, 1, 0, 1,
     'Thông báo từ chối tiếp công dân bằng văn bản (Mẫu 01/TCD) cho Điều 9(3) Luật TCD và điểm h; TT 06/2014 Điều 4 không định thời hạn'),
    ('0193a000-0000-7000-8000-000000000032', 'niem_yet_lich', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     5, 'working', 'before', 'Luật Tiếp công dân 2013, Điều 24(4)', '2014-07-01', NULL, 0, 0, 1,
     'Niêm yết, công khai lịch tiếp công dân chậm nhất 05 ngày làm việc trước ngày tiếp'),
    ('0193a000-0000-7000-8000-000000000033', 'thong_bao_doi_thoai', 'khieu_nai', NULL, NULL, NULL, NULL, NULL, NULL,
     5, 'calendar', 'before', 'NĐ 155/2026 sửa NĐ 124/2020, Điều 28(1)', '2026-07-01', NULL, 1, 0, 1,
     'Thông báo bằng văn bản về thời gian, địa điểm đối thoại trước ngày đối thoại ít nhất 05 ngày');

-- The head's reception schedule (lịch tiếp công dân, Luật TCD Art 24; src/domain/schedule):
-- the periodic days as a rule with effective dates (a change ends a plan the day before and
-- starts another, so a past month keeps the plan it had), and what the book records of a
-- day: when its schedule was posted (≥ 05 working days before, Art 24(4)), and a mark when
-- no session shows it (held with nobody coming, by a deputy, postponed).
CREATE TABLE reception_plans (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    leader         TEXT NOT NULL CHECK (length(leader) > 0),
    pattern        TEXT NOT NULL CHECK (pattern IN ('weekly', 'month_days', 'nth_weekday')),
    weekday        INTEGER CHECK (weekday BETWEEN 1 AND 7),  -- ISO: 1 Monday … 7 Sunday
    days           TEXT NOT NULL DEFAULT '',                  -- "10,25": month days, or weeks
    place          TEXT NOT NULL DEFAULT '',
    effective_from TEXT NOT NULL,
    effective_to   TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;

CREATE TABLE reception_days (
    day        TEXT PRIMARY KEY,
    posted_on  TEXT,
    mark       TEXT CHECK (mark IN ('khong_co_cong_dan', 'uy_quyen_khong_co_cong_dan', 'lui_lich')),
    moved_to   TEXT,
    note       TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
) STRICT;
