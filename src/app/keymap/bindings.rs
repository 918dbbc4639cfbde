//! Every key of the application, as data: (context, keys, command, help text, shown in the
//! hint bar). Resolution and labels live in the parent module.

use ratatui::crossterm::event::KeyCode;

use super::{Context, Key, SHIFT, ch, ctrl, k, up};
use crate::app::command::Command;
use crate::domain::case::Action;
use crate::i18n::Msg;

/// One line of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Context,
    pub keys: &'static [Key],
    pub cmd: Command,
    pub help: Msg,
    /// Shown in the one-line hint bar (the help overlay shows every binding).
    pub hint: bool,
}

const fn b(ctx: Context, keys: &'static [Key], cmd: Command, help: Msg, hint: bool) -> Binding {
    Binding {
        ctx,
        keys,
        cmd,
        help,
        hint,
    }
}

use Context as C;
use KeyCode as KC;

/// Every key of the application.
pub const BINDINGS: &[Binding] = &[
    // Everywhere (not in text-typing contexts unless the key has a modifier).
    b(
        C::Global,
        &[ch('?'), k(KC::F(1))],
        Command::Help,
        Msg::CmdHelp,
        true,
    ),
    b(
        C::Global,
        &[ch('q'), ctrl('q'), ctrl('c')],
        Command::Quit,
        Msg::CmdQuit,
        true,
    ),
    b(C::Global, &[ch('/')], Command::Lookup, Msg::CmdLookup, true),
    // Reception log.
    b(C::Log, &[ch('n')], Command::NewVisit, Msg::CmdNew, true),
    b(C::Log, &[k(KC::Enter)], Command::Open, Msg::CmdOpen, true),
    b(C::Log, &[ch('e')], Command::EditVisit, Msg::CmdEdit, true),
    b(C::Log, &[ch('[')], Command::PrevDay, Msg::CmdPrevDay, true),
    b(C::Log, &[ch(']')], Command::NextDay, Msg::CmdNextDay, true),
    b(C::Log, &[ch('t')], Command::Today, Msg::CmdToday, true),
    b(
        C::Log,
        &[ch('g')],
        Command::GotoDate,
        Msg::CmdGotoDate,
        true,
    ),
    // Visit detail.
    b(
        C::Detail,
        &[ch('e')],
        Command::EditVisit,
        Msg::CmdEdit,
        true,
    ),
    b(
        C::Detail,
        &[k(KC::Esc), k(KC::Enter), ch('q')],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    b(
        C::Detail,
        &[ch('c')],
        Command::AddCase,
        Msg::CmdAddCase,
        true,
    ),
    b(
        C::Detail,
        &[ch('v')],
        Command::Reveal,
        Msg::CmdReveal,
        false,
    ),
    // One-line prompt (go to date, officer's name).
    b(
        C::Prompt,
        &[k(KC::Enter)],
        Command::Submit,
        Msg::CmdSubmit,
        true,
    ),
    b(
        C::Prompt,
        &[k(KC::Tab)],
        Command::NextField,
        Msg::CmdNextField,
        false,
    ),
    b(
        C::Prompt,
        &[
            k(KC::BackTab),
            Key {
                code: KC::BackTab,
                mods: SHIFT,
            },
        ],
        Command::PrevField,
        Msg::CmdPrevField,
        false,
    ),
    b(
        C::Prompt,
        &[k(KC::Esc)],
        Command::Cancel,
        Msg::CmdCancel,
        true,
    ),
    // Yes/no question.
    b(
        C::Confirm,
        &[
            ch('y'),
            ch('c'),
            Key {
                code: KC::Char('Y'),
                mods: SHIFT,
            },
        ],
        Command::Confirm,
        Msg::CmdConfirm,
        true,
    ),
    b(
        C::Confirm,
        &[
            ch('n'),
            ch('k'),
            Key {
                code: KC::Char('N'),
                mods: SHIFT,
            },
        ],
        Command::Deny,
        Msg::CmdDeny,
        true,
    ),
    // Esc answers nothing: the question goes away and nothing irreversible happens.
    b(
        C::Confirm,
        &[k(KC::Esc)],
        Command::Cancel,
        Msg::CmdBack,
        true,
    ),
    // Officer picker.
    b(
        C::Picker,
        &[k(KC::Up), ch('k')],
        Command::Up,
        Msg::CmdUp,
        false,
    ),
    b(
        C::Picker,
        &[k(KC::Down), ch('j')],
        Command::Down,
        Msg::CmdDown,
        false,
    ),
    b(
        C::Picker,
        &[k(KC::Enter)],
        Command::Submit,
        Msg::CmdSubmit,
        true,
    ),
    b(
        C::Picker,
        &[k(KC::Esc)],
        Command::Cancel,
        Msg::CmdCancel,
        true,
    ),
    // Panes (from every pane).
    b(
        C::Panes,
        &[ch('1')],
        Command::ShowLog,
        Msg::CmdPaneLog,
        false,
    ),
    b(
        C::Panes,
        &[ch('2')],
        Command::ShowQueue,
        Msg::CmdPaneQueue,
        false,
    ),
    b(
        C::Panes,
        &[ch('3')],
        Command::ShowBoard,
        Msg::CmdPaneBoard,
        false,
    ),
    b(
        C::Panes,
        &[ch('4')],
        Command::ShowLookup,
        Msg::CmdPaneLookup,
        false,
    ),
    b(
        C::Panes,
        &[ch('6')],
        Command::ShowCatalog,
        Msg::CmdPaneCatalog,
        false,
    ),
    b(
        C::Panes,
        &[k(KC::Tab)],
        Command::NextPane,
        Msg::CmdNextPane,
        false,
    ),
    b(
        C::Panes,
        &[k(KC::BackTab)],
        Command::PrevPane,
        Msg::CmdPrevPane,
        false,
    ),
    // Deadline board.
    b(C::Board, &[k(KC::Enter)], Command::Open, Msg::CmdOpen, true),
    b(
        C::Board,
        &[ch('w')],
        Command::Explain,
        Msg::CmdExplain,
        true,
    ),
    // Catalogs: deadline rules and the calendar.
    b(
        C::Catalog,
        &[k(KC::Enter), ch('e')],
        Command::EditItem,
        Msg::CmdEditItem,
        true,
    ),
    b(
        C::Catalog,
        &[ch('n')],
        Command::AddItem,
        Msg::CmdAddDay,
        true,
    ),
    b(
        C::Catalog,
        &[ch('x')],
        Command::RemoveItem,
        Msg::CmdRemoveDay,
        true,
    ),
    b(
        C::Catalog,
        &[up('C')],
        Command::ConfirmYear,
        Msg::CmdConfirmYear,
        true,
    ),
    b(
        C::Catalog,
        &[ch('[')],
        Command::PrevDay,
        Msg::CmdPrevYear,
        true,
    ),
    b(
        C::Catalog,
        &[ch(']')],
        Command::NextDay,
        Msg::CmdNextYear,
        true,
    ),
    b(
        C::Catalog,
        &[k(KC::Left), ch('h')],
        Command::Left,
        Msg::CmdLeft,
        false,
    ),
    b(
        C::Catalog,
        &[k(KC::Right), ch('l')],
        Command::Right,
        Msg::CmdRight,
        false,
    ),
    // Explanation of a due date.
    b(
        C::Explain,
        &[k(KC::Esc), ch('q'), ch('w'), k(KC::Enter)],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    // Complaint queue.
    b(C::Queue, &[k(KC::Enter)], Command::Open, Msg::CmdOpen, true),
    b(
        C::Queue,
        &[ch('n')],
        Command::NewPetition,
        Msg::CmdNewPetition,
        true,
    ),
    b(
        C::Queue,
        &[ch('f')],
        Command::FilterType,
        Msg::CmdFilterType,
        true,
    ),
    b(
        C::Queue,
        &[ch('s')],
        Command::FilterStatus,
        Msg::CmdFilterStatus,
        true,
    ),
    b(
        C::Queue,
        &[up('O')],
        Command::SortOrder,
        Msg::CmdSortOrder,
        false,
    ),
    b(
        C::Queue,
        &[ch('m')],
        Command::OnlyMine,
        Msg::CmdOnlyMine,
        true,
    ),
    b(
        C::Queue,
        &[k(KC::Left), ch('h')],
        Command::Left,
        Msg::CmdLeft,
        false,
    ),
    b(
        C::Queue,
        &[k(KC::Right), ch('l')],
        Command::Right,
        Msg::CmdRight,
        false,
    ),
    // Case detail.
    b(C::Case, &[ch('v')], Command::Reveal, Msg::CmdReveal, false),
    b(
        C::Case,
        &[k(KC::Up), ch('k')],
        Command::Up,
        Msg::CmdScrollUp,
        false,
    ),
    b(
        C::Case,
        &[k(KC::Down), ch('j')],
        Command::Down,
        Msg::CmdScrollDown,
        false,
    ),
    b(
        C::Case,
        &[k(KC::PageUp)],
        Command::PageUp,
        Msg::CmdPageUp,
        false,
    ),
    b(
        C::Case,
        &[k(KC::PageDown)],
        Command::PageDown,
        Msg::CmdPageDown,
        false,
    ),
    b(
        C::Explain,
        &[k(KC::Up), ch('k')],
        Command::Up,
        Msg::CmdScrollUp,
        false,
    ),
    b(
        C::Explain,
        &[k(KC::Down), ch('j')],
        Command::Down,
        Msg::CmdScrollDown,
        false,
    ),
    b(
        C::Explain,
        &[k(KC::PageUp)],
        Command::PageUp,
        Msg::CmdPageUp,
        false,
    ),
    b(
        C::Explain,
        &[k(KC::PageDown)],
        Command::PageDown,
        Msg::CmdPageDown,
        false,
    ),
    b(C::Case, &[ch('w')], Command::Explain, Msg::CmdExplain, true),
    b(
        C::Case,
        &[k(KC::Esc), ch('q')],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    // Steps of a case's life, from the queue or the case.
    b(
        C::Steps,
        &[ch('c')],
        Command::Step(Action::ClassifyOwn),
        Msg::CmdClassify,
        true,
    ),
    b(
        C::Steps,
        &[ch('a')],
        Command::Step(Action::Accept),
        Msg::AcAccept,
        true,
    ),
    b(
        C::Steps,
        &[ch('x')],
        Command::Step(Action::Refuse),
        Msg::AcRefuse,
        false,
    ),
    b(
        C::Steps,
        &[ch('t')],
        Command::Step(Action::Transfer),
        Msg::AcTransfer,
        false,
    ),
    b(
        C::Steps,
        &[ch('g')],
        Command::Step(Action::Guide),
        Msg::AcGuide,
        false,
    ),
    b(
        C::Steps,
        &[ch('d')],
        Command::Step(Action::Urge),
        Msg::AcUrge,
        false,
    ),
    b(
        C::Steps,
        &[ch('b')],
        Command::Step(Action::Return),
        Msg::AcReturn,
        false,
    ),
    b(
        C::Steps,
        &[up('L')],
        Command::Step(Action::File),
        Msg::AcFile,
        false,
    ),
    b(
        C::Steps,
        &[up('W')],
        Command::Step(Action::Withdraw),
        Msg::AcWithdraw,
        false,
    ),
    b(
        C::Steps,
        &[ch('p')],
        Command::Step(Action::MarkComplex),
        Msg::AcComplex,
        false,
    ),
    b(
        C::Steps,
        &[up('E')],
        Command::Step(Action::Extend),
        Msg::AcExtend,
        false,
    ),
    b(
        C::Steps,
        &[ch('r')],
        Command::Step(Action::Resolve),
        Msg::AcResolve,
        true,
    ),
    b(
        C::Steps,
        &[up('K')],
        Command::Step(Action::Reopen),
        Msg::AcReopen,
        false,
    ),
    b(
        C::Steps,
        &[ch('i')],
        Command::Step(Action::Note),
        Msg::AcNote,
        false,
    ),
    b(
        C::Steps,
        &[up('P')],
        Command::Step(Action::Assign),
        Msg::AcAssign,
        false,
    ),
    b(
        C::Steps,
        &[ch('u')],
        Command::Step(Action::MarkRemote),
        Msg::AcRemote,
        false,
    ),
    // Case forms (a step, a new petition).
    b(
        C::Entry,
        &[k(KC::Enter)],
        Command::Submit,
        Msg::CmdNextField,
        false,
    ),
    // Lookup (typing goes to the box; these keys move and open).
    b(
        C::Lookup,
        &[k(KC::Enter)],
        Command::Submit,
        Msg::CmdOpen,
        true,
    ),
    b(C::Lookup, &[k(KC::Up)], Command::Up, Msg::CmdUp, true),
    b(C::Lookup, &[k(KC::Down)], Command::Down, Msg::CmdDown, true),
    b(
        C::Lookup,
        &[k(KC::PageUp)],
        Command::PageUp,
        Msg::CmdPageUp,
        false,
    ),
    b(
        C::Lookup,
        &[k(KC::PageDown)],
        Command::PageDown,
        Msg::CmdPageDown,
        false,
    ),
    b(
        C::Lookup,
        &[k(KC::Esc)],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    // A citizen's history.
    b(
        C::History,
        &[k(KC::Enter)],
        Command::Open,
        Msg::CmdOpen,
        true,
    ),
    b(
        C::History,
        &[k(KC::Up), ch('k')],
        Command::Up,
        Msg::CmdUp,
        false,
    ),
    b(
        C::History,
        &[k(KC::Down), ch('j')],
        Command::Down,
        Msg::CmdDown,
        false,
    ),
    b(
        C::History,
        &[k(KC::Esc), ch('q')],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    // Help overlay.
    b(
        C::Help,
        &[k(KC::Esc), ch('?'), k(KC::F(1)), ch('q')],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    // Moving in a list (the log, the queue, the board, the catalogs).
    b(
        C::List,
        &[k(KC::Up), ch('k')],
        Command::Up,
        Msg::CmdUp,
        false,
    ),
    b(
        C::List,
        &[k(KC::Down), ch('j')],
        Command::Down,
        Msg::CmdDown,
        false,
    ),
    b(
        C::List,
        &[k(KC::PageUp), ctrl('b')],
        Command::PageUp,
        Msg::CmdPageUp,
        false,
    ),
    b(
        C::List,
        &[k(KC::PageDown), ctrl('f')],
        Command::PageDown,
        Msg::CmdPageDown,
        false,
    ),
    b(
        C::List,
        &[k(KC::Home)],
        Command::First,
        Msg::CmdFirst,
        false,
    ),
    b(
        C::List,
        &[k(KC::End), up('G')],
        Command::Last,
        Msg::CmdLast,
        false,
    ),
    b(
        C::List,
        &[ch('o')],
        Command::SwitchOfficer,
        Msg::CmdOfficer,
        false,
    ),
    // Filling a form (the visit form, the case forms).
    b(
        C::Editing,
        &[k(KC::Tab)],
        Command::NextField,
        Msg::CmdNextField,
        true,
    ),
    b(
        C::Editing,
        &[k(KC::BackTab)],
        Command::PrevField,
        Msg::CmdPrevField,
        true,
    ),
    b(C::Editing, &[ctrl('s')], Command::Save, Msg::CmdSave, true),
    b(
        C::Editing,
        &[k(KC::Esc)],
        Command::Cancel,
        Msg::CmdCancel,
        true,
    ),
    b(
        C::Editing,
        &[k(KC::Up)],
        Command::Up,
        Msg::CmdChoiceUp,
        false,
    ),
    b(
        C::Editing,
        &[k(KC::Down)],
        Command::Down,
        Msg::CmdChoiceDown,
        false,
    ),
];
