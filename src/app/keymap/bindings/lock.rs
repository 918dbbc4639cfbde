//! The lock screen and signing in (`Ctrl-L` locks from anywhere). On the lock screen every
//! other key is text for the PIN (a passphrase may hold any letter), and nothing else of the
//! keymap applies: no help, no pane, no lookup — nothing of the book.

use ratatui::crossterm::event::KeyCode;

use super::super::{Context, Key, SHIFT, ctrl, k};
use super::{Binding, b};
use crate::app::command::Command;
use crate::i18n::Msg;

use Context as C;
use KeyCode as KC;

pub(super) const LOCK: &[Binding] = &[
    b(C::Global, &[ctrl('l')], Command::Lock, Msg::CmdLock, false),
    b(
        C::Lock,
        &[k(KC::Enter)],
        Command::Submit,
        Msg::CmdSignIn,
        true,
    ),
    b(
        C::Lock,
        &[k(KC::Down)],
        Command::Down,
        Msg::CmdOtherOfficer,
        true,
    ),
    b(C::Lock, &[k(KC::Up)], Command::Up, Msg::CmdUp, false),
    b(
        C::Lock,
        &[k(KC::Tab)],
        Command::NextField,
        Msg::CmdNextField,
        false,
    ),
    b(
        C::Lock,
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
        C::Lock,
        &[k(KC::Esc)],
        Command::Cancel,
        Msg::CmdClearOrBack,
        true,
    ),
    b(
        C::Lock,
        &[ctrl('q'), ctrl('c')],
        Command::Quit,
        Msg::CmdQuit,
        true,
    ),
];
