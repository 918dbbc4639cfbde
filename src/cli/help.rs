//! `tiepdan --help` in the chosen language. The clap definitions (the doc comments of
//! `mod.rs` and each command's file) are the English; the Vietnamese of every command and
//! argument is in `i18n::cli_help`, laid over the built command by its path. The man pages
//! (`docs/man/`, `cargo run --example docs`) are rendered from the same command.

use clap::{Command, CommandFactory};

use super::Cli;
use crate::i18n::Lang;
use crate::i18n::cli_help::{self, HEADING_ARGS, HEADING_COMMANDS, HEADING_OPTIONS, USAGE};

/// The language the command line asks for, before clap parses it (the help is printed while
/// parsing): `--lang X` or `--lang=X` anywhere, else `TIEPDAN_LANG`, else Vietnamese. An
/// unknown value is Vietnamese here; the parse that follows refuses it in words.
pub fn lang_of_args(args: &[std::ffi::OsString]) -> Lang {
    let mut given = None;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_string_lossy();
        if a == "--" {
            break;
        }
        if a == "--lang" {
            given = it.next().map(|v| v.to_string_lossy().into_owned());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            given = Some(v.to_owned());
        }
    }
    let given = given.or_else(|| std::env::var("TIEPDAN_LANG").ok());
    given.as_deref().and_then(Lang::parse).unwrap_or(Lang::Vi)
}

/// The whole command line, built, its help in `lang`.
pub fn command(lang: Lang) -> Command {
    built(Cli::command(), lang)
}

/// The same for the man pages: without clap's `help` command (a page of its own would say
/// nothing `--help` does not).
pub fn command_for_man(lang: Lang) -> Command {
    built(Cli::command().disable_help_subcommand(true), lang)
}

fn built(mut cmd: Command, lang: Lang) -> Command {
    cmd.build();
    match lang {
        Lang::En => cmd,
        Lang::Vi => localize(cmd, ""),
    }
}

/// The key of a command (`""`, `"report"`, `"officer add"`) and of its argument
/// (`"report --period"`; a positional argument by its id, `"lookup query"`). Arguments that
/// every command carries (`--db`, `--lang`, `--help`, `--version`) go by their id alone.
pub fn arg_key(path: &str, arg: &clap::Arg) -> String {
    let id = arg.get_id().as_str();
    if arg.is_global_set() || matches!(id, "help" | "version") {
        return format!("--{id}");
    }
    let name = match arg.get_long() {
        Some(long) => format!("--{long}"),
        None => id.to_owned(),
    };
    if path.is_empty() {
        name
    } else {
        format!("{path} {name}")
    }
}

fn sub_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path} {name}")
    }
}

/// Every key the help of `cmd` (built) needs, commands and arguments (for the test that the
/// Vietnamese covers them all).
pub fn keys(cmd: &Command, path: &str, out: &mut Vec<String>) {
    out.push(path.to_owned());
    for a in cmd.get_arguments() {
        if !a.is_hide_set() {
            out.push(arg_key(path, a));
        }
    }
    for s in cmd.get_subcommands() {
        // clap's own `help` command: one text, wherever it is.
        if s.get_name() == "help" {
            if !out.iter().any(|k| k == "help") {
                out.push("help".into());
            }
            continue;
        }
        keys(s, &sub_path(path, s.get_name()), out);
    }
}

fn localize(mut cmd: Command, path: &str) -> Command {
    let own = if cmd.get_name() == "help" {
        "help"
    } else {
        path
    };
    if let Some(t) = cli_help::vi(own) {
        cmd = cmd.about(t).long_about(None);
    }
    let args: Vec<(String, String, bool)> = cmd
        .get_arguments()
        .map(|a| {
            (
                a.get_id().as_str().to_owned(),
                arg_key(path, a),
                a.is_positional(),
            )
        })
        .collect();
    for (id, key, positional) in args {
        let heading = if positional {
            HEADING_ARGS
        } else {
            HEADING_OPTIONS
        };
        let help = cli_help::vi(&key);
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(heading);
            match help {
                Some(t) => a.help(t).long_help(None),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in subs {
        // clap's `help` keeps its parent's path: the commands it can explain are its
        // parent's, with their own texts.
        let p = if name == "help" {
            path.to_owned()
        } else {
            sub_path(path, &name)
        };
        cmd = cmd.mut_subcommand(name, |s| localize(s, &p));
    }
    cmd.subcommand_help_heading(HEADING_COMMANDS)
        .subcommand_value_name(cli_help::COMMAND_VALUE)
        .help_template(USAGE)
}

/// Help as printed: clap writes `[OPTIONS]` in the usage line whatever the language.
pub fn printed(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => text.to_owned(),
        Lang::Vi => text.replace("[OPTIONS]", cli_help::OPTIONS_VALUE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_argument_has_its_vietnamese_and_nothing_else_is_there() {
        let mut all = vec![];
        keys(&command(Lang::En), "", &mut all);
        let missing: Vec<&String> = all.iter().filter(|k| cli_help::vi(k).is_none()).collect();
        assert!(missing.is_empty(), "no Vietnamese help for {missing:#?}");
        for (k, _) in cli_help::VI {
            assert!(
                all.iter().any(|a| a == k),
                "{k:?} is no command or argument"
            );
        }
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |v: &[&str]| {
            v.iter()
                .map(Into::into)
                .collect::<Vec<std::ffi::OsString>>()
        };
        assert_eq!(
            lang_of_args(&args(&["tiepdan", "--lang", "en", "report"])),
            Lang::En
        );
        assert_eq!(
            lang_of_args(&args(&["tiepdan", "report", "--lang=en", "--help"])),
            Lang::En
        );
        assert_eq!(
            lang_of_args(&args(&["tiepdan", "--", "--lang", "en"])),
            lang_of_args(&args(&["tiepdan"]))
        );
    }

    #[test]
    fn the_vietnamese_help_says_it_in_vietnamese() {
        let mut cmd = command(Lang::Vi);
        let top = printed(Lang::Vi, &cmd.render_help().to_string());
        for word in [
            "Cách dùng:",
            "Lệnh:",
            "Tùy chọn:",
            "[TÙY CHỌN]",
            "In trợ giúp",
        ] {
            assert!(top.contains(word), "{word} not in\n{top}");
        }
        for english in ["Usage:", "Options:", "Commands:", "Print help", "[OPTIONS]"] {
            assert!(!top.contains(english), "{english} in\n{top}");
        }
        let report = cmd
            .find_subcommand_mut("report")
            .expect("report")
            .render_help()
            .to_string();
        assert!(report.contains("Báo cáo"), "{report}");
        let mut en = command(Lang::En);
        assert!(en.render_help().to_string().contains("Usage:"));
    }
}
