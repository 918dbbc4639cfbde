-- 0012_kinds_apart: a visit and the cases it brought or joined are of one kind — a complaint
-- with complaints, a petition (kiến nghị, phản ánh) with petitions, a denunciation with the
-- same denouncer's denunciations. A denunciation that shared a case with another kind showed
-- the denouncer's name, ID number, phone and address to everyone (Luật Tố cáo Art 8(3), 47,
-- 56). The store refuses such a link with its own words; these triggers refuse it even when
-- written directly.
-- Books made before this file may hold such links (the same-matter question offered them):
-- each is undone here — the visit leaves the case of another kind, its case keeps everything
-- else — and written to the audit.
-- Append-only: once released, this file is never edited.

INSERT INTO audit (at, officer_id, action, tbl, record_uid, before, after)
SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), NULL, 'unlink_across_kinds', 'cases',
       k.uid, json_object('visit', v.uid, 'visit_type', v.petition_type),
       json_object('case_type', k.case_type)
FROM case_visits cv
JOIN visits v ON v.id = cv.visit_id
JOIN cases k ON k.id = cv.case_id
WHERE CASE v.petition_type WHEN 'kien_nghi' THEN 'kien_nghi_phan_anh'
                           WHEN 'phan_anh' THEN 'kien_nghi_phan_anh'
                           ELSE v.petition_type END != k.case_type;

DELETE FROM case_visits
WHERE rowid IN (
    SELECT cv.rowid FROM case_visits cv
    JOIN visits v ON v.id = cv.visit_id
    JOIN cases k ON k.id = cv.case_id
    WHERE CASE v.petition_type WHEN 'kien_nghi' THEN 'kien_nghi_phan_anh'
                               WHEN 'phan_anh' THEN 'kien_nghi_phan_anh'
                               ELSE v.petition_type END != k.case_type);

-- A new link: the visit's kind is the case's.
CREATE TRIGGER case_visits_one_kind BEFORE INSERT ON case_visits
WHEN (SELECT CASE v.petition_type WHEN 'kien_nghi' THEN 'kien_nghi_phan_anh'
                                  WHEN 'phan_anh' THEN 'kien_nghi_phan_anh'
                                  ELSE v.petition_type END
      FROM visits v WHERE v.id = NEW.visit_id)
     IS NOT (SELECT k.case_type FROM cases k WHERE k.id = NEW.case_id)
BEGIN
    SELECT RAISE(ABORT, 'case_visits: a visit and its case are of one kind');
END;

-- A case retyped: every live visit it holds is already of the new kind (a correction retypes
-- the visit first, then the case that follows it).
CREATE TRIGGER cases_retype_one_kind BEFORE UPDATE OF case_type ON cases
WHEN EXISTS (
    SELECT 1 FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
    WHERE cv.case_id = NEW.id AND v.deleted_at IS NULL
      AND CASE v.petition_type WHEN 'kien_nghi' THEN 'kien_nghi_phan_anh'
                               WHEN 'phan_anh' THEN 'kien_nghi_phan_anh'
                               ELSE v.petition_type END != NEW.case_type)
BEGIN
    SELECT RAISE(ABORT, 'cases: a case and its visits are of one kind');
END;

-- A visit retyped: never while a case of its old kind holds other live visits (such a case
-- cannot follow; the visit leaves it first). A case it alone holds follows it in the same
-- transaction, and the visit's version is bumped last (next trigger).
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

-- A visit's write is finished (its version moves last): its cases are of its kind by then.
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
