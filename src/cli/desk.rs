//! `tiepdan desk list|trust`: the desks whose packages were merged into this book (issue 27).
//! `list` (read only) names each desk, its unit, the key its packages must be signed with,
//! the records merged from it and its last merge, and this desk's own key (the one another
//! desk is told). `trust DESK --key HEX` (an administrator) accepts a desk's new key, typed
//! as that desk read it out — by phone, on paper, never from the package that asks for it.

use std::path::Path;

use clap::Subcommand;

use super::sign_in::{SignInArgs, sign_in};
use super::{Failure, open, open_read_only, say};
use crate::domain::role::Role;
use crate::i18n::{self, Lang, Msg};
use crate::store::{Create, StoreError, typed_key};

#[derive(Debug, clap::Args)]
pub struct DeskArgs {
    #[command(subcommand)]
    pub command: DeskCommand,
}

#[derive(Debug, Subcommand)]
pub enum DeskCommand {
    /// The desks merged here: unit, key, records merged, last merge; and this desk's own
    /// key. Read only.
    List,
    /// Accept a desk's new signing key (an administrator; journaled): typed as that desk
    /// read it out (`tiepdan desk list` there), never taken from its package.
    Trust {
        /// The desk's code (as its packages name it).
        desk: String,
        /// Its new Ed25519 public key, 64 hex digits (spaces and colons ignored).
        #[arg(long)]
        key: String,
        #[command(flatten)]
        auth: SignInArgs,
    },
}

pub fn run(db: &Path, args: &DeskArgs, lang: Lang) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let fail = |e: StoreError| Failure::new(i18n::store_error(lang, &e));
    match &args.command {
        DeskCommand::List => {
            let store = open_read_only(db, lang)?;
            let own = store.desk_public_key().map_err(fail)?.unwrap_or_default();
            say(
                &mut out,
                Msg::CliDeskOwn.fill(lang, &[&store.desk_code().map_err(fail)?, &own]),
            )?;
            let desks = store.merged_desks().map_err(fail)?;
            if desks.is_empty() {
                return say(&mut out, Msg::CliDeskNone.t(lang));
            }
            for d in desks {
                let unit = if d.unit.is_empty() { "?" } else { &d.unit };
                let last = d.last_merge.as_deref().map_or_else(
                    || "-".to_owned(),
                    |t| crate::domain::date::format_stamp(t.get(..19).unwrap_or(t)),
                );
                say(
                    &mut out,
                    Msg::CliDeskRow.fill(lang, &[&d.desk, &unit, &d.records, &last]),
                )?;
                let key_line = if d.trusted {
                    Msg::CliDeskKeyTrusted
                } else {
                    Msg::CliDeskKey
                };
                say(&mut out, key_line.fill(lang, &[&d.key]))?;
            }
            Ok(())
        }
        DeskCommand::Trust { desk, key, auth } => {
            // The key is read before a PIN is asked: a mistyped one costs nothing.
            let Some(key) = typed_key(key) else {
                return Err(Failure::new(Msg::CliDeskBadKey.fill(lang, &[key])));
            };
            let mut store = open(db, Create::No, lang)?;
            let actor = sign_in(&mut store, auth, Some(Role::Admin), lang)?;
            let changed = store
                .write(&actor, |w| w.trust_desk_key(desk, &key))
                .map_err(|e| match e {
                    StoreError::NotFound("desk") => {
                        Failure::new(Msg::CliDeskUnknown.fill(lang, &[desk]))
                    }
                    e => fail(e),
                })?;
            let msg = if changed {
                Msg::CliDeskTrusted
            } else {
                Msg::CliDeskAlready
            };
            say(&mut out, msg.fill(lang, &[desk, &key]))
        }
    }
}
