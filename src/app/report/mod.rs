//! The reports pane (tab 5, Báo cáo): a period, its computed report, the view (the summary,
//! one official table, or the charts), the selected figure; and its overlays — the records
//! behind a figure (Enter; Enter again opens one) and the figure's definition (`w`).
//!
//! A report takes about a second to count on a large book, so the pane never counts on the
//! UI thread: it asks its lane (`job::report`) and shows "đang tính…" meanwhile, taking keys
//! as ever; a newer period, or leaving the pane, makes the job under way stale. The XLSX
//! export is a job too (`job::export`).
//!
//! `ReportState` holds the pane's state and moves with no store; `load` counts at once (tests,
//! benches). `route` holds the `App` methods that route commands, ask the jobs and take their
//! results; `records` the overlays (the records behind a figure, its definition).

mod records;
mod route;

pub use records::{DefinitionView, RecordRow, RecordsView, ReportOverlay};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use super::job::Ticket;
use super::job::export::ExportJob;
use super::job::report::{Counted, ReportJob};
use crate::domain::report::{Change, Circular, Figure, Form, Period, PeriodKind, Report, Target};
use crate::i18n::Lang;
use crate::store::{self, Store};

/// How many records behind a figure are listed at most (the title says how many in all).
pub const RECORDS_SHOWN: usize = 2000;

/// The views of the pane, in the order ←/→ visit them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportView {
    Summary,
    Table(Form),
    /// The roll-up of the fields into the official report columns (`e` changes one).
    Rollup,
    Charts,
}

impl ReportView {
    /// The views of a report in `circular`'s forms.
    pub fn all(circular: Circular) -> Vec<ReportView> {
        let mut v = vec![ReportView::Summary];
        v.extend(circular.forms().iter().map(|f| ReportView::Table(*f)));
        v.push(ReportView::Rollup);
        v.push(ReportView::Charts);
        v
    }
}

#[derive(Debug, Default)]
pub struct ReportState {
    /// The period shown (chosen on the first visit: the quarter under way).
    pub period: Option<Period>,
    /// The report shown: a closed period's figures as they were closed, else today's count
    /// (shared with an export under way).
    pub report: Option<Arc<Report>>,
    /// A closed period: today's book counted again (the records and definitions behind a
    /// figure are its), and the figures it gives differently.
    pub live: Option<Arc<Report>>,
    pub changes: Vec<Change>,
    /// A closed period whose figures differ: what was written since the closing.
    pub since: Vec<(String, u64)>,
    /// The TT 01/2024 year of the period, for the charts (computed when they are shown).
    pub year: Option<Arc<Report>>,
    pub unit: String,
    /// Index into `views()`.
    pub view: usize,
    /// The selected row of the summary or table view.
    pub selected: usize,
    /// The field of the visits chart: 0 all fields, i the i-th field.
    pub chart_field: usize,
    /// When the report was counted (the pane on screen recounts only when the book changed).
    pub loaded: store::Loaded,
    /// The job asked for and not yet answered (the pane says "đang tính…"), or the last one
    /// that failed (not asked again until the book or the request changes).
    pub asked: Option<Asked>,
    /// The desk whose records are counted (its code; None: the whole book), and the desks
    /// the book has, as read when `u` last cycled them (report_desk.rs).
    pub desk: Option<String>,
    pub desks: Vec<String>,
}

/// A report job asked for.
#[derive(Debug, Clone)]
pub struct Asked {
    pub ticket: Ticket,
    pub job: ReportJob,
    pub failed: bool,
}

impl Asked {
    fn same(&self, j: &ReportJob) -> bool {
        (
            self.job.period,
            self.job.year,
            self.job.today,
            self.job.stamp,
            &self.job.desk,
        ) == (j.period, j.year, j.today, j.stamp, &j.desk)
    }
}

impl ReportState {
    /// The circular of the period shown (its forms are the pane's tables).
    pub fn circular(&self) -> Circular {
        self.period
            .as_ref()
            .map(Circular::for_period)
            .unwrap_or(Circular::Tt06_2025)
    }

    /// The views, in the order ←/→ visit them.
    pub fn views(&self) -> Vec<ReportView> {
        ReportView::all(self.circular())
    }

    pub fn view(&self) -> ReportView {
        let views = self.views();
        views[self.view.min(views.len() - 1)]
    }

    /// The period shown, chosen on the first visit: the quarter under way.
    pub fn period_or_latest(&mut self, today: NaiveDate) -> Period {
        *self
            .period
            .get_or_insert_with(|| Period::latest(PeriodKind::Quarter(1), today))
    }

    /// Compute the report of the current period here and now (the quarter under way on the
    /// first call): benches and tests. The pane asks a job instead (`App::ask_report`).
    pub fn load(&mut self, store: &Store, today: NaiveDate) -> store::Result<()> {
        let period = self.period_or_latest(today);
        let stamp = store.data_stamp();
        // The previous report goes first: two years of facts are not held at once.
        self.report = None;
        self.live = None;
        let shown = Some(store.shown_report_for(period, today, self.desk.as_deref())?);
        let year = match (self.year_to_count(), self.desk.as_deref()) {
            (Some(y), Some(d)) => Some(store.period_report_of_desk(y, today, d)?),
            (Some(y), None) => Some(store.period_report(y, today)?),
            (None, _) => None,
        };
        self.take(Counted {
            shown,
            year,
            today,
            stamp,
        });
        Ok(())
    }

    /// What a report job counted, shown.
    pub fn take(&mut self, c: Counted) {
        if let Some(shown) = c.shown {
            self.unit = shown.unit;
            self.report = Some(Arc::new(shown.report));
            self.live = shown.live.map(Arc::new);
            self.changes = shown.changes;
            self.since = shown.since;
            self.loaded = Some((c.stamp, c.today));
        }
        if let Some(y) = c.year {
            self.year = Some(Arc::new(y));
        }
        self.adopt_year();
        self.selected = self.selected.min(self.targets().len().saturating_sub(1));
    }

    /// The TT 01/2024 year of the period, for the charts.
    fn year_period(&self) -> Option<Period> {
        self.period.map(|p| p.report_year())
    }

    /// The year the charts need counted apart: they are shown, it is not held, and it is
    /// not the period itself.
    pub fn year_to_count(&self) -> Option<Period> {
        let y = self.year_period()?;
        let held = self.year.as_ref().is_some_and(|r| r.period == y);
        (self.view() == ReportView::Charts && !held && self.period != Some(y)).then_some(y)
    }

    /// The charts of a year period are the period's own report; away from the charts, no
    /// year is held (two years of facts are not kept at once).
    fn adopt_year(&mut self) {
        if self.view() != ReportView::Charts {
            self.year = None;
        } else if self.period.is_some() && self.period == self.year_period() {
            self.year = self.counted_arc();
        }
    }

    fn counted_arc(&self) -> Option<Arc<Report>> {
        self.live.clone().or_else(|| self.report.clone())
    }

    /// The report counted from today's book: the one shown, or a closed period's live count
    /// (its records and definitions are today's).
    pub fn counted(&self) -> Option<&Report> {
        self.live.as_deref().or(self.report.as_deref())
    }

    /// Is a job counting for the pane?
    pub fn computing(&self) -> bool {
        self.asked.as_ref().is_some_and(|a| !a.failed)
    }

    /// The figures of the current view, in order (what ↑↓ select and Enter traces).
    pub fn targets(&self) -> Vec<Target> {
        let Some(r) = &self.report else {
            return vec![];
        };
        match self.view() {
            ReportView::Summary => Figure::ALL
                .iter()
                .map(|f| Target::Figure(*f))
                .chain(
                    r.by_field
                        .iter()
                        .map(|f| Target::FieldPetitions(f.field_id)),
                )
                .collect(),
            ReportView::Table(form) => r
                .table(form)
                .map(|t| t.cells.iter().map(|c| Target::Cell(form, c.no)).collect())
                .unwrap_or_default(),
            ReportView::Rollup => r
                .by_field
                .iter()
                .map(|f| Target::FieldPetitions(f.field_id))
                .collect(),
            ReportView::Charts => vec![],
        }
    }

    /// The selected field of the roll-up view, the report column it is in, and the one it
    /// should go to next (the official columns in order, round).
    pub fn next_rollup(&self) -> Option<(String, String, String)> {
        let r = self.report.as_ref()?;
        if self.view() != ReportView::Rollup {
            return None;
        }
        let Target::FieldPetitions(id) = self.selected_target()? else {
            return None;
        };
        let field = r.fields.iter().find(|f| f.0 == id)?;
        let at = r.columns.iter().position(|c| c.0 == field.3).unwrap_or(0);
        let next = r.columns.get((at + 1) % r.columns.len().max(1))?;
        Some((field.1.clone(), field.3.clone(), next.0.clone()))
    }

    pub fn selected_target(&self) -> Option<Target> {
        self.targets().get(self.selected).copied()
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.view() == ReportView::Charts {
            let n = self.report.as_ref().map(|r| r.by_field.len()).unwrap_or(0) + 1;
            self.chart_field =
                (self.chart_field as isize + delta).clamp(0, n as isize - 1) as usize;
            return;
        }
        let n = self.targets().len();
        if n > 0 {
            self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
        }
    }

    /// Next (or previous) view: summary, the tables, the charts.
    pub fn turn(&mut self, forward: bool) {
        let n = self.views().len();
        self.view = if forward {
            (self.view + 1) % n
        } else {
            (self.view + n - 1) % n
        };
        self.selected = 0;
        self.adopt_year();
    }

    /// Show the charts (or go back to the summary from them).
    pub fn toggle_charts(&mut self) {
        let charts = self.views().len() - 1;
        self.view = if self.view == charts { 0 } else { charts };
        self.selected = 0;
        self.adopt_year();
    }

    /// The next or previous period of the same kind.
    pub fn step_period(&mut self, forward: bool) {
        if let Some(p) = self.period {
            self.go_to(if forward { p.next() } else { p.prev() });
        }
    }

    /// The next kind of period: quarter → 6 months → 9 months → year → month → quarter, the
    /// latest of that kind begun by the end of the current one (or today).
    pub fn cycle_kind(&mut self, today: NaiveDate) {
        let p = self.period_or_latest(today);
        let next = match p.kind {
            PeriodKind::Quarter(_) => PeriodKind::SixMonths,
            PeriodKind::SixMonths => PeriodKind::NineMonths,
            PeriodKind::NineMonths => PeriodKind::Year,
            PeriodKind::Year => PeriodKind::Month(1),
            PeriodKind::Month(_) | PeriodKind::Range => PeriodKind::Quarter(1),
        };
        self.go_to(Period::latest(next, p.to.min(today)));
    }

    /// Another period: the figures of the one before go at once (they are not its, and two
    /// periods' facts are not held at once).
    pub(super) fn go_to(&mut self, period: Period) {
        self.period = Some(period);
        self.report = None;
        self.live = None;
        self.year = None;
        self.changes.clear();
        self.since.clear();
        self.loaded = None;
    }

    /// The job the pane needs, if any: the period's report when it is not as the book is at
    /// `stamp` (or not held), the charts' year when they are shown and it is not held.
    pub fn wanted(&mut self, stamp: store::DataStamp, today: NaiveDate) -> Option<ReportJob> {
        let period = self.period_or_latest(today);
        let current = self.loaded == Some((stamp, today))
            && self.report.as_ref().is_some_and(|r| r.period == period);
        let job = ReportJob {
            period: (!current).then_some(period),
            year: self.year_to_count(),
            today,
            stamp,
            desk: self.desk.clone(),
        };
        (job.period.is_some() || job.year.is_some()).then_some(job)
    }

    /// An XLSX export of the report shown, into `dir`.
    pub fn export_job(&self, dir: PathBuf, lang: Lang) -> Option<ExportJob> {
        Some(ExportJob {
            report: Arc::clone(self.report.as_ref()?),
            unit: self.unit.clone(),
            lang,
            dir,
        })
    }

    /// Write the report as XLSX into `dir` here and now; returns the file written.
    pub fn export(&self, dir: &Path, lang: Lang) -> Result<PathBuf, String> {
        self.export_job(dir.to_path_buf(), lang)
            .ok_or_else(|| "—".to_owned())?
            .write()
    }
}
