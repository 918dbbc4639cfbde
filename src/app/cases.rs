//! The transitions of the queue pane, the case detail and the case forms: moving through the
//! queue, opening a case, recording a step (asking first when it cannot be undone), opening
//! a case from a visit or a written petition, and revealing a denouncer on request.

use super::{
    App, CaseView, Command, Entry, EntryInput, EntryKey, EntryPurpose, NameClash, Overlay, Pane,
    PendingIntake, PendingStep, Question, QueueFocus, RepeatLink, WrittenCitizen,
};
use crate::domain::case::{self, Action, CaseType, Outcome, RefusalReason};
use crate::domain::date::{DateError, parse_date};
use crate::domain::ident::{check_id_number, check_phone};
use crate::domain::identity::{NameCompare, Person, Record};
use crate::domain::intake::CaseChoice;
use crate::domain::text::clean_line;
use crate::i18n::{self, Msg};
use crate::store::{CaseSource, CitizenInput, NewCase, StepInput, StoreError};

impl App {
    pub(super) fn show_pane(&mut self, pane: Pane) {
        self.pane = pane;
        match pane {
            Pane::Queue => self.reload_queue(),
            Pane::Board => self.reload_board(),
            Pane::Catalog => self.reload_catalog(),
            Pane::Report => self.reload_report_pane(),
            Pane::Log | Pane::Lookup => {}
        }
    }

    fn officer_id(&self) -> Option<i64> {
        self.actor.as_ref().map(|a| a.officer_id())
    }

    pub(super) fn reload_queue(&mut self) {
        let officer = self.officer_id();
        let r = self.queue.load(&self.store, officer, self.today);
        self.report(r);
    }

    fn reload_cases(&mut self) {
        let officer = self.officer_id();
        let r = self.queue.load_cases(&self.store, officer, None);
        self.report(r);
    }

    pub(super) fn apply_queue(&mut self, cmd: Command) {
        let page = self.viewport.1.saturating_sub(8).max(1) as isize;
        match cmd {
            Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::First
            | Command::Last => {
                let delta = match cmd {
                    Command::Up => -1,
                    Command::Down => 1,
                    Command::PageUp => -page,
                    Command::PageDown => page,
                    Command::First => isize::MIN / 2,
                    _ => isize::MAX / 2,
                };
                if self.queue.move_by(delta) {
                    self.reload_cases();
                }
            }
            Command::Left => self.queue.focus = QueueFocus::Fields,
            Command::Right => self.queue.focus = QueueFocus::Cases,
            Command::FilterType => {
                self.queue.cycle_type();
                self.reload_cases();
            }
            Command::FilterStatus => {
                self.queue.cycle_status();
                self.reload_cases();
            }
            Command::SortOrder => {
                self.queue.cycle_order();
                self.reload_cases();
            }
            Command::OnlyMine => {
                self.queue.only_mine = !self.queue.only_mine;
                self.queue.case_sel = 0;
                self.reload_cases();
            }
            Command::Open => match self.queue.focus {
                QueueFocus::Fields => self.queue.focus = QueueFocus::Cases,
                QueueFocus::Cases => {
                    if let Some(uid) = self.queue.selected_case().map(|c| c.uid.clone()) {
                        self.open_case_view(&uid);
                    }
                }
            },
            Command::NewPetition => {
                let field = self.queue.selected_field().map(|f| f.code.clone());
                let e = Entry::for_intake(
                    self.lang,
                    &self.fields,
                    self.today,
                    None,
                    None,
                    None,
                    field,
                    String::new(),
                );
                self.push_entry(e);
            }
            Command::SwitchOfficer => self.open_picker(),
            Command::Explain => {
                if let Some(c) = self.queue.selected_case().cloned() {
                    self.explain(&c.uid, &c.code, None);
                }
            }
            Command::Step(action) => {
                let Some(uid) = self.queue.selected_case().map(|c| c.uid.clone()) else {
                    self.error(Msg::NoCaseSelected.t(self.lang).to_owned());
                    return;
                };
                let r = CaseView::load(&self.store, &uid);
                if let Some(view) = self.report(r) {
                    self.begin_step(&view, action);
                }
            }
            _ => {}
        }
    }

    pub(super) fn open_case_view(&mut self, uid: &str) {
        let r = CaseView::load(&self.store, uid);
        if let Some(v) = self.report(r) {
            self.overlays.push(Overlay::Case(Box::new(v)));
        }
    }

    fn case_view(&self) -> Option<&CaseView> {
        self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Case(v) => Some(v.as_ref()),
            _ => None,
        })
    }

    pub(super) fn apply_case(&mut self, cmd: Command) {
        match cmd {
            Command::Close => {
                self.overlays.pop();
            }
            Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
                let page = self.viewport.1.saturating_sub(6).max(1);
                if let Some(Overlay::Case(v)) = self.overlays.last_mut() {
                    v.scroll = super::scrolled(v.scroll, cmd, page);
                }
            }
            Command::Explain => {
                let Some(v) = self.case_view() else { return };
                let (uid, code) = (v.detail.row.uid.clone(), v.detail.row.code.clone());
                self.explain(&uid, &code, None);
            }
            Command::Reveal => {
                let Some(v) = self.case_view() else { return };
                if v.masked(&self.viewer) {
                    let q = Question::Reveal {
                        case_uid: v.detail.row.uid.clone(),
                        code: v.detail.row.code.clone(),
                    };
                    self.overlays.push(Overlay::Confirm(q));
                }
            }
            Command::Step(action) => {
                let Some(v) = self.case_view() else { return };
                // Borrow ends before the form is pushed.
                let view = CaseView {
                    detail: v.detail.clone(),
                    events: Vec::new(),
                    dues: Vec::new(),
                    facts: v.facts,
                    citizen: None,
                    scroll: 0,
                };
                self.begin_step(&view, action);
            }
            _ => {}
        }
    }

    /// Offer the form of a step, or say why the law does not allow it now.
    fn begin_step(&mut self, view: &CaseView, action: Action) {
        let allowed = case::key_allowed(&view.facts, action);
        if !allowed {
            let name = if action == Action::ClassifyOwn {
                Msg::CmdClassify
            } else {
                i18n::action(action)
            };
            let status = i18n::case_status(view.facts.status).t(self.lang);
            let text = match case::first_do(&view.facts, action) {
                Some(first) => {
                    let (label, key) = step_key(first);
                    Msg::StepFirstDo.fill(
                        self.lang,
                        &[
                            &name.t(self.lang),
                            &status,
                            &label.t(self.lang).to_lowercase(),
                            &key,
                        ],
                    )
                }
                None => Msg::StepNotAllowed.fill(self.lang, &[&name.t(self.lang), &status]),
            };
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

    fn entry_mut(&mut self) -> Option<&mut Entry> {
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
                if !e.settle() {
                } else if e.focus + 1 < e.rows.len() {
                    e.move_focus(true);
                } else {
                    self.save_entry();
                }
            }
            Command::Save => self.save_entry(),
            Command::Cancel if !e.close_dropdown() => self.cancel_entry(),
            _ => {}
        }
    }

    fn save_entry(&mut self) {
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
        }
        let future_ok = matches!(e.purpose, EntryPurpose::CalendarDay);
        let day = if e.has(EntryKey::Day) {
            match parse_date(&e.value(EntryKey::Day), today) {
                Ok(d) if d > today && !future_ok => {
                    errors.push((EntryKey::Day, Msg::ErrFutureDate.t(lang).to_owned()));
                    None
                }
                Ok(d) => Some(d),
                Err(err) => {
                    let m = match err {
                        DateError::Format => Msg::ErrDateFormat,
                        DateError::NoSuchDay => Msg::ErrDateNoSuchDay,
                    };
                    if !e.value(EntryKey::Day).is_empty() {
                        errors.push((EntryKey::Day, m.t(lang).to_owned()));
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
            let first = errors[0].0;
            e.focus = e.rows.iter().position(|r| r.key == first).unwrap_or(0);
            let n = errors.len();
            e.errors = errors;
            self.error(Msg::FormHasErrors.fill(lang, &[&n]));
            return;
        }
        e.errors.clear();
        let day = day.unwrap_or(today);
        match e.purpose.clone() {
            EntryPurpose::Rule { rule_id } => {
                let basis = crate::domain::deadline::DayBasis::from_code(&e.value(EntryKey::Basis))
                    .unwrap_or(crate::domain::deadline::DayBasis::Calendar);
                let article = e.value(EntryKey::Article);
                let r =
                    self.write(|w| w.update_rule(rule_id, days, extension_days, basis, &article));
                self.after_entry_saved(r, |app, n| app.after_catalog_change(n));
            }
            EntryPurpose::CalendarDay => {
                let kind = crate::domain::calendar::DayKind::from_code(&e.value(EntryKey::Kind))
                    .unwrap_or(crate::domain::calendar::DayKind::Off);
                let name = e.value(EntryKey::Name);
                let r = self.write(|w| w.set_calendar_day(day, kind, &name));
                self.after_entry_saved(r, |app, n| {
                    app.catalog.year = chrono::Datelike::year(&day);
                    app.after_catalog_change(n);
                });
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
                };
                let pending = PendingStep {
                    case_uid,
                    code,
                    version,
                    action,
                    input,
                };
                // The form stays under the question and until the step is written: a refusal
                // or a conflict keeps the note as typed.
                if action.is_irreversible() {
                    self.overlays
                        .push(Overlay::Confirm(Question::ConfirmStep(Box::new(pending))));
                } else {
                    self.commit_step(&pending);
                }
            }
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
                    received_on: day,
                    remote: e.value(EntryKey::Remote) == "1",
                };
                match visit_uid {
                    // Another case from a visit (a petition with several contents).
                    Some(vuid) => {
                        let r = self.write(|w| w.open_case_from_visit(&vuid, &new_case));
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
    fn after_entry_saved<T>(
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
                let text = i18n::store_error(self.lang, &err);
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
                && m.person.compare_name(&w.full_name) == NameCompare::Different
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
        };
        let rename = w.rename.unwrap_or(false);
        let r = self.write(|wr| wr.take_in_written(&who, w.known, rename, c, &choice));
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
                        c.case_type == CaseType::ToCao,
                        Record::Case(case_uid.clone()),
                        Some(code.clone()),
                        false,
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
        let r =
            self.write(|w| w.case_step(&p.case_uid, Some(p.version), p.action, &p.input, today));
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
            Err(err) => {
                let text = i18n::store_error(lang, &err);
                self.error(Msg::FormSaveFailed.fill(lang, &[&text]));
                if matches!(err, StoreError::Conflict { .. }) {
                    self.after_case_change(&p.case_uid);
                    // The officer has now been told and sees the case as it is: saving again
                    // records the step on it (the law's table still checks it).
                    let fresh = CaseView::load(&self.store, &p.case_uid)
                        .ok()
                        .map(|v| v.detail.row.version);
                    if let (Some(v), Some(Overlay::Entry(e))) = (fresh, self.overlays.last_mut())
                        && let EntryPurpose::Step { version, .. } = &mut e.purpose
                    {
                        *version = v;
                    }
                }
            }
        }
    }

    /// Refresh what shows a case: the open case view, the queue, the board, the alerts.
    pub(super) fn after_case_change(&mut self, uid: &str) {
        let reopened = self.overlays.iter().any(|o| matches!(o, Overlay::Case(_)));
        if reopened {
            let r = CaseView::load(&self.store, uid);
            if let Some(v) = self.report(r) {
                for o in self.overlays.iter_mut() {
                    if let Overlay::Case(cv) = o
                        && cv.detail.row.uid == uid
                    {
                        **cv = v;
                        break;
                    }
                }
            }
        }
        self.after_cases_changed();
    }

    /// Cases changed: the queue, the board and the alerts follow.
    pub(super) fn after_cases_changed(&mut self) {
        self.reload_queue();
        if self.pane == Pane::Board {
            self.reload_board();
        }
        self.refresh_alerts();
    }

    /// The audited reveal of a denunciation's denouncer (Luật Tố cáo Art 8(3), 56).
    pub(super) fn reveal_case(&mut self, case_uid: &str) {
        let r = self.write(|w| w.reveal_case(case_uid));
        if self.report(r).is_some() {
            self.viewer.reveal(Record::Case(case_uid.to_owned()));
            self.info(Msg::CaseRevealed.t(self.lang).to_owned());
        }
    }

    /// `c` on a visit: open another case from it (a petition with several contents).
    pub(super) fn add_case_from_visit(&mut self) {
        let Some(Overlay::Detail(d)) = self.overlays.last() else {
            return;
        };
        if let Some(reason) = &d.row.void_reason {
            let text = Msg::VoidedAlready.fill(self.lang, &[reason]);
            self.error(text);
            return;
        }
        let e = Entry::for_intake(
            self.lang,
            &self.fields,
            self.today,
            Some(d.row.uid.clone()),
            Some(d.row.citizen.clone()),
            Some(CaseType::from_petition(d.row.petition_type)),
            Some(d.field_code.clone()),
            // The case's summary starts from what the citizen said (Luật TCD Art 26).
            crate::domain::text::one_line(&d.row.content),
        );
        self.push_entry(e);
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
