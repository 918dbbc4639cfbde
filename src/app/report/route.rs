//! The report pane's commands on `App`: asking its lane, taking the counts and exports back,
//! the keys of the pane and of its overlays.

use std::path::{Path, PathBuf};

use super::{Asked, DefinitionView, RecordRow, RecordsView, ReportOverlay};
use crate::app::job::report::Counted;
use crate::app::job::{Event, Ticket};
use crate::app::{App, Command, Overlay, Question};
use crate::domain::report::{Period, closable};
use crate::exchange::report_text;
use crate::i18n::Msg;
use crate::store;

impl App {
    /// Showing the pane (or the book changed under it): ask for what it lacks.
    pub(in crate::app) fn reload_report_pane(&mut self) {
        self.ask_report();
    }

    /// Ask the pane's lane for the report it lacks (never twice the same job).
    pub(in crate::app) fn ask_report(&mut self) {
        let stamp = self.store.data_stamp();
        let Some(job) = self.reports.wanted(stamp, self.today) else {
            return;
        };
        if self.reports.asked.as_ref().is_some_and(|a| a.same(&job)) {
            return;
        }
        let ticket = self.jobs.report.ask(job.clone());
        self.reports.asked = Some(Asked {
            ticket,
            job,
            failed: false,
        });
    }

    /// Leaving the pane: the job under way is stale (its result would be dropped).
    pub(in crate::app) fn leave_report_pane(&mut self) {
        if self.reports.computing() {
            self.jobs.report.cancel();
            self.reports.asked = None;
        }
    }

    /// A report job's message: the newest job's result is shown; an older one's dropped.
    pub(in crate::app) fn report_counted(&mut self, ticket: Ticket, event: Event<Counted>) {
        if !self.jobs.report.is_current(ticket) {
            return;
        }
        match event {
            Event::Out(c) => {
                self.reports.asked = None;
                self.reports.take(c);
                self.name_report_desk();
                // The charts shown meanwhile may want their year still.
                if self.pane == crate::app::Pane::Report {
                    self.ask_report();
                }
            }
            Event::Progress(_) => {}
            Event::Failed(e) => {
                if let Some(a) = self.reports.asked.as_mut() {
                    a.failed = true;
                }
                self.report::<()>(Err(e));
            }
        }
    }

    /// An export's message.
    pub(in crate::app) fn report_exported(
        &mut self,
        ticket: Ticket,
        event: Event<Result<(Period, PathBuf), String>>,
    ) {
        if !self.jobs.export.is_current(ticket) {
            return;
        }
        let lang = self.lang;
        match event {
            Event::Out(Ok((period, path))) => {
                // What left the book, and who took it, goes to the journal.
                let file = path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let journaled = match &self.actor {
                    Some(actor) => {
                        let actor = actor.clone();
                        self.store
                            .write(&actor, |w| w.exported(&period, "xlsx", &file))
                    }
                    None => Ok(()),
                };
                match journaled {
                    Ok(()) => self.info(Msg::RpExported.fill(lang, &[&path.display()])),
                    Err(e) => self.error(crate::i18n::store_error(lang, &e)),
                }
            }
            Event::Out(Err(e)) => self.error(Msg::RpExportFailed.fill(lang, &[&e])),
            Event::Failed(e) => {
                let e = self.store_error(&e);
                self.error(Msg::RpExportFailed.fill(lang, &[&e]));
            }
            Event::Progress(_) => {}
        }
    }

    /// Where an export from the pane goes: beside the database, else the data directory.
    pub(in crate::app) fn export_dir(&self) -> PathBuf {
        self.store
            .path()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(crate::cli::data_dir)
    }

    pub(in crate::app) fn apply_report_pane(&mut self, cmd: Command) {
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
                self.reports.turn(cmd == Command::Right);
                self.ask_report();
                Ok(())
            }
            Command::PrevDay | Command::NextDay => {
                self.reports.step_period(cmd == Command::NextDay);
                self.ask_report();
                Ok(())
            }
            Command::PeriodKind => {
                self.reports.cycle_kind(today);
                self.ask_report();
                Ok(())
            }
            Command::Charts => {
                self.reports.toggle_charts();
                self.ask_report();
                Ok(())
            }
            Command::ReportUnit => self.cycle_report_desk(),
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
                if let Err(e) = allowed {
                    self.error(crate::i18n::store_error(lang, &e));
                    return;
                }
                // Written on the export lane; journaled when it is done (`report_exported`).
                match self.reports.export_job(self.export_dir(), lang) {
                    Some(job) => {
                        self.jobs.export.ask(job);
                    }
                    None => self.error(Msg::RpExportFailed.fill(lang, &[&"—"])),
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
                    _ if self.reports.computing() => {
                        self.info(Msg::RpLoading.t(lang).to_owned());
                    }
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
    pub(in crate::app) fn close_period(&mut self, period: Period) {
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
                self.ask_report();
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
        self.ask_report();
        Ok(())
    }

    pub(in crate::app) fn apply_report_overlay(&mut self, cmd: Command) {
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
