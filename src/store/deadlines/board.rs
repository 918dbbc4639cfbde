//! The deadline board (every open obligation by due date), the status-line alerts, and the
//! stored due dates of a case.

use chrono::NaiveDate;
use rusqlite::params;

use super::super::{Result, Store, StoreError, bad_code};
use crate::domain::calendar::Calendar;
use crate::domain::case::CaseType;
use crate::domain::deadline::{Bucket, Explanation, Obligation};
use crate::domain::identity::{Context, Person};

/// One row of the deadline board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRow {
    pub case_uid: String,
    pub code: String,
    pub case_type: CaseType,
    pub field_name: String,
    pub citizen: Person,
    pub obligation: Obligation,
    pub due_on: NaiveDate,
    pub officer_name: Option<String>,
}

/// The board: counts per bucket, and the most urgent rows first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    pub overdue: u32,
    pub within3: u32,
    pub within7: u32,
    pub later: u32,
    pub due_today: u32,
    pub rows: Vec<BoardRow>,
}

impl Board {
    pub fn count(&self, b: Bucket) -> u32 {
        match b {
            Bucket::Overdue => self.overdue,
            Bucket::Within3 => self.within3,
            Bucket::Within7 => self.within7,
            Bucket::Later => self.later,
        }
    }
}

/// A stored due date with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDue {
    pub obligation: Obligation,
    pub due_on: NaiveDate,
    pub explanation: Explanation,
}

impl Store {
    /// The stored due dates of a case, soonest first.
    pub fn case_dues(&self, case_uid: &str) -> Result<Vec<CaseDue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.obligation, d.due_on, d.explanation FROM case_deadlines d
             JOIN cases k ON k.id = d.case_id WHERE k.uid = ?1 ORDER BY d.due_on",
        )?;
        let rows = stmt.query_map([case_uid], |r| {
            let o: String = r.get(0)?;
            let e: String = r.get(2)?;
            Ok((o, r.get::<_, NaiveDate>(1)?, e))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (o, due_on, e) = row?;
            out.push(CaseDue {
                obligation: Obligation::from_code(&o).ok_or(StoreError::NotFound("obligation"))?,
                due_on,
                explanation: serde_json::from_str(&e)?,
            });
        }
        Ok(out)
    }

    /// The deadline board on `today` by the calendar `cal`: bucket counts and the first
    /// `limit` rows by due date.
    pub fn board(&self, today: NaiveDate, cal: &Calendar, limit: u32) -> Result<Board> {
        let d3 = cal.add_working_days(today, 3);
        let d7 = cal.add_working_days(today, 7);
        let (overdue, within3, within7, later, due_today) = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(CASE WHEN due_on < ?1 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on >= ?1 AND due_on <= ?2 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on > ?2 AND due_on <= ?3 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on > ?3 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on = ?1 THEN n END), 0)
                 FROM obligation_counts",
            )?
            .query_row(params![today, d3, d7], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.uid, k.code, k.case_type, f.name, c.full_name, d.obligation, d.due_on,
                    o.full_name, k.identity_disclosed, c.sealed
             FROM case_deadlines d
             JOIN cases k ON k.id = d.case_id
             JOIN fields f ON f.id = k.field_id
             JOIN citizens c ON c.id = k.citizen_id
             LEFT JOIN officers o ON o.id = k.officer_id
             ORDER BY d.due_on, d.case_id LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit], |r| {
                let t: String = r.get(2)?;
                let o: String = r.get(5)?;
                let case_uid: String = r.get(0)?;
                let code: String = r.get(1)?;
                let case_type = CaseType::from_code(&t).ok_or_else(|| bad_code(2))?;
                Ok(BoardRow {
                    citizen: Person::of(
                        r.get::<_, String>(4)?,
                        Context::of_case(case_type, &case_uid, &code, r.get(8)?),
                    )
                    .sealed(r.get(9)?),
                    case_uid,
                    code,
                    case_type,
                    field_name: r.get(3)?,
                    obligation: Obligation::from_code(&o).ok_or_else(|| bad_code(5))?,
                    due_on: r.get(6)?,
                    officer_name: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Board {
            overdue,
            within3,
            within7,
            later,
            due_today,
            rows,
        })
    }

    /// (overdue, due today) over all open obligations, for the status line.
    pub fn deadline_alerts(&self, today: NaiveDate) -> Result<(u32, u32)> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(CASE WHEN due_on < ?1 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on = ?1 THEN n END), 0)
                 FROM obligation_counts",
            )?
            .query_row([today], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }
}
