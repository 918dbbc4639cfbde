//! Signing in on the command line: every command that writes asks the acting officer's PIN
//! on the terminal, without echo — never on the command line (it would stay in the shell's
//! history and in every process listing), nor in an environment variable (inherited by
//! every child, readable in `/proc/<pid>/environ`, and just as easily left in a history
//! when set on the same line). A script passes it on standard input with `--pin-stdin`
//! (one PIN a line: from a file only its owner reads, or a secrets tool's pipe); when standard
//! input is not a terminal and there is no `--pin-stdin` the command refuses, with words,
//! rather than wait on a terminal a script cannot answer.
//!
//! The acting officer is `--as NAME`, or the book's one administrator when the command is
//! an administrator's and there is only one. Wrong PINs count and wait as at the desk.

use std::io::{BufRead, IsTerminal};

use chrono::Local;

use super::Failure;
use crate::i18n::{self, Lang, Msg};
use crate::store::{Actor, Officer, Role, Store};

/// Who acts and how their PIN comes, as the command line says.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SignInArgs {
    /// The officer who acts (default: the book's administrator, when there is only one).
    #[arg(long = "as", value_name = "NAME")]
    pub acting: Option<String>,
    /// Read the PIN(s) from standard input, one a line (for scripts; never give a PIN as an
    /// argument).
    #[arg(long)]
    pub pin_stdin: bool,
}

/// Where PINs are read from.
pub struct PinSource {
    stdin: bool,
    lang: Lang,
}

impl PinSource {
    pub fn new(args: &SignInArgs, lang: Lang) -> PinSource {
        PinSource {
            stdin: args.pin_stdin,
            lang,
        }
    }

    /// One PIN, asked with `prompt` on the terminal without echo, or the next line of
    /// standard input with `--pin-stdin`.
    pub fn read(&mut self, prompt: &str) -> Result<String, Failure> {
        if self.stdin {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| Failure::new(e.to_string()))?;
            let pin = line.trim_end_matches(['\n', '\r']).to_owned();
            if pin.is_empty() {
                return Err(Failure::new(Msg::CliPinStdinEmpty.t(self.lang)));
            }
            return Ok(pin);
        }
        // Asked only of a person at a terminal: a script without --pin-stdin is refused,
        // never left waiting. rpassword reads the terminal itself without echo (/dev/tty,
        // the console on Windows).
        if !std::io::stdin().is_terminal() {
            return Err(Failure::new(Msg::CliPinNoTerminal.t(self.lang)));
        }
        rpassword::prompt_password(prompt)
            .map_err(|_| Failure::new(Msg::CliPinNoTerminal.t(self.lang)))
    }
}

fn store_failure(lang: Lang) -> impl Fn(crate::store::StoreError) -> Failure {
    move |e| Failure::new(i18n::store_error(lang, &e))
}

/// The officer named `name` (folded comparison), active or not.
pub fn officer_named(store: &Store, name: &str, lang: Lang) -> Result<Officer, Failure> {
    store
        .officer_named(name)
        .map_err(store_failure(lang))?
        .ok_or_else(|| Failure::new(Msg::CliNoOfficer.fill(lang, &[&name])))
}

/// Sign in the acting officer: `--as NAME`, or the one active officer holding `default`
/// (an administrator's command), then their PIN.
pub fn sign_in(
    store: &mut Store,
    args: &SignInArgs,
    default: Option<Role>,
    lang: Lang,
) -> Result<Actor, Failure> {
    let officer = match (&args.acting, default) {
        (Some(name), _) => officer_named(store, name, lang)?,
        (None, Some(role)) => {
            let holders: Vec<Officer> = store
                .officers()
                .map_err(store_failure(lang))?
                .into_iter()
                .filter(|o| o.roles.has(role))
                .collect();
            match holders.len() {
                1 => holders.into_iter().next().expect("one"),
                0 => return Err(Failure::new(Msg::CliNoAdmin.t(lang))),
                _ => return Err(Failure::new(Msg::CliWhoActs.t(lang))),
            }
        }
        (None, None) => {
            let mut all = store.officers().map_err(store_failure(lang))?;
            if all.len() != 1 {
                return Err(Failure::new(Msg::CliWhoActsOne.t(lang)));
            }
            all.remove(0)
        }
    };
    let mut pins = PinSource::new(args, lang);
    let pin = pins.read(&Msg::CliPinPrompt.fill(lang, &[&officer.full_name]))?;
    store
        .sign_in(officer.id, &pin, Local::now().naive_local())
        .map_err(store_failure(lang))
}
