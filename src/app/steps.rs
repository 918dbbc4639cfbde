//! Recording a step of a case (asking first when it cannot be undone) and saving the small
//! forms: a step, a new case from a written petition or a visit, a catalog entry. A refused
//! save keeps the form as typed and says why.

use super::{
    App, CaseView, Command, Entry, EntryInput, EntryKey, EntryPurpose, NameClash, Overlay,
    PendingIntake, PendingStep, Question, RepeatLink, WrittenCitizen,
};
use crate::domain::case::{self, Action, CaseType, Outcome, RefusalReason};
use crate::domain::date::parse_date;
use crate::domain::ident::{check_id_number, check_phone};
use crate::domain::identity::{Context, NameCompare, Person};
use crate::domain::intake::CaseChoice;
use crate::domain::text::clean_line;
use crate::i18n::{self, Msg};
use crate::store::{CaseSource, CitizenInput, DRAFT_ENTRY_FORM, NewCase, StepInput, StoreError};

impl App {
    /// Offer the form of a step, or say why the law does not allow it now.
    pub(super) fn begin_step(&mut self, view: &CaseView, action: Action) {
        let allowed = case::key_allowed(&view.facts, action);
        if !allowed {
            // Why, with the article where the law says more than the status (issue 18), and
            // the step to take first when one opens the way (issue 17).
            let mut text = super::duties::not_allowed(self.lang, &view.facts, action);
            if let Some(first) = case::first_do(&view.facts, action) {
                let (label, key) = step_key(first);
                let hint =
                    Msg::StepFirstDo.fill(self.lang, &[&label.t(self.lang).to_lowercase(), &key]);
                text = format!("{} — {hint}", text.trim_end_matches('.'));
            }
            self.error(text);
            return;
        }
        let officers: Vec<(i64, String)> = self
            .store
            .officers()
            .unwrap_or_default()
            .into_iter()
            .map(|o| (o.id, o.full_name))
            .collect();
        let e = Entry::for_step(self.lang, view, action, self.today, &officers);
        self.status = None;
        self.push_entry(e);
    }

    pub(super) fn entry_mut(&mut self) -> Option<&mut Entry> {
        match self.overlays.last_mut() {
            Some(Overlay::Entry(e)) => Some(e.as_mut()),
            _ => None,
        }
    }

    pub(super) fn apply_entry(&mut self, cmd: Command) {
        let Some(e) = self.entry_mut() else { return };
        match cmd {
            Command::NextField | Command::PrevField => {
                e.move_focus(cmd == Command::NextField);
                self.save_entry_draft();
            }
            Command::Up | Command::Down => {
                if let EntryInput::Choice(c) = &mut e.focused().input {
                    c.move_highlight(cmd == Command::Down);
                }
            }
            Command::Submit => {
                if !e.pick() {
                } else if e.focus + 1 < e.rows.len() {
                    e.move_focus(true);
                } else {
                    self.save_entry();
                }
            }
            Command::Save => self.save_entry(),
            Command::SwitchOfficer => self.open_picker(),
            Command::Cancel if !e.close_dropdown() => self.cancel_entry(),
            _ => {}
        }
    }

    pub(super) fn save_entry(&mut self) {
        let lang = self.lang;
        let today = self.today;
        let Some(e) = self.entry_mut() else { return };
        // A choice being typed or moved to takes its highlighted match.
        e.settle();
        let mut errors = Vec::new();
        for r in &e.rows {
            let empty = match &r.input {
                EntryInput::Text(ta) => ta.lines().join("").trim().is_empty(),
                EntryInput::Choice(c) => c.chosen.is_none(),
            };
            if r.required && empty {
                errors.push((r.key, Msg::ErrRequired.t(lang).to_owned()));
            }
            if let EntryInput::Text(ta) = &r.input {
                let got = super::bounded::chars_in(ta);
                if got > r.key.max_len() {
                    errors.push((r.key, i18n::too_long(lang, r.key.max_len(), got)));
                }
            }
        }
        let future_ok = matches!(e.purpose, EntryPurpose::CalendarDay);
        // A catalog change's effective date (issue 23): any day, a rule's within its period.
        let effective_from = if e.has(EntryKey::EffectiveFrom) {
            match parse_date(&e.value(EntryKey::EffectiveFrom), today) {
                Ok(d) => match &e.purpose {
                    EntryPurpose::Rule { seen } if !seen.in_force(d) => {
                        let period = format!(
                            "{}–{}",
                            crate::domain::date::format_date(seen.effective_from),
                            seen.effective_to
                                .map(crate::domain::date::format_date)
                                .unwrap_or_default()
                        );
                        errors.push((
                            EntryKey::EffectiveFrom,
                            Msg::ErrEffectiveOutside.fill(lang, &[&period]),
                        ));
                        today
                    }
                    _ => d,
                },
                Err(err) => {
                    if !e.value(EntryKey::EffectiveFrom).is_empty() {
                        errors.push((
                            EntryKey::EffectiveFrom,
                            crate::i18n::date_error(lang, &err).to_owned(),
                        ));
                    }
                    today
                }
            }
        } else {
            today
        };
        let day = if e.has(EntryKey::Day) {
            match parse_date(&e.value(EntryKey::Day), today) {
                Ok(d) if d > today && !future_ok => {
                    errors.push((EntryKey::Day, Msg::ErrFutureDate.t(lang).to_owned()));
                    None
                }
                Ok(d) => Some(d),
                Err(err) => {
                    if !e.value(EntryKey::Day).is_empty() {
                        errors.push((
                            EntryKey::Day,
                            crate::i18n::date_error(lang, &err).to_owned(),
                        ));
                    }
                    None
                }
            }
        } else {
            Some(today)
        };
        let id_number = match e.value(EntryKey::IdNumber) {
            v if v.is_empty() => None,
            v => match check_id_number(&v, today) {
                Ok(id) => Some(id),
                Err(err) => {
                    let p = crate::domain::visit::Problem::Id(err);
                    errors.push((EntryKey::IdNumber, i18n::problem(lang, &p)));
                    None
                }
            },
        };
        let phone = match e.value(EntryKey::Phone) {
            v if v.is_empty() => None,
            v => match check_phone(&v) {
                Ok(p) => Some(p),
                Err(err) => {
                    let p = crate::domain::visit::Problem::Phone(err);
                    errors.push((EntryKey::Phone, i18n::problem(lang, &p)));
                    None
                }
            },
        };
        if e.value(EntryKey::Source) == CaseSource::Forwarded.code()
            && e.value(EntryKey::ForwardedBy).is_empty()
        {
            errors.push((
                EntryKey::ForwardedBy,
                Msg::ErrForwardedNeedsAgency.t(lang).to_owned(),
            ));
        }
        let number = |key: EntryKey, min: u32, errors: &mut Vec<(EntryKey, String)>| {
            if !e.has(key) {
                return 0;
            }
            match e.value(key).parse::<u32>() {
                Ok(n) if (min..=366).contains(&n) => n,
                _ => {
                    errors.push((key, Msg::ErrDaysRange.t(lang).to_owned()));
                    0
                }
            }
        };
        let days = number(EntryKey::Days, 1, &mut errors);
        let extension_days = number(EntryKey::ExtensionDays, 0, &mut errors);
        if !errors.is_empty() {
            // The first input to fix, its text selected as when tabbing into it: the first key
            // typed replaces it.
            e.focus_key(errors[0].0);
            let n = errors.len();
            e.errors = errors;
            self.error(Msg::FormHasErrors.fill(lang, &[&n]));
            return;
        }
        e.errors.clear();
        let day = day.unwrap_or(today);
        match e.purpose.clone() {
            p @ (EntryPurpose::Rule { .. }
            | EntryPurpose::FieldColumn { .. }
            | EntryPurpose::CalendarDay
            | EntryPurpose::RemoveDay { .. }) => {
                self.save_catalog_entry(p, day, effective_from, days, extension_days)
            }
            EntryPurpose::Step {
                case_uid,
                code,
                action,
                version,
                ..
            } => {
                let chosen = e.value(EntryKey::Choice);
                let action = match action {
                    Action::ClassifyOwn => Action::from_code(&chosen).unwrap_or(action),
                    a => a,
                };
                let input = StepInput {
                    day: Some(day),
                    note: e.value(EntryKey::Note),
                    document_no: e.value(EntryKey::DocumentNo),
                    agency: e.value(EntryKey::Agency),
                    reason: RefusalReason::from_code(&chosen),
                    outcome: Outcome::from_code(&chosen),
                    assignee: if action == Action::Assign {
                        chosen.parse().ok()
                    } else {
                        None
                    },
                    result_requested: e.value(EntryKey::ResultRequested) == "1",
                    ..StepInput::default()
                };
                let pending = PendingStep {
                    case_uid,
                    code,
                    version,
                    action,
                    input,
                };
                // The form stays under the question and until the step is written: a refusal
                // or a conflict keeps the note as typed. A step that cannot be undone is asked
                // about only once the book would take it (its date, the law, the version).
                if !action.is_irreversible() {
                    self.commit_step(&pending);
                    return;
                }
                let p = &pending;
                match self
                    .check(|w| w.case_step(&p.case_uid, Some(p.version), p.action, &p.input, today))
                {
                    Ok(_) => self
                        .overlays
                        .push(Overlay::Confirm(Question::ConfirmStep(Box::new(pending)))),
                    Err(err) => self.step_failed(&pending, err),
                }
            }
            EntryPurpose::TimeBar {
                case_uid, version, ..
            } => self.save_time_bar(&case_uid, version, day),
            EntryPurpose::Dialogue { seen } => self.save_dialogue_entry(&seen),
            EntryPurpose::Promise { seen } => self.save_promise_entry(&seen),
            EntryPurpose::Intake { visit_uid, .. } => {
                let Some(case_type) = CaseType::from_code(&e.value(EntryKey::CaseType)) else {
                    return;
                };
                let new_case = NewCase {
                    case_type,
                    field_code: e.value(EntryKey::Field),
                    summary: e.value(EntryKey::Summary),
                    source: if visit_uid.is_some() {
                        CaseSource::Visit
                    } else {
                        CaseSource::from_code(&e.value(EntryKey::Source))
                            .unwrap_or(CaseSource::Post)
                    },
                    forwarded_by: e.value(EntryKey::ForwardedBy),
                    forwarding_doc: e.value(EntryKey::ForwardingDoc),
                    forwarder_kind: crate::domain::case::ForwarderKind::from_code(
                        &e.value(EntryKey::ForwarderKind),
                    ),
                    received_on: day,
                    remote: e.value(EntryKey::Remote) == "1",
                };
                match visit_uid {
                    // Another case from a visit (a petition with several contents).
                    Some(vuid) => {
                        let r = self.write_form(DRAFT_ENTRY_FORM, |w| {
                            w.open_case_from_visit(&vuid, &new_case)
                        });
                        self.after_entry_saved(r, |app, c| {
                            app.info(Msg::CaseOpened.fill(app.lang, &[&c.code]));
                            app.after_case_change(&c.uid);
                        });
                    }
                    // A written petition: its citizen is found or created in the same write,
                    // and a repeat of an open case is asked about first.
                    None => {
                        let who = WrittenCitizen {
                            full_name: clean_line(&e.value(EntryKey::FullName)),
                            id_number,
                            phone,
                            address: e.value(EntryKey::Address),
                            known: None,
                            rename: None,
                        };
                        self.take_in_written(&who, &new_case, CaseChoice::Ask);
                    }
                }
            }
        }
    }

    /// After a write from an entry form: close it and go on, or keep it as typed and say why.
    pub(super) fn after_entry_saved<T>(
        &mut self,
        r: crate::store::Result<T>,
        then: impl FnOnce(&mut Self, T),
    ) {
        match r {
            Ok(v) => {
                if matches!(self.overlays.last(), Some(Overlay::Entry(_))) {
                    self.close_entry();
                }
                then(self, v);
            }
            Err(err) => {
                // Another desk's change: offer to carry what was typed onto it.
                if matches!(err, StoreError::Conflict { .. }) && self.offer_entry_carry_over() {
                    return;
                }
                let text = self.store_error(&err);
                self.error(Msg::FormSaveFailed.fill(self.lang, &[&text]));
            }
        }
    }

    /// Take in a written petition with its citizen (found, or created); a repeat of an open
    /// case of the citizen in the field is asked about first.
    pub(super) fn take_in_written(&mut self, w: &WrittenCitizen, c: &NewCase, choice: CaseChoice) {
        // An ID number on record under another name: the officer says who this is first.
        if w.rename.is_none() {
            let known = self.store.find_citizen(
                w.id_number.as_ref().map(|i| i.value.as_str()),
                &w.full_name,
                w.phone.as_ref().map(|p| p.value.as_str()),
            );
            if let Ok(Some(m)) = known
                && self.viewer.compare_name(&m.person, &w.full_name) == NameCompare::Different
            {
                let clash = NameClash {
                    pending: PendingIntake::Written(Box::new((w.clone(), c.clone()))),
                    stored: m.person,
                    typed: w.full_name.clone(),
                };
                self.overlays
                    .push(Overlay::Confirm(Question::NameClash(Box::new(clash))));
                return;
            }
        }
        let who = CitizenInput {
            full_name: &w.full_name,
            id_number: w.id_number.as_ref(),
            phone: w.phone.as_ref(),
            address: &w.address,
            // The store decides it by the case's kind.
            denouncer: false,
        };
        let rename = w.rename.unwrap_or(false);
        let r = self.write_form(DRAFT_ENTRY_FORM, |wr| {
            wr.take_in_written(&who, w.known, rename, c, &choice)
        });
        match r {
            Err(StoreError::OpenCaseExists { case_uid, code }) => {
                let field = self
                    .fields
                    .iter()
                    .find(|f| f.code == c.field_code)
                    .map(|f| f.name.clone())
                    .unwrap_or_default();
                let link = RepeatLink {
                    pending: PendingIntake::Written(Box::new((w.clone(), c.clone()))),
                    citizen: Person::of(
                        w.full_name.clone(),
                        Context::of_case(c.case_type, &case_uid, &code, false),
                    ),
                    case_uid,
                    code,
                    field,
                };
                self.overlays
                    .push(Overlay::Confirm(Question::LinkRepeat(Box::new(link))));
            }
            r => self.after_entry_saved(r, |app, saved| {
                let m = if saved.joined {
                    Msg::CaseLinked
                } else {
                    Msg::CaseOpened
                };
                app.info(m.fill(app.lang, &[&saved.code]));
                app.after_case_change(&saved.uid);
            }),
        }
    }

    /// Record a step (after confirmation for irreversible ones), on the case as the officer
    /// saw it: if another desk changed it meanwhile, the step is refused and the case reloaded.
    pub(super) fn commit_step(&mut self, p: &PendingStep) {
        let lang = self.lang;
        let before = self.store.case_facts(&p.case_uid).map(|f| f.status).ok();
        let today = self.today;
        let r = self.write_form(DRAFT_ENTRY_FORM, |w| {
            w.case_step(&p.case_uid, Some(p.version), p.action, &p.input, today)
        });
        match r {
            Ok(second) => {
                if matches!(self.overlays.last(), Some(Overlay::Entry(_))) {
                    self.close_entry();
                }
                let after = self.store.case_facts(&p.case_uid).map(|f| f.status).ok();
                if let (Some(b), Some(a)) = (before, after)
                    && b == a
                {
                    // A note, an assignment: the status did not move, so say what was done.
                    self.info(Msg::StepRecorded.fill(
                        lang,
                        &[
                            &p.code,
                            &crate::i18n::action(p.action).t(lang).to_lowercase(),
                        ],
                    ));
                } else if let (Some(b), Some(a)) = (before, after) {
                    self.info(Msg::StepDone.fill(
                        lang,
                        &[
                            &p.code,
                            &i18n::case_status(b).t(lang),
                            &i18n::case_status(a).t(lang),
                        ],
                    ));
                }
                if let Some(code) = second {
                    self.info(Msg::SecondRound.fill(lang, &[&code]));
                }
                self.after_case_change(&p.case_uid);
            }
            Err(err) => self.step_failed(p, err),
        }
    }

    /// A step the book refused, checked or written: the form stays as typed and says why — a
    /// date by the date, the rest in the status line.
    fn step_failed(&mut self, p: &PendingStep, err: StoreError) {
        let lang = self.lang;
        let text = self.store_error(&err);
        self.error(Msg::FormSaveFailed.fill(lang, &[&text]));
        if let StoreError::Conflict { changed_at, .. } = &err {
            // The step has no values of the case to carry: it is recorded on the case as it
            // is now once the officer, who sees it reloaded, saves again.
            let when = changed_at
                .as_deref()
                .map(|at| Msg::ConflictAt.fill(lang, &[&crate::domain::date::format_stamp(at)]))
                .unwrap_or_default();
            self.error(Msg::StepConflictReloaded.fill(lang, &[&when]));
        }
        if let (StoreError::StepDate { .. }, Some(Overlay::Entry(e))) =
            (&err, self.overlays.last_mut())
        {
            e.errors = vec![(EntryKey::Day, text)];
            e.focus_key(EntryKey::Day);
            return;
        }
        if matches!(err, StoreError::Conflict { .. }) {
            self.after_case_change(&p.case_uid);
            // The officer has now been told and sees the case as it is: saving again
            // records the step on it (the law's table still checks it).
            let fresh = self.store.case_row(&p.case_uid).ok().map(|r| r.version);
            if let (Some(v), Some(Overlay::Entry(e))) = (fresh, self.overlays.last_mut())
                && let EntryPurpose::Step { version, .. } = &mut e.purpose
            {
                *version = v;
            }
        }
    }
}

/// The label and key of a step as the keymap has them ("Phân loại", "c").
fn step_key(action: Action) -> (Msg, String) {
    use super::keymap::{Context, bindings, key_label};
    let wanted = if matches!(action, Action::ClassifyNotOwn | Action::ClassifyIneligible) {
        Action::ClassifyOwn
    } else {
        action
    };
    bindings(Context::Steps)
        .find(|b| b.cmd == Command::Step(wanted))
        .map(|b| (b.help, b.keys.first().map(key_label).unwrap_or_default()))
        .unwrap_or((i18n::action(action), String::new()))
}
