//! Dialogues (issue 29, its last part): `y` on a complaint's case records its dialogue
//! (Luật Khiếu nại Art 30, 39) — a new one, or the one planned and not yet held; the
//! catalog's `y` lists the head's public dialogues with the people and the answers promised
//! there, each followed on the deadline board until answered (`n` a dialogue, `a` a promise,
//! Enter to edit either).

use chrono::NaiveDate;

use super::combo::Combo;
use super::entry::{options, row, text};
use super::{App, Command, Entry, EntryInput, EntryKey, EntryPurpose, Overlay};
use crate::domain::case::CaseType;
use crate::domain::date::{format_date, parse_date};
use crate::domain::dialogue::{
    Dialogue, DialogueKind, DialogueOutcome, DialogueProblem, MinutesSigned, Promise,
    parse_participants, participants_text,
};
use crate::i18n::{self, Lang, Msg};
use crate::store::{self, DRAFT_ENTRY_FORM, Store};

/// One line of the public dialogues' list: a dialogue, or an answer promised at the one
/// above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogueLine {
    Dialogue(Box<Dialogue>),
    Promise(Box<Promise>),
}

/// The public dialogues screen's state.
#[derive(Debug, Clone, Default)]
pub struct DialoguesView {
    pub lines: Vec<DialogueLine>,
    pub sel: usize,
}

impl DialoguesView {
    pub fn load(store: &Store) -> store::Result<DialoguesView> {
        let promises = store.promises(None)?;
        let mut lines = Vec::new();
        for d in store.public_dialogues()? {
            let uid = d.uid.clone();
            lines.push(DialogueLine::Dialogue(Box::new(d)));
            for p in promises.iter().filter(|p| p.dialogue_uid == uid) {
                lines.push(DialogueLine::Promise(Box::new(p.clone())));
            }
        }
        Ok(DialoguesView { lines, sel: 0 })
    }

    /// The dialogue of the selected line (a promise's: the one above it).
    pub fn dialogue_of_selected(&self) -> Option<&Dialogue> {
        self.lines
            .iter()
            .take(self.sel + 1)
            .rev()
            .find_map(|l| match l {
                DialogueLine::Dialogue(d) => Some(d.as_ref()),
                DialogueLine::Promise(_) => None,
            })
    }

    /// Select the line of a dialogue or of a promise by uid.
    pub fn select(&mut self, uid: &str) {
        if let Some(i) = self.lines.iter().position(|l| match l {
            DialogueLine::Dialogue(d) => d.uid == uid,
            DialogueLine::Promise(p) => p.uid == uid,
        }) {
            self.sel = i;
        }
    }
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

fn choice<T: Copy>(
    lang: Lang,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    word: impl Fn(T) -> Msg,
    chosen: Option<T>,
) -> EntryInput {
    EntryInput::Choice(Combo::new(
        options(
            all.iter()
                .map(|x| (code(*x).to_owned(), word(*x).t(lang).to_owned())),
        ),
        chosen.map(|x| code(x).to_owned()),
    ))
}

/// The participants as the form shows them: one a part, "; " between.
pub fn participants_line(lang: Lang, d: &Dialogue) -> String {
    participants_text(&d.participants, |r| {
        i18n::participant_role(r).t(lang).to_owned()
    })
    .replace('\n', "; ")
}

impl Entry {
    /// The form of a dialogue: a complaint's (the minutes' parts, Mẫu 14) or a public one
    /// (audience, people, topics).
    pub fn for_dialogue(lang: Lang, d: &Dialogue) -> Entry {
        let complaint = d.kind == DialogueKind::Complaint;
        let mut rows = vec![
            row(EntryKey::PlannedOn, text(&format_date(d.planned_on)), true),
            row(EntryKey::Time, text(&d.time), false),
            row(EntryKey::Place, text(&d.place), false),
            row(EntryKey::Presiding, text(&d.presiding), false),
        ];
        if complaint {
            rows.push(row(
                EntryKey::NoticeOn,
                text(&date_text(d.notice_sent_on)),
                false,
            ));
            rows.push(row(EntryKey::NoticeNo, text(&d.notice_no), false));
        } else {
            rows.push(row(EntryKey::Audience, text(&d.audience), true));
        }
        rows.push(row(
            EntryKey::Participants,
            text(&participants_line(lang, d)),
            false,
        ));
        if !complaint {
            let people = if d.people > 0 {
                d.people.to_string()
            } else {
                String::new()
            };
            rows.push(row(EntryKey::People, text(&people), false));
        }
        rows.push(row(EntryKey::Topics, text(&d.topics), !complaint));
        rows.push(row(EntryKey::HeldOn, text(&date_text(d.held_on)), false));
        rows.push(row(EntryKey::Said, text(&d.said), false));
        if complaint {
            rows.push(row(EntryKey::Agreed, text(&d.agreed), false));
            rows.push(row(EntryKey::Differ, text(&d.differ), false));
            let outcomes: Vec<DialogueOutcome> = DialogueOutcome::ALL
                .iter()
                .copied()
                .filter(|o| *o != DialogueOutcome::Held)
                .collect();
            rows.push(row(
                EntryKey::DialogueOutcome,
                choice(
                    lang,
                    &outcomes,
                    DialogueOutcome::code,
                    i18n::dialogue_outcome,
                    d.outcome,
                ),
                false,
            ));
            rows.push(row(
                EntryKey::MinutesSigned,
                choice(
                    lang,
                    MinutesSigned::ALL,
                    MinutesSigned::code,
                    i18n::minutes_signed,
                    d.signed,
                ),
                false,
            ));
        }
        rows.push(row(EntryKey::Note, text(&d.note), false));
        // A dialogue recorded may be called off (kept; the note says why).
        if d.id != 0 {
            rows.push(row(
                EntryKey::Cancelled,
                super::entry::yes_no(lang, d.cancelled),
                true,
            ));
        }
        Entry::new(
            EntryPurpose::Dialogue {
                seen: Box::new(d.clone()),
            },
            rows,
        )
    }

    /// The form of an answer promised at a public dialogue (and, later, its answer).
    pub fn for_promise(p: &Promise) -> Entry {
        let rows = vec![
            row(EntryKey::Promise, text(&p.text), true),
            row(EntryKey::Owner, text(&p.owner), false),
            row(EntryKey::DueOn, text(&format_date(p.due_on)), true),
            row(EntryKey::AnsweredOn, text(&date_text(p.answered_on)), false),
            row(EntryKey::Answer, text(&p.answer), false),
        ];
        Entry::new(
            EntryPurpose::Promise {
                seen: Box::new(p.clone()),
            },
            rows,
        )
    }
}

/// The words of a dialogue's problem.
pub fn problem_words(lang: Lang, p: DialogueProblem) -> (EntryKey, String) {
    match p {
        DialogueProblem::NoticeAfterDialogue => {
            (EntryKey::NoticeOn, Msg::DlgNoticeAfter.t(lang).to_owned())
        }
        DialogueProblem::NoOutcome => (
            EntryKey::DialogueOutcome,
            Msg::DlgNoOutcome.t(lang).to_owned(),
        ),
        DialogueProblem::HeldInFuture => (EntryKey::HeldOn, Msg::DlgHeldFuture.t(lang).to_owned()),
        DialogueProblem::BadParticipant { line } => (
            EntryKey::Participants,
            Msg::DlgBadParticipant.fill(lang, &[&line]),
        ),
    }
}

impl App {
    /// `y` on a case: a complaint's dialogue — the one planned and not yet held, else a new
    /// one; another kind of case is told why not.
    pub(super) fn record_dialogue(&mut self) {
        let Some(v) = self.case_view() else { return };
        let row = v.detail.row.clone();
        self.record_dialogue_of(&row);
    }

    /// `y` in the queue: the selected case's dialogue, as from the case.
    pub(super) fn record_dialogue_in_queue(&mut self) {
        let Some(uid) = self.queue.selected_case().map(|c| c.uid.clone()) else {
            self.error(Msg::NoCaseSelected.t(self.lang).to_owned());
            return;
        };
        let r = self.store.case_detail(&uid);
        if let Some(d) = self.report(r) {
            self.record_dialogue_of(&d.row);
        }
    }

    fn record_dialogue_of(&mut self, row: &crate::store::CaseRow) {
        if row.case_type != CaseType::KhieuNai {
            self.error(Msg::DlgOnlyComplaints.t(self.lang).to_owned());
            return;
        }
        let (uid, code) = (row.uid.to_string(), row.code.to_string());
        let r = self.store.case_dialogues(&uid);
        let Some(list) = self.report(r) else { return };
        let d = list
            .into_iter()
            .rev()
            .find(|d| d.held_on.is_none() && !d.cancelled)
            .unwrap_or_else(|| {
                let mut d = Dialogue::planned(DialogueKind::Complaint, self.today);
                d.case_uid = Some(uid);
                d.case_code = Some(code);
                d
            });
        let e = Entry::for_dialogue(self.lang, &d);
        self.status = None;
        self.push_entry(e);
    }

    /// The catalog's `y` (and Enter on a promise of the board): the public dialogues.
    pub(super) fn open_dialogues(&mut self, select: Option<&str>) {
        let r = DialoguesView::load(&self.store);
        if let Some(mut v) = self.report(r) {
            if let Some(uid) = select {
                v.select(uid);
            }
            self.overlays.push(Overlay::Dialogues(Box::new(v)));
        }
    }

    fn reload_dialogues(&mut self, select: Option<&str>) {
        let r = DialoguesView::load(&self.store);
        if let Some(mut v) = self.report(r) {
            for o in self.overlays.iter_mut() {
                if let Overlay::Dialogues(s) = o {
                    v.sel = s.sel.min(v.lines.len().saturating_sub(1));
                    if let Some(uid) = select {
                        v.select(uid);
                    }
                    **s = v.clone();
                }
            }
        }
    }

    pub(super) fn apply_dialogues(&mut self, cmd: Command) {
        let Some(Overlay::Dialogues(v)) = self.overlays.last_mut() else {
            return;
        };
        match cmd {
            Command::Close => {
                self.overlays.pop();
            }
            Command::Up => v.sel = v.sel.saturating_sub(1),
            Command::Down => v.sel = (v.sel + 1).min(v.lines.len().saturating_sub(1)),
            Command::Open => {
                let e = match v.lines.get(v.sel) {
                    Some(DialogueLine::Dialogue(d)) => Entry::for_dialogue(self.lang, d),
                    Some(DialogueLine::Promise(p)) => Entry::for_promise(p),
                    None => return,
                };
                self.push_entry(e);
            }
            Command::NewDialogue => {
                let e = Entry::for_dialogue(
                    self.lang,
                    &Dialogue::planned(DialogueKind::Public, self.today),
                );
                self.push_entry(e);
            }
            Command::AddPromise => {
                let Some(d) = v.dialogue_of_selected() else {
                    self.error(Msg::DlgNone.t(self.lang).to_owned());
                    return;
                };
                let at = d.held_on.unwrap_or(d.planned_on);
                let p = Promise {
                    id: 0,
                    uid: String::new(),
                    dialogue_uid: d.uid.clone(),
                    text: String::new(),
                    owner: d.presiding.clone(),
                    due_on: at + chrono::Duration::days(30),
                    answered_on: None,
                    answer: String::new(),
                    version: 1,
                };
                self.push_entry(Entry::for_promise(&p));
            }
            _ => {}
        }
    }

    /// A dialogue's form saved: its dates, number and participants read, the record
    /// checked and written; the case (or the list), the board and the alerts follow.
    pub(super) fn save_dialogue_entry(&mut self, seen: &Dialogue) {
        let lang = self.lang;
        let today = self.today;
        let Some(e) = self.entry_mut() else { return };
        let mut errors = Vec::new();
        let date = |key: EntryKey, errors: &mut Vec<(EntryKey, String)>| {
            let v = e.value(key);
            if v.is_empty() {
                return None;
            }
            match parse_date(&v, today) {
                Ok(d) => Some(d),
                Err(err) => {
                    errors.push((key, i18n::date_error(lang, &err).to_owned()));
                    None
                }
            }
        };
        let planned_on = date(EntryKey::PlannedOn, &mut errors);
        let notice_sent_on = date(EntryKey::NoticeOn, &mut errors);
        let held_on = date(EntryKey::HeldOn, &mut errors);
        let people = match e.value(EntryKey::People) {
            v if v.is_empty() => 0,
            v => match v.parse::<u32>() {
                Ok(n) if n <= 100_000 => n,
                _ => {
                    errors.push((EntryKey::People, Msg::DlgBadNumber.t(lang).to_owned()));
                    0
                }
            },
        };
        let typed = e.value(EntryKey::Participants).replace(';', "\n");
        let participants = match parse_participants(&typed, i18n::participant_role_of) {
            Ok(ps) => ps,
            Err(p) => {
                errors.push(problem_words(lang, p));
                vec![]
            }
        };
        let mut d = seen.clone();
        d.planned_on = planned_on.unwrap_or(seen.planned_on);
        d.time = e.value(EntryKey::Time);
        d.place = e.value(EntryKey::Place);
        d.presiding = e.value(EntryKey::Presiding);
        d.notice_sent_on = notice_sent_on;
        d.notice_no = e.value(EntryKey::NoticeNo);
        d.participants = participants;
        d.audience = e.value(EntryKey::Audience);
        d.people = people;
        d.topics = e.value(EntryKey::Topics);
        d.held_on = held_on;
        d.said = e.value(EntryKey::Said);
        d.agreed = e.value(EntryKey::Agreed);
        d.differ = e.value(EntryKey::Differ);
        d.outcome = if d.kind == DialogueKind::Public {
            held_on.map(|_| DialogueOutcome::Held)
        } else {
            DialogueOutcome::from_code(&e.value(EntryKey::DialogueOutcome))
        };
        d.signed = MinutesSigned::from_code(&e.value(EntryKey::MinutesSigned));
        d.note = e.value(EntryKey::Note);
        if e.has(EntryKey::Cancelled) {
            d.cancelled = e.value(EntryKey::Cancelled) == "1";
        }
        if errors.is_empty()
            && let Some(p) = crate::domain::dialogue::check(&d, today)
        {
            errors.push(problem_words(lang, p));
        }
        if !errors.is_empty() {
            e.focus_key(errors[0].0);
            let n = errors.len();
            e.errors = errors;
            self.error(Msg::FormHasErrors.fill(lang, &[&n]));
            return;
        }
        e.errors.clear();
        let r = self.write_form(DRAFT_ENTRY_FORM, |w| w.save_dialogue(&d, today));
        let day = format_date(d.held_on.unwrap_or(d.planned_on));
        self.after_entry_saved(r, |app, uid| {
            app.info(Msg::DlgSaved.fill(app.lang, &[&day]));
            match &d.case_uid {
                Some(case) => app.after_case_change(case),
                None => {
                    app.reload_dialogues(Some(&uid));
                    app.reload_board();
                }
            }
        });
    }

    /// A promise's form saved.
    pub(super) fn save_promise_entry(&mut self, seen: &Promise) {
        let lang = self.lang;
        let today = self.today;
        let Some(e) = self.entry_mut() else { return };
        let mut errors = Vec::new();
        let mut p = seen.clone();
        match parse_date(&e.value(EntryKey::DueOn), today) {
            Ok(d) => p.due_on = d,
            Err(err) => errors.push((EntryKey::DueOn, i18n::date_error(lang, &err).to_owned())),
        }
        p.answered_on = match e.value(EntryKey::AnsweredOn) {
            v if v.is_empty() => None,
            v => match parse_date(&v, today) {
                Ok(d) if d > today => {
                    errors.push((EntryKey::AnsweredOn, Msg::ErrFutureDate.t(lang).to_owned()));
                    None
                }
                Ok(d) => Some(d),
                Err(err) => {
                    errors.push((
                        EntryKey::AnsweredOn,
                        i18n::date_error(lang, &err).to_owned(),
                    ));
                    None
                }
            },
        };
        p.text = e.value(EntryKey::Promise);
        p.owner = e.value(EntryKey::Owner);
        p.answer = e.value(EntryKey::Answer);
        if !errors.is_empty() {
            e.focus_key(errors[0].0);
            let n = errors.len();
            e.errors = errors;
            self.error(Msg::FormHasErrors.fill(lang, &[&n]));
            return;
        }
        e.errors.clear();
        let r = self.write_form(DRAFT_ENTRY_FORM, |w| w.save_promise(&p));
        let due = format_date(p.due_on);
        self.after_entry_saved(r, |app, uid| {
            app.info(Msg::DlgPromiseSaved.fill(app.lang, &[&due]));
            app.reload_dialogues(Some(&uid));
            app.reload_board();
        });
    }
}

/// A dialogue's form title: the case's code for a complaint's.
pub fn entry_title(lang: Lang, d: &Dialogue) -> String {
    match &d.case_code {
        Some(code) => Msg::DlgComplaintTitle.fill(lang, &[code]),
        None => Msg::DlgPublicTitle.t(lang).to_owned(),
    }
}
