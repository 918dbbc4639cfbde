-- 0007_register: what keeps the register true. A visit logged by mistake is voided with a
-- reason (never deleted; counted nowhere, shown struck through), and a visit whose handling
-- is chuyển đơn records the agency it is forwarded to.
-- Append-only: once released, this file is never edited.

ALTER TABLE visits ADD COLUMN void_reason TEXT;
ALTER TABLE visits ADD COLUMN transfer_agency TEXT NOT NULL DEFAULT '';

-- A visit edited after it opened a case carries its corrections to the case (type while the
-- case is new, field, citizen, the day received): an event `sua_luot_tiep` on the timeline
-- records each, outside the transition table like a note.
DROP TRIGGER case_events_legal;
CREATE TRIGGER case_events_legal BEFORE INSERT ON case_events
WHEN NEW.action NOT IN ('tiep_nhan', 'ghi_chu', 'phan_cong', 'bo_sung', 'vung_sau_vung_xa',
                        'sua_luot_tiep')
BEGIN
    SELECT RAISE(ABORT, 'illegal case transition')
    WHERE NOT EXISTS (
            SELECT 1 FROM case_transitions t
            WHERE t.from_status = NEW.from_status AND t.action = NEW.action AND t.to_status = NEW.to_status)
       OR NEW.from_status IS NOT (SELECT status FROM cases WHERE id = NEW.case_id);
END;
