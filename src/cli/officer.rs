//! `tiepdan officer list|add|disable|enable|role|reset-pin|pin`: the officers of the book.
//! Listing reads only; every change is an administrator's (`--as`, PIN asked), changing
//! one's own PIN the officer's. The store decides who may (domain/role.rs).

use std::path::Path;

use chrono::Local;
use clap::Subcommand;

use super::sign_in::{PinSource, SignInArgs, officer_named, sign_in};
use super::{Failure, open, open_read_only, say};
use crate::domain::role::{Role, Roles};
use crate::i18n::{self, Lang, Msg};
use crate::store::{Create, StoreError};

#[derive(Debug, clap::Args)]
pub struct OfficerArgs {
    #[command(subcommand)]
    pub command: OfficerCommand,
}

#[derive(Debug, Subcommand)]
pub enum OfficerCommand {
    /// Every officer with their roles, whether they have a PIN, and whether active.
    List,
    /// Add an officer (an administrator's act); they set their PIN at their first sign-in.
    Add {
        /// Full name, quoted: "Trần Văn Bình".
        name: String,
        /// Title, e.g. "Chủ tịch UBND".
        #[arg(long, default_value = "")]
        title: String,
        /// Roles, comma-separated: tiep-dan (default), lanh-dao, quan-tri.
        #[arg(long, value_name = "ROLES")]
        role: Option<String>,
        #[command(flatten)]
        auth: SignInArgs,
    },
    /// Disable an officer (never deleted; their records keep their name).
    Disable {
        /// The officer's full name.
        name: String,
        #[command(flatten)]
        auth: SignInArgs,
    },
    /// Enable a disabled officer again.
    Enable {
        /// The officer's full name.
        name: String,
        #[command(flatten)]
        auth: SignInArgs,
    },
    /// Set an officer's roles: tiep-dan, lanh-dao, quan-tri, comma-separated.
    Role {
        /// The officer's full name.
        name: String,
        /// Roles, comma-separated: tiep-dan, lanh-dao, quan-tri.
        roles: String,
        #[command(flatten)]
        auth: SignInArgs,
    },
    /// Remove an officer's forgotten PIN: they set a new one at their next sign-in.
    ResetPin {
        /// The officer's full name.
        name: String,
        #[command(flatten)]
        auth: SignInArgs,
    },
    /// Change your own PIN (`--as` you): the current one, then the new one twice.
    Pin {
        #[command(flatten)]
        auth: SignInArgs,
    },
}

/// Roles as typed: `tiep-dan,lanh-dao`, with or without diacritics or dashes, or English.
pub fn parse_roles(text: &str, lang: Lang) -> Result<Roles, Failure> {
    let mut roles = Roles::NONE;
    for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let key: String = crate::domain::text::fold(word)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let role = match key.as_str() {
            "tiepdan" | "canbo" | "receiver" | "officer" => Role::Receiver,
            "lanhdao" | "leader" => Role::Leader,
            "quantri" | "admin" | "administrator" => Role::Admin,
            _ => return Err(Failure::new(Msg::CliBadRole.fill(lang, &[&word]))),
        };
        roles = roles.with(role);
    }
    if roles.is_empty() {
        return Err(Failure::new(Msg::CliBadRole.fill(lang, &[&text])));
    }
    Ok(roles)
}

fn roles_text(lang: Lang, roles: Roles) -> String {
    i18n::roles_words(lang, roles, ", ")
}

pub fn run(path: &Path, args: &OfficerArgs, lang: Lang) -> Result<(), Failure> {
    let fail = |e: StoreError| Failure::new(i18n::store_error(lang, &e));
    let mut out = std::io::stdout().lock();
    if let OfficerCommand::List = args.command {
        let store = open_read_only(path, lang)?;
        say(&mut out, Msg::CliOfficerListHead.t(lang))?;
        for o in store.all_officers().map_err(fail)? {
            let pin = if o.has_pin {
                Msg::CliPinYes
            } else {
                Msg::CliPinNo
            };
            let status = if o.active {
                Msg::CliActive
            } else {
                Msg::CliDisabled
            };
            say(
                &mut out,
                format!(
                    "{} · {} · {} · {}",
                    o.full_name,
                    roles_text(lang, o.roles),
                    pin.t(lang),
                    status.t(lang)
                ),
            )?;
        }
        return Ok(());
    }
    let mut store = open(path, Create::No, lang)?;
    match &args.command {
        OfficerCommand::List => unreachable!("listed above"),
        OfficerCommand::Add {
            name,
            title,
            role,
            auth,
        } => {
            let roles = match role {
                Some(r) => parse_roles(r, lang)?,
                None => Roles::of(&[Role::Receiver]),
            };
            let actor = sign_in(&mut store, auth, Some(Role::Admin), lang)?;
            let o = store
                .write(&actor, |w| {
                    let o = w.add_officer(name, title)?;
                    w.set_roles(o.id, roles)?;
                    Ok(o)
                })
                .map_err(fail)?;
            say(
                &mut out,
                Msg::CliOfficerAdded.fill(lang, &[&o.full_name, &roles_text(lang, roles)]),
            )
        }
        OfficerCommand::Disable { name, auth } => {
            let o = officer_named(&store, name, lang)?;
            let actor = sign_in(&mut store, auth, Some(Role::Admin), lang)?;
            store
                .write(&actor, |w| w.disable_officer(o.id))
                .map_err(fail)?;
            say(
                &mut out,
                Msg::CliOfficerDisabled.fill(lang, &[&o.full_name]),
            )
        }
        OfficerCommand::Enable { name, auth } => {
            let o = officer_named(&store, name, lang)?;
            let actor = sign_in(&mut store, auth, Some(Role::Admin), lang)?;
            store
                .write(&actor, |w| w.enable_officer(o.id))
                .map_err(fail)?;
            say(&mut out, Msg::CliOfficerEnabled.fill(lang, &[&o.full_name]))
        }
        OfficerCommand::Role { name, roles, auth } => {
            let roles = parse_roles(roles, lang)?;
            let o = officer_named(&store, name, lang)?;
            let actor = sign_in(&mut store, auth, Some(Role::Admin), lang)?;
            store
                .write(&actor, |w| w.set_roles(o.id, roles))
                .map_err(fail)?;
            say(
                &mut out,
                Msg::CliOfficerRoles.fill(lang, &[&o.full_name, &roles_text(lang, roles)]),
            )
        }
        OfficerCommand::ResetPin { name, auth } => {
            let o = officer_named(&store, name, lang)?;
            let actor = sign_in(&mut store, auth, Some(Role::Admin), lang)?;
            store.write(&actor, |w| w.reset_pin(o.id)).map_err(fail)?;
            say(&mut out, Msg::CliPinReset.fill(lang, &[&o.full_name]))
        }
        OfficerCommand::Pin { auth } => {
            let who = match &auth.acting {
                Some(n) => officer_named(&store, n, lang)?,
                None => {
                    let mut all = store.officers().map_err(fail)?;
                    if all.len() != 1 {
                        return Err(Failure::new(Msg::CliWhoActsOne.t(lang)));
                    }
                    all.remove(0)
                }
            };
            let mut pins = PinSource::new(auth, lang);
            let old = pins.read(&Msg::CliPinPrompt.fill(lang, &[&who.full_name]))?;
            let new = pins.read(Msg::CliNewPinPrompt.t(lang))?;
            let again = pins.read(Msg::CliNewPinAgain.t(lang))?;
            store
                .change_pin(who.id, &old, &new, &again, Local::now().naive_local())
                .map_err(fail)?;
            say(&mut out, Msg::CliPinChanged.fill(lang, &[&who.full_name]))
        }
    }
}
