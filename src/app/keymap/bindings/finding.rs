//! Finding and reporting: lookup, a citizen's history, the reports, help; moving in a list
//! and filling a form (shared by several contexts).

use ratatui::crossterm::event::KeyCode;

use super::super::{Context, ch, ctrl, k, up};
use super::{Binding, b};
use crate::app::command::Command;
use crate::i18n::Msg;

use Context as C;
use KeyCode as KC;

pub(super) const FINDING: &[Binding] = &[
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
        &[k(KC::Esc)],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    // After Esc, so that a narrow hint bar still shows how to close.
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
        Msg::CmdLookupMore,
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
    // Reports: a period, its figures, the records behind one, its definition.
    b(
        C::Report,
        &[k(KC::Enter)],
        Command::Open,
        Msg::CmdRecords,
        true,
    ),
    b(
        C::Report,
        &[ch('w')],
        Command::Explain,
        Msg::CmdDefinition,
        true,
    ),
    b(
        C::Report,
        &[ch('[')],
        Command::PrevDay,
        Msg::CmdPrevPeriod,
        true,
    ),
    b(
        C::Report,
        &[ch(']')],
        Command::NextDay,
        Msg::CmdNextPeriod,
        true,
    ),
    b(
        C::Report,
        &[ch('p')],
        Command::PeriodKind,
        Msg::CmdPeriodKind,
        true,
    ),
    b(
        C::Report,
        &[k(KC::Left), ch('h')],
        Command::Left,
        Msg::CmdPrevView,
        false,
    ),
    b(
        C::Report,
        &[k(KC::Right), ch('l')],
        Command::Right,
        Msg::CmdNextView,
        true,
    ),
    b(C::Report, &[ch('c')], Command::Charts, Msg::CmdCharts, true),
    b(
        C::Report,
        &[ch('u')],
        Command::ReportUnit,
        Msg::CmdReportUnit,
        false,
    ),
    b(
        C::Report,
        &[ch('e')],
        Command::EditItem,
        Msg::CmdRollup,
        false,
    ),
    b(C::Report, &[ch('x')], Command::Export, Msg::CmdExport, true),
    b(
        C::Report,
        &[up('C')],
        Command::ClosePeriod,
        Msg::CmdClosePeriod,
        false,
    ),
    b(
        C::ReportRecords,
        &[k(KC::Enter)],
        Command::Open,
        Msg::CmdOpen,
        true,
    ),
    b(
        C::ReportRecords,
        &[k(KC::Up), ch('k')],
        Command::Up,
        Msg::CmdUp,
        false,
    ),
    b(
        C::ReportRecords,
        &[k(KC::Down), ch('j')],
        Command::Down,
        Msg::CmdDown,
        false,
    ),
    b(
        C::ReportRecords,
        &[k(KC::PageUp)],
        Command::PageUp,
        Msg::CmdPageUp,
        false,
    ),
    b(
        C::ReportRecords,
        &[k(KC::PageDown)],
        Command::PageDown,
        Msg::CmdPageDown,
        false,
    ),
    b(
        C::ReportRecords,
        &[k(KC::Esc), ch('q')],
        Command::Close,
        Msg::CmdClose,
        true,
    ),
    b(
        C::ReportDefinition,
        &[k(KC::Esc), ch('q'), ch('w'), k(KC::Enter)],
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
    // Another officer at the keyboard (or this one disabled meanwhile): the form stays.
    b(
        C::Editing,
        &[ctrl('o')],
        Command::SwitchOfficer,
        Msg::CmdOfficerInForm,
        false,
    ),
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
