//! Closed periods (chốt số liệu): a period's figures stored with their digest, through the
//! one write path (audited), and a closed period's report shown from them — compared with
//! today's book, whose differences are named, with what was written since the closing.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Permission, Result, Store, StoreError, Writer, new_uid, rows};
use crate::domain::report::{Change, Closing, Period, Report, Snapshot, closable, digest_of};

/// Why a period cannot be closed, or its stored figures not shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosingError {
    /// The period is not over yet, or is a range of days (an ad hoc report).
    NotClosable,
    /// Closed already (a closed period is never rewritten).
    AlreadyClosed { at: String, by: String },
    /// The stored figures do not match their digest: the file was changed outside tiepdan.
    Tampered,
}

/// A period's report as an officer should see it: a closed period's as it was sent, with
/// what today's book would give differently; an open period's counted from today's book.
#[derive(Debug, Clone)]
pub struct ShownReport {
    /// What is shown: the stored figures of a closed period, else today's count.
    pub report: Report,
    /// The unit's name to print: the one stored with a closed period, else today's.
    pub unit: String,
    /// A closed period: today's book counted again (for its records and definitions).
    pub live: Option<Report>,
    /// A closed period: the figures today's book gives differently.
    pub changes: Vec<Change>,
    /// A closed period: what was written since the closing, by table (visits, cases, rules,
    /// days off…), with how many changes.
    pub since: Vec<(String, u64)>,
}

impl ShownReport {
    /// The report whose records and definitions are today's book's.
    pub fn live(&self) -> &Report {
        self.live.as_ref().unwrap_or(&self.report)
    }
}

/// The records whose changes can move a period's figures.
const MOVERS: &str = "'visit', 'session', 'case', 'case_event', 'citizen', 'field', 'rule',
    'calendar_day', 'calendar_year', 'setting'";

impl Store {
    /// The closing of `period`, if closed: who closed it and when, and its stored figures
    /// (checked against their digest).
    pub fn closing_of(&self, period: &Period) -> Result<Option<(Closing, Snapshot)>> {
        Ok(self.closing_row(period)?.map(|(c, s, _)| (c, s)))
    }

    /// The closing, its figures, and the uid of its row.
    fn closing_row(&self, period: &Period) -> Result<Option<(Closing, Snapshot, String)>> {
        let row: Option<(String, String, String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT k.figures, k.digest, k.closed_at, o.full_name, k.uid
                 FROM report_closings k JOIN officers o ON o.id = k.closed_by
                 WHERE k.period = ?1 AND k.day_from = ?2 AND k.day_to = ?3",
            )?
            .query_row(params![period.code(), period.from, period.to], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        let Some((figures, digest, at, by, uid)) = row else {
            return Ok(None);
        };
        let snapshot = Snapshot::from_json(&figures)
            .filter(|_| digest_of(&figures) == digest)
            .ok_or(StoreError::Closing(ClosingError::Tampered))?;
        Ok(Some((Closing { at, by, digest }, snapshot, uid)))
    }

    /// The report of `period` as an officer should see it (see [`ShownReport`]): the whole
    /// book's (`desk` None), or one desk's records — today's count (a closing is the whole
    /// book's), the unit's name as today's.
    pub fn shown_report_for(
        &self,
        period: Period,
        today: NaiveDate,
        desk: Option<&str>,
    ) -> Result<ShownReport> {
        let Some(desk) = desk else {
            return self.shown_report(period, today);
        };
        Ok(ShownReport {
            report: self.period_report_of_desk(period, today, desk)?,
            unit: self.unit_name()?,
            live: None,
            changes: vec![],
            since: vec![],
        })
    }

    /// The report shown of the whole book: a closed period's stored figures, else today's.
    pub fn shown_report(&self, period: Period, today: NaiveDate) -> Result<ShownReport> {
        let live = self.period_report(period, today)?;
        let unit = self.unit_name()?;
        let Some((closing, stored, uid)) = self.closing_row(&period)? else {
            return Ok(ShownReport {
                report: live,
                unit,
                live: None,
                changes: vec![],
                since: vec![],
            });
        };
        let mut report = stored
            .report(live.fields.clone(), live.columns.clone())
            .ok_or(StoreError::Closing(ClosingError::Tampered))?;
        report.closed = Some(closing.clone());
        let changes = stored.changes(&Snapshot::of(&live, &unit));
        let since = if changes.is_empty() {
            vec![]
        } else {
            // Every entry after the closing's own (the journal's order is the writes').
            let sql = format!(
                "SELECT entity, count(*) FROM journal
                 WHERE seq > (SELECT max(seq) FROM journal
                              WHERE entity = 'closing' AND record = ?1)
                   AND entity IN ({MOVERS}) AND op != 'baseline'
                 GROUP BY entity ORDER BY entity"
            );
            self.conn
                .prepare(&sql)?
                .query_map([&uid], |r| {
                    Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64))
                })?
                .collect::<rusqlite::Result<_>>()?
        };
        Ok(ShownReport {
            report,
            unit: stored.unit.clone(),
            live: Some(live),
            changes,
            since,
        })
    }
}

impl Writer<'_> {
    /// Record that the actor exported the report of `period` (to a file named `file`, in
    /// `format`): what left the book, and who took it, is in the journal.
    pub fn exported(&mut self, period: &Period, format: &str, file: &str) -> Result<()> {
        self.permit(Permission::Export)?;
        use serde_json::Value;
        self.fact(
            crate::domain::journal::Op::Export,
            crate::domain::journal::Entity::Report,
            &period.code(),
            rows::facts([
                ("format", Value::String(format.to_owned())),
                ("file", Value::String(file.to_owned())),
                ("from", Value::String(period.from.to_string())),
                ("to", Value::String(period.to.to_string())),
            ]),
        )
    }

    /// Close `period` (chốt số liệu): today's figures of its report, as printed for the
    /// unit, are stored with their SHA-256 digest and audited; the period's report is shown
    /// from them from now on. Refused for a period not over yet or a range, and for a period
    /// closed already.
    pub fn close_period(&mut self, period: &Period, today: NaiveDate) -> Result<Closing> {
        self.permit(Permission::ClosePeriod)?;
        if !closable(period, today) {
            return Err(StoreError::Closing(ClosingError::NotClosable));
        }
        let existing: Option<(String, String)> = self
            .prepare_cached(
                "SELECT k.closed_at, o.full_name FROM report_closings k
                 JOIN officers o ON o.id = k.closed_by WHERE k.period = ?1",
            )?
            .query_row([period.code()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((at, by)) = existing {
            return Err(StoreError::Closing(ClosingError::AlreadyClosed { at, by }));
        }
        let report = super::report::report_of(
            self.conn(),
            *period,
            today,
            crate::domain::report::Circular::for_period(period),
        )?;
        let unit = super::settings::setting_on(self.conn(), super::settings::UNIT_NAME)?
            .unwrap_or_default();
        let snapshot = Snapshot::of(&report, &unit);
        let figures = snapshot.to_json();
        let digest = digest_of(&figures);
        let uid = new_uid();
        let at = self.stamp();
        rows::insert_closing(
            self,
            &rows::NewClosing {
                uid: &uid,
                period: &period.code(),
                day_from: period.from,
                day_to: period.to,
                circular: report.circular.code(),
                figures: &figures,
                digest: &digest,
                closed_at: &at,
                closed_by: self.officer_id(),
            },
        )?;
        Ok(Closing {
            at,
            by: self.actor().name().to_owned(),
            digest,
        })
    }
}
