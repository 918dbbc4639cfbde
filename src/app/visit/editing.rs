//! The visit form open: its fields moved through and typed in, what is checked on leaving an
//! input, the earlier visit of the same citizen found as one types, the form closed.

use crate::app::form::KeyOutcome;
use crate::app::{App, Command, Overlay, Question, VisitForm};
use crate::domain::ident::{check_id_number, check_phone};
use crate::domain::intake::CaseChoice;
use crate::domain::text::clean_line;
use crate::domain::visit::{FormField, VisitDraft, validate};

impl App {
    pub(in crate::app) fn open_form(&mut self, draft: VisitDraft) {
        let form =
            VisitForm::from_draft(draft, &self.fields, self.threshold, self.lang, self.today);
        self.status = None;
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    pub(in crate::app) fn apply_form(&mut self, cmd: Command) {
        match cmd {
            Command::NextField | Command::PrevField => {
                let Some(form) = self.form_mut() else { return };
                let left = form.move_focus(cmd == Command::NextField);
                self.after_leaving(left);
            }
            Command::Up | Command::Down => {
                let Some(form) = self.form_mut() else { return };
                let outcome = form.arrow(cmd == Command::Down);
                self.after_form_key(outcome);
            }
            Command::Save => {
                if let Some(form) = self.form_mut() {
                    form.settle();
                }
                self.save_form(CaseChoice::Ask)
            }
            Command::SwitchOfficer => self.open_picker(),
            Command::Cancel => {
                if self.form_mut().is_some_and(VisitForm::close_dropdown) {
                    return;
                }
                if self.form().is_some_and(VisitForm::is_dirty) {
                    self.overlays.push(Overlay::Confirm(Question::DiscardForm));
                } else {
                    self.close_form();
                }
            }
            _ => {}
        }
    }

    pub(in crate::app) fn after_form_key(&mut self, outcome: KeyOutcome) {
        match outcome {
            KeyOutcome::Changed => {
                if let Some(f) = self.form_mut() {
                    f.mark_changed(None);
                }
            }
            KeyOutcome::Advance => self.command(Command::NextField),
            KeyOutcome::Back => self.command(Command::PrevField),
            KeyOutcome::Nothing => {}
        }
    }

    /// After an input is left: validate, look for a returning citizen, write the draft.
    fn after_leaving(&mut self, left: FormField) {
        self.revalidate();
        let new_visit = self.form().is_some_and(|f| f.editing_uid.is_none());
        if new_visit
            && matches!(
                left,
                FormField::FullName | FormField::IdNumber | FormField::Phone
            )
        {
            self.find_repeat();
        }
        if self.form().is_some_and(VisitForm::is_dirty) {
            if let Some(f) = self.form_mut() {
                f.mark_changed(None);
            }
            self.save_draft();
        }
    }

    pub(super) fn revalidate(&mut self) {
        let codes: Vec<String> = self.fields.iter().map(|f| f.code.clone()).collect();
        let (today, threshold) = (self.today, self.threshold);
        if let Some(form) = self.form_mut() {
            form.problems = validate(&form.to_draft(), today, threshold, &codes).problems;
        }
    }

    pub(super) fn find_repeat(&mut self) {
        // What an earlier match offered goes first: the match is made again from what the
        // officer typed (never from another citizen's phone left behind).
        if let Some(f) = self.form_mut() {
            f.withdraw_offers();
        }
        let Some(form) = self.form() else { return };
        let today = self.today;
        let idn = check_id_number(&form.value(FormField::IdNumber), today)
            .ok()
            .map(|i| i.value);
        let phone = check_phone(&form.value(FormField::Phone))
            .ok()
            .map(|p| p.value);
        let name = clean_line(&form.value(FormField::FullName));
        if idn.is_none() && (phone.is_none() || name.is_empty()) {
            if let Some(f) = self.form_mut() {
                f.repeat = None;
            }
            return;
        }
        let r = self
            .store
            .find_citizen(idn.as_deref(), &name, phone.as_deref());
        let viewer = self.viewer.clone();
        if let Some(found) = self.report(r)
            && let Some(f) = self.form_mut()
        {
            // What the record holds is offered where the officer typed nothing (a denouncer's
            // match carries nothing to offer).
            if let Some(p) = found
                .as_ref()
                .and_then(|m| viewer.particulars_of(&m.person))
            {
                if let Some(phone) = &p.phone {
                    f.offer(FormField::Phone, phone);
                }
                f.offer(FormField::Address, &p.address);
            }
            f.repeat = found;
        }
    }

    pub(in crate::app) fn close_form(&mut self) {
        self.clear_draft();
        // A message about the form (its errors) goes with it.
        self.status = None;
        if let Some(pos) = self
            .overlays
            .iter()
            .rposition(|o| matches!(o, Overlay::Form(_)))
        {
            self.overlays.truncate(pos);
        }
        self.offer_next_draft();
    }
}
