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
    /// The case's type (a refusal's: its petition's); None for a day of the schedule.
    pub case_type: Option<CaseType>,
    pub field_name: String,
    pub citizen: Person,
    pub obligation: Obligation,
    pub due_on: NaiveDate,
    pub officer_name: Option<String>,
    /// A duty that is not a case's (issue 29) — a refusal's written notice, a day of the
    /// schedule to post — and how its due date was computed (`code` is then the day).
    pub duty: Option<Box<VisitDuty>>,
}

/// Whose duty a board row is, when not a case's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DutyOf {
    /// A refused visit (its uid).
    Visit(String),
    /// A day of the reception schedule.
    Day(NaiveDate),
    /// A complaint's dialogue whose notice is owed (the dialogue's uid; the row's
    /// `case_uid` is its case's).
    Dialogue(String),
    /// An answer promised at a public dialogue (the dialogue's uid).
    Promise(String),
}

/// A duty that is not a case's, on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDuty {
    pub of: DutyOf,
    pub explanation: Explanation,
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
        let (mut overdue, mut within3, mut within7, mut later, mut due_today): (
            u32,
            u32,
            u32,
            u32,
            u32,
        ) = self
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
                    case_type: Some(case_type),
                    field_name: r.get(3)?,
                    obligation: Obligation::from_code(&o).ok_or_else(|| bad_code(5))?,
                    due_on: r.get(6)?,
                    officer_name: r.get(7)?,
                    duty: None,
                })
            })?
            .collect::<rusqlite::Result<Vec<BoardRow>>>()?;
        let mut rows = rows;
        let duties = self.other_duties(today, cal)?;
        for r in &duties {
            match r.due_on {
                d if d < today => overdue += 1,
                d if d <= d3 => within3 += 1,
                d if d <= d7 => within7 += 1,
                _ => later += 1,
            }
            due_today += u32::from(r.due_on == today);
        }
        if !duties.is_empty() {
            rows.extend(duties);
            rows.sort_by_key(|r| r.due_on);
            rows.truncate(limit as usize);
        }
        Ok(Board {
            overdue,
            within3,
            within7,
            later,
            due_today,
            rows,
        })
    }

    /// The duties of visits still owed: the written notice of a refusal on a ground that asks
    /// for it (Luật TCD Art 9(3), NĐ 154/2026 Art 4(1)(h)) not yet issued, due by the rule in
    /// force on the day of the refusal (none before 01/7/2026: no time limit).
    pub fn visit_duties(&self, cal: &Calendar) -> Result<Vec<BoardRow>> {
        use crate::domain::deadline::duty;
        use crate::domain::refusal::RefusalGround;
        use crate::domain::visit::PetitionType;
        let written: Vec<&str> = RefusalGround::ALL
            .iter()
            .filter(|g| g.written_notice())
            .map(|g| g.code())
            .collect();
        let rules = super::load_rules(&self.conn)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.uid, v.day, v.petition_type, f.name, c.full_name, o.full_name,
                    v.refusal_ground
             FROM visits v
             JOIN fields f ON f.id = v.field_id
             JOIN citizens c ON c.id = v.citizen_id
             LEFT JOIN officers o ON o.id = v.officer_id
             WHERE v.handling = 'tu_choi' AND v.deleted_at IS NULL
               AND v.refusal_notice_on IS NULL
             ORDER BY v.day, v.id",
        )?;
        let found = stmt
            .query_map([], |r| {
                let t: String = r.get(2)?;
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, NaiveDate>(1)?,
                    PetitionType::from_code(&t).ok_or_else(|| bad_code(2))?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::new();
        for (uid, day, ptype, field_name, name, officer, ground) in found {
            if !written.contains(&ground.as_str()) {
                continue;
            }
            let Some(due) = duty(Obligation::RefusalNotice, day, &rules, cal) else {
                continue;
            };
            out.push(BoardRow {
                case_uid: String::new(),
                code: crate::domain::date::format_date(day),
                case_type: Some(CaseType::from_petition(ptype)),
                field_name,
                citizen: Person::of(name, Context::of_visit(ptype, &uid, None, false)),
                obligation: Obligation::RefusalNotice,
                due_on: due.due_on,
                officer_name: officer,
                duty: Some(Box::new(VisitDuty {
                    of: DutyOf::Visit(uid),
                    explanation: due.explanation,
                })),
            });
        }
        Ok(out)
    }

    /// The days of the schedule from `today` on (the next 45 days) whose posting is not
    /// recorded: each due at least 05 working days before it (Luật TCD Art 24(4)), counted
    /// back. A day already past its posting day stays until recorded (overdue).
    pub fn schedule_duties(&self, today: NaiveDate, cal: &Calendar) -> Result<Vec<BoardRow>> {
        use crate::domain::deadline::duty;
        use crate::domain::schedule::{DayMark, planned_days};
        let plans = crate::store::schedule::load_plans(&self.conn)?;
        if plans.is_empty() {
            return Ok(vec![]);
        }
        let to = today + chrono::Duration::days(45);
        let records = crate::store::schedule::load_days(&self.conn, today, to)?;
        let rules = super::load_rules(&self.conn)?;
        let mut out = Vec::new();
        for p in planned_days(&plans, cal, today, to) {
            let rec = records.iter().find(|r| r.day == p.day);
            if rec.is_some_and(|r| r.posted_on.is_some() || r.mark == Some(DayMark::Postponed)) {
                continue;
            }
            let Some(due) = duty(Obligation::PostSchedule, p.day, &rules, cal) else {
                continue;
            };
            let leader = plans
                .iter()
                .find(|x| x.id == p.plan_id)
                .map(|x| x.leader.clone())
                .unwrap_or_default();
            out.push(BoardRow {
                case_uid: String::new(),
                code: crate::domain::date::format_date(p.day),
                case_type: None,
                field_name: String::new(),
                citizen: Person::of(leader, Context::Open),
                obligation: Obligation::PostSchedule,
                due_on: due.due_on,
                officer_name: None,
                duty: Some(Box::new(VisitDuty {
                    of: DutyOf::Day(p.day),
                    explanation: due.explanation,
                })),
            });
        }
        Ok(out)
    }

    /// The duties of dialogues: the written notice of a complaint's dialogue planned and not
    /// yet sent, due by the rule in force on the dialogue's day counted back from it
    /// (`thong_bao_doi_thoai`, editable in the catalog; none before NĐ 155/2026), and each
    /// answer promised at a public dialogue, due the day promised, until answered.
    pub fn dialogue_duties(&self, cal: &Calendar) -> Result<Vec<BoardRow>> {
        use crate::domain::deadline::{Explanation, duty};
        let rules = super::load_rules(&self.conn)?;
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.uid, d.planned_on, k.uid, k.code, f.name, c.full_name, o.full_name,
                    k.identity_disclosed, c.sealed
             FROM dialogues d
             JOIN cases k ON k.id = d.case_id
             JOIN fields f ON f.id = k.field_id
             JOIN citizens c ON c.id = k.citizen_id
             LEFT JOIN officers o ON o.id = k.officer_id
             WHERE d.kind = 'khieu_nai' AND d.cancelled = 0 AND d.held_on IS NULL
               AND d.notice_sent_on IS NULL AND k.deleted_at IS NULL
             ORDER BY d.planned_on, d.id",
        )?;
        let found = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, NaiveDate>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, bool>(7)?,
                    r.get::<_, Option<Vec<u8>>>(8)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (uid, day, case_uid, code, field_name, name, officer, disclosed, sealed) in found {
            let Some(due) = duty(Obligation::DialogueNotice, day, &rules, cal) else {
                continue;
            };
            let ctx = Context::of_case(CaseType::KhieuNai, &case_uid, &code, disclosed);
            out.push(BoardRow {
                citizen: Person::of(name, ctx).sealed(sealed),
                case_uid,
                code,
                case_type: Some(CaseType::KhieuNai),
                field_name,
                obligation: Obligation::DialogueNotice,
                due_on: due.due_on,
                officer_name: officer,
                duty: Some(Box::new(VisitDuty {
                    of: DutyOf::Dialogue(uid),
                    explanation: due.explanation,
                })),
            });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.uid, d.held_on, d.planned_on, d.presiding, p.owner, p.due_on, p.text
             FROM dialogue_promises p JOIN dialogues d ON d.id = p.dialogue_id
             WHERE p.answered_on IS NULL AND d.cancelled = 0
             ORDER BY p.due_on, p.id",
        )?;
        let found = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<NaiveDate>>(1)?,
                    r.get::<_, NaiveDate>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, NaiveDate>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (uid, held, planned, presiding, owner, due_on, text) in found {
            let at = held.unwrap_or(planned);
            let who = if owner.is_empty() { presiding } else { owner };
            out.push(BoardRow {
                case_uid: String::new(),
                code: crate::domain::date::format_date(at),
                case_type: None,
                field_name: crate::domain::text::one_line(&text),
                citizen: Person::of(who, Context::Open),
                obligation: Obligation::PromisedAnswer,
                due_on,
                officer_name: None,
                duty: Some(Box::new(VisitDuty {
                    of: DutyOf::Promise(uid),
                    explanation: Explanation::promised(at, due_on),
                })),
            });
        }
        Ok(out)
    }

    /// (overdue, due today) over all open obligations, for the status line.
    pub fn deadline_alerts(&self, today: NaiveDate, cal: &Calendar) -> Result<(u32, u32)> {
        let (mut overdue, mut due_today): (u32, u32) = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(CASE WHEN due_on < ?1 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on = ?1 THEN n END), 0)
                 FROM obligation_counts",
            )?
            .query_row([today], |r| Ok((r.get(0)?, r.get(1)?)))?;
        // The duties that are not a case's count as the board counts them.
        for r in self.other_duties(today, cal)? {
            overdue += u32::from(r.due_on < today);
            due_today += u32::from(r.due_on == today);
        }
        Ok((overdue, due_today))
    }

    /// The board's duties that are not a case's: a refusal's written notice, the schedule's
    /// posting, a dialogue's notice, an answer promised.
    fn other_duties(&self, today: NaiveDate, cal: &Calendar) -> Result<Vec<BoardRow>> {
        let mut duties = self.visit_duties(cal)?;
        duties.extend(self.schedule_duties(today, cal)?);
        duties.extend(self.dialogue_duties(cal)?);
        Ok(duties)
    }
}
