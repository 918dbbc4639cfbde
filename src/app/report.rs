//! The reports pane (tab 5, Báo cáo): a period, its computed report, the view (the summary,
//! one official table, or the charts), the selected figure; and its overlays — the records
//! behind a figure (Enter; Enter again opens one) and the figure's definition (`w`).
//!
//! `ReportState` is self-contained: it loads and moves with a `&Store` and a date. The few
//! `App` methods at the end only route commands and open records.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::keymap::Context;
use super::{App, Command, Overlay, Question};
use crate::domain::report::{
    Change, Circular, Figure, Form, Period, PeriodKind, Record, Report, Target, closable,
};
use crate::exchange::report_text::{self, Heading};
use crate::i18n::{Lang, Msg};
use crate::store::{self, Store, TraceCase, TraceVisit};

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
    /// The report shown: a closed period's figures as they were closed, else today's count.
    pub report: Option<Report>,
    /// A closed period: today's book counted again (the records and definitions behind a
    /// figure are its), and the figures it gives differently.
    pub live: Option<Report>,
    pub changes: Vec<Change>,
    /// A closed period whose figures differ: what was written since the closing.
    pub since: Vec<(String, u64)>,
    /// The TT 01/2024 year of the period, for the charts (computed when they are shown).
    pub year: Option<Report>,
    pub unit: String,
    /// Index into `views()`.
    pub view: usize,
    /// The selected row of the summary or table view.
    pub selected: usize,
    /// The field of the visits chart: 0 all fields, i the i-th field.
    pub chart_field: usize,
    /// When the report was counted (the pane on screen recounts only when the book changed).
    pub loaded: store::Loaded,
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

    /// Compute the report of the current period (the quarter under way on the first call).
    pub fn load(&mut self, store: &Store, today: NaiveDate) -> store::Result<()> {
        let period = *self
            .period
            .get_or_insert_with(|| Period::latest(PeriodKind::Quarter(1), today));
        let stamp = store.data_stamp();
        // The previous report goes first: two years of facts are not held at once.
        self.report = None;
        self.live = None;
        let shown = store.shown_report(period, today)?;
        self.unit = shown.unit;
        self.report = Some(shown.report);
        self.live = shown.live;
        self.changes = shown.changes;
        self.since = shown.since;
        if self.view() == ReportView::Charts {
            self.load_year(store, today)?;
        } else {
            self.year = None;
        }
        self.selected = self.selected.min(self.targets().len().saturating_sub(1));
        self.loaded = Some((stamp, today));
        Ok(())
    }

    fn load_year(&mut self, store: &Store, today: NaiveDate) -> store::Result<()> {
        let Some(period) = self.period else {
            return Ok(());
        };
        let year = period.report_year();
        if self.year.as_ref().is_some_and(|y| y.period == year) {
            return Ok(());
        }
        self.year = if self.counted().is_some_and(|r| r.period == year) {
            self.counted().cloned()
        } else {
            Some(store.period_report(year, today)?)
        };
        Ok(())
    }

    /// The report counted from today's book: the one shown, or a closed period's live count
    /// (its records and definitions are today's).
    pub fn counted(&self) -> Option<&Report> {
        self.live.as_ref().or(self.report.as_ref())
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
    pub fn turn(&mut self, store: &Store, today: NaiveDate, forward: bool) -> store::Result<()> {
        let n = self.views().len();
        self.view = if forward {
            (self.view + 1) % n
        } else {
            (self.view + n - 1) % n
        };
        self.selected = 0;
        if self.view() == ReportView::Charts {
            self.load_year(store, today)?;
        }
        Ok(())
    }

    /// Show the charts (or go back to the summary from them).
    pub fn toggle_charts(&mut self, store: &Store, today: NaiveDate) -> store::Result<()> {
        let charts = self.views().len() - 1;
        self.view = if self.view == charts { 0 } else { charts };
        self.selected = 0;
        if self.view() == ReportView::Charts {
            self.load_year(store, today)?;
        }
        Ok(())
    }

    /// The next or previous period of the same kind.
    pub fn step_period(
        &mut self,
        store: &Store,
        today: NaiveDate,
        forward: bool,
    ) -> store::Result<()> {
        if let Some(p) = self.period {
            self.period = Some(if forward { p.next() } else { p.prev() });
        }
        self.load(store, today)
    }

    /// The next kind of period: quarter → 6 months → 9 months → year → month → quarter, the
    /// latest of that kind begun by the end of the current one (or today).
    pub fn cycle_kind(&mut self, store: &Store, today: NaiveDate) -> store::Result<()> {
        let p = self
            .period
            .unwrap_or_else(|| Period::latest(PeriodKind::Quarter(1), today));
        let next = match p.kind {
            PeriodKind::Quarter(_) => PeriodKind::SixMonths,
            PeriodKind::SixMonths => PeriodKind::NineMonths,
            PeriodKind::NineMonths => PeriodKind::Year,
            PeriodKind::Year => PeriodKind::Month(1),
            PeriodKind::Month(_) | PeriodKind::Range => PeriodKind::Quarter(1),
        };
        self.period = Some(Period::latest(next, p.to.min(today)));
        self.load(store, today)
    }

    /// Write the report as XLSX into `dir`; returns the file written.
    pub fn export(&self, dir: &Path, lang: Lang) -> Result<PathBuf, String> {
        let r = self.report.as_ref().ok_or_else(|| "—".to_owned())?;
        let h = Heading {
            unit: &self.unit,
            lang,
        };
        let bytes = crate::exchange::report_xlsx::xlsx(&h, r).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        let path = dir.join(format!("bao-cao-{}.xlsx", r.period.code()));
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    }
}

/// One record behind a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRow {
    Visit(TraceVisit, u64),
    Case(TraceCase, u64),
}

/// Enter on a figure: the records behind it.
#[derive(Debug)]
pub struct RecordsView {
    pub target: Target,
    pub label: String,
    pub period: Period,
    pub value: Option<u64>,
    /// How many records in all (at most `RECORDS_SHOWN` are listed).
    pub total: usize,
    pub rows: Vec<RecordRow>,
    pub selected: usize,
}

impl RecordsView {
    pub fn load(store: &Store, r: &Report, t: Target, lang: Lang) -> store::Result<RecordsView> {
        let all = match r.target_measure(&t) {
            Ok(m) => r.trace(&m),
            Err(_) => vec![],
        };
        let shown = &all[..all.len().min(RECORDS_SHOWN)];
        let (vids, cids) = report_text::split_records(shown);
        let mut visits = store.trace_visits(&vids)?.into_iter();
        let mut cases = store.trace_cases(&cids)?.into_iter();
        let rows = shown
            .iter()
            .filter_map(|(rec, n)| match rec {
                Record::Visit(_) => visits.next().map(|v| RecordRow::Visit(v, *n)),
                Record::Case(_) => cases.next().map(|c| RecordRow::Case(c, *n)),
            })
            .collect();
        Ok(RecordsView {
            target: t,
            label: report_text::target_label(lang, r, &t),
            period: r.period,
            value: r.target_value(&t),
            total: all.len(),
            rows,
            selected: 0,
        })
    }
}

/// `w` on a figure: its definition.
#[derive(Debug)]
pub struct DefinitionView {
    pub label: String,
    pub lines: Vec<String>,
}

/// The overlays of the pane.
#[derive(Debug)]
pub enum ReportOverlay {
    Records(RecordsView),
    Definition(DefinitionView),
}

impl ReportOverlay {
    pub fn context(&self) -> Context {
        match self {
            ReportOverlay::Records(_) => Context::ReportRecords,
            ReportOverlay::Definition(_) => Context::ReportDefinition,
        }
    }
}

impl App {
    /// Showing the pane: compute the report of its period (the quarter under way at first).
    pub(super) fn reload_report_pane(&mut self) {
        let r = self.reports.load(&self.store, self.today);
        self.report(r);
    }

    /// Where an export from the pane goes: beside the database, else the data directory.
    fn export_dir(&self) -> PathBuf {
        self.store
            .path()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(crate::cli::data_dir)
    }

    pub(super) fn apply_report_pane(&mut self, cmd: Command) {
        let (today, lang) = (self.today, self.lang);
        let page = self.viewport.1.saturating_sub(10).max(1) as isize;
        let delta = match cmd {
            Command::Up => Some(-1),
            Command::Down => Some(1),
            Command::PageUp => Some(-page),
            Command::PageDown => Some(page),
            Command::First => Some(isize::MIN / 2),
            Command::Last => Some(isize::MAX / 2),
            _ => None,
        };
        if let Some(delta) = delta {
            self.reports.move_by(delta);
            return;
        }
        let r = match cmd {
            Command::Left | Command::Right => {
                self.reports.turn(&self.store, today, cmd == Command::Right)
            }
            Command::PrevDay | Command::NextDay => {
                self.reports
                    .step_period(&self.store, today, cmd == Command::NextDay)
            }
            Command::PeriodKind => self.reports.cycle_kind(&self.store, today),
            Command::Charts => self.reports.toggle_charts(&self.store, today),
            Command::Open => {
                if let (Some(t), Some(r)) = (self.reports.selected_target(), self.reports.counted())
                {
                    match RecordsView::load(&self.store, r, t, lang) {
                        Ok(v) => {
                            self.overlays
                                .push(Overlay::Report(Box::new(ReportOverlay::Records(v))));
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                } else {
                    Ok(())
                }
            }
            Command::Explain => {
                if let (Some(t), Some(r)) = (self.reports.selected_target(), self.reports.counted())
                {
                    let v = DefinitionView {
                        label: report_text::target_label(lang, r, &t),
                        lines: report_text::definition(lang, r, &t),
                    };
                    self.overlays
                        .push(Overlay::Report(Box::new(ReportOverlay::Definition(v))));
                }
                Ok(())
            }
            Command::Export => {
                // Refused before any file is written when the officer may not export.
                let allowed = match (self.actor.clone(), self.reports.period) {
                    (Some(actor), Some(p)) => {
                        self.store.check(&actor, |w| w.exported(&p, "xlsx", ""))
                    }
                    _ => Ok(()),
                };
                let exported = match allowed {
                    Ok(()) => self.reports.export(&self.export_dir(), lang),
                    Err(e) => {
                        self.error(crate::i18n::store_error(lang, &e));
                        return;
                    }
                };
                match exported {
                    Ok(path) => {
                        // What left the book, and who took it, goes to the journal.
                        let file = path
                            .file_name()
                            .map(|f| f.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let journaled = match (&self.actor, self.reports.period) {
                            (Some(actor), Some(p)) => {
                                let actor = actor.clone();
                                self.store.write(&actor, |w| w.exported(&p, "xlsx", &file))
                            }
                            _ => Ok(()),
                        };
                        match journaled {
                            Ok(()) => self.info(Msg::RpExported.fill(lang, &[&path.display()])),
                            Err(e) => self.error(crate::i18n::store_error(lang, &e)),
                        }
                    }
                    Err(e) => self.error(Msg::RpExportFailed.fill(lang, &[&e])),
                }
                Ok(())
            }
            Command::SwitchOfficer => {
                self.open_picker();
                Ok(())
            }
            Command::EditItem => self.change_rollup(),
            Command::ClosePeriod => {
                match (&self.reports.period, &self.reports.report) {
                    (Some(p), Some(r)) if r.closed.is_none() && closable(p, today) => {
                        self.overlays
                            .push(Overlay::Confirm(Question::ClosePeriod(*p)));
                    }
                    (Some(_), Some(r)) if r.closed.is_some() => {
                        if let Some(c) = &r.closed {
                            self.error(
                                Msg::ErrClosingAlready.fill(
                                    lang,
                                    &[&crate::domain::date::format_stamp(&c.at), &c.by],
                                ),
                            );
                        }
                    }
                    _ => self.error(Msg::ErrClosingNotOver.t(lang).to_owned()),
                }
                Ok(())
            }
            _ => Ok(()),
        };
        self.report(r);
    }

    /// Close `period` (chốt số liệu) on behalf of the officer at the keyboard, through the one
    /// write path (audited); the pane then shows the stored figures.
    pub(super) fn close_period(&mut self, period: Period) {
        let today = self.today;
        match self.write(|w| w.close_period(&period, today)) {
            Ok(c) => {
                let lang = self.lang;
                self.info(Msg::RpClosedNow.fill(
                    lang,
                    &[
                        &crate::i18n::period_full(lang, &period),
                        &c.digest.chars().take(16).collect::<String>(),
                    ],
                ));
                let r = self.reports.load(&self.store, today);
                self.report(r);
            }
            Err(e) => {
                self.report::<()>(Err(e));
            }
        }
    }

    /// `e` in the roll-up view: the selected field goes to the next official column (an
    /// audited write on behalf of the officer at the keyboard); the report is counted again.
    fn change_rollup(&mut self) -> store::Result<()> {
        let Some((field, seen, column)) = self.reports.next_rollup() else {
            return Ok(());
        };
        self.write(|w| w.set_field_report_column(&field, &seen, &column))?;
        self.fields = self.store.fields()?;
        self.reports.load(&self.store, self.today)
    }

    pub(super) fn apply_report_overlay(&mut self, cmd: Command) {
        let page = self.viewport.1.saturating_sub(8).max(1) as isize;
        let Some(Overlay::Report(o)) = self.overlays.last_mut() else {
            return;
        };
        match (o.as_mut(), cmd) {
            (_, Command::Close) => {
                self.overlays.pop();
            }
            (
                ReportOverlay::Records(v),
                Command::Up | Command::Down | Command::PageUp | Command::PageDown,
            ) => {
                let delta = match cmd {
                    Command::Up => -1,
                    Command::Down => 1,
                    Command::PageUp => -page,
                    _ => page,
                };
                let n = v.rows.len() as isize;
                if n > 0 {
                    v.selected = (v.selected as isize + delta).clamp(0, n - 1) as usize;
                }
            }
            (ReportOverlay::Records(v), Command::Open) => match v.rows.get(v.selected).cloned() {
                Some(RecordRow::Visit(row, _)) => self.open_visit(&row.uid),
                Some(RecordRow::Case(row, _)) => self.open_case_view(&row.uid),
                None => {}
            },
            _ => {}
        }
    }
}
