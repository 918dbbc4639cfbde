//! The small entry forms: a step of a case's life, a written petition's intake (or another
//! case from a visit), a catalog entry. Their drafts and the question before discarding typed
//! text are in `entry_draft.rs`; the catalog forms are built in `duties.rs`.
//!
//! The parts: this file holds what a form is for, its rows and their values, and moving
//! between them; `key.rs` the inputs a form may have (their labels and lengths); `build.rs`
//! the forms built for a step of a case and for an intake.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::combo::{Combo, ComboOption};
use crate::domain::case::{Action, CaseType};
use crate::domain::identity::Person;
use crate::domain::text::nfc;
use crate::i18n::{Lang, Msg};

mod build;
mod key;

pub use key::EntryKey;

/// What an entry form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryPurpose {
    /// A step of a case's life. For classification the action comes from the choice row.
    Step {
        case_uid: String,
        code: String,
        action: Action,
        case_type: CaseType,
        /// The version of the case the officer saw.
        version: i64,
        /// The complaint came after its time limit (that limit's last day): accepting it
        /// needs the valid reason (Luật KN Art 11(6)).
        barred: Option<NaiveDate>,
    },
    /// A complaint's time-bar facts (Luật KN Art 9, 33, 48).
    TimeBar {
        case_uid: String,
        code: String,
        version: i64,
        round: u8,
    },
    /// A new case: from a visit (citizen known) or a written petition (citizen typed).
    Intake {
        visit_uid: Option<String>,
        /// The visit's citizen (shown by the identity rule in the form's title).
        citizen: Option<Box<Person>>,
    },
    /// A deadline rule of the catalog.
    /// The rule as the officer saw it (another desk's edit since is refused, not undone).
    Rule {
        seen: Box<crate::domain::deadline::Rule>,
    },
    /// A day off or a swapped working day of the calendar.
    CalendarDay,
    /// A day of the calendar made ordinary again, from an effective date.
    RemoveDay { day: NaiveDate, name: String },
    /// A dialogue: a complaint's or a public one, as the officer saw it (`id` 0: new).
    Dialogue {
        seen: Box<crate::domain::dialogue::Dialogue>,
    },
    /// An answer promised at a public dialogue (`id` 0: new).
    Promise {
        seen: Box<crate::domain::dialogue::Promise>,
    },
    /// The official report column a local field rolls up to.
    FieldColumn {
        field_code: String,
        field_name: String,
        /// The column the officer saw (another desk's change since is refused, not undone).
        seen: String,
    },
}

#[derive(Debug)]
pub enum EntryInput {
    Text(Box<TextArea<'static>>),
    Choice(Combo),
}

#[derive(Debug)]
pub struct EntryRow {
    pub key: EntryKey,
    pub input: EntryInput,
    pub required: bool,
}

/// A small form: a step of a case, or a new case.
#[derive(Debug)]
pub struct Entry {
    pub purpose: EntryPurpose,
    pub rows: Vec<EntryRow>,
    pub focus: usize,
    pub errors: Vec<(EntryKey, String)>,
    /// The values as the form opened (what "typed text" is measured against).
    pub initial: Vec<String>,
    /// Typed since the draft was last written.
    pub unsaved_since: Option<std::time::Instant>,
    /// Said above the inputs (what another desk changed, once the typed values were carried
    /// onto its version).
    pub notice: Option<String>,
}

pub(super) fn text(value: &str) -> EntryInput {
    let mut ta = TextArea::new(vec![value.to_owned()]);
    ta.set_cursor_line_style(ratatui::style::Style::default());
    ta.set_selection_style(
        ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED),
    );
    ta.move_cursor(ratatui_textarea::CursorMove::End);
    EntryInput::Text(Box::new(ta))
}

pub(super) fn row(key: EntryKey, input: EntryInput, required: bool) -> EntryRow {
    EntryRow {
        key,
        input,
        required,
    }
}

/// A yes/no choice ("0"/"1").
pub(super) fn yes_no(lang: Lang, yes: bool) -> EntryInput {
    EntryInput::Choice(Combo::new(
        options([
            ("0".to_owned(), Msg::No.t(lang).to_owned()),
            ("1".to_owned(), Msg::Yes.t(lang).to_owned()),
        ]),
        Some(if yes { "1" } else { "0" }.to_owned()),
    ))
}

pub(super) fn options(items: impl IntoIterator<Item = (String, String)>) -> Vec<ComboOption> {
    items
        .into_iter()
        .map(|(code, label)| ComboOption { code, label })
        .collect()
}

impl Entry {
    /// A new form for `purpose` with `rows`: the first row focused, nothing typed, no error.
    pub(in crate::app) fn new(purpose: EntryPurpose, rows: Vec<EntryRow>) -> Entry {
        Entry {
            purpose,
            rows,
            focus: 0,
            errors: Vec::new(),
            initial: Vec::new(),
            unsaved_since: None,
            notice: None,
        }
    }

    /// The typed (NFC) text or chosen code of an input.
    pub fn value(&self, key: EntryKey) -> String {
        self.rows
            .iter()
            .find(|r| r.key == key)
            .map(|r| match &r.input {
                EntryInput::Text(ta) => nfc(ta.lines().join(" ").trim()),
                EntryInput::Choice(c) => c.chosen.clone().unwrap_or_default(),
            })
            .unwrap_or_default()
    }

    pub fn has(&self, key: EntryKey) -> bool {
        self.rows.iter().any(|r| r.key == key)
    }

    /// Focus the input of `key` (e.g. the first with an error) as Tab arrives at one: a
    /// choice opens its list, a text is selected so the first key typed replaces it.
    pub fn focus_key(&mut self, key: EntryKey) {
        if let Some(i) = self.rows.iter().position(|r| r.key == key) {
            if i != self.focus
                && let EntryInput::Choice(c) = &mut self.rows[self.focus].input
            {
                c.clear_query();
            }
            self.focus = i;
            self.arrive();
        }
    }

    pub fn focused(&mut self) -> &mut EntryRow {
        &mut self.rows[self.focus]
    }

    /// Leave the focused input (a choice takes its highlighted match) and move.
    pub fn move_focus(&mut self, forward: bool) {
        if let EntryInput::Choice(c) = &mut self.rows[self.focus].input {
            // Leaving takes the waiting choice; a filter that matches nothing is dropped.
            c.settle();
            c.clear_query();
        }
        let n = self.rows.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        self.arrive();
    }

    /// Focus arrives at an input: a choice opens its list, a text's value is selected so the
    /// first key typed replaces it.
    pub fn arrive(&mut self) {
        match &mut self.rows[self.focus].input {
            EntryInput::Choice(c) => c.focused(),
            EntryInput::Text(ta) => super::form::select_for_typing(ta),
        }
    }

    /// Tab, Enter or Ctrl-S on a combobox: take its waiting choice. False when the typed
    /// filter matches nothing (the text stays for correction).
    pub fn settle(&mut self) -> bool {
        match &mut self.rows[self.focus].input {
            EntryInput::Choice(c) => c.settle(),
            EntryInput::Text(_) => true,
        }
    }

    /// Enter on a combobox: like `settle`, and an open list with nothing chosen takes the
    /// line it shows highlighted (`Combo::pick`).
    pub fn pick(&mut self) -> bool {
        match &mut self.rows[self.focus].input {
            EntryInput::Choice(c) => c.pick(),
            EntryInput::Text(_) => true,
        }
    }

    /// Esc on a combobox with its list open closes the list; returns whether it did.
    pub fn close_dropdown(&mut self) -> bool {
        match &mut self.rows[self.focus].input {
            EntryInput::Choice(c) if c.is_open() => {
                c.close();
                true
            }
            _ => false,
        }
    }

    pub fn error_for(&self, key: EntryKey) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, e)| e.as_str())
    }
}
