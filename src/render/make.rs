//! A paper made from the book, end to end (the CLI's `tiepdan print` and the TUI's papers
//! key): the record's facts, the unit's template, the number taken or kept in one write
//! with the file drawn and written — a paper that cannot be drawn or written leaves no
//! number behind — and, when a print command is set, the file sent to it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::templates::{LoadError, load, papers_dir, templates_dir};
use super::{Format, render};
use crate::domain::identity::Viewer;
use crate::domain::paper::facts::{Facts, names_denouncer};
use crate::domain::paper::{Form, Issue, Subject, applies};
use crate::exchange::files::PrivateFile;
use crate::store::{Actor, PrintPaper, Store, StoreError};

/// What to make.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub subject: Subject,
    pub form: Form,
    pub format: Format,
    /// The file to write; None: `papers/` beside the book, named by the record and number.
    pub out: Option<PathBuf>,
    /// The book's path (where `papers/` and a unit's templates are).
    pub book: &'a Path,
    pub today: NaiveDate,
}

/// A paper made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub path: PathBuf,
    pub issue: Issue,
    /// The paper names a denouncer (their own receipt): the print was audited.
    pub names_denouncer: bool,
    /// The template rests on a text not checked against the gazette.
    pub unverified: bool,
}

/// Why a paper was not made.
#[derive(Debug)]
pub enum MakeError {
    Store(StoreError),
    Template(LoadError),
    /// The form does not apply to this record; these do.
    NotApplicable {
        form: Form,
        applies: Vec<Form>,
    },
}

impl From<StoreError> for MakeError {
    fn from(e: StoreError) -> Self {
        MakeError::Store(e)
    }
}

/// The papers that apply to a record, in the order they are offered.
pub fn applicable(store: &Store, subject: &Subject) -> Result<Vec<Form>, StoreError> {
    let source = store.paper_source(subject)?;
    Ok(applies(&source, store.group_threshold()?))
}

/// Make a paper: number taken (or kept: a reprint), drawn, written; the print recorded.
pub fn make(
    store: &mut Store,
    actor: &Actor,
    viewer: &Viewer,
    req: &Request,
) -> Result<Made, MakeError> {
    let source = store.paper_source(&req.subject)?;
    let applies = applies(&source, store.group_threshold()?);
    if !applies.contains(&req.form) {
        return Err(MakeError::NotApplicable {
            form: req.form,
            applies,
        });
    }
    let template = load(Some(&templates_dir(req.book)), req.form).map_err(MakeError::Template)?;
    let heading = store.paper_heading()?;
    let names = names_denouncer(&source, req.form, viewer);
    let dir = papers_dir(req.book);
    let (issue, path) = store.write(actor, |w| {
        w.print_paper(
            &PrintPaper {
                form: req.form,
                subject: &req.subject,
                template_version: &template.version,
                format: req.format.ext(),
                names_denouncer: names,
                today: req.today,
            },
            |issue| {
                let facts = Facts::of(&source, req.form, viewer, &heading, issue);
                let paper = template.fill(req.form, &heading, issue, &facts);
                let bytes = render(&paper, req.format)?;
                let path = match &req.out {
                    Some(p) => p.clone(),
                    None => dir.join(file_name(
                        &req.subject,
                        &source.case_code,
                        req.form,
                        issue,
                        req.format,
                    )),
                };
                write_file(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(path)
            },
        )
    })?;
    Ok(Made {
        path,
        issue,
        names_denouncer: names,
        unverified: template.unverified,
    })
}

/// `KN-2026-BD-0042_receipt_07-2026.pdf` (a visit without a case: its uid's first part);
/// a reprint adds `_in-lai-N`.
pub fn file_name(
    subject: &Subject,
    case_code: &Option<String>,
    form: Form,
    issue: &Issue,
    format: Format,
) -> String {
    let who = match (subject, case_code) {
        (Subject::Visit { uid }, None) => {
            format!("luot-{}", uid.chars().take(8).collect::<String>())
        }
        (_, Some(code)) => code.clone(),
        (Subject::Case { uid }, None) => uid.chars().take(8).collect(),
    };
    let again = issue
        .reprint
        .map(|n| format!("_in-lai-{n}"))
        .unwrap_or_default();
    format!(
        "{who}_{}_{:02}-{}{again}.{}",
        form.code(),
        issue.number,
        issue.year,
        format.ext()
    )
}

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // The papers name citizens: their folder is the owner's only, like the book's.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::store::create_private_dir(dir)?;
    }
    let mut f = PrivateFile::create(path)?;
    std::io::Write::write_all(&mut f, bytes)?;
    f.commit()
}

/// Send a file to the print command (its words split on spaces, the file last): `lp`,
/// `lp -d may-in-tang-2`. Returns what the command said when it failed.
pub fn send_to_printer(command: &str, path: &Path) -> Result<(), String> {
    let mut words = command.split_whitespace();
    let Some(program) = words.next() else {
        return Err("no print command".into());
    };
    let out = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}
