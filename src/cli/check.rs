//! `tiepdan check [--key HEX]`: verify the book — SQLite's integrity and foreign keys, the
//! lookup index, the counters, the journal's chain and signed checkpoints, the records
//! against the journal (`store::verify`). The book is opened read-only: nothing is written
//! (not even the WAL's index is created where none is). Prints one line per check, naming
//! the first broken row of each; exits non-zero when anything is wrong.

use std::path::Path;

use clap::Args;

use super::{Failure, open_read_only, say};
use crate::i18n::{self, Lang, Msg};
use crate::store::Check;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The desk's public key as noted elsewhere (hex): the book's must be it.
    #[arg(long, value_name = "HEX")]
    pub key: Option<String>,
}

/// Run the check; `Ok(false)` when the book is not intact (the caller exits non-zero).
pub fn run(path: &Path, args: &CheckArgs, lang: Lang) -> Result<bool, Failure> {
    let store = open_read_only(path, lang)?;
    let report = store
        .verify_book(args.key.as_deref())
        .map_err(|e| Failure::new(i18n::store_error(lang, &e)))?;
    let mut out = std::io::stdout().lock();
    say(&mut out, Msg::CheckTitle.fill(lang, &[&path.display()]))?;
    for c in Check::ALL {
        let name = i18n::journal::check(lang, c);
        match report.of(c) {
            None => say(&mut out, Msg::CheckPassed.fill(lang, &[&name]))?,
            Some(f) => say(
                &mut out,
                Msg::CheckFailedLine.fill(lang, &[&name, &i18n::journal::finding(lang, f)]),
            )?,
        }
    }
    let key = report
        .key
        .clone()
        .unwrap_or_else(|| Msg::CheckNoKey.t(lang).to_owned());
    say(&mut out, Msg::CheckKey.fill(lang, &[&key]))?;
    if report.ok() {
        say(
            &mut out,
            Msg::CheckSummaryOk.fill(
                lang,
                &[
                    &i18n::number(lang, report.entries as u64),
                    &i18n::number(lang, report.checkpoints as u64),
                    &i18n::number(lang, report.unsigned as u64),
                ],
            ),
        )?;
        Ok(true)
    } else {
        say(
            &mut out,
            Msg::CheckSummaryBad.fill(lang, &[&report.findings.len()]),
        )?;
        Ok(false)
    }
}
