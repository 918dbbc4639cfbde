//! The book of a period, visit by visit, for an export in the official layout (read only):
//! one query walked row by row, so a year of a million-visit book never sits in memory.

use chrono::NaiveDate;

use super::{ROW_COLUMNS, ROW_JOINS, ROW_WIDTH, row_from};
use crate::domain::book::BookLine;
use crate::domain::case::CaseStatus;
use crate::store::{Store, bad_code};

impl Store {
    /// Every visit received from `from` to `to` (voided ones left out: counted nowhere), in
    /// the order of the book (day, time, entry), handed to `each` one at a time; stops at the
    /// first error `each` returns. Returns how many were handed over.
    pub fn book_lines<E: From<crate::store::StoreError>>(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        mut each: impl FnMut(BookLine) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, v.day, v.prior_agencies, v.transfer_agency, v.note,
                    (SELECT k.status FROM case_visits cv JOIN cases k ON k.id = cv.case_id
                      WHERE cv.visit_id = v.id ORDER BY k.id LIMIT 1),
                    (SELECT e.day FROM case_visits cv JOIN case_events e ON e.case_id = cv.case_id
                      WHERE cv.visit_id = v.id
                        AND cv.case_id = (SELECT min(x.case_id) FROM case_visits x
                                           WHERE x.visit_id = v.id)
                        AND (e.from_status IS NULL OR e.from_status != e.to_status)
                      ORDER BY e.id DESC LIMIT 1)
             {ROW_JOINS}
             WHERE v.day BETWEEN ?1 AND ?2 AND v.deleted_at IS NULL
             ORDER BY v.day, v.time, v.id"
        );
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(crate::store::StoreError::from)?;
        let mut rows = stmt
            .query([from, to])
            .map_err(crate::store::StoreError::from)?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(crate::store::StoreError::from)? {
            let line = line_from(r).map_err(crate::store::StoreError::from)?;
            each(line)?;
            n += 1;
        }
        Ok(n)
    }
}

fn line_from(r: &rusqlite::Row) -> rusqlite::Result<BookLine> {
    let v = row_from(r)?;
    let d = ROW_WIDTH;
    let status: Option<String> = r.get(d + 4)?;
    let case_status = match status {
        Some(s) => Some(CaseStatus::from_code(&s).ok_or_else(|| bad_code(d + 4))?),
        None => None,
    };
    Ok(BookLine {
        uid: v.uid,
        day: r.get(d)?,
        time: v.time,
        citizen: v.citizen,
        people: v.people,
        petition_type: v.petition_type,
        field_name: v.field_name,
        content: v.content,
        prior_agencies: r.get(d + 1)?,
        handling: v.handling,
        transfer_agency: r.get(d + 2)?,
        note: r.get(d + 3)?,
        officer_name: v.officer_name,
        case_code: v.case_code,
        case_status,
        status_day: r.get(d + 5)?,
    })
}
