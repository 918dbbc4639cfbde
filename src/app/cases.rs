//! The transitions of the queue pane, the case detail and the case forms: moving through the
//! queue, opening a case, recording a step (asking first when it cannot be undone), opening
//! a case from a visit or a written petition, and revealing a denouncer on request.

use chrono::NaiveDate;

use super::{
    App, CaseView, Command, Entry, EntryInput, EntryKey, EntryPurpose, Overlay, Pane, PendingStep,
    Question, QueueFocus, RepeatLink, WrittenCitizen,
};
use crate::domain::case::{self, Action, CaseType, Outcome, RefusalReason};
use crate::domain::date::{DateError, parse_date};
use crate::domain::ident::{check_id_number, check_phone};
use crate::domain::text::clean_line;
use crate::i18n::{self, Msg};
use crate::store::{CaseSource, CitizenInput, NewCase, StepInput};

impl App {
    pub(super) fn show_pane(&mut self, pane: Pane) {
        self.pane = pane;
        match pane {
            Pane::Queue => self.reload_queue(),
            Pane::Board => self.reload_board(),
            Pane::Catalog => self.reload_catalog(),
            Pane::Log | Pane::Lookup => {}
        }
    }

    fn officer_id(&self) -> Option<i64> {
        self.officer.as_ref().map(|o| o.id)
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
                let e =
                    Entry::for_intake(self.lang, &self.fields, self.today, None, None, None, field);
                self.overlays.push(Overlay::Entry(Box::new(e)));
            }
            Command::SwitchOfficer => self.apply_log(Command::SwitchOfficer),
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
                    v.scroll = match cmd {
                        Command::Up => v.scroll.saturating_sub(1),
                        Command::Down => v.scroll.saturating_add(1),
                        Command::PageUp => v.scroll.saturating_sub(page),
                        _ => v.scroll.saturating_add(page),
                    };
                }
            }
            Command::Explain => {
                let Some(v) = self.case_view() else { return };
                let (uid, code) = (v.detail.row.uid.clone(), v.detail.row.code.clone());
                self.explain(&uid, &code, None);
            }
            Command::Reveal => {
                let Some(v) = self.case_view() else { return };
                if v.masked() {
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
                    revealed: false,
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
            self.error(Msg::StepNotAllowed.fill(
                self.lang,
                &[
                    &name.t(self.lang),
                    &i18n::case_status(view.facts.status).t(self.lang),
                ],
            ));
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
        self.overlays.push(Overlay::Entry(Box::new(e)));
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
            Command::NextField => e.move_focus(true),
            Command::PrevField => e.move_focus(false),
            Command::Up | Command::Down => {
                if let EntryInput::Choice(c) = &mut e.focused().input {
                    c.move_highlight(cmd == Command::Down);
                }
            }
            Command::Submit => {
                if e.focus + 1 < e.rows.len() {
                    e.move_focus(true);
                } else {
                    self.save_entry();
                }
            }
            Command::Save => self.save_entry(),
            Command::Cancel => {
                self.overlays.pop();
            }
            _ => {}
        }
    }

    fn save_entry(&mut self) {
        let lang = self.lang;
        let today = self.today;
        let Some(e) = self.entry_mut() else { return };
        // A choice being typed takes its highlighted match.
        if let EntryInput::Choice(c) = &mut e.focused().input
            && !c.query.is_empty()
        {
            c.take();
        }
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
                let Some(officer_id) = self.officer_id() else {
                    return;
                };
                match self.store.update_rule(
                    officer_id,
                    rule_id,
                    days,
                    extension_days,
                    basis,
                    &article,
                ) {
                    Ok(n) => {
                        self.overlays.pop();
                        self.after_catalog_change(n);
                    }
                    Err(err) => self.error(Msg::FormSaveFailed.fill(lang, &[&err])),
                }
            }
            EntryPurpose::CalendarDay => {
                let kind = crate::domain::calendar::DayKind::from_code(&e.value(EntryKey::Kind))
                    .unwrap_or(crate::domain::calendar::DayKind::Off);
                let name = e.value(EntryKey::Name);
                let Some(officer_id) = self.officer_id() else {
                    return;
                };
                match self.store.set_calendar_day(officer_id, day, kind, &name) {
                    Ok(n) => {
                        self.overlays.pop();
                        self.catalog.year = chrono::Datelike::year(&day);
                        self.after_catalog_change(n);
                    }
                    Err(err) => self.error(Msg::FormSaveFailed.fill(lang, &[&err])),
                }
            }
            EntryPurpose::Step {
                case_uid,
                code,
                action,
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
                    action,
                    input,
                };
                self.overlays.pop();
                if action.is_irreversible() {
                    self.overlays
                        .push(Overlay::Confirm(Question::ConfirmStep(Box::new(pending))));
                } else {
                    self.commit_step(&pending);
                }
            }
            EntryPurpose::Intake {
                visit_uid,
                citizen_id,
                ..
            } => {
                let Some(case_type) = CaseType::from_code(&e.value(EntryKey::CaseType)) else {
                    return;
                };
                let new_case = NewCase {
                    case_type,
                    citizen_id: citizen_id.unwrap_or_default(),
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
                    visit_uid,
                };
                let full_name = clean_line(&e.value(EntryKey::FullName));
                let address = e.value(EntryKey::Address);
                let Some(officer_id) = self.officer_id() else {
                    return;
                };
                if citizen_id.is_some() {
                    match self.store.open_case(officer_id, &new_case) {
                        Ok((uid, code)) => {
                            self.overlays.pop();
                            self.info(Msg::CaseOpened.fill(lang, &[&code]));
                            self.after_case_change(&uid);
                        }
                        // The form stays as typed.
                        Err(err) => self.error(Msg::FormSaveFailed.fill(lang, &[&err])),
                    }
                    return;
                }
                // A written petition: a known citizen with an open case in this field is
                // offered the link instead of a second case.
                let known = self
                    .store
                    .find_citizen(
                        id_number.as_ref().map(|i| i.value.as_str()),
                        &full_name,
                        phone.as_ref().map(|p| p.value.as_str()),
                    )
                    .ok()
                    .flatten();
                let who = WrittenCitizen {
                    full_name: full_name.clone(),
                    id_number,
                    phone,
                    address,
                    known: known.as_ref().map(|k| k.id),
                };
                let open = match &known {
                    Some(k) => self
                        .store
                        .open_cases_of(k.id, &new_case.field_code)
                        .unwrap_or_default(),
                    None => Vec::new(),
                };
                if let Some(existing) = open.first() {
                    let field = self
                        .fields
                        .iter()
                        .find(|f| f.code == new_case.field_code)
                        .map(|f| f.name.clone())
                        .unwrap_or_default();
                    let link = RepeatLink {
                        visit_uid: None,
                        day: new_case.received_on,
                        case_uid: existing.uid.clone(),
                        code: existing.code.clone(),
                        citizen_name: known.map(|k| k.full_name).unwrap_or(full_name),
                        field,
                        new_case: Box::new(new_case),
                        citizen: Some(Box::new(who)),
                    };
                    self.overlays.pop();
                    self.overlays
                        .push(Overlay::Confirm(Question::LinkRepeat(Box::new(link))));
                } else {
                    self.open_written_case(&who, &new_case);
                }
            }
        }
    }

    /// Open a written petition's case with its citizen (found, or created).
    pub(super) fn open_written_case(&mut self, w: &WrittenCitizen, c: &NewCase) {
        let Some(officer_id) = self.officer_id() else {
            return;
        };
        let who = CitizenInput {
            full_name: &w.full_name,
            id_number: w.id_number.as_ref(),
            phone: w.phone.as_ref(),
            address: &w.address,
        };
        match self.store.open_case_for(officer_id, &who, w.known, c) {
            Ok((uid, code)) => {
                if matches!(self.overlays.last(), Some(Overlay::Entry(_))) {
                    self.overlays.pop();
                }
                self.info(Msg::CaseOpened.fill(self.lang, &[&code]));
                self.after_case_change(&uid);
            }
            // The form stays as typed.
            Err(err) => self.error(Msg::FormSaveFailed.fill(self.lang, &[&err])),
        }
    }

    /// Record a step (after confirmation for irreversible ones).
    pub(super) fn commit_step(&mut self, p: &PendingStep) {
        let Some(officer_id) = self.officer_id() else {
            return;
        };
        let lang = self.lang;
        let before = self.store.case_facts(&p.case_uid).map(|f| f.status);
        match self
            .store
            .case_step(officer_id, &p.case_uid, p.action, &p.input, self.today)
        {
            Ok(second) => {
                let after = self.store.case_facts(&p.case_uid).map(|f| f.status);
                if let (Ok(b), Ok(a)) = (before, after) {
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
            Err(err) => self.error(Msg::FormSaveFailed.fill(lang, &[&err])),
        }
    }

    /// Refresh what shows a case: the open case view and the queue.
    fn after_case_change(&mut self, uid: &str) {
        let reopened = self.overlays.iter().any(|o| matches!(o, Overlay::Case(_)));
        if reopened {
            let r = CaseView::load(&self.store, uid);
            if let Some(v) = self.report(r) {
                for o in self.overlays.iter_mut() {
                    if let Overlay::Case(cv) = o
                        && cv.detail.row.uid == uid
                    {
                        let revealed = cv.citizen.clone().filter(|_| cv.revealed);
                        **cv = v;
                        if let Some(c) = revealed {
                            cv.citizen = Some(c);
                            cv.revealed = true;
                        }
                        break;
                    }
                }
            }
        }
        self.reload_queue();
        if self.pane == super::Pane::Board {
            self.reload_board();
        }
        self.refresh_alerts();
    }

    pub(super) fn reveal(&mut self, case_uid: &str, code: &str) {
        let Some(officer_id) = self.officer_id() else {
            return;
        };
        let r = self.store.reveal_citizen(officer_id, case_uid);
        if let Some(c) = self.report(r) {
            for o in self.overlays.iter_mut() {
                if let Overlay::Case(cv) = o
                    && cv.detail.row.code == code
                {
                    cv.citizen = Some(c.clone());
                    cv.revealed = true;
                }
            }
            self.info(Msg::CaseRevealed.t(self.lang).to_owned());
        }
    }

    /// `c` on a visit: open another case from it (a petition with several contents).
    pub(super) fn add_case_from_visit(&mut self) {
        let Some(Overlay::Detail(d)) = self.overlays.last() else {
            return;
        };
        let e = Entry::for_intake(
            self.lang,
            &self.fields,
            self.today,
            Some(d.row.uid.clone()),
            Some((d.citizen_id, d.row.citizen_name.clone())),
            Some(CaseType::from_petition(d.row.petition_type)),
            Some(d.field_code.clone()),
        );
        self.overlays.push(Overlay::Entry(Box::new(e)));
    }

    /// After a new visit with handling thụ lý: open its case, or first ask to link it to the
    /// citizen's open case in the same field.
    pub fn intake_after_visit(&mut self, visit_uid: &str) {
        let r = self.store.visit_detail(visit_uid);
        let Some(d) = self.report(r) else { return };
        if d.row.handling != crate::domain::visit::Handling::ThuLy {
            return;
        }
        let new_case = NewCase {
            case_type: CaseType::from_petition(d.row.petition_type),
            citizen_id: d.citizen_id,
            field_code: d.field_code.clone(),
            summary: d.row.content.clone(),
            source: CaseSource::Visit,
            forwarded_by: String::new(),
            forwarding_doc: String::new(),
            received_on: d.day,
            remote: false,
            visit_uid: Some(visit_uid.to_owned()),
        };
        let r = self.store.open_cases_of(d.citizen_id, &d.field_code);
        let Some(open) = self.report(r) else { return };
        match open.first() {
            Some(existing) => {
                let link = RepeatLink {
                    visit_uid: Some(visit_uid.to_owned()),
                    day: d.day,
                    case_uid: existing.uid.clone(),
                    code: existing.code.clone(),
                    citizen_name: d.row.citizen_name.clone(),
                    field: d.row.field_name.clone(),
                    new_case: Box::new(new_case),
                    citizen: None,
                };
                self.overlays
                    .push(Overlay::Confirm(Question::LinkRepeat(Box::new(link))));
            }
            None => self.open_new_case(&new_case),
        }
    }

    pub(super) fn open_new_case(&mut self, c: &NewCase) {
        let Some(officer_id) = self.officer_id() else {
            return;
        };
        let r = self.store.open_case(officer_id, c);
        if let Some((_, code)) = self.report(r) {
            self.info(Msg::CaseOpened.fill(self.lang, &[&code]));
        }
        self.refresh_alerts();
    }

    pub(super) fn link_repeat(&mut self, l: &RepeatLink, day: NaiveDate) {
        let Some(officer_id) = self.officer_id() else {
            return;
        };
        let input = StepInput {
            day: Some(day),
            note: if l.visit_uid.is_none() {
                l.new_case.summary.clone()
            } else {
                String::new()
            },
            document_no: l.new_case.forwarding_doc.clone(),
            agency: l.new_case.forwarded_by.clone(),
            ..StepInput::default()
        };
        let r =
            self.store
                .add_petition(officer_id, &l.case_uid, l.visit_uid.as_deref(), day, &input);
        if self.report(r).is_some() {
            self.info(Msg::CaseLinked.fill(self.lang, &[&l.code]));
            self.after_case_change(&l.case_uid);
        }
    }
}
