//! The keymap: contexts, keys, and how a key press resolves to a command. The table itself
//! is data (`bindings.rs`); the hint bar and the `?` help overlay are generated from it, so
//! they cannot drift from the real keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use crate::i18n::Msg;

/// Where a binding applies. Resolution goes from the topmost overlay down to `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Log,
    Form,
    Detail,
    Prompt,
    /// The first setup (unit, desk, officer): no Esc, nothing to go back to.
    Setup,
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
    /// The reports pane, the records behind a figure, a figure's definition.
    Report,
    ReportRecords,
    ReportDefinition,
    /// The last messages, in full (`F2`).
    Messages,
    /// The journal (`F3`, administrators).
    Audit,
    /// The lock screen (start, `Ctrl-L`, idle, `o`): signing in, nothing else.
    Lock,
    /// The head's reception schedule (issue 29).
    Schedule,
    /// The papers of a visit or a case (`p`).
    Papers,
    /// The head's public dialogues and the answers promised (issue 29).
    Dialogues,
}

impl Context {
    pub fn title(self) -> Msg {
        match self {
            Context::Global => Msg::CtxGlobal,
            Context::Log => Msg::CtxLog,
            Context::Form => Msg::CtxForm,
            Context::Detail => Msg::CtxDetail,
            Context::Prompt => Msg::CtxPrompt,
            Context::Setup => Msg::SetupTitle,
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
            Context::Report => Msg::CtxReport,
            Context::ReportRecords => Msg::CtxRecords,
            Context::ReportDefinition => Msg::CtxDefinition,
            Context::Messages => Msg::CtxMessages,
            Context::Audit => Msg::CtxAudit,
            Context::Lock => Msg::CtxLock,
            Context::Schedule => Msg::CtxSchedule,
            Context::Papers => Msg::CtxPapers,
            Context::Dialogues => Msg::CtxDialogues,
        }
    }

    /// Contexts whose keys type text: single letters are not commands there, and the
    /// global bindings are not consulted (except those with a modifier).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Form
                | Context::Prompt
                | Context::Setup
                | Context::Entry
                | Context::Lookup
                | Context::Lock
        )
    }

    /// Further contexts whose bindings apply here (and are listed in help).
    pub fn also(self) -> &'static [Context] {
        match self {
            Context::Queue => &[Context::Steps, Context::List, Context::Panes],
            Context::Case => &[Context::Steps],
            Context::Log | Context::Board | Context::Catalog | Context::Report => {
                &[Context::List, Context::Panes]
            }
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

pub(super) const NONE: KeyModifiers = KeyModifiers::NONE;
pub(super) const CTRL: KeyModifiers = KeyModifiers::CONTROL;
pub(super) const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

pub(super) const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: NONE,
    }
}
pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: CTRL,
    }
}
pub(super) const fn k(code: KeyCode) -> Key {
    Key { code, mods: NONE }
}
pub(super) const fn up(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: SHIFT,
    }
}

mod bindings;

pub use bindings::{BINDINGS, Binding};

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
    // The lock screen takes its own keys only; everywhere else Ctrl-L locks, a question or
    // the help open included.
    if ctx == Context::Lock {
        return None;
    }
    if let Some(Command::Lock) = find(Context::Global) {
        return Some(Command::Lock);
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

/// The key that gives `cmd` in `ctx` (or a context consulted after it), as hints write it:
/// for words that name a key ("nhấn o để chọn cán bộ khác").
pub fn key_for(ctx: Context, cmd: Command) -> Option<String> {
    std::iter::once(ctx)
        .chain(ctx.also().iter().copied())
        .find_map(|c| bindings(c).find(|b| b.cmd == cmd))
        .and_then(|b| b.keys.first())
        .map(key_label)
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
        for bd in BINDINGS.iter() {
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

    /// A key of a context and of the contexts that also apply there (`Context::also`) means
    /// one command: else the first found wins and the other is unreachable there (the case
    /// view's `p` was papers and "mark complex" at once).
    #[test]
    fn no_key_means_two_commands_where_contexts_meet() {
        let contexts: HashSet<Context> = BINDINGS.iter().map(|b| b.ctx).collect();
        for ctx in contexts {
            let mut seen: std::collections::HashMap<Key, (Context, Command)> = Default::default();
            for c in std::iter::once(ctx).chain(ctx.also().iter().copied()) {
                for bd in BINDINGS.iter().filter(|b| b.ctx == c) {
                    for key in bd.keys {
                        if let Some((other, cmd)) = seen.insert(*key, (c, bd.cmd)) {
                            assert!(
                                cmd == bd.cmd,
                                "{key:?} in {ctx:?}: {cmd:?} ({other:?}) and {:?} ({c:?})",
                                bd.cmd
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_binding_has_keys_and_help() {
        for bd in BINDINGS.iter() {
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
