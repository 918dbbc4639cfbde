//! The user-facing verbs. Keys resolve to these through the keymap; tests call
//! `App::apply(Command)` directly.

/// Every bindable command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
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
    SwitchOfficer,
    NextField,
    PrevField,
    Save,
    Cancel,
    Submit,
    Confirm,
    Deny,
}
