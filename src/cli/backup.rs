//! `tiepdan backup` and `tiepdan restore`.
//!
//! A backup is a consistent copy of the book taken while desks keep writing (`VACUUM INTO`),
//! checked (`integrity_check`, and that it opens as a tiepdan book) before it counts, the
//! owner's only; by default in `backups/` beside the book, named by the moment. The book is
//! only read: no PIN is asked (whoever may read the book's file may copy it).
//!
//! A restore puts a backup in the book's place: only an administrator (their PIN asked),
//! only when no window has the book open, only after a yes (at the terminal, or `--yes`), and
//! the book it replaces is kept beside it as `<book>.replaced-<moment>`.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::Local;
use clap::Args;

use super::sign_in::{SignInArgs, sign_in};
use super::{Failure, open, open_read_only, warn};
use crate::i18n::{self, Lang, Msg};
use crate::store::{Create, Role, backup};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The copy to write (default: backups/<book>-<moment>.sqlite3 beside the book).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to put in the book's place.
    pub from: PathBuf,
    /// Do not ask (scripts).
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

pub fn run_backup(path: &std::path::Path, a: &BackupArgs, lang: Lang) -> Result<(), Failure> {
    let store = open_read_only(path, lang)?;
    let target = a.out.clone().unwrap_or_else(|| {
        backup::backup_dir(path).join(backup::backup_name(path, Local::now().naive_local()))
    });
    if target.exists() {
        return Err(Failure::new(
            Msg::CliBackupExists.fill(lang, &[&target.display()]),
        ));
    }
    store
        .backup_into(&target)
        .map_err(|e| Failure::new(i18n::store_error(lang, &e)))?;
    let size = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    warn(Msg::CliBackupDone.fill(
        lang,
        &[
            &target.display(),
            &format!("{:.1}", size as f64 / 1_000_000.0),
        ],
    ));
    Ok(())
}

pub fn run_restore(path: &std::path::Path, a: &RestoreArgs, lang: Lang) -> Result<(), Failure> {
    backup::verify(&a.from).map_err(|e| Failure::new(super::open_error(lang, &e)))?;
    if path.exists() {
        // The book it replaces is an administrator's to give up.
        let mut store = open(path, Create::No, lang)?;
        let actor = sign_in(&mut store, &a.sign_in, Some(Role::Admin), lang)?;
        let is_admin = store
            .officers()
            .map(|os| {
                os.iter()
                    .any(|o| o.id == actor.officer_id() && o.roles.has(Role::Admin))
            })
            .unwrap_or(false);
        if !is_admin {
            return Err(Failure::new(Msg::CliRestoreNotAdmin.t(lang)));
        }
        drop(store);
        if crate::store::any_window_alive(path) {
            return Err(Failure::new(Msg::CliRestoreOpen.t(lang)));
        }
        if !a.yes {
            if !std::io::stdin().is_terminal() {
                return Err(Failure::new(Msg::CliRestoreNeedsYes.t(lang)));
            }
            eprint!(
                "{} ",
                crate::domain::text::terminal_safe(
                    &Msg::CliRestoreAsk.fill(lang, &[&path.display(), &a.from.display()])
                )
            );
            let mut answer = String::new();
            std::io::stdin()
                .read_line(&mut answer)
                .map_err(|e| Failure::new(e.to_string()))?;
            if !matches!(
                answer.trim().to_lowercase().as_str(),
                "y" | "yes" | "c" | "co" | "có"
            ) {
                return Err(Failure::new(Msg::CliRestoreNo.t(lang)));
            }
        }
    }
    let kept = backup::restore(&a.from, path, Local::now().naive_local())
        .map_err(|e| Failure::new(super::open_error(lang, &e)))?;
    match kept {
        Some(k) => warn(Msg::CliRestoreDoneKept.fill(lang, &[&path.display(), &k.display()])),
        None => warn(Msg::CliRestoreDone.fill(lang, &[&path.display()])),
    }
    Ok(())
}
