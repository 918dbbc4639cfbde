-- 0014_effective_dates: a change of a deadline rule or of the calendar takes an effective
-- date, so that a past period stays as it was reported (issue 23, point 3); and the duties of
-- issue 23, points 6–10 (DOMAIN.md §11).
-- Append-only: once released, this file is never edited.
-- Runs with foreign keys off (the migration runner checks them before committing): the rules
-- and the calendar days are rebuilt by SQLite's documented 12-step procedure. Rule ids are
-- kept, so `case_deadlines.rule_id` stays valid, and so are the unit's edits.

PRAGMA legacy_alter_table = ON;

-- Deadline rules, as in 0008, with:
--   excludes_obstacles: the days an obstacle kept the complainant from complaining are not
--     counted — Luật KN Art 9 (thời hiệu) and Art 48 (disciplinary) say so, Art 33 does not;
--   reason: why this version differs from the one it replaced (a rule of law is changed
--     only with a reason); replaces: that version. A change dated after a rule's first day
--     closes the rule the day before and adds the new version from that day: a case whose
--     clock started before keeps the rule it had.
-- New obligations: the person denounced told of the content (Luật TC Art 29(3)), the
-- conclusion sent (Art 35(3)) and made public (Art 40(1)), the forwarder told how the
-- denunciation was handled (Art 26(2)), and the day a complaint decision takes legal effect
-- (Luật KN Art 44, 57).
CREATE TABLE deadline_rules_new (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE,
    obligation         TEXT NOT NULL CHECK (obligation IN
                         ('tra_loi_cong_dan', 'thu_ly', 'xu_ly_ban_dau', 'chuyen_don_to_cao', 'giai_quyet',
                          'thong_bao_thu_ly', 'gui_quyet_dinh', 'cong_khai_quyet_dinh',
                          'bao_ket_qua_noi_chuyen', 'thong_bao_ket_qua_cong_dan', 'muc_tieu_noi_bo',
                          'thoi_hieu_khieu_nai', 'thoi_han_khieu_nai_lan_2',
                          'thong_bao_nguoi_bi_to_cao', 'gui_ket_luan', 'cong_khai_ket_luan',
                          'bao_xu_ly_noi_chuyen', 'hieu_luc_quyet_dinh')),
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
                          'learned', 'result_notice')),
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

INSERT INTO deadline_rules_new (id, uid, obligation, case_type, round, complex, remote, disciplinary,
        dismissal, multi_site, days, extension_days, basis, start_event, article, effective_from,
        effective_to, unconfirmed, internal, active, note, excludes_obstacles)
    SELECT id, uid, obligation, case_type, round, complex, remote, disciplinary, dismissal,
           multi_site, days, extension_days, basis, start_event, article, effective_from,
           effective_to, unconfirmed, internal, active, note,
           -- Art 9 and 48 (thời hiệu; the disciplinary second round), not Art 33.
           obligation = 'thoi_hieu_khieu_nai'
               OR (obligation = 'thoi_han_khieu_nai_lan_2' AND disciplinary = 1)
    FROM deadline_rules;
DROP TABLE deadline_rules;
ALTER TABLE deadline_rules_new RENAME TO deadline_rules;

-- Calendar days, as in 0003, in versions: from the clocks starting on `effective_from` on
-- ('' = every clock) the day is `kind` — 'none' an ordinary day again (a day off removed).
-- A period is counted with the calendar as it stood for a clock starting on its first day.
CREATE TABLE calendar_days_new (
    day            TEXT NOT NULL,
    effective_from TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL CHECK (kind IN ('off', 'work', 'none')),
    name           TEXT NOT NULL,
    source         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (day, effective_from),
    CHECK (kind != 'none' OR effective_from != '')
) STRICT;

INSERT INTO calendar_days_new (day, effective_from, kind, name, source)
    SELECT day, '', kind, name, source FROM calendar_days;
DROP TABLE calendar_days;
ALTER TABLE calendar_days_new RENAME TO calendar_days;

PRAGMA legacy_alter_table = OFF;

-- Point 8: a plain "N ngày" is calendar days — the laws write "ngày làm việc" wherever they
-- mean working days (DOMAIN.md §11) — so the counting alone is no reason for ⚠. The mark
-- stays where the text itself is unverified or unread: acceptance (NĐ 124/2020 Art 16(1)
-- unread; NĐ 155/2026 UNVERIFIED) and publishing a second-round decision (NĐ 124/2020's
-- article unread, 15 days from a secondary summary).
UPDATE deadline_rules SET unconfirmed = 0
 WHERE uid IN ('0193a000-0000-7000-8000-000000000006', '0193a000-0000-7000-8000-000000000007',
               '0193a000-0000-7000-8000-000000000008', '0193a000-0000-7000-8000-000000000009',
               '0193a000-0000-7000-8000-00000000000a', '0193a000-0000-7000-8000-00000000000b',
               '0193a000-0000-7000-8000-00000000000c', '0193a000-0000-7000-8000-00000000000d',
               '0193a000-0000-7000-8000-00000000000e', '0193a000-0000-7000-8000-00000000000f',
               '0193a000-0000-7000-8000-000000000010', '0193a000-0000-7000-8000-000000000011',
               '0193a000-0000-7000-8000-000000000015', '0193a000-0000-7000-8000-00000000001c',
               '0193a000-0000-7000-8000-00000000001d', '0193a000-0000-7000-8000-00000000001e',
               '0193a000-0000-7000-8000-00000000001f', '0193a000-0000-7000-8000-000000000020',
               '0193a000-0000-7000-8000-000000000021');
UPDATE deadline_rules SET note = '"30 ngày": ngày lịch (BLDS Điều 145–148); luật ghi "ngày làm việc" khi tính ngày làm việc'
 WHERE uid = '0193a000-0000-7000-8000-000000000006'
   AND note = '"30 ngày": tính theo ngày lịch (BLDS Điều 145–148) — chưa xác nhận';
UPDATE deadline_rules SET note = 'Khiếu nại quyết định kỷ luật: "10 ngày" (ngày lịch); từ 01/7/2026 như mọi khiếu nại (NĐ 155/2026, Điều 10)'
 WHERE uid = '0193a000-0000-7000-8000-00000000000f'
   AND note = 'Khiếu nại quyết định kỷ luật: "10 ngày" — tính theo ngày lịch (chưa xác nhận); từ 01/7/2026 như mọi khiếu nại (NĐ 155/2026, Điều 10)';
UPDATE deadline_rules SET note = 'Gửi quyết định giải quyết lần hai; "07 ngày" (ngày lịch)'
 WHERE uid = '0193a000-0000-7000-8000-000000000015'
   AND note = 'Gửi quyết định giải quyết lần hai; "07 ngày" tính theo ngày lịch (chưa xác nhận)';
UPDATE deadline_rules SET note = 'Thông báo việc thụ lý cho người tố cáo (NĐ 31/2019, Mẫu 05)'
 WHERE uid = '0193a000-0000-7000-8000-000000000013'
   AND note = 'Thông báo việc thụ lý cho người tố cáo, nội dung tố cáo cho người bị tố cáo';

-- Point 9: the duties of a denunciation not tracked before, and the legal effect of a
-- complaint decision (shown on the case, never on the board).
INSERT INTO deadline_rules (uid, obligation, case_type, round, complex, remote, disciplinary,
        dismissal, multi_site, days, basis, start_event, article, effective_from, effective_to,
        unconfirmed, internal, active, note) VALUES
    ('0193a000-0000-7000-8000-000000000022', 'thong_bao_nguoi_bi_to_cao', 'to_cao', NULL, NULL, NULL, NULL, NULL, NULL,
     5, 'working', 'accepted', 'Luật Tố cáo 2018, Điều 29(3); NĐ 31/2019, Điều 9(2)', '2019-01-01', NULL, 0, 0, 1,
     'Thông báo về nội dung tố cáo cho người bị tố cáo (NĐ 31/2019, Mẫu 06)'),
    ('0193a000-0000-7000-8000-000000000023', 'gui_ket_luan', 'to_cao', NULL, NULL, NULL, NULL, NULL, NULL,
     5, 'working', 'decided', 'Luật Tố cáo 2018, Điều 35(3)', '2019-01-01', NULL, 0, 0, 1,
     'Gửi kết luận nội dung tố cáo cho người bị tố cáo, cơ quan quản lý người bị tố cáo; thông báo cho người tố cáo'),
    ('0193a000-0000-7000-8000-000000000024', 'cong_khai_ket_luan', 'to_cao', NULL, NULL, NULL, NULL, NULL, NULL,
     7, 'working', 'decided', 'Luật Tố cáo 2018, Điều 40(1)', '2019-01-01', NULL, 0, 0, 1,
     'Công khai kết luận nội dung tố cáo, không làm lộ thông tin về người tố cáo (Điều 40(3))'),
    ('0193a000-0000-7000-8000-000000000025', 'bao_xu_ly_noi_chuyen', 'to_cao', NULL, NULL, NULL, NULL, NULL, NULL,
     20, 'calendar', 'received', 'Luật Tố cáo 2018, Điều 26(2)', '2019-01-01', NULL, 0, 0, 1,
     'Thông báo bằng văn bản kết quả xử lý tố cáo cho cơ quan báo chí, cơ quan, tổ chức, cá nhân đã chuyển đến'),
    ('0193a000-0000-7000-8000-000000000026', 'hieu_luc_quyet_dinh', 'khieu_nai', 1, NULL, 0, 0, NULL, NULL,
     30, 'calendar', 'decided', 'Luật Khiếu nại 2011, Điều 44(1)', '2012-07-01', NULL, 0, 0, 1,
     'Quyết định lần đầu có hiệu lực pháp luật sau 30 ngày kể từ ngày ban hành mà không có khiếu nại lần hai'),
    ('0193a000-0000-7000-8000-000000000027', 'hieu_luc_quyet_dinh', 'khieu_nai', 1, NULL, 1, 0, NULL, NULL,
     45, 'calendar', 'decided', 'Luật Khiếu nại 2011, Điều 44(1)', '2012-07-01', NULL, 0, 0, 1,
     'Vùng sâu, vùng xa đi lại khó khăn: không quá 45 ngày'),
    ('0193a000-0000-7000-8000-000000000028', 'hieu_luc_quyet_dinh', 'khieu_nai', 2, NULL, 0, 0, NULL, NULL,
     30, 'calendar', 'decided', 'Luật Khiếu nại 2011, Điều 44(2)', '2012-07-01', NULL, 0, 0, 1,
     'Quyết định lần hai có hiệu lực pháp luật sau 30 ngày kể từ ngày ban hành'),
    ('0193a000-0000-7000-8000-000000000029', 'hieu_luc_quyet_dinh', 'khieu_nai', 2, NULL, 1, 0, NULL, NULL,
     45, 'calendar', 'decided', 'Luật Khiếu nại 2011, Điều 44(2)', '2012-07-01', NULL, 0, 0, 1,
     'Vùng sâu, vùng xa đi lại khó khăn: không quá 45 ngày'),
    ('0193a000-0000-7000-8000-00000000002a', 'hieu_luc_quyet_dinh', 'khieu_nai', NULL, NULL, NULL, 1, NULL, NULL,
     30, 'calendar', 'decided', 'Luật Khiếu nại 2011, Điều 57(1)', '2012-07-01', NULL, 0, 0, 1,
     'Quyết định giải quyết khiếu nại quyết định kỷ luật: sau 30 ngày kể từ ngày ban hành');

-- Point 10: who forwarded a petition to us — Luật TCD Art 27(2) lists a body of the National
-- Assembly, a deputy (of the National Assembly or a People's Council) and a Ban tiếp công dân;
-- another forwarder's duty is the unit's practice (⚑). NULL: not recorded (older books).
ALTER TABLE cases ADD COLUMN forwarder_kind TEXT
    CHECK (forwarder_kind IN ('co_quan_quoc_hoi', 'dai_bieu', 'ban_tiep_cong_dan', 'khac'));
-- We forwarded it and the citizen asked to be told the result (Art 28(2) binds only then).
ALTER TABLE cases ADD COLUMN result_requested INTEGER NOT NULL DEFAULT 0
    CHECK (result_requested IN (0, 1));
-- The duties added here start with steps recorded after this moment (as `duties_from` of
-- 0008): a book's past denunciations are not flooded with "overdue" notices it never asked
-- for. '' (every new case) tracks them all.
ALTER TABLE cases ADD COLUMN duties23_from TEXT NOT NULL DEFAULT '';
UPDATE cases SET duties23_from = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime');

-- The new steps, in the transition table the trigger `case_events_legal` consults (the same
-- rows as `domain::case::TRANSITIONS`; a test keeps them equal). Suspending and continuing
-- leave the case accepted (dang_giai_quyet); whether it is suspended follows from its events.
INSERT INTO case_transitions (from_status, action, to_status) VALUES
    ('dang_giai_quyet',  'thong_bao_bi_to_cao',   'dang_giai_quyet'),
    ('dang_giai_quyet',  'tam_dinh_chi',          'dang_giai_quyet'),
    ('dang_giai_quyet',  'tiep_tuc_giai_quyet',   'dang_giai_quyet'),
    ('moi',              'bao_xu_ly_noi_chuyen',  'moi'),
    ('cho_thu_ly',       'bao_xu_ly_noi_chuyen',  'cho_thu_ly'),
    ('ngoai_tham_quyen', 'bao_xu_ly_noi_chuyen',  'ngoai_tham_quyen'),
    ('khong_du_dk',      'bao_xu_ly_noi_chuyen',  'khong_du_dk'),
    ('dang_giai_quyet',  'bao_xu_ly_noi_chuyen',  'dang_giai_quyet'),
    ('da_giai_quyet',    'bao_xu_ly_noi_chuyen',  'da_giai_quyet'),
    ('da_chuyen',        'bao_xu_ly_noi_chuyen',  'da_chuyen'),
    ('da_huong_dan',     'bao_xu_ly_noi_chuyen',  'da_huong_dan'),
    ('da_tra_lai',       'bao_xu_ly_noi_chuyen',  'da_tra_lai'),
    ('da_luu',           'bao_xu_ly_noi_chuyen',  'da_luu'),
    ('da_rut',           'bao_xu_ly_noi_chuyen',  'da_rut'),
    ('khong_thu_ly',     'bao_xu_ly_noi_chuyen',  'khong_thu_ly');

-- Suspension, as `domain::case::step` says: complaints and denunciations only, a complaint
-- not before 01/7/2026 (Luật KN Art 11a); suspended only when not suspended, continued only
-- when suspended; no decision and no extension while suspended.
CREATE TRIGGER case_events_suspension BEFORE INSERT ON case_events
WHEN NEW.action IN ('tam_dinh_chi', 'tiep_tuc_giai_quyet', 'giai_quyet', 'gia_han')
BEGIN
    SELECT RAISE(ABORT, 'suspension not allowed')
    WHERE (SELECT
              (NEW.action IN ('tam_dinh_chi', 'tiep_tuc_giai_quyet')
                   AND k.case_type = 'kien_nghi_phan_anh')
           OR (NEW.action = 'tam_dinh_chi' AND k.case_type = 'khieu_nai' AND NEW.day < '2026-07-01')
           OR (CASE WHEN NEW.action = 'tiep_tuc_giai_quyet' THEN NOT s.suspended
                    ELSE s.suspended END)
           FROM cases k,
                (SELECT (SELECT count(*) FROM case_events e
                          WHERE e.case_id = NEW.case_id AND e.action = 'tam_dinh_chi')
                      > (SELECT count(*) FROM case_events e
                          WHERE e.case_id = NEW.case_id AND e.action = 'tiep_tuc_giai_quyet')
                        AS suspended) s
           WHERE k.id = NEW.case_id);
END;
