//! What can sit on top of a pane: prompts, questions, the first-start setup, the officer
//! picker, forms, details. Types only; their transitions live with the pane they serve.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::Command;
use super::keymap::Context;
use super::{CaseView, Entry, ExplainView, HistoryView, VisitForm};
use crate::domain::case::Action;
use crate::domain::ident::{IdNumber, Phone};
use crate::domain::identity::Person;
use crate::domain::text::nfc;
use crate::domain::visit::VisitDraft;
use crate::i18n::Msg;
use crate::store::{KnownCitizen, NewCase, Officer, StepInput, VisitDetail};

/// A one-line prompt (go to date, a new officer's name).
#[derive(Debug)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub input: TextArea<'static>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    GotoDate,
    NewOfficer,
    /// The reason to void a visit, of the version the officer saw.
    VoidVisit {
        uid: String,
        version: i64,
    },
    /// Which days of the book to export (the log pane's `X`).
    ExportBook,
    /// A leader's passphrase (or the recovery code), to unlock the unit key for the session
    /// (drawn masked).
    UnlockUnit,
    /// A leader's new passphrase, typed twice (`first`: the first time's, then asked again);
    /// `renew_code`: a new recovery code follows (the unit key was opened with the old one).
    SetPassphrase {
        first: Option<Secret>,
        renew_code: bool,
    },
    /// The recovery code of keys this start made, shown once: acknowledged by typing its
    /// last group (it is never shown again; Esc does not close it).
    AckRecovery {
        code: Secret,
    },
}

/// A secret held by a prompt (a recovery code, a passphrase typed once): never in debug
/// output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl Prompt {
    pub(super) fn new(purpose: PromptPurpose) -> Prompt {
        let input = if matches!(
            purpose,
            PromptPurpose::UnlockUnit | PromptPurpose::SetPassphrase { .. }
        ) {
            masked()
        } else {
            single_line("")
        };
        Prompt {
            purpose,
            input,
            error: None,
        }
    }

    pub fn text(&self) -> String {
        nfc(&self.input.lines().join(" "))
    }
}

/// First start: the unit's name, its desk code, the first officer and their PIN (twice).
#[derive(Debug)]
pub struct Setup {
    pub unit: TextArea<'static>,
    pub desk: TextArea<'static>,
    pub officer: TextArea<'static>,
    /// The first officer's PIN or passphrase (drawn masked), and again.
    pub pin: TextArea<'static>,
    pub again: TextArea<'static>,
    /// 0: unit, 1: desk code, 2: officer, 3: PIN, 4: PIN again.
    pub focus: usize,
    /// Every input's problem at once (input, what is wrong), from the last Enter.
    pub errors: Vec<(usize, String)>,
}

impl Setup {
    pub const INPUTS: usize = 5;

    /// The dialog for a new book: the unit's name (if known), the desk code suggested.
    pub(super) fn new(unit: &str, desk: &str) -> Setup {
        let mut s = Setup {
            unit: single_line(unit),
            desk: single_line(desk),
            officer: single_line(""),
            pin: masked(),
            again: masked(),
            focus: 0,
            errors: Vec::new(),
        };
        s.focus_on(if unit.is_empty() { 0 } else { 2 });
        s
    }

    pub(super) fn focused(&mut self) -> &mut TextArea<'static> {
        match self.focus {
            0 => &mut self.unit,
            1 => &mut self.desk,
            2 => &mut self.officer,
            3 => &mut self.pin,
            _ => &mut self.again,
        }
    }

    /// Focus an input as the visit form's Tab does: a value in it (the suggested desk code,
    /// a name typed before) is selected, so the first key typed replaces it.
    pub(super) fn focus_on(&mut self, i: usize) {
        self.focus = i.min(Self::INPUTS - 1);
        super::form::select_for_typing(self.focused());
    }

    /// The problem of input `i`, if the last Enter found one.
    pub fn error_of(&self, i: usize) -> Option<&str> {
        self.errors
            .iter()
            .find(|(at, _)| *at == i)
            .map(|(_, e)| e.as_str())
    }

    /// A refused PIN is typed again, both times.
    pub(super) fn clear_pins(&mut self) {
        self.pin = masked();
        self.again = masked();
    }
}

/// A one-line input whose text is drawn as dots (a PIN).
pub fn masked() -> TextArea<'static> {
    let mut ta = single_line("");
    ta.set_mask_char('•');
    ta
}

/// Choosing the officer at the keyboard: the officers' list, where they are added, disabled
/// and enabled again.
#[derive(Debug)]
pub struct Picker {
    /// Active officers, by name.
    pub officers: Vec<Officer>,
    /// Disabled officers, by name: listed after "add an officer", to be enabled again.
    pub disabled: Vec<Officer>,
    /// The row under the cursor: an active officer (index into `officers`), then
    /// `officers.len()` "add an officer", then the disabled ones. None: nobody preselected —
    /// at start the picker never offers another window's officer to a reflexive Enter.
    pub selected: Option<usize>,
}

/// A row of the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerRow<'a> {
    Active(&'a Officer),
    Add,
    Disabled(&'a Officer),
}

impl Picker {
    pub fn rows(&self) -> usize {
        self.officers.len() + 1 + self.disabled.len()
    }

    pub fn row(&self, i: usize) -> Option<PickerRow<'_>> {
        let n = self.officers.len();
        match i.cmp(&n) {
            std::cmp::Ordering::Less => self.officers.get(i).map(PickerRow::Active),
            std::cmp::Ordering::Equal => Some(PickerRow::Add),
            std::cmp::Ordering::Greater => self.disabled.get(i - n - 1).map(PickerRow::Disabled),
        }
    }

    /// The row under the cursor.
    pub fn current(&self) -> Option<PickerRow<'_>> {
        self.row(self.selected?)
    }

    /// The row of officer `id`, active or disabled.
    pub fn row_of(&self, id: i64) -> Option<usize> {
        (0..self.rows()).find(|i| match self.row(*i) {
            Some(PickerRow::Active(o) | PickerRow::Disabled(o)) => o.id == id,
            _ => false,
        })
    }
}

/// A step of a case, typed and waiting for the officer's confirmation.
#[derive(Debug, Clone)]
pub struct PendingStep {
    pub case_uid: String,
    pub code: String,
    /// The version of the case the officer was looking at.
    pub version: i64,
    pub action: Action,
    pub input: StepInput,
}

/// Who a written petition is from, as typed and checked.
#[derive(Debug, Clone)]
pub struct WrittenCitizen {
    pub full_name: String,
    pub id_number: Option<IdNumber>,
    pub phone: Option<Phone>,
    pub address: String,
    pub known: Option<KnownCitizen>,
    /// The officer's answer about a name that differs from the record (None: not asked).
    pub rename: Option<bool>,
}

/// What waits for the officer's answer to "link to the open case?".
#[derive(Debug, Clone)]
pub enum PendingIntake {
    /// The visit form under the question (saved once answered).
    Visit,
    /// A written petition (the intake form under the question).
    Written(Box<(WrittenCitizen, NewCase)>),
}

/// A petition whose citizen already has an open case in the same field: the same matter
/// (join it) or a new one (open another)? Nothing is saved until the officer answers.
#[derive(Debug, Clone)]
pub struct RepeatLink {
    pub pending: PendingIntake,
    pub case_uid: String,
    pub code: String,
    /// Whose petition (a pseudonym for a denouncer, through the identity rule).
    pub citizen: Person,
    pub field: String,
}

/// A typed name that differs from the record of the ID number typed.
#[derive(Debug, Clone)]
pub struct NameClash {
    pub pending: PendingIntake,
    /// The citizen on record (through the identity rule: a denouncer is a pseudonym).
    pub stored: Person,
    pub typed: String,
}

/// Questions that need a yes or no.
#[derive(Debug)]
pub enum Question {
    DiscardForm,
    /// Esc on a step, new-case or catalog form with typed text.
    DiscardEntry,
    /// Disable an officer (never deleted).
    DisableOfficer(Box<crate::store::Officer>),
    /// Enable a disabled officer again (chosen in the picker, or their name typed as new).
    EnableOfficer(Box<crate::store::Officer>),
    /// A step, new-case or catalog form typed in `window` and never saved: restore it?
    RestoreEntry {
        draft: Box<super::entry_draft::EntryDraft>,
        window: String,
        more: usize,
    },
    QuitWithForm,
    /// A form typed in `window` and never saved (a crash, a kill): restore it here?
    /// `more` drafts wait after this one.
    RestoreDraft {
        draft: Box<VisitDraft>,
        window: String,
        more: usize,
    },
    /// An irreversible step of a case.
    ConfirmStep(Box<PendingStep>),
    /// Reveal a denouncer's identity (audited).
    Reveal {
        case_uid: String,
        code: String,
    },
    /// Reveal the denouncer of a visit of type tố cáo (audited); then edit it if asked.
    RevealVisit {
        uid: String,
        then_edit: bool,
    },
    /// Link a repeat petition to the open case (yes), open a new one (no), or go back (Esc).
    LinkRepeat(Box<RepeatLink>),
    /// The ID number is on record under another name: the same person keeping the recorded
    /// name (y), the same person with the name corrected (s), or not the same person — the
    /// number is wrong (n, Esc: back to it).
    NameClash(Box<NameClash>),
    /// A correction of a visit whose case holds other visits: the whole case follows (y,
    /// not for a change of kind), only this visit — it leaves the case (n), or back (Esc).
    SharedCase {
        code: String,
        others: u32,
        what: crate::store::EditWhat,
    },
    /// Confirm a year's computed days off as announced.
    ConfirmYear(i32),
    /// Close a reporting period (chốt số liệu).
    ClosePeriod(crate::domain::report::Period),
    /// The book export's file exists: replace it?
    OverwriteBook(Box<super::job::book::BookJob>),
    /// Another desk changed the record since the form opened: carry the typed values onto
    /// its version (y), or leave the form as it is (n, Esc).
    CarryOver(Box<super::conflict::CarryOver>),
    /// `n` while an earlier day is shown: log the visit today (n, Enter) or on the day shown
    /// (y) — back-filling the paper book of that day?
    NewVisitDay {
        shown: NaiveDate,
        today: NaiveDate,
    },
}

impl Question {
    /// The answers this question takes: only their keys are hinted, and other answer keys do
    /// nothing here (the question stays).
    pub fn answers(&self) -> &'static [Command] {
        use Command as C;
        match self {
            Question::NameClash(_) => &[C::Confirm, C::Amend, C::Deny, C::Cancel],
            Question::NewVisitDay { .. } => &[C::Deny, C::Submit, C::Confirm, C::Cancel],
            // A kind never crosses a shared case: only "this visit leaves" answers it.
            Question::SharedCase {
                what: crate::store::EditWhat::Type,
                ..
            } => &[C::Deny, C::Cancel],
            _ => &[C::Confirm, C::Deny, C::Cancel],
        }
    }

    /// What an answer means here, where the keymap's general word ("đồng ý", "không") would
    /// not say it.
    pub fn answer_label(&self, cmd: Command) -> Option<Msg> {
        use Command as C;
        match (self, cmd) {
            (Question::NameClash(_), C::Confirm) => Some(Msg::AnsKeepRecordedName),
            (Question::NameClash(_), C::Amend) => Some(Msg::AnsCorrectRecordedName),
            (Question::NameClash(_), C::Deny) => Some(Msg::AnsWrongIdNumber),
            (Question::NewVisitDay { .. }, C::Deny | C::Submit) => Some(Msg::AnsToday),
            (Question::NewVisitDay { .. }, C::Confirm) => Some(Msg::AnsDayShown),
            (Question::CarryOver(_), C::Confirm) => Some(Msg::AnsCarryOver),
            (Question::CarryOver(_), C::Deny) => Some(Msg::AnsLeaveForm),
            (Question::SharedCase { .. }, C::Confirm) => Some(Msg::AnsWholeCaseFollows),
            (Question::SharedCase { .. }, C::Deny) => Some(Msg::AnsOnlyThisVisit),
            // Esc keeps the draft (and those after it) for the next sign-in.
            (Question::RestoreDraft { .. } | Question::RestoreEntry { .. }, C::Confirm) => {
                Some(Msg::AnsRestore)
            }
            (Question::RestoreDraft { .. } | Question::RestoreEntry { .. }, C::Deny) => {
                Some(Msg::AnsDiscardDraft)
            }
            (Question::RestoreDraft { .. } | Question::RestoreEntry { .. }, C::Cancel) => {
                Some(Msg::AnsLater)
            }
            _ => None,
        }
    }
}

/// The panes (tabs) of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Log,
    Queue,
    Board,
    Catalog,
    Lookup,
    Report,
}

impl Pane {
    pub const ALL: [Pane; 6] = [
        Pane::Log,
        Pane::Queue,
        Pane::Board,
        Pane::Lookup,
        Pane::Report,
        Pane::Catalog,
    ];

    pub fn title(self) -> Msg {
        match self {
            Pane::Log => Msg::TabLog,
            Pane::Queue => Msg::TabQueue,
            Pane::Board => Msg::TabBoard,
            Pane::Catalog => Msg::TabCatalog,
            Pane::Lookup => Msg::TabLookup,
            Pane::Report => Msg::TabReport,
        }
    }

    /// The digit that shows the pane.
    pub fn key(self) -> char {
        match self {
            Pane::Log => '1',
            Pane::Queue => '2',
            Pane::Board => '3',
            Pane::Lookup => '4',
            Pane::Report => '5',
            Pane::Catalog => '6',
        }
    }

    pub fn short_title(self) -> Msg {
        match self {
            Pane::Log => Msg::TabLogShort,
            Pane::Queue => Msg::TabQueueShort,
            Pane::Board => Msg::TabBoardShort,
            Pane::Catalog => Msg::TabCatalog,
            Pane::Lookup => Msg::TabLookup,
            Pane::Report => Msg::TabReportShort,
        }
    }

    pub(super) fn context(self) -> Context {
        match self {
            Pane::Log => Context::Log,
            Pane::Queue => Context::Queue,
            Pane::Board => Context::Board,
            Pane::Catalog => Context::Catalog,
            Pane::Lookup => Context::Lookup,
            Pane::Report => Context::Report,
        }
    }
}

#[derive(Debug)]
pub enum Overlay {
    Help,
    Detail(Box<VisitDetail>),
    Prompt(Box<Prompt>),
    Confirm(Question),
    Setup(Box<Setup>),
    Picker(Picker),
    Form(Box<VisitForm>),
    Case(Box<CaseView>),
    Entry(Box<Entry>),
    Explain(Box<ExplainView>),
    /// The lookup box and its results (the state lives in `App::lookup`).
    Lookup,
    History(Box<HistoryView>),
    /// The records behind a report figure, or its definition.
    Report(Box<super::ReportOverlay>),
    /// The last messages of the status line, in full (`F2`), scrolled this far.
    Messages(u16),
    /// The journal's newest entries in words (`F3`, administrators).
    Audit(Box<super::audit::AuditView>),
    /// The head's reception schedule (from the catalog, `s`).
    Schedule(Box<super::ScheduleView>),
    /// The papers of a visit or a case (`p`).
    Papers(Box<super::papers::PapersView>),
    /// The head's public dialogues (from the catalog, `y`).
    Dialogues(Box<super::dialogues::DialoguesView>),
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help => Context::Help,
            Overlay::Detail(_) => Context::Detail,
            Overlay::Prompt(_) => Context::Prompt,
            Overlay::Setup(_) => Context::Setup,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Picker(_) => Context::Picker,
            Overlay::Form(_) => Context::Form,
            Overlay::Case(_) => Context::Case,
            Overlay::Entry(_) => Context::Entry,
            Overlay::Explain(_) => Context::Explain,
            Overlay::Lookup => Context::Lookup,
            Overlay::History(_) => Context::History,
            Overlay::Report(o) => o.context(),
            Overlay::Messages(_) => Context::Messages,
            Overlay::Audit(_) => Context::Audit,
            Overlay::Schedule(_) => Context::Schedule,
            Overlay::Papers(_) => Context::Papers,
            Overlay::Dialogues(_) => Context::Dialogues,
        }
    }
}

/// A one-line text input with its cursor at the end.
pub fn single_line(value: &str) -> TextArea<'static> {
    let mut ta = TextArea::new(vec![value.to_owned()]);
    ta.set_cursor_line_style(ratatui::style::Style::default());
    ta.move_cursor(ratatui_textarea::CursorMove::End);
    ta
}
