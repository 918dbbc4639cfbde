//! The transitions of the reception log, the visit detail and the visit form: moving by day,
//! opening and editing a visit, the form's fields, the draft that survives a crash, and the
//! save — one write that also takes in the case of a thụ lý visit, after asking the officer
//! when the citizen already has an open case in the field.
//!
//! The parts: this file holds the log and the visit detail (moving by day, opening, voiding,
//! revealing a visit); `editing.rs` the visit form open (its fields, leaving an input, the
//! earlier visit found as one types); `save.rs` the save and the questions it asks (a name
//! that clashes, a shared case, a link to an earlier visit); `draft.rs` the draft that
//! survives a crash, and quitting.

mod draft;
mod editing;
mod save;

use super::{App, Command, Overlay, Prompt, PromptPurpose, Question};
use crate::domain::identity::{Record, Viewer};
use crate::domain::text::clean_line;
use crate::i18n::Msg;
use crate::store::VisitDetail;

impl App {
    pub(super) fn apply_log(&mut self, cmd: Command) {
        let page = self.log.page.get().max(1) as isize;
        match cmd {
            Command::Up => self.log.move_by(-1),
            Command::Down => self.log.move_by(1),
            Command::PageUp => self.log.move_by(-page),
            Command::PageDown => self.log.move_by(page),
            Command::First => self.log.first(),
            Command::Last => self.log.last(),
            Command::PrevDay => self.go_to_day(self.log.day.pred_opt().unwrap_or(self.log.day)),
            Command::NextDay => self.go_to_day(self.log.day.succ_opt().unwrap_or(self.log.day)),
            Command::Today => self.go_to_day(self.today),
            Command::GotoDate => self.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
                PromptPurpose::GotoDate,
            )))),
            Command::ExportBook => self.open_book_export(),
            Command::Open => {
                if let Some(uid) = self.log.selected_row().map(|r| r.uid.clone()) {
                    self.open_visit(&uid);
                }
            }
            Command::NewVisit => self.new_visit(),
            Command::EditVisit => {
                if let Some(uid) = self.log.selected_row().map(|r| r.uid.clone()) {
                    let r = self.store.visit_detail(&uid);
                    if let Some(d) = self.report(r) {
                        self.edit_visit(&d);
                    }
                }
            }
            Command::VoidVisit => {
                if let Some(uid) = self.log.selected_row().map(|r| r.uid.clone()) {
                    self.ask_void(&uid);
                }
            }
            Command::SwitchOfficer => self.open_picker(),
            _ => {}
        }
    }

    /// `x`: ask why the visit is voided (a voided one says so).
    fn ask_void(&mut self, uid: &str) {
        let r = self.store.visit_detail(uid);
        let Some(d) = self.report(r) else { return };
        if let Some(reason) = &d.row.void_reason {
            self.error(Msg::VoidedAlready.fill(self.lang, &[reason]));
            return;
        }
        self.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
            PromptPurpose::VoidVisit {
                uid: uid.to_owned(),
                version: d.row.version,
            },
        ))));
    }

    /// Void a visit with its reason (audited; its new case goes with it, or the store refuses
    /// and says where to act instead).
    pub(super) fn void_visit(&mut self, uid: &str, version: i64, reason: &str) {
        let reason = clean_line(reason);
        if reason.is_empty() {
            if let Some(Overlay::Prompt(p)) = self.overlays.last_mut() {
                p.error = Some(Msg::ErrRequired.t(self.lang).to_owned());
            }
            return;
        }
        let r = self.write(|w| w.void_visit(uid, version, &reason));
        match r {
            Ok(()) => {
                self.overlays.pop();
                if let Some(Overlay::Detail(_)) = self.overlays.last() {
                    self.overlays.pop();
                }
                let row = self.store.visit_detail(uid).ok();
                let who = row
                    .as_ref()
                    .map(|d| crate::i18n::person(self.lang, &Viewer::nobody(), &d.row.citizen))
                    .unwrap_or_default();
                let time = row.map(|d| d.row.time).unwrap_or_default();
                self.reload_log(Some(uid));
                self.after_cases_changed();
                self.info(Msg::VisitVoided.fill(self.lang, &[&who, &time, &reason]));
            }
            Err(err) => {
                let text = self.store_error(&err);
                if let Some(Overlay::Prompt(p)) = self.overlays.last_mut() {
                    p.error = Some(text);
                }
            }
        }
    }

    /// The visit shown in full.
    pub(super) fn open_visit(&mut self, uid: &str) {
        let r = self.store.visit_detail(uid);
        if let Some(d) = self.report(r) {
            self.overlays.push(Overlay::Detail(Box::new(d)));
        }
    }

    pub(super) fn apply_detail(&mut self, cmd: Command) {
        let Some(Overlay::Detail(d)) = self.overlays.last() else {
            return;
        };
        match cmd {
            Command::Close => {
                self.overlays.pop();
            }
            Command::EditVisit => {
                let d = d.clone();
                if self.edit_visit(&d) {
                    // The form replaces the detail.
                    if let Some(pos) = self
                        .overlays
                        .iter()
                        .rposition(|o| matches!(o, Overlay::Detail(_)))
                    {
                        self.overlays.remove(pos);
                    }
                }
            }
            Command::Reveal if self.visit_masked(d) => {
                let uid = d.row.uid.clone();
                self.ask_reveal_visit(uid, false);
            }
            Command::AddCase => self.add_case_from_visit(),
            Command::Papers => {
                let label = format!("{} {}", crate::domain::date::format_date(d.day), d.row.time);
                let subject = crate::domain::paper::Subject::Visit {
                    uid: d.row.uid.clone(),
                };
                self.open_papers(subject, label);
            }
            Command::VoidVisit => {
                let uid = d.row.uid.clone();
                self.ask_void(&uid);
            }
            Command::NoticeIssued => {
                if !d.refusal_notice_owed() {
                    self.error(Msg::NoNoticeOwed.t(self.lang).to_owned());
                    return;
                }
                let (uid, version, today) = (d.row.uid.clone(), d.row.version, self.today);
                let r = self.write(|w| w.record_refusal_notice(&uid, version, today, today));
                if self.report(r).is_some() {
                    self.overlays.pop();
                    self.open_visit(&uid);
                    self.reload_board();
                    self.info(
                        Msg::NoticeRecorded
                            .fill(self.lang, &[&crate::domain::date::format_date(today)]),
                    );
                }
            }
            _ => {}
        }
    }

    /// Edit a visit: its form, or first the audited reveal of a denouncer. Returns true when
    /// the form opened.
    fn edit_visit(&mut self, d: &VisitDetail) -> bool {
        if let Some(reason) = &d.row.void_reason {
            self.error(Msg::VoidedAlready.fill(self.lang, &[reason]));
            return false;
        }
        match d.to_draft(&self.viewer) {
            Some(draft) => {
                self.open_form(draft);
                if let Some(f) = self.form_mut() {
                    f.known = Some(d.row.citizen.clone());
                }
                true
            }
            None => {
                self.ask_reveal_visit(d.row.uid.clone(), true);
                false
            }
        }
    }
    /// Is this visit's citizen a denouncer this officer may not see? (Luật Tố cáo Art 8(3))
    pub fn visit_masked(&self, d: &VisitDetail) -> bool {
        !self.viewer.sees(&d.row.citizen)
    }

    fn ask_reveal_visit(&mut self, uid: String, then_edit: bool) {
        self.overlays
            .push(Overlay::Confirm(Question::RevealVisit { uid, then_edit }));
    }

    pub(super) fn reveal_visit(&mut self, uid: &str, then_edit: bool) {
        let r = self.write(|w| w.reveal_visit(uid));
        if self.report(r).is_none() {
            return;
        }
        self.viewer.reveal(Record::Visit(uid.to_owned()));
        self.info(Msg::CaseRevealed.t(self.lang).to_owned());
        // The detail shows the revealed name from its (reloaded) record.
        let r = self.store.visit_detail(uid);
        let Some(d) = self.report(r) else { return };
        for o in self.overlays.iter_mut() {
            if let Overlay::Detail(shown) = o
                && shown.row.uid == uid
            {
                **shown = d.clone();
            }
        }
        if then_edit
            && self.edit_visit(&d)
            && let Some(pos) = self
                .overlays
                .iter()
                .rposition(|o| matches!(o, Overlay::Detail(_)))
        {
            self.overlays.remove(pos);
        }
    }
}
