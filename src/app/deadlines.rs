//! The transitions of the deadline board, the explanation overlay and the catalog pane.

use super::{App, CatalogSection, Command, Entry, ExplainView, Overlay, Question};
use crate::domain::deadline::Obligation;
use crate::i18n::Msg;

impl App {
    pub(super) fn reload_board(&mut self) {
        let r = self.board.load(&self.store, &self.calendar, self.today);
        self.report(r);
        self.refresh_alerts();
    }

    pub(super) fn refresh_alerts(&mut self) {
        let r = self.store.deadline_alerts(self.today, &self.calendar);
        if let Some(a) = self.report(r) {
            self.alerts = a;
        }
    }

    pub(super) fn reload_catalog(&mut self) {
        let r = self.catalog.load(&self.store, &self.calendar, self.today);
        self.report(r);
    }

    /// `w` on a case: every due date of it, the asked one first.
    pub(super) fn explain(&mut self, case_uid: &str, code: &str, focus: Option<Obligation>) {
        let r = ExplainView::load(&self.store, case_uid, code, focus, self.today);
        if let Some(v) = self.report(r) {
            self.overlays.push(Overlay::Explain(Box::new(v)));
        }
    }

    pub(super) fn apply_board(&mut self, cmd: Command) {
        let page = self.viewport.1.saturating_sub(8).max(1) as isize;
        match cmd {
            Command::Up => self.board.move_by(-1),
            Command::Down => self.board.move_by(1),
            Command::PageUp => self.board.move_by(-page),
            Command::PageDown => self.board.move_by(page),
            Command::First => self.board.move_by(isize::MIN / 2),
            Command::Last => self.board.move_by(isize::MAX / 2),
            Command::Open => match self.board.selected_row().cloned() {
                // A duty of a visit (a refusal's notice) opens the visit.
                Some(r) if r.duty.is_some() => match r.duty.map(|d| d.of) {
                    Some(crate::store::DutyOf::Visit(uid)) => self.open_visit(&uid),
                    // A dialogue's notice opens its case; a promise, the public dialogues.
                    Some(crate::store::DutyOf::Dialogue(_)) => self.open_case_view(&r.case_uid),
                    Some(crate::store::DutyOf::Promise(uid)) => self.open_dialogues(Some(&uid)),
                    _ => {}
                },
                Some(r) => self.open_case_view(&r.case_uid),
                None => {}
            },
            Command::Explain => match self.board.selected_row().cloned() {
                Some(r) if r.duty.is_some() => {
                    let d = r.duty.expect("a duty");
                    self.overlays
                        .push(Overlay::Explain(Box::new(ExplainView::of_duty(
                            &r.code,
                            r.obligation,
                            r.due_on,
                            d.explanation,
                        ))));
                }
                Some(r) => self.explain(&r.case_uid, &r.code, Some(r.obligation)),
                None => {}
            },
            Command::SwitchOfficer => self.open_picker(),
            _ => {}
        }
    }

    pub(super) fn apply_catalog(&mut self, cmd: Command) {
        match cmd {
            Command::Up => self.catalog.move_by(-1),
            Command::Down => self.catalog.move_by(1),
            Command::PageUp => self.catalog.move_by(-10),
            Command::PageDown => self.catalog.move_by(10),
            Command::First => self.catalog.move_by(isize::MIN / 2),
            Command::Last => self.catalog.move_by(isize::MAX / 2),
            Command::SwitchOfficer => self.open_picker(),
            Command::ShowSchedule => self.open_schedule(),
            Command::ShowDialogues => self.open_dialogues(None),
            Command::Left | Command::Right => {
                self.catalog.section = self.catalog.section.step(cmd == Command::Right)
            }
            Command::PrevDay | Command::NextDay => {
                self.catalog.year += if cmd == Command::PrevDay { -1 } else { 1 };
                self.catalog.section = CatalogSection::Calendar;
                self.catalog.day_sel = 0;
                self.reload_catalog();
            }
            Command::EditItem | Command::Open => match self.catalog.section {
                CatalogSection::Rules => {
                    if let Some(rule) = self.catalog.selected_rule() {
                        let e = Entry::for_rule(self.lang, rule, self.today);
                        self.push_entry(e);
                    }
                }
                CatalogSection::Calendar => {
                    let day = self.catalog.selected_day().map(|d| d.day);
                    let e = Entry::for_calendar_day(self.lang, day, self.today);
                    self.push_entry(e);
                }
                CatalogSection::Fields => {
                    if let Some((f, _)) = self.catalog.selected_field() {
                        let columns = self.store.report_columns().unwrap_or_default();
                        let e = Entry::for_field_column(f, columns);
                        self.push_entry(e);
                    }
                }
            },
            Command::AddItem => {
                self.catalog.section = CatalogSection::Calendar;
                let e = Entry::for_calendar_day(self.lang, None, self.today);
                self.push_entry(e);
            }
            // Removing a day asks from when (issue 23), as adding one does.
            Command::RemoveItem if self.catalog.section == CatalogSection::Calendar => {
                if let Some(d) = self.catalog.selected_day() {
                    let e = Entry::for_remove_day(d.day, &d.name, self.today);
                    self.push_entry(e);
                }
            }
            Command::ConfirmYear if !self.catalog.announced => {
                let q = Question::ConfirmYear(self.catalog.year);
                self.overlays.push(Overlay::Confirm(q));
            }
            _ => {}
        }
    }

    /// After the rules or the calendar changed: reload what depends on them.
    pub(super) fn after_catalog_change(&mut self, recomputed: usize) {
        let r = self.store.calendar();
        if let Some(cal) = self.report(r) {
            self.calendar = cal;
        }
        self.reload_catalog();
        self.refresh_alerts();
        self.info(Msg::Recomputed.fill(self.lang, &[&recomputed]));
    }

    pub(super) fn confirm_year(&mut self, year: i32) {
        let r = self.write(|w| w.confirm_year(year));
        if let Some(n) = self.report(r) {
            self.after_catalog_change(n);
        }
    }
}
