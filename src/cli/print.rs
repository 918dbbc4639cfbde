//! `tiepdan print FORM (--visit ID | --case CODE) [--format pdf|docx] [--out F]`: a paper
//! of a visit or a case, in the official layout, without an office suite; `tiepdan print
//! --list` names the forms; `--templates` writes the default templates beside the book for
//! the unit to edit. The officer's PIN is asked: the number taken and the print are
//! recorded in the journal (a paper naming a denouncer — only their own receipt — audited).

use std::path::{Path, PathBuf};

use clap::Args;

use super::sign_in::{SignInArgs, sign_in};
use super::{Failure, open, today, warn};
use crate::domain::identity::Viewer;
use crate::domain::paper::{Form, Subject};
use crate::i18n::{self, Lang, Msg};
use crate::render::make::{MakeError, Request, make, send_to_printer};
use crate::render::{Format, templates};
use crate::store::Create;

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// The form: receipt | transfer | guidance | refusal | minutes | conclusion | dialogue.
    #[arg(value_name = "FORM")]
    pub form: Option<String>,
    /// The visit (its uid, as `tiepdan lookup` shows it).
    #[arg(long, value_name = "ID", conflicts_with = "case")]
    pub visit: Option<String>,
    /// The case, by its code (KN-2026-BD-0042).
    #[arg(long, value_name = "CODE")]
    pub case: Option<String>,
    /// pdf | docx
    #[arg(long, default_value = "pdf", value_name = "FORMAT")]
    pub format: String,
    /// The file to write (default: papers/ beside the book).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also send the file to the print command set in the book (setting print_command).
    #[arg(long)]
    pub send: bool,
    /// List the forms, their templates and whether each rests on an unconfirmed text.
    #[arg(long)]
    pub list: bool,
    /// Write the default templates into papers/templates/ beside the book, to edit.
    #[arg(long)]
    pub templates: bool,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

pub fn run(path: &Path, a: &PrintArgs, lang: Lang) -> Result<(), Failure> {
    let dir = templates::templates_dir(path);
    if a.list {
        for f in Form::ALL {
            let t = templates::load(Some(&dir), *f).map_err(|e| load_failure(lang, e))?;
            let own = dir.join(format!("{}.toml", f.code())).exists();
            println!(
                "{:<11} {} — {}{}{}",
                f.code(),
                t.title,
                t.version,
                if own {
                    Msg::CliPrintOwnTemplate.t(lang)
                } else {
                    ""
                },
                if t.unverified {
                    Msg::CliPrintUnconfirmed.t(lang)
                } else {
                    ""
                },
            );
        }
        return Ok(());
    }
    if a.templates {
        let written = templates::write_defaults(&dir).map_err(|e| Failure::new(e.to_string()))?;
        warn(Msg::CliPrintTemplatesWritten.fill(lang, &[&written.len(), &dir.display()]));
        return Ok(());
    }
    let code = a
        .form
        .as_deref()
        .ok_or_else(|| Failure::new(Msg::CliPrintNeedsForm.t(lang)))?;
    let form = Form::from_code(code.trim())
        .ok_or_else(|| Failure::new(Msg::CliPrintBadForm.fill(lang, &[&code])))?;
    let format = Format::parse(&a.format)
        .ok_or_else(|| Failure::new(Msg::CliPrintBadFormat.fill(lang, &[&a.format])))?;
    let mut store = open(path, Create::No, lang)?;
    let subject = match (&a.visit, &a.case) {
        (Some(v), None) => Subject::Visit {
            uid: v.trim().to_owned(),
        },
        (None, Some(c)) => Subject::Case {
            uid: store
                .case_uid_by_code(c)
                .map_err(|e| Failure::new(i18n::store_error(lang, &e)))?
                .ok_or_else(|| Failure::new(Msg::CliPrintNoCase.fill(lang, &[&c])))?,
        },
        _ => return Err(Failure::new(Msg::CliPrintNeedsRecord.t(lang))),
    };
    let actor = sign_in(&mut store, &a.sign_in, None, lang)?;
    let req = Request {
        subject,
        form,
        format,
        out: a.out.clone(),
        book: path,
        today: today(),
    };
    // The command line reveals nobody: a denouncer is named only where they disclosed
    // themself, on their own receipt.
    let made = make(&mut store, &actor, &Viewer::nobody(), &req)
        .map_err(|e| Failure::new(i18n::paper_error(lang, &e)))?;
    let number = format!("{:02}/{}", made.issue.number, made.issue.year);
    let name = i18n::paper_form(form).t(lang);
    match made.issue.reprint {
        None => warn(Msg::CliPrintDone.fill(lang, &[&name, &number, &made.path.display()])),
        Some(n) => {
            warn(Msg::CliPrintReprint.fill(lang, &[&name, &number, &n, &made.path.display()]))
        }
    }
    if made.unverified {
        warn(Msg::CliPrintUnconfirmedNote.t(lang));
    }
    if a.send {
        let cmd = store
            .print_command()
            .map_err(|e| Failure::new(i18n::store_error(lang, &e)))?;
        if cmd.trim().is_empty() {
            return Err(Failure::new(Msg::CliPrintNoCommand.t(lang)));
        }
        send_to_printer(&cmd, &made.path)
            .map_err(|e| Failure::new(Msg::PaperPrintFailed.fill(lang, &[&e])))?;
        warn(Msg::PaperSent.fill(lang, &[&cmd]));
    }
    Ok(())
}

fn load_failure(lang: Lang, e: templates::LoadError) -> Failure {
    Failure::new(i18n::paper_error(lang, &MakeError::Template(e)))
}
