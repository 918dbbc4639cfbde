//! The visit form saved: one write that also takes in the case of a thụ lý visit (after
//! asking when the citizen already has an open case in the field), and the answers to what
//! the save asks — a name that clashes, a shared case, a link to an earlier visit.

use crate::app::{App, Command, NameClash, Overlay, PendingIntake, Question, RepeatLink};
use crate::domain::identity::{Context, NameCompare, Person, Viewer};
use crate::domain::intake::CaseChoice;
use crate::domain::visit::{FormField, validate};
use crate::i18n::{self, Msg};
use crate::store::{DRAFT_VISIT_FORM, StoreError, VisitInput};

impl App {
    /// Save the form: a new visit (with its intake, as `choice` says) or an edit.
    pub(in crate::app) fn save_form(&mut self, choice: CaseChoice) {
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
    pub(in crate::app) fn answer_name_clash(&mut self, c: NameClash, answer: Command) {
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
                            e.focus_key(crate::app::EntryKey::IdNumber);
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
    pub(in crate::app) fn answer_shared_case(
        &mut self,
        what: crate::store::EditWhat,
        answer: Command,
    ) {
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
    pub(in crate::app) fn answer_link(&mut self, l: RepeatLink, same_matter: bool) {
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
}
