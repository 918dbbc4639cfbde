-- 0007_obligations: every legal obligation of DOMAIN.md §3.2 that the engine did not know yet
-- (issue 18), and the unit's own target for proposals and feedback (issue 13, point 4).
-- Append-only: once released, this file is never edited.
-- Runs with foreign keys off (the migration runner checks them before committing), so that
-- `deadline_rules` can be rebuilt by SQLite's documented 12-step procedure: its CHECK on
-- `obligation` (0003) lists only the first five obligations. Rule ids are kept, so the
-- `case_deadlines.rule_id` references stay valid, and so are the edits a unit made to them.

PRAGMA legacy_alter_table = ON;

-- One row per rule, as in 0003, with:
--   disciplinary, dismissal: a complaint against a disciplinary decision (Luật KN Art 47–50),
--     one of dismissal (buộc thôi việc, Art 48); NULL = any, as for round/complex/remote;
--   multi_site: a denunciation verified at several places or by delegation (Luật TC Art 24(1));
--   internal: the unit's own rule, not law (quy định nội bộ); active: applied (only an
--     internal rule may be switched off; the law always applies).
CREATE TABLE deadline_rules_new (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    obligation     TEXT NOT NULL CHECK (obligation IN
                     ('tra_loi_cong_dan', 'thu_ly', 'xu_ly_ban_dau', 'chuyen_don_to_cao', 'giai_quyet',
                      'thong_bao_thu_ly', 'gui_quyet_dinh', 'cong_khai_quyet_dinh',
                      'bao_ket_qua_noi_chuyen', 'thong_bao_ket_qua_cong_dan', 'muc_tieu_noi_bo',
                      'thoi_hieu_khieu_nai', 'thoi_han_khieu_nai_lan_2')),
    case_type      TEXT CHECK (case_type IN ('khieu_nai', 'to_cao', 'kien_nghi_phan_anh')),
    round          INTEGER CHECK (round IN (1, 2)),
    complex        INTEGER CHECK (complex IN (0, 1)),
    remote         INTEGER CHECK (remote IN (0, 1)),
    disciplinary   INTEGER CHECK (disciplinary IN (0, 1)),
    dismissal      INTEGER CHECK (dismissal IN (0, 1)),
    multi_site     INTEGER CHECK (multi_site IN (0, 1)),
    days           INTEGER NOT NULL CHECK (days BETWEEN 1 AND 366),
    extension_days INTEGER NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 366),
    basis          TEXT NOT NULL CHECK (basis IN ('calendar', 'working')),
    start_event    TEXT NOT NULL CHECK (start_event IN
                     ('received', 'accepted', 'decided', 'first_decision', 'first_decision_or_limit',
                      'learned', 'result_notice')),
    article        TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to   TEXT,
    unconfirmed    INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1)),
    internal       INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    note           TEXT NOT NULL DEFAULT '',
    CHECK (internal = 1 OR active = 1)
) STRICT;

-- The rules of 0003 (as the unit may have edited them). The complaint rules of Chapter III
-- (administrative decisions and acts) no longer match a disciplinary complaint, which has its
-- own (Art 50) — except the acceptance rule from 01/7/2026: NĐ 155/2026 Art 10 (UNVERIFIED)
-- gives 07 working days to both.
INSERT INTO deadline_rules_new (id, uid, obligation, case_type, round, complex, remote, disciplinary,
        days, extension_days, basis, start_event, article, effective_from, effective_to,
        unconfirmed, note)
    SELECT id, uid, obligation, case_type, round, complex, remote,
           CASE WHEN case_type = 'khieu_nai' AND obligation = 'giai_quyet' THEN 0
                WHEN case_type = 'khieu_nai' AND obligation = 'thu_ly'
                     AND effective_to IS NOT NULL THEN 0 END,
           days, extension_days, basis, start_event, article, effective_from, effective_to,
           unconfirmed, note
    FROM deadline_rules;
DROP TABLE deadline_rules;
ALTER TABLE deadline_rules_new RENAME TO deadline_rules;

PRAGMA legacy_alter_table = OFF;

-- The new rules. "N ngày" without "làm việc" is counted on the calendar (BLDS Art 145–148),
-- which DOMAIN.md §3.1 leaves UNCONFIRMED: those rules carry the mark, as in 0003.
INSERT INTO deadline_rules (uid, obligation, case_type, round, complex, remote, disciplinary,
        dismissal, multi_site, days, basis, start_event, article, effective_from, effective_to,
        unconfirmed, internal, active, note) VALUES
    -- Complaints against a disciplinary decision (Luật KN Art 50): accept within 10 days,
    -- resolve within 30, complex 45 (both rounds; no remote-area variant).
    ('0193a000-0000-7000-8000-00000000000f', 'thu_ly', 'khieu_nai', NULL, NULL, NULL, 1, NULL, NULL,
     10, 'calendar', 'received', 'Luật Khiếu nại 2011, Điều 50', '2012-07-01', '2026-06-30', 1, 0, 1,
     'Khiếu nại quyết định kỷ luật: "10 ngày" — tính theo ngày lịch (chưa xác nhận); từ 01/7/2026 như mọi khiếu nại (NĐ 155/2026, Điều 10)'),
    ('0193a000-0000-7000-8000-000000000010', 'giai_quyet', 'khieu_nai', NULL, 0, NULL, 1, NULL, NULL,
     30, 'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 50', '2012-07-01', NULL, 1, 0, 1,
     'Khiếu nại quyết định kỷ luật, lần đầu và lần hai'),
    ('0193a000-0000-7000-8000-000000000011', 'giai_quyet', 'khieu_nai', NULL, 1, NULL, 1, NULL, NULL,
     45, 'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 50', '2012-07-01', NULL, 1, 0, 1,
     'Khiếu nại quyết định kỷ luật, vụ việc phức tạp'),
    -- Denunciations: initial handling up to 10 working days when verified at several places
    -- or delegated (Art 24(1)); the denouncer told of the acceptance within 05 (Art 29(3)).
    ('0193a000-0000-7000-8000-000000000012', 'xu_ly_ban_dau', 'to_cao', NULL, NULL, NULL, NULL, NULL, 1,
     10, 'working', 'received', 'Luật Tố cáo 2018, Điều 24(1)', '2019-01-01', NULL, 0, 0, 1,
     'Phải kiểm tra, xác minh tại nhiều địa điểm hoặc ủy quyền kiểm tra, xác minh'),
    ('0193a000-0000-7000-8000-000000000013', 'thong_bao_thu_ly', 'to_cao', NULL, NULL, NULL, NULL, NULL, NULL,
     5, 'working', 'accepted', 'Luật Tố cáo 2018, Điều 29(3); NĐ 31/2019, Điều 9(2)', '2019-01-01', NULL, 0, 0, 1,
     'Thông báo việc thụ lý cho người tố cáo, nội dung tố cáo cho người bị tố cáo'),
    -- Sending the decision: first round within 03 working days of the decision (Art 32);
    -- second round within 07 days (Art 41(1); disciplinary Art 56(2)).
    ('0193a000-0000-7000-8000-000000000014', 'gui_quyet_dinh', 'khieu_nai', 1, NULL, NULL, 0, NULL, NULL,
     3, 'working', 'decided', 'Luật Khiếu nại 2011, Điều 32', '2012-07-01', NULL, 0, 0, 1,
     'Gửi quyết định giải quyết lần đầu cho người khiếu nại, thủ trưởng cấp trên, người có quyền, nghĩa vụ liên quan, cơ quan chuyển đơn, thanh tra cùng cấp'),
    ('0193a000-0000-7000-8000-000000000015', 'gui_quyet_dinh', 'khieu_nai', 2, NULL, NULL, NULL, NULL, NULL,
     7, 'calendar', 'decided', 'Luật Khiếu nại 2011, Điều 41(1); Điều 56(2)', '2012-07-01', NULL, 1, 0, 1,
     'Gửi quyết định giải quyết lần hai; "07 ngày" tính theo ngày lịch (chưa xác nhận)'),
    -- Publishing: the second-round resolver's duty (Art 41(2)–(3)), within 15 days of the
    -- decision; DOMAIN.md has the 15 days from NĐ 124/2020 through a secondary summary only.
    ('0193a000-0000-7000-8000-000000000016', 'cong_khai_quyet_dinh', 'khieu_nai', 2, NULL, NULL, 0, NULL, NULL,
     15, 'calendar', 'decided', 'Luật Khiếu nại 2011, Điều 41(2)–(3); NĐ 124/2020 (công khai)', '2012-07-01', NULL, 1, 0, 1,
     'Công bố tại cuộc họp, niêm yết (ít nhất 15 ngày) hoặc thông báo trên phương tiện thông tin đại chúng; điều khoản của NĐ 124/2020 chưa được đọc (DOMAIN.md §3.2)'),
    -- A complaint or denunciation forwarded to us by a body of the National Assembly, a
    -- deputy or a Ban tiếp công dân: tell it the result within 07 working days (TCD Art 27(2)).
    ('0193a000-0000-7000-8000-000000000017', 'bao_ket_qua_noi_chuyen', 'khieu_nai', NULL, NULL, NULL, NULL, NULL, NULL,
     7, 'working', 'decided', 'Luật Tiếp công dân 2013, Điều 27(2)', '2014-07-01', NULL, 0, 0, 1,
     'Đơn do cơ quan của Quốc hội, đại biểu Quốc hội, đại biểu HĐND, Ban tiếp công dân chuyển đến'),
    ('0193a000-0000-7000-8000-000000000018', 'bao_ket_qua_noi_chuyen', 'to_cao', NULL, NULL, NULL, NULL, NULL, NULL,
     7, 'working', 'decided', 'Luật Tiếp công dân 2013, Điều 27(2)', '2014-07-01', NULL, 0, 0, 1,
     'Đơn do cơ quan của Quốc hội, đại biểu Quốc hội, đại biểu HĐND, Ban tiếp công dân chuyển đến'),
    -- We forwarded it: once the receiving body's notice of the result arrives, tell the citizen
    -- within 05 working days (TCD Art 28(2)).
    ('0193a000-0000-7000-8000-000000000019', 'thong_bao_ket_qua_cong_dan', 'khieu_nai', NULL, NULL, NULL, NULL, NULL, NULL,
     5, 'working', 'result_notice', 'Luật Tiếp công dân 2013, Điều 28(2)', '2014-07-01', NULL, 0, 0, 1,
     'Khi công dân đã có yêu cầu được thông báo kết quả'),
    ('0193a000-0000-7000-8000-00000000001a', 'thong_bao_ket_qua_cong_dan', 'to_cao', NULL, NULL, NULL, NULL, NULL, NULL,
     5, 'working', 'result_notice', 'Luật Tiếp công dân 2013, Điều 28(2)', '2014-07-01', NULL, 0, 0, 1,
     'Khi công dân đã có yêu cầu được thông báo kết quả'),
    -- Proposals and feedback have no statutory resolution limit (DOMAIN.md §3.2): the unit may
    -- set its own target here. Off by default (issue 13, point 4).
    ('0193a000-0000-7000-8000-00000000001b', 'muc_tieu_noi_bo', 'kien_nghi_phan_anh', NULL, NULL, NULL, NULL, NULL, NULL,
     15, 'working', 'received', 'Quy định nội bộ của đơn vị', '2012-07-01', NULL, 0, 1, 0,
     'Không phải thời hạn luật định: pháp luật không quy định thời hạn giải quyết kiến nghị, phản ánh'),
    -- The citizen's own limits, shown on the case and by `tiepdan due`, never on the board:
    -- thời hiệu (Art 9; disciplinary Art 48) and the time to file the second complaint
    -- (Art 33(1): 30 days, remote up to 45; disciplinary Art 48: 10, dismissal 30).
    ('0193a000-0000-7000-8000-00000000001c', 'thoi_hieu_khieu_nai', 'khieu_nai', 1, NULL, NULL, 0, NULL, NULL,
     90, 'calendar', 'learned', 'Luật Khiếu nại 2011, Điều 9', '2012-07-01', NULL, 1, 0, 1,
     'Thời gian ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa, trở ngại khách quan không tính vào thời hiệu'),
    ('0193a000-0000-7000-8000-00000000001d', 'thoi_hieu_khieu_nai', 'khieu_nai', 1, NULL, NULL, 1, NULL, NULL,
     15, 'calendar', 'learned', 'Luật Khiếu nại 2011, Điều 48', '2012-07-01', NULL, 1, 0, 1,
     'Khiếu nại lần đầu quyết định kỷ luật: từ ngày nhận quyết định kỷ luật'),
    ('0193a000-0000-7000-8000-00000000001e', 'thoi_han_khieu_nai_lan_2', 'khieu_nai', 1, NULL, 0, 0, NULL, NULL,
     30, 'calendar', 'first_decision_or_limit', 'Luật Khiếu nại 2011, Điều 33(1)', '2012-07-01', NULL, 1, 0, 1,
     'Từ ngày nhận quyết định giải quyết lần đầu, hoặc từ ngày hết thời hạn giải quyết (Điều 28) mà chưa được giải quyết'),
    ('0193a000-0000-7000-8000-00000000001f', 'thoi_han_khieu_nai_lan_2', 'khieu_nai', 1, NULL, 1, 0, NULL, NULL,
     45, 'calendar', 'first_decision_or_limit', 'Luật Khiếu nại 2011, Điều 33(1)', '2012-07-01', NULL, 1, 0, 1,
     'Vùng sâu, vùng xa đi lại khó khăn: không quá 45 ngày'),
    ('0193a000-0000-7000-8000-000000000020', 'thoi_han_khieu_nai_lan_2', 'khieu_nai', 1, NULL, NULL, 1, 0, NULL,
     10, 'calendar', 'first_decision', 'Luật Khiếu nại 2011, Điều 48', '2012-07-01', NULL, 1, 0, 1,
     'Quyết định kỷ luật: từ ngày nhận quyết định giải quyết lần đầu'),
    ('0193a000-0000-7000-8000-000000000021', 'thoi_han_khieu_nai_lan_2', 'khieu_nai', 1, NULL, NULL, 1, 1, NULL,
     30, 'calendar', 'first_decision', 'Luật Khiếu nại 2011, Điều 48', '2012-07-01', NULL, 1, 0, 1,
     'Quyết định kỷ luật buộc thôi việc');

-- The facts these rules depend on, recorded by the new steps of a case.
ALTER TABLE cases ADD COLUMN very_complex INTEGER NOT NULL DEFAULT 0 CHECK (very_complex IN (0, 1));
ALTER TABLE cases ADD COLUMN multi_site INTEGER NOT NULL DEFAULT 0 CHECK (multi_site IN (0, 1));
ALTER TABLE cases ADD COLUMN disciplinary INTEGER NOT NULL DEFAULT 0 CHECK (disciplinary IN (0, 1));
ALTER TABLE cases ADD COLUMN dismissal INTEGER NOT NULL DEFAULT 0 CHECK (dismissal IN (0, 1));
-- When the complainant received or learned of the decision or act (the start of thời hiệu),
-- and the days an obstacle kept them from complaining (not counted, Art 9, 48).
ALTER TABLE cases ADD COLUMN learned_on TEXT;
ALTER TABLE cases ADD COLUMN obstacle_days INTEGER NOT NULL DEFAULT 0 CHECK (obstacle_days BETWEEN 0 AND 3650);
-- Duties that start with a step recorded before this moment are not tracked: a book upgraded
-- from an older version never asked whether its decisions were sent or published, so every
-- past one would show overdue. '' (every new case) tracks them all.
ALTER TABLE cases ADD COLUMN duties_from TEXT NOT NULL DEFAULT '';
UPDATE cases SET duties_from = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime');

-- The new steps, in the transition table the trigger `case_events_legal` consults (the same
-- rows as `domain::case::TRANSITIONS`; a test keeps them equal).
INSERT INTO case_transitions (from_status, action, to_status) VALUES
    ('moi',              'xac_minh_nhieu_noi',     'moi'),
    ('cho_thu_ly',       'xac_minh_nhieu_noi',     'cho_thu_ly'),
    ('moi',              'thoi_hieu',              'moi'),
    ('cho_thu_ly',       'thoi_hieu',              'cho_thu_ly'),
    ('dang_giai_quyet',  'thoi_hieu',              'dang_giai_quyet'),
    ('dang_giai_quyet',  'dac_biet_phuc_tap',      'dang_giai_quyet'),
    ('dang_giai_quyet',  'thong_bao_thu_ly',       'dang_giai_quyet'),
    ('da_giai_quyet',    'gui_quyet_dinh',         'da_giai_quyet'),
    ('da_giai_quyet',    'cong_khai_quyet_dinh',   'da_giai_quyet'),
    ('da_giai_quyet',    'bao_ket_qua_noi_chuyen', 'da_giai_quyet'),
    ('da_chuyen',        'nhan_ket_qua',           'da_chuyen'),
    ('da_chuyen',        'thong_bao_ket_qua',      'da_chuyen');

-- Extensions: denunciations only; once when complex (Luật TC Art 30(2)), a second time only
-- when especially complex (Art 30(3); NĐ 31/2019 Art 3(3)), never a third.
DROP TRIGGER case_events_extension;
CREATE TRIGGER case_events_extension BEFORE INSERT ON case_events WHEN NEW.action = 'gia_han'
BEGIN
    SELECT RAISE(ABORT, 'extension not allowed')
    WHERE (SELECT case_type != 'to_cao' OR complex = 0 OR extensions >= 2
                  OR (extensions = 1 AND very_complex = 0)
           FROM cases WHERE id = NEW.case_id);
END;
