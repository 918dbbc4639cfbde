//! `tiepdan keys status|passphrase|recover|new-code|rotate|escrow`: the keys that seal a denouncer's
//! identity (docs/keys.md). A leader (lãnh đạo) signs in with their PIN, then unlocks the
//! unit key with their passphrase or the recovery code; passphrases and codes are read as
//! PINs are (no echo; `--pin-stdin`: one a line, in the order asked).

use std::path::Path;

use clap::Subcommand;

use super::sign_in::{PinSource, SignInArgs, sign_in};
use super::{Failure, open, say};
use crate::domain::role::Role;
use crate::i18n::{self, Lang, Msg};
use crate::store::{Actor, Create, Store};

#[derive(Debug, clap::Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    pub command: KeysCommand,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// What holds the unit key: the leaders with a passphrase, the recovery code, an escrow
    /// key; how many identities are sealed.
    Status,
    /// Set or change your passphrase (a leader): the current one asked, or the recovery code
    /// when you have none yet.
    Passphrase {
        #[command(flatten)]
        auth: SignInArgs,
    },
    /// A forgotten passphrase: the recovery code opens the unit key, a new passphrase is
    /// set and a new recovery code printed (the old one stops working).
    Recover {
        #[command(flatten)]
        auth: SignInArgs,
    },
    /// A new recovery code (the old one stops working), printed once.
    NewCode {
        #[command(flatten)]
        auth: SignInArgs,
    },
    /// Replace the unit key (a leader): every sealed identity sealed again to the new one,
    /// your new passphrase set, a new recovery code printed; the old key kept, retired.
    Rotate {
        #[command(flatten)]
        auth: SignInArgs,
    },
    /// Seal the unit key to a provincial escrow public key (X25519, 64 hex digits) too.
    Escrow {
        /// The escrow's X25519 public key, 64 hex digits.
        public_key: String,
        #[command(flatten)]
        auth: SignInArgs,
    },
}

pub fn run(db: &Path, args: &KeysArgs, lang: Lang) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let mut store = open(db, Create::No, lang)?;
    let fail = |e| Failure::new(i18n::store_error(lang, &e));
    match &args.command {
        KeysCommand::Status => {
            let s = store.key_status().map_err(fail)?;
            say(
                &mut out,
                Msg::KeysStatus.fill(
                    lang,
                    &[
                        &s.leaders.join(", "),
                        &if s.recovery { "✓" } else { "—" },
                        &s.escrows,
                        &s.sealed,
                        &s.officers_with_keys,
                    ],
                ),
            )
        }
        KeysCommand::Passphrase { auth } => {
            let (actor, mut pins) = leader(&mut store, auth, lang)?;
            if store.has_passphrase(actor.uid()).map_err(fail)? {
                let p = pins.read(Msg::KeysPassphrasePrompt.t(lang))?;
                store.unlock_unit(&actor, &p).map_err(fail)?;
            } else {
                let c = pins.read(Msg::KeysRecoveryPrompt.t(lang))?;
                store.recover_unit(&actor, &c).map_err(fail)?;
            }
            new_passphrase(&mut store, &actor, &mut pins, lang)?;
            say(&mut out, Msg::KeysPassphraseSet.t(lang))
        }
        KeysCommand::Recover { auth } => {
            let (actor, mut pins) = leader(&mut store, auth, lang)?;
            let c = pins.read(Msg::KeysRecoveryPrompt.t(lang))?;
            store.recover_unit(&actor, &c).map_err(fail)?;
            new_passphrase(&mut store, &actor, &mut pins, lang)?;
            let code = store.new_recovery_code(&actor).map_err(fail)?;
            say(&mut out, Msg::KeysPassphraseSet.t(lang))?;
            say(&mut out, Msg::KeysNewCode.fill(lang, &[&code]))
        }
        KeysCommand::NewCode { auth } => {
            let (actor, mut pins) = leader(&mut store, auth, lang)?;
            let p = pins.read(Msg::KeysPassphrasePrompt.t(lang))?;
            store.unlock_unit(&actor, &p).map_err(fail)?;
            let code = store.new_recovery_code(&actor).map_err(fail)?;
            say(&mut out, Msg::KeysNewCode.fill(lang, &[&code]))
        }
        KeysCommand::Rotate { auth } => {
            let (actor, mut pins) = leader(&mut store, auth, lang)?;
            let p = pins.read(Msg::KeysPassphrasePrompt.t(lang))?;
            if crate::store::seal::looks_like_code(&p) {
                store.recover_unit(&actor, &p).map_err(fail)?;
            } else {
                store.unlock_unit(&actor, &p).map_err(fail)?;
            }
            let new = pins.read(Msg::KeysNewPassphrase.t(lang))?;
            let again = pins.read(Msg::KeysNewPassphraseAgain.t(lang))?;
            let r = store.rotate_unit_key(&actor, &new, &again).map_err(fail)?;
            say(
                &mut out,
                Msg::KeysRotated.fill(lang, &[&r.resealed, &r.unopened]),
            )?;
            say(&mut out, Msg::KeysNewCode.fill(lang, &[&r.code]))
        }
        KeysCommand::Escrow { public_key, auth } => {
            let (actor, mut pins) = leader(&mut store, auth, lang)?;
            let p = pins.read(Msg::KeysPassphrasePrompt.t(lang))?;
            store.unlock_unit(&actor, &p).map_err(fail)?;
            store.set_escrow(&actor, public_key).map_err(fail)?;
            say(&mut out, Msg::KeysEscrowSet.t(lang))
        }
    }
}

/// A leader signed in (`--as`, or the one leader), and the source of what is asked next.
fn leader(store: &mut Store, auth: &SignInArgs, lang: Lang) -> Result<(Actor, PinSource), Failure> {
    let actor = sign_in(store, auth, Some(Role::Leader), lang)?;
    Ok((actor, PinSource::new(auth, lang)))
}

fn new_passphrase(
    store: &mut Store,
    actor: &Actor,
    pins: &mut PinSource,
    lang: Lang,
) -> Result<(), Failure> {
    let p = pins.read(Msg::KeysNewPassphrase.t(lang))?;
    let again = pins.read(Msg::KeysNewPassphraseAgain.t(lang))?;
    store
        .set_passphrase(actor, &p, &again)
        .map_err(|e| Failure::new(i18n::store_error(lang, &e)))
}
