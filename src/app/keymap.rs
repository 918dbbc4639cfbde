//! The keymap as data: one table of bindings per context. The hint bar and the `?` help
//! overlay are generated from this same table, so they cannot drift from the real keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use crate::domain::case::Action;
use crate::i18n::Msg;

/// Where a binding applies. Resolution goes from the topmost overlay down to `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Log,
    Form,
    Detail,
    Prompt,
    Confirm,
    Picker,
    Help,
    Queue,
    Case,
    /// The steps of a case's life: consulted from `Queue` and `Case`.
    Steps,
    Entry,
    Board,
    Catalog,
    Explain,
    /// Switching panes: consulted from every pane.
    Panes,
    Lookup,
    History,
    /// Moving in a list: consulted from the panes that show one.
    List,
    /// Filling a form: consulted from the visit form and the case forms.
    Editing,
}

impl Context {
    pub fn title(self) -> Msg {
        match self {
            Context::Global => Msg::CtxGlobal,
            Context::Log => Msg::CtxLog,
            Context::Form => Msg::CtxForm,
            Context::Detail => Msg::CtxDetail,
            Context::Prompt => Msg::CtxPrompt,
            Context::Confirm => Msg::CtxConfirm,
            Context::Picker => Msg::CtxPicker,
            Context::Help => Msg::CtxHelp,
            Context::Queue => Msg::CtxQueue,
            Context::Case => Msg::CtxCase,
            Context::Steps => Msg::CaseNextSteps,
            Context::Entry => Msg::CtxEntry,
            Context::Board => Msg::CtxBoard,
            Context::Catalog => Msg::CtxCatalog,
            Context::Explain => Msg::CtxExplain,
            Context::Panes => Msg::CtxPanes,
            Context::Lookup => Msg::CtxLookup,
            Context::History => Msg::CtxHistory,
            Context::List => Msg::CtxList,
            Context::Editing => Msg::CtxForm,
        }
    }

    /// Contexts whose keys type text: single letters are not commands there, and the
    /// global bindings are not consulted (except those with a modifier).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Form | Context::Prompt | Context::Entry | Context::Lookup
        )
    }

    /// Further contexts whose bindings apply here (and are listed in help).
    pub fn also(self) -> &'static [Context] {
        match self {
            Context::Queue => &[Context::Steps, Context::List, Context::Panes],
            Context::Case => &[Context::Steps],
            Context::Log | Context::Board | Context::Catalog => &[Context::List, Context::Panes],
            Context::Lookup => &[Context::Panes],
            Context::Form | Context::Entry => &[Context::Editing],
            _ => &[],
        }
    }
}

/// A key as bound: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: CTRL,
    }
}
const fn k(code: KeyCode) -> Key {
    Key { code, mods: NONE }
}
const fn up(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: SHIFT,
    }
}

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

fn normalize(key: &KeyEvent) -> Key {
    let mut mods = key.modifiers & (CTRL | SHIFT | KeyModifiers::ALT);
    // Terminals report Shift with upper-case letters and symbols inconsistently: for
    // characters, the character itself carries the shift.
    if let KeyCode::Char(c) = key.code
        && (!c.is_ascii_lowercase() || c.is_ascii_punctuation())
        && !mods.contains(CTRL)
    {
        mods.remove(SHIFT);
    }
    let code = match key.code {
        KeyCode::Char(c) if mods.contains(CTRL) => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Key { code, mods }
}

fn matches(bound: &Key, pressed: &Key) -> bool {
    if bound.code != pressed.code {
        return false;
    }
    // Upper-case letters are bound with SHIFT for readability; the character decides.
    let relevant = |m: KeyModifiers| m & (CTRL | KeyModifiers::ALT);
    match bound.code {
        KeyCode::Char(_) => relevant(bound.mods) == relevant(pressed.mods),
        KeyCode::BackTab => true,
        _ => bound.mods == pressed.mods,
    }
}

/// The command bound to `key` in `ctx`, falling back to the global bindings (which, in text
/// contexts, apply only to keys with Ctrl).
pub fn resolve(ctx: Context, key: &KeyEvent) -> Option<Command> {
    let pressed = normalize(key);
    let find = |c: Context| {
        BINDINGS
            .iter()
            .find(|bd| bd.ctx == c && bd.keys.iter().any(|k| matches(k, &pressed)))
            .map(|bd| bd.cmd)
    };
    if let Some(cmd) = find(ctx) {
        return Some(cmd);
    }
    // In a context that types text, a plain character is text, never a pane switch.
    let plain_char = matches!(pressed.code, KeyCode::Char(_)) && !pressed.mods.contains(CTRL);
    if !(ctx.takes_text() && plain_char)
        && let Some(cmd) = ctx.also().iter().find_map(|c| find(*c))
    {
        return Some(cmd);
    }
    if ctx == Context::Help || ctx == Context::Confirm {
        return None;
    }
    if ctx.takes_text() || ctx == Context::Picker {
        let with_ctrl = pressed.mods.contains(CTRL);
        let is_fkey = matches!(pressed.code, KeyCode::F(_));
        if !(with_ctrl || is_fkey) {
            return None;
        }
    }
    find(Context::Global)
}

/// The bindings of a context (for hints and help).
pub fn bindings(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.ctx == ctx)
}

/// How a key is written in hints and help ("Ctrl-S", "Shift-Tab", "↑", "q").
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.mods.contains(CTRL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        let mut seen = HashSet::new();
        for bd in BINDINGS {
            for key in bd.keys {
                assert!(
                    seen.insert((bd.ctx, *key)),
                    "{:?} bound twice in {:?}",
                    key,
                    bd.ctx
                );
            }
        }
    }

    #[test]
    fn every_binding_has_keys_and_help() {
        for bd in BINDINGS {
            assert!(!bd.keys.is_empty());
            assert!(!bd.help.t(crate::i18n::Lang::Vi).is_empty());
        }
    }

    #[test]
    fn letters_are_text_in_the_form_but_ctrl_s_saves() {
        let q = KeyEvent::new(KeyCode::Char('q'), NONE);
        assert_eq!(resolve(Context::Form, &q), None);
        assert_eq!(resolve(Context::Log, &q), Some(Command::Quit));
        let save = KeyEvent::new(KeyCode::Char('s'), CTRL);
        assert_eq!(resolve(Context::Form, &save), Some(Command::Save));
        let quit = KeyEvent::new(KeyCode::Char('c'), CTRL);
        assert_eq!(resolve(Context::Form, &quit), Some(Command::Quit));
    }

    #[test]
    fn shift_tab_is_previous_field_however_reported() {
        for ev in [
            KeyEvent::new(KeyCode::BackTab, NONE),
            KeyEvent::new(KeyCode::BackTab, SHIFT),
        ] {
            assert_eq!(resolve(Context::Form, &ev), Some(Command::PrevField));
        }
    }

    #[test]
    fn lists_move_panes_switch_and_slash_looks_up_but_not_while_typing() {
        let ch = |c: char| KeyEvent::new(KeyCode::Char(c), NONE);
        for ctx in [
            Context::Log,
            Context::Queue,
            Context::Board,
            Context::Catalog,
        ] {
            assert_eq!(resolve(ctx, &ch('j')), Some(Command::Down), "{ctx:?}");
            assert_eq!(
                resolve(ctx, &KeyEvent::new(KeyCode::End, NONE)),
                Some(Command::Last),
                "{ctx:?}"
            );
            assert_eq!(resolve(ctx, &ch('3')), Some(Command::ShowBoard), "{ctx:?}");
            assert_eq!(resolve(ctx, &ch('/')), Some(Command::Lookup), "{ctx:?}");
        }
        for ctx in [Context::Lookup, Context::Form, Context::Entry] {
            for c in ['j', '4', '/', 'q'] {
                assert_eq!(resolve(ctx, &ch(c)), None, "{ctx:?} {c}");
            }
        }
        assert_eq!(
            resolve(Context::Lookup, &KeyEvent::new(KeyCode::Tab, NONE)),
            Some(Command::NextPane)
        );
    }

    #[test]
    fn help_key_with_or_without_shift() {
        for ev in [
            KeyEvent::new(KeyCode::Char('?'), NONE),
            KeyEvent::new(KeyCode::Char('?'), SHIFT),
        ] {
            assert_eq!(resolve(Context::Log, &ev), Some(Command::Help));
        }
    }
}
