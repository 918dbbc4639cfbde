//! The transitions of the reception log, the visit detail and the visit form: moving by day,
//! opening and editing a visit, the form's fields, the draft that survives a crash, and the
//! save — one write that also takes in the case of a thụ lý visit, after asking the officer
//! when the citizen already has an open case in the field.

use super::form::KeyOutcome;
use super::{
    App, Command, NameClash, Overlay, PendingIntake, Prompt, PromptPurpose, Question, RepeatLink,
    VisitForm,
};
use crate::domain::ident::{check_id_number, check_phone};
use crate::domain::identity::{Context, NameCompare, Person, Record, Viewer};
use crate::domain::intake::CaseChoice;
use crate::domain::text::clean_line;
use crate::domain::visit::{FormField, VisitDraft, validate};
use crate::i18n::{self, Msg};
use crate::store::{DRAFT_VISIT_FORM, StoreError, VisitDetail, VisitInput};

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

    pub(super) fn open_form(&mut self, draft: VisitDraft) {
        let form =
            VisitForm::from_draft(draft, &self.fields, self.threshold, self.lang, self.today);
        self.status = None;
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    pub(super) fn apply_form(&mut self, cmd: Command) {
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

    pub(super) fn after_form_key(&mut self, outcome: KeyOutcome) {
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

    fn revalidate(&mut self) {
        let codes: Vec<String> = self.fields.iter().map(|f| f.code.clone()).collect();
        let (today, threshold) = (self.today, self.threshold);
        if let Some(form) = self.form_mut() {
            form.problems = validate(&form.to_draft(), today, threshold, &codes).problems;
        }
    }

    fn find_repeat(&mut self) {
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

    /// Save the form: a new visit (with its intake, as `choice` says) or an edit.
    pub(super) fn save_form(&mut self, choice: CaseChoice) {
        let codes: Vec<String> = self.fields.iter().map(|f| f.code.clone()).collect();
        let (today, threshold, lang) = (self.today, self.threshold, self.lang);
        let viewer = self.viewer.clone();
        let Some(form) = self.form_mut() else { return };
        let draft = form.to_draft();
        let v = validate(&draft, today, threshold, &codes);
        form.problems = v.problems.clone();
        form.show_all = true;
        let Some(valid) = v.visit else {
            let errors: Vec<FormField> = v.errors().map(|(f, _)| *f).collect();
            let mut distinct = errors.clone();
            distinct.dedup();
            if let Some(first) = errors.first() {
                form.focus_on(*first);
            }
            self.error(Msg::FormHasErrors.fill(lang, &[&distinct.len()]));
            return;
        };
        // The ID number is on record under another name: the officer says who this is.
        let rename = match (form.recorded(), form.rename_answer()) {
            (Some(p), None)
                if viewer.compare_name(p, &valid.full_name) == NameCompare::Different =>
            {
                let clash = NameClash {
                    pending: PendingIntake::Visit,
                    stored: p.clone(),
                    typed: valid.full_name.clone(),
                };
                self.overlays
                    .push(Overlay::Confirm(Question::NameClash(Box::new(clash))));
                return;
            }
            (_, answer) => answer.unwrap_or(false),
        };
        let input = VisitInput {
            visit: &valid,
            day: valid.day,
            time: valid.time.clone(),
            citizen: form.repeat.as_ref().map(|r| r.known()),
            rename_citizen: rename,
            shared: form.shared,
        };
        let editing = form.editing_uid.clone().zip(form.editing_version);
        let field = self
            .fields
            .iter()
            .find(|f| f.code == valid.field_code)
            .map(|f| f.name.clone())
            .unwrap_or_default();
        let result = match &editing {
            Some((uid, version)) => {
                let (uid, version) = (uid.clone(), *version);
                self.write_form(DRAFT_VISIT_FORM, |w| {
                    w.update_visit(&uid, version, &input, &choice)
                })
                .map(|case| (uid, case))
            }
            None => self
                .write_form(DRAFT_VISIT_FORM, |w| w.save_visit(&input, &choice))
                .map(|s| (s.uid, s.case)),
        };
        // Who the visit was of, as the identity rule lets a message say it.
        let who = Person::of(
            valid.full_name.clone(),
            Context::of_visit(
                valid.petition_type,
                &editing.as_ref().map(|e| e.0.clone()).unwrap_or_default(),
                None,
                false,
            ),
        );
        match result {
            Ok((uid, case)) => {
                let day = input.day;
                self.close_form();
                let r = self.log.load(&self.store, day, self.threshold, Some(&uid));
                self.report(r);
                // The name as recorded (an ID match keeps the stored one unless corrected).
                let who = self
                    .log
                    .rows
                    .iter()
                    .find(|r| r.uid == uid)
                    .map(|r| r.citizen.clone())
                    .unwrap_or(who);
                // The status line outlives every view: it names nobody a reveal showed.
                let who = i18n::person(lang, &Viewer::nobody(), &who);
                let mut msg = if editing.is_some() {
                    Msg::FormUpdated.fill(lang, &[&who])
                } else {
                    Msg::FormSaved.fill(lang, &[&who])
                };
                if let Some(c) = case {
                    let m = if c.joined {
                        Msg::CaseLinked
                    } else {
                        Msg::CaseOpened
                    };
                    msg = format!("{msg} {}", m.fill(lang, &[&c.code]));
                }
                if !valid.transfer_agency.is_empty() {
                    let to = Msg::TransferredTo.fill(lang, &[&valid.transfer_agency]);
                    msg = format!("{msg} {to}");
                }
                self.info(msg);
                self.after_cases_changed();
            }
            Err(StoreError::OpenCaseExists { case_uid, code }) => {
                let link = RepeatLink {
                    pending: PendingIntake::Visit,
                    case_uid: case_uid.clone(),
                    code: code.clone(),
                    citizen: Person::of(
                        valid.full_name.clone(),
                        Context::of_case(
                            crate::domain::case::CaseType::from_petition(valid.petition_type),
                            &case_uid,
                            &code,
                            false,
                        ),
                    ),
                    field,
                };
                self.overlays
                    .push(Overlay::Confirm(Question::LinkRepeat(Box::new(link))));
            }
            Err(StoreError::SharedCase { code, others, what }) => {
                self.overlays.push(Overlay::Confirm(Question::SharedCase {
                    code,
                    others,
                    what,
                }));
            }
            // The form stays as typed; another desk's change is offered to be carried onto.
            Err(e) => {
                if let StoreError::Conflict {
                    what: "visit",
                    changed_at,
                } = &e
                    && self.offer_visit_carry_over(changed_at.clone())
                {
                    return;
                }
                let text = self.store_error(&e);
                self.error(Msg::FormSaveFailed.fill(lang, &[&text]));
            }
        }
    }

    /// The officer answered "the same person?" for a name that differs from the record.
    pub(super) fn answer_name_clash(&mut self, c: NameClash, answer: Command) {
        let rename = match answer {
            Command::Confirm => false,
            Command::Amend => true,
            _ => {
                // Not the same person: the number is wrong.
                match c.pending {
                    PendingIntake::Visit => {
                        if let Some(f) = self.form_mut() {
                            f.focus_on(FormField::IdNumber);
                        }
                    }
                    PendingIntake::Written(_) => {
                        if let Some(Overlay::Entry(e)) = self.overlays.last_mut() {
                            e.focus_key(super::EntryKey::IdNumber);
                        }
                    }
                }
                self.info(Msg::NameClashFixId.t(self.lang).to_owned());
                return;
            }
        };
        match c.pending {
            PendingIntake::Visit => {
                if let Some(f) = self.form_mut() {
                    f.rename = Some((
                        f.value(FormField::FullName),
                        f.value(FormField::IdNumber),
                        rename,
                    ));
                }
                self.save_form(CaseChoice::Ask);
            }
            PendingIntake::Written(w) => {
                let (mut who, case) = *w;
                who.rename = Some(rename);
                self.take_in_written(&who, &case, CaseChoice::Ask);
            }
        }
    }

    /// The officer answered "the whole case, or only this visit?" for a correction of a
    /// visit whose case holds other visits.
    pub(super) fn answer_shared_case(&mut self, what: crate::store::EditWhat, answer: Command) {
        use crate::store::SharedCaseChoice as S;
        let choice = match answer {
            // A kind never crosses a shared case: only "this visit leaves" is an answer.
            Command::Confirm if what == crate::store::EditWhat::Type => {
                self.info(Msg::SharedCaseTypeOnlyLeave.t(self.lang).to_owned());
                return;
            }
            Command::Confirm => S::Follow,
            Command::Deny => S::Leave,
            _ => {
                self.info(Msg::SharedPostponed.t(self.lang).to_owned());
                return;
            }
        };
        if let Some(f) = self.form_mut() {
            f.shared = choice;
        }
        self.save_form(CaseChoice::Ask);
    }

    /// The officer answered "the same matter?" for a petition waiting under the question.
    pub(super) fn answer_link(&mut self, l: RepeatLink, same_matter: bool) {
        let choice = if same_matter {
            CaseChoice::Join(l.case_uid.clone())
        } else {
            CaseChoice::OpenNew
        };
        match l.pending {
            PendingIntake::Visit => self.save_form(choice),
            PendingIntake::Written(w) => {
                let (who, case) = *w;
                self.take_in_written(&who, &case, choice);
            }
        }
    }

    pub(super) fn close_form(&mut self) {
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

    /// Write the open form as a draft now.
    pub fn save_draft(&mut self) {
        let Some(form) = self.form() else { return };
        let Ok(payload) = serde_json::to_string(&form.to_draft()) else {
            return;
        };
        let stamp = self.now().format("%H:%M:%S").to_string();
        if self.store.is_read_only() {
            return;
        }
        let window = self.window.clone();
        let r = self.write(|w| w.save_draft(DRAFT_VISIT_FORM, &window, &payload));
        if self.report(r).is_some()
            && let Some(f) = self.form_mut()
        {
            f.unsaved_since = None;
            f.draft_saved_at = Some(stamp);
        }
    }

    /// This window's draft is done with (saved or discarded).
    pub(super) fn clear_draft(&mut self) {
        let window = self.window.clone();
        self.discard_draft(&window);
    }

    /// Remove the draft of `window`.
    pub(super) fn discard_draft(&mut self, window: &str) {
        if self.actor.is_some() && !self.store.is_read_only() {
            let r = self.write(|w| w.clear_draft(DRAFT_VISIT_FORM, window));
            self.report(r);
        }
    }

    /// Restore a draft typed in `window` (gone since): claimed for this window in one
    /// transaction — another window that claimed it first wins, and this one says so — then
    /// it becomes this window's form, as typed.
    pub(super) fn restore_draft(&mut self, window: &str) {
        let me = self.window.clone();
        let r = self.write(|w| w.claim_draft(DRAFT_VISIT_FORM, window, &me));
        let Some(payload) = self.report(r) else {
            self.offer_next_draft();
            return;
        };
        let Ok(d) = serde_json::from_str::<VisitDraft>(&payload) else {
            return;
        };
        // An edit goes on against its citizen as recorded (a changed name is asked about).
        let known = d
            .editing_uid
            .as_deref()
            .and_then(|uid| self.store.visit_detail(uid).ok())
            .map(|v| v.row.citizen);
        self.open_form(d);
        if let Some(f) = self.form_mut() {
            // Restored text counts as typed: show its problems and keep it dirty. An empty
            // input says nothing yet, as on a new form ("Bắt buộc nhập" waits for a save).
            f.initial = VisitDraft::default();
            f.touch_filled();
            f.known = known;
        }
        self.revalidate();
        self.find_repeat();
    }

    pub(super) fn quit_now(&mut self) {
        if self.form().is_some_and(VisitForm::is_dirty) {
            self.save_draft();
        }
        self.save_entry_draft();
        self.should_quit = true;
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
