//! A refusal's written notice (Mẫu 01/TCD, issue 29): recorded on the refused visit.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::super::write::On;
use super::super::{Permission, Result, StoreError, Writer, rows};
use crate::domain::refusal::RefusalGround;

impl Writer<'_> {
    /// The written notice of a refusal (Mẫu 01/TCD) issued on `on`: the duty leaves the
    /// board. Only for a refusal on a ground that asks for it; never before the refusal nor
    /// after today (the desk's clock).
    pub fn record_refusal_notice(
        &mut self,
        uid: &str,
        expected_version: i64,
        on: NaiveDate,
        today: NaiveDate,
    ) -> Result<()> {
        self.permit_on(Permission::EditVisit, On::Visit(uid))?;
        let (id, version, changed_at, day, ground): (i64, i64, String, NaiveDate, Option<String>) =
            self.query_row(
                "SELECT id, version, updated_at, day, refusal_ground FROM visits
                 WHERE uid = ?1 AND deleted_at IS NULL",
                [uid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("visit"))?;
        if version != expected_version {
            return Err(StoreError::Conflict {
                what: "visit",
                changed_at: Some(changed_at),
            });
        }
        let owed = ground
            .as_deref()
            .and_then(RefusalGround::from_code)
            .is_some_and(RefusalGround::written_notice);
        if !owed {
            return Err(StoreError::Invalid(
                "no written notice is owed: not a refusal on Art 9(3) or point (h)".into(),
            ));
        }
        if on < day || on > today {
            return Err(StoreError::Invalid(format!("notice day {on}")));
        }
        rows::set_refusal_notice(self, id, on)
    }
}
