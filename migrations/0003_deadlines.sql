-- 0003_deadlines: the legal deadline rules and the working-day calendar as data, and the
-- computed due dates of open cases with how they were computed (DOMAIN.md §3, §7).
-- Append-only: once released, this file is never edited.

-- One row per rule. NULL in case_type/round/complex/remote means "any"; the most specific
-- rule in force on the obligation's start date applies. Editable in the catalog pane.
CREATE TABLE deadline_rules (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    obligation     TEXT NOT NULL CHECK (obligation IN
                     ('tra_loi_cong_dan', 'thu_ly', 'xu_ly_ban_dau', 'chuyen_don_to_cao', 'giai_quyet')),
    case_type      TEXT CHECK (case_type IN ('khieu_nai', 'to_cao', 'kien_nghi_phan_anh')),
    round          INTEGER CHECK (round IN (1, 2)),
    complex        INTEGER CHECK (complex IN (0, 1)),
    remote         INTEGER CHECK (remote IN (0, 1)),
    days           INTEGER NOT NULL CHECK (days BETWEEN 1 AND 366),
    extension_days INTEGER NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 366),
    basis          TEXT NOT NULL CHECK (basis IN ('calendar', 'working')),
    start_event    TEXT NOT NULL CHECK (start_event IN ('received', 'accepted')),
    article        TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to   TEXT,
    unconfirmed    INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1)),
    note           TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO deadline_rules (uid, obligation, case_type, round, complex, remote, days, extension_days,
                            basis, start_event, article, effective_from, effective_to, unconfirmed, note) VALUES
    ('0193a000-0000-7000-8000-000000000001', 'tra_loi_cong_dan', NULL, NULL, NULL, NULL, 10, 0,
     'working', 'received', 'Luật Tiếp công dân 2013, Điều 28(1)', '2014-07-01', NULL, 0,
     'Trả lời công dân về việc thụ lý, chuyển đơn hoặc không thụ lý sau khi tiếp'),
    ('0193a000-0000-7000-8000-000000000002', 'thu_ly', 'khieu_nai', NULL, NULL, NULL, 10, 0,
     'working', 'received', 'Luật Khiếu nại 2011, Điều 27, 36; NĐ 124/2020, Điều 16(1)', '2012-07-01', '2026-06-30', 1,
     'Luật ghi "10 ngày"; văn bản hướng dẫn ghi "10 ngày làm việc" (DOMAIN.md §3.2, chưa xác nhận)'),
    ('0193a000-0000-7000-8000-000000000003', 'thu_ly', 'khieu_nai', NULL, NULL, NULL, 7, 0,
     'working', 'received', 'NĐ 155/2026/NĐ-CP, Điều 10 (sửa NĐ 124/2020)', '2026-07-01', NULL, 1,
     'Từ 01/7/2026; văn bản chưa kiểm chứng (DOMAIN.md §0)'),
    ('0193a000-0000-7000-8000-000000000004', 'xu_ly_ban_dau', 'to_cao', NULL, NULL, NULL, 7, 0,
     'working', 'received', 'Luật Tố cáo 2018, Điều 24(1)', '2019-01-01', NULL, 0,
     'Vào sổ, phân loại, kiểm tra điều kiện thụ lý'),
    ('0193a000-0000-7000-8000-000000000005', 'chuyen_don_to_cao', 'to_cao', NULL, NULL, NULL, 5, 0,
     'working', 'received', 'Luật Tố cáo 2018, Điều 24(2)', '2019-01-01', NULL, 0,
     'Tố cáo không thuộc thẩm quyền: chuyển đơn và thông báo cho người tố cáo'),
    ('0193a000-0000-7000-8000-000000000006', 'giai_quyet', 'khieu_nai', 1, 0, 0, 30, 0,
     'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 28', '2012-07-01', NULL, 1,
     '"30 ngày": tính theo ngày lịch (BLDS Điều 145–148) — chưa xác nhận'),
    ('0193a000-0000-7000-8000-000000000007', 'giai_quyet', 'khieu_nai', 1, 1, 0, 45, 0,
     'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 28', '2012-07-01', NULL, 1, 'Vụ việc phức tạp'),
    ('0193a000-0000-7000-8000-000000000008', 'giai_quyet', 'khieu_nai', 1, 0, 1, 45, 0,
     'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 28', '2012-07-01', NULL, 1, 'Vùng sâu, vùng xa'),
    ('0193a000-0000-7000-8000-000000000009', 'giai_quyet', 'khieu_nai', 1, 1, 1, 60, 0,
     'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 28', '2012-07-01', NULL, 1, 'Vùng sâu, vùng xa, phức tạp'),
    ('0193a000-0000-7000-8000-00000000000a', 'giai_quyet', 'khieu_nai', 2, 0, 0, 45, 0,
     'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 37', '2012-07-01', NULL, 1, 'Khiếu nại lần hai'),
    ('0193a000-0000-7000-8000-00000000000b', 'giai_quyet', 'khieu_nai', 2, 1, 0, 60, 0,
     'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 37', '2012-07-01', NULL, 1, 'Lần hai, phức tạp'),
    ('0193a000-0000-7000-8000-00000000000c', 'giai_quyet', 'khieu_nai', 2, 0, 1, 60, 0,
     'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 37', '2012-07-01', NULL, 1, 'Lần hai, vùng sâu, vùng xa'),
    ('0193a000-0000-7000-8000-00000000000d', 'giai_quyet', 'khieu_nai', 2, 1, 1, 70, 0,
     'calendar', 'accepted', 'Luật Khiếu nại 2011, Điều 37', '2012-07-01', NULL, 1, 'Lần hai, vùng sâu, vùng xa, phức tạp'),
    ('0193a000-0000-7000-8000-00000000000e', 'giai_quyet', 'to_cao', NULL, NULL, NULL, 30, 30,
     'calendar', 'accepted', 'Luật Tố cáo 2018, Điều 30', '2019-01-01', NULL, 1,
     'Gia hạn: phức tạp 1 lần, đặc biệt phức tạp 2 lần, mỗi lần không quá 30 ngày');

-- Explicit calendar days of the announced years: 'off' (holidays and announced days off) and
-- 'work' (a weekend day worked in a swap). Other years use computed defaults ("dự kiến").
CREATE TABLE calendar_days (
    day    TEXT PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    name   TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT ''
) STRICT;

-- Years whose days off were announced (the explicit rows above are then the whole truth).
CREATE TABLE calendar_years (
    year   INTEGER PRIMARY KEY,
    source TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO calendar_years (year, source) VALUES
    (2025, 'VPCP 8726/VPCP-KGVX; thông báo nghỉ lễ 2025 (DOMAIN.md §7)'),
    (2026, 'VPCP 12729/VPCP-KGVX; thông báo nghỉ lễ 2026 (DOMAIN.md §7)');

INSERT INTO calendar_days (day, kind, name, source) VALUES
    ('2025-01-01', 'off',  'Tết Dương lịch', 'BLLĐ Điều 112'),
    ('2025-01-27', 'off',  'Tết Ất Tỵ', 'VPCP 8726/VPCP-KGVX'),
    ('2025-01-28', 'off',  'Tết Ất Tỵ', 'VPCP 8726/VPCP-KGVX'),
    ('2025-01-29', 'off',  'Tết Ất Tỵ', 'VPCP 8726/VPCP-KGVX'),
    ('2025-01-30', 'off',  'Tết Ất Tỵ', 'VPCP 8726/VPCP-KGVX'),
    ('2025-01-31', 'off',  'Tết Ất Tỵ', 'VPCP 8726/VPCP-KGVX'),
    ('2025-04-07', 'off',  'Giỗ Tổ Hùng Vương', 'BLLĐ Điều 112'),
    ('2025-04-26', 'work', 'Làm bù cho ngày 02/5', 'Thủ tướng đồng ý hoán đổi'),
    ('2025-04-30', 'off',  'Ngày Chiến thắng', 'BLLĐ Điều 112'),
    ('2025-05-01', 'off',  'Quốc tế Lao động', 'BLLĐ Điều 112'),
    ('2025-05-02', 'off',  'Nghỉ hoán đổi (làm bù 26/4)', 'Thủ tướng đồng ý hoán đổi'),
    ('2025-09-01', 'off',  'Quốc khánh', 'BLLĐ Điều 112'),
    ('2025-09-02', 'off',  'Quốc khánh', 'BLLĐ Điều 112'),
    ('2026-01-01', 'off',  'Tết Dương lịch', 'BLLĐ Điều 112'),
    ('2026-01-02', 'off',  'Nghỉ hoán đổi (làm bù 10/01)', 'VPCP 12729/VPCP-KGVX'),
    ('2026-01-10', 'work', 'Làm bù cho ngày 02/01', 'VPCP 12729/VPCP-KGVX'),
    ('2026-02-16', 'off',  'Tết Bính Ngọ', 'BLLĐ Điều 112; thông báo nghỉ Tết 2026'),
    ('2026-02-17', 'off',  'Tết Bính Ngọ', 'BLLĐ Điều 112; thông báo nghỉ Tết 2026'),
    ('2026-02-18', 'off',  'Tết Bính Ngọ', 'BLLĐ Điều 112; thông báo nghỉ Tết 2026'),
    ('2026-02-19', 'off',  'Tết Bính Ngọ', 'BLLĐ Điều 112; thông báo nghỉ Tết 2026'),
    ('2026-02-20', 'off',  'Tết Bính Ngọ', 'BLLĐ Điều 112; thông báo nghỉ Tết 2026'),
    ('2026-04-27', 'off',  'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ Nhật)', 'BLLĐ Điều 111(3)'),
    ('2026-04-30', 'off',  'Ngày Chiến thắng', 'BLLĐ Điều 112'),
    ('2026-05-01', 'off',  'Quốc tế Lao động', 'BLLĐ Điều 112'),
    ('2026-08-22', 'work', 'Làm bù cho ngày 31/8', 'Hoán đổi (chưa xác nhận chính thức)'),
    ('2026-08-31', 'off',  'Nghỉ hoán đổi Quốc khánh (làm bù 22/8)', 'Hoán đổi (chưa xác nhận chính thức)'),
    ('2026-09-01', 'off',  'Quốc khánh', 'BLLĐ Điều 112'),
    ('2026-09-02', 'off',  'Quốc khánh', 'BLLĐ Điều 112');

-- The open obligations of each case with their computed due date and how it was computed
-- (JSON). Recomputed in the same transaction as every step, and for all open cases when the
-- rules or the calendar change.
CREATE TABLE case_deadlines (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    obligation  TEXT NOT NULL,
    rule_id     INTEGER NOT NULL REFERENCES deadline_rules(id),
    start_on    TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    explanation TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    PRIMARY KEY (case_id, obligation)
) STRICT;

CREATE INDEX case_deadlines_by_due ON case_deadlines (due_on, case_id);

-- The soonest due date of a case's open obligations (NULL when none): the queue's due order.
ALTER TABLE cases ADD COLUMN next_due TEXT;

-- Counters kept by triggers, so that the queue's field counts and the board's buckets stay
-- instant at hundreds of thousands of cases (they are sums over a few hundred rows).
-- Cases by field and status.
CREATE TABLE case_status_counts (
    field_id INTEGER NOT NULL,
    status   TEXT NOT NULL,
    n        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (field_id, status)
) STRICT;

INSERT INTO case_status_counts (field_id, status, n)
    SELECT field_id, status, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY field_id, status;

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

-- Open cases by field and next due date.
CREATE TABLE case_due_counts (
    field_id INTEGER NOT NULL,
    due_on   TEXT NOT NULL,
    n        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (field_id, due_on)
) STRICT;

CREATE TRIGGER cases_next_due_count AFTER UPDATE OF next_due, field_id ON cases
BEGIN
    UPDATE case_due_counts SET n = n - 1
     WHERE OLD.next_due IS NOT NULL AND field_id = OLD.field_id AND due_on = OLD.next_due;
    INSERT OR IGNORE INTO case_due_counts (field_id, due_on)
        SELECT NEW.field_id, NEW.next_due WHERE NEW.next_due IS NOT NULL;
    UPDATE case_due_counts SET n = n + 1
     WHERE NEW.next_due IS NOT NULL AND field_id = NEW.field_id AND due_on = NEW.next_due;
END;

-- Open obligations by due date (the board's buckets and the status line).
CREATE TABLE obligation_counts (
    due_on TEXT PRIMARY KEY,
    n      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TRIGGER case_deadlines_count_insert AFTER INSERT ON case_deadlines
BEGIN
    INSERT OR IGNORE INTO obligation_counts (due_on) VALUES (NEW.due_on);
    UPDATE obligation_counts SET n = n + 1 WHERE due_on = NEW.due_on;
END;

CREATE TRIGGER case_deadlines_count_delete AFTER DELETE ON case_deadlines
BEGIN
    UPDATE obligation_counts SET n = n - 1 WHERE due_on = OLD.due_on;
END;
