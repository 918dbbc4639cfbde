//! `tiepdan setting [KEY [VALUE]]`: the book's settings an administrator changes — the unit's
//! name and level, the group threshold, the idle lock, backups kept, whether the unit has a
//! Ban tiếp công dân, the papers' parent body and place, the print command. Listing and
//! reading change nothing; setting one signs the administrator in (PIN asked, or
//! `--pin-stdin`) and is journaled.

use std::path::Path;

use super::sign_in::{SignInArgs, sign_in};
use super::{Failure, open, say};
use crate::domain::role::Role;
use crate::i18n::{self, Lang, Msg};
use crate::store::{Create, settings};

#[derive(Debug, clap::Args)]
pub struct SettingArgs {
    /// The setting's key (none: list them all with their values).
    pub key: Option<String>,
    /// Its new value (none: show the value).
    pub value: Option<String>,
    #[command(flatten)]
    pub auth: SignInArgs,
}

pub fn run(db: &Path, args: &SettingArgs, lang: Lang) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let fail = |e| Failure::new(i18n::store_error(lang, &e));
    let Some(key) = args.key.as_deref() else {
        let store = crate::store::Store::open_read_only(db)
            .map_err(|e| Failure::new(super::open_error(lang, &e)))?;
        for key in settings::EDITABLE {
            let value = store.setting(key).map_err(fail)?.unwrap_or_default();
            say(&mut out, format!("{key} = {value}"))?;
            say(&mut out, format!("    {}", i18n::setting_help(key).t(lang)))?;
        }
        return Ok(());
    };
    if !settings::EDITABLE.contains(&key) {
        return Err(Failure::new(
            Msg::CliSettingUnknown.fill(lang, &[&key, &settings::EDITABLE.join(", ")]),
        ));
    }
    let Some(value) = args.value.as_deref() else {
        let store = crate::store::Store::open_read_only(db)
            .map_err(|e| Failure::new(super::open_error(lang, &e)))?;
        let value = store.setting(key).map_err(fail)?.unwrap_or_default();
        return say(&mut out, value);
    };
    // Checked before a PIN is asked: a wrong value costs nothing.
    let value = settings::check_setting(key, value).map_err(fail)?;
    let mut store = open(db, Create::No, lang)?;
    let actor = sign_in(&mut store, &args.auth, Some(Role::Admin), lang)?;
    store
        .write(&actor, |w| w.set_setting(key, &value))
        .map_err(fail)?;
    say(&mut out, Msg::CliSettingSet.fill(lang, &[&key, &value]))
}
