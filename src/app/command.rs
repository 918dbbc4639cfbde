//! The user-facing verbs. Keys resolve to these through the keymap; tests call
//! `App::apply(Command)` directly.

use crate::domain::case::Action;

/// Every bindable command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    /// `F2`: the last messages of the status line, in full.
    Messages,
    /// `F3`: the journal (administrators).
    Audit,
    /// `F4`: a leader unlocks the unit key with their passphrase (denouncers' identities,
    /// for the session).
    UnlockUnit,
    Close,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    PrevDay,
    NextDay,
    Today,
    GotoDate,
    Open,
    NewVisit,
    EditVisit,
    /// Void a visit logged by mistake (with a reason; kept, struck through).
    VoidVisit,
    /// `b` on a refused visit: its written notice (Mẫu 01/TCD) issued today.
    NoticeIssued,
    /// The catalog's `s`: the head's reception schedule.
    ShowSchedule,
    /// On a day of the schedule: posted today; held with nobody coming; a deputy received;
    /// postponed.
    MarkPosted,
    MarkHeld,
    MarkDelegated,
    MarkPostponed,
    /// `y` on a complaint's case: record its dialogue (a new one, or the one planned).
    RecordDialogue,
    /// The catalog's `y`: the head's public dialogues and the answers promised.
    ShowDialogues,
    /// In the public dialogues: a new dialogue; an answer promised at the selected one.
    NewDialogue,
    AddPromise,
    SwitchOfficer,
    /// Lock the screen now (`Ctrl-L`): only the unit, the date and signing in are shown.
    Lock,
    NextField,
    PrevField,
    Save,
    Cancel,
    Submit,
    Confirm,
    Deny,
    /// The third answer of a question that has one (`s`: correct the record).
    Amend,
    ShowLog,
    ShowQueue,
    ShowBoard,
    ShowCatalog,
    ShowLookup,
    /// `/`: the lookup box, from anywhere.
    Lookup,
    /// `w`: explain how a due date was computed.
    Explain,
    EditItem,
    AddItem,
    RemoveItem,
    ConfirmYear,
    NextPane,
    PrevPane,
    Left,
    Right,
    NewPetition,
    FilterType,
    FilterStatus,
    SortOrder,
    OnlyMine,
    Reveal,
    /// `p`: the papers of a visit or a case.
    Papers,
    /// Open (another) case from the visit shown.
    AddCase,
    /// A step of a case's life (classification picks its kind in the form).
    Step(Action),
    // Reports (tab 5).
    ShowReport,
    /// The next kind of reporting period (quarter, 6 months, 9 months, year, month).
    PeriodKind,
    /// Write the report shown as XLSX.
    Export,
    /// The log pane: the book of a day, a month or a range to XLSX.
    ExportBook,
    /// The charts view of the reports pane.
    Charts,
    /// The reports pane: the next unit of a merged book (the whole book, each desk).
    ReportUnit,
    /// Close the period shown (chốt số liệu): its figures are stored with their digest.
    ClosePeriod,
}
