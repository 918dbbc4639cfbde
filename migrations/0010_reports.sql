-- 0010_reports: indexes for the period reports (DOMAIN.md §5). Indexes only: the reports
-- read the book as it is and write nothing. Voided visits (deleted_at set) count nowhere.
-- Append-only: once released, this file is never edited.

-- The first-or-repeat rule of 01/TCD: has the citizen been received on the same matter (same
-- petition type and field) before this visit? One seek per visit.
CREATE INDEX visits_by_matter ON visits (citizen_id, petition_type, field_id, day, time)
    WHERE deleted_at IS NULL;

-- Cases received in a period (01/XLD, 01/KQGQ: "tiếp nhận trong kỳ").
CREATE INDEX cases_by_received ON cases (received_on);

-- The steps that closed a case, by day: a case closed on or after a period's first day was
-- still open at its start ("kỳ trước chuyển sang"). Partial and covering: only closing
-- steps (from an open status to a closed one) are indexed.
CREATE INDEX case_events_closing ON case_events (day, case_id)
    WHERE from_status IN ('moi', 'cho_thu_ly', 'ngoai_tham_quyen', 'khong_du_dk', 'dang_giai_quyet')
      AND to_status IN ('da_giai_quyet', 'da_chuyen', 'da_huong_dan', 'da_tra_lai', 'da_luu',
                        'da_rut', 'khong_thu_ly');
