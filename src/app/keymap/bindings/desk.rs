//! The desk: everywhere, the reception log, a visit, the prompts and questions, the officer
//! picker, switching panes.

use ratatui::crossterm::event::KeyCode;

use super::super::{Context, Key, SHIFT, ch, ctrl, k};
use super::{Binding, b};
use crate::app::command::Command;
use crate::i18n::Msg;

use Context as C;
use KeyCode as KC;

pub(super) const DESK: &[Binding] = &[
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
    b(
        C::Global,
        &[k(KC::F(2))],
        Command::Messages,
        Msg::CmdMessages,
        // Not in the hint bar: the status line says "(F2 …)" when a message was cut.
        false,
    ),
    b(
        C::Global,
        &[k(KC::F(3))],
        Command::Audit,
        Msg::CmdAudit,
        false,
    ),
    b(
        C::Global,
        &[k(KC::F(4))],
        Command::UnlockUnit,
        Msg::CmdUnlockUnit,
        false,
    ),
    // The journal (administrators).
    b(
        C::Audit,
        &[k(KC::Esc), k(KC::F(3)), ch('q')],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    b(
        C::Audit,
        &[k(KC::Up), ch('k')],
        Command::Up,
        Msg::CmdUp,
        false,
    ),
    b(
        C::Audit,
        &[k(KC::Down), ch('j')],
        Command::Down,
        Msg::CmdDown,
        false,
    ),
    b(
        C::Audit,
        &[k(KC::PageUp)],
        Command::PageUp,
        Msg::CmdPageUp,
        false,
    ),
    b(
        C::Audit,
        &[k(KC::PageDown)],
        Command::PageDown,
        Msg::CmdPageDown,
        false,
    ),
    // The last messages in full.
    b(
        C::Messages,
        &[k(KC::Esc), k(KC::F(2)), ch('q')],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    b(C::Messages, &[k(KC::Up)], Command::Up, Msg::CmdUp, false),
    b(
        C::Messages,
        &[k(KC::Down)],
        Command::Down,
        Msg::CmdDown,
        false,
    ),
    b(
        C::Messages,
        &[k(KC::PageUp)],
        Command::PageUp,
        Msg::CmdPageUp,
        false,
    ),
    b(
        C::Messages,
        &[k(KC::PageDown)],
        Command::PageDown,
        Msg::CmdPageDown,
        false,
    ),
    // Reception log.
    b(C::Log, &[ch('n')], Command::NewVisit, Msg::CmdNew, true),
    b(C::Log, &[k(KC::Enter)], Command::Open, Msg::CmdOpen, true),
    b(C::Log, &[ch('e')], Command::EditVisit, Msg::CmdEdit, true),
    b(C::Log, &[ch('x')], Command::VoidVisit, Msg::CmdVoid, false),
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
    b(
        C::Log,
        &[ch('X')],
        Command::ExportBook,
        Msg::CmdExportBook,
        false,
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
        &[ch('x')],
        Command::VoidVisit,
        Msg::CmdVoid,
        true,
    ),
    b(
        C::Detail,
        &[ch('b')],
        Command::NoticeIssued,
        Msg::CmdNoticeIssued,
        false,
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
    b(C::Detail, &[ch('p')], Command::Papers, Msg::CmdPapers, true),
    // The papers of a visit or a case.
    b(
        C::Papers,
        &[k(KC::Up), ch('k')],
        Command::Up,
        Msg::CmdUp,
        false,
    ),
    b(
        C::Papers,
        &[k(KC::Down), ch('j')],
        Command::Down,
        Msg::CmdDown,
        false,
    ),
    b(
        C::Papers,
        &[k(KC::Enter)],
        Command::Submit,
        Msg::CmdPaperPdf,
        true,
    ),
    b(
        C::Papers,
        &[ch('d')],
        Command::Export,
        Msg::CmdPaperDocx,
        true,
    ),
    b(
        C::Papers,
        &[k(KC::Esc), ch('q')],
        Command::Close,
        Msg::CmdClose,
        true,
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
    // First setup: Esc leaves the program, and no book is made.
    b(
        C::Setup,
        &[k(KC::Enter)],
        Command::Submit,
        Msg::CmdSubmit,
        true,
    ),
    b(
        C::Setup,
        &[k(KC::Tab)],
        Command::NextField,
        Msg::CmdNextField,
        true,
    ),
    b(
        C::Setup,
        &[
            k(KC::BackTab),
            Key {
                code: KC::BackTab,
                mods: SHIFT,
            },
        ],
        Command::PrevField,
        Msg::CmdPrevField,
        true,
    ),
    b(
        C::Setup,
        &[k(KC::Esc)],
        Command::Quit,
        Msg::CmdQuitSetup,
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
    // Shown where the question takes it (a name that differs from the record).
    b(C::Confirm, &[ch('s')], Command::Amend, Msg::CmdAmend, true),
    // The answer a question offers by default, where it has one (the day of a new visit).
    b(
        C::Confirm,
        &[k(KC::Enter)],
        Command::Submit,
        Msg::CmdDefaultAnswer,
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
        &[ch('x')],
        Command::RemoveItem,
        Msg::PickOfficerDisable,
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
        &[ch('5')],
        Command::ShowReport,
        Msg::CmdPaneReport,
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
];
