//! Every key of the application, as data: (context, keys, command, help text, shown in the
//! hint bar). Resolution and labels live in the parent module.

use std::sync::LazyLock;

use super::{Context, Key};
use crate::app::command::Command;
use crate::i18n::Msg;

mod cases;
mod desk;
mod finding;
mod lock;

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

pub(super) const fn b(
    ctx: Context,
    keys: &'static [Key],
    cmd: Command,
    help: Msg,
    hint: bool,
) -> Binding {
    Binding {
        ctx,
        keys,
        cmd,
        help,
        hint,
    }
}

/// Every key of the application, in the order resolution tries them (the first binding of a
/// key in a context wins) and help lists them.
pub static BINDINGS: LazyLock<Vec<Binding>> =
    LazyLock::new(|| [lock::LOCK, desk::DESK, cases::CASES, finding::FINDING].concat());
