//! The papers of a visit or a case (`p` on either): the forms that apply, each with the
//! number it already has; `Enter` writes the PDF, `d` the DOCX — the number taken (or kept:
//! a reprint), the file's path said, and the file sent to the print command when the book
//! has one (setting `print_command`, e.g. `lp`).

use std::path::PathBuf;

use super::{App, Command, Overlay};
use crate::domain::paper::{Form, Subject};
use crate::i18n::Msg;
use crate::render::Format;
use crate::render::make::{Request, applicable, make, send_to_printer};
use crate::store::PrintedPaper;

/// The papers overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PapersView {
    pub subject: Subject,
    /// The record as the title names it (the case code, or the visit's day and time).
    pub label: String,
    /// The forms that apply, each with its number so far.
    pub rows: Vec<(Form, Option<PrintedPaper>)>,
    pub selected: usize,
    /// The last file written here.
    pub written: Option<PathBuf>,
}

impl App {
    /// Open the papers of the visit or the case on screen.
    pub(super) fn open_papers(&mut self, subject: Subject, label: String) {
        let Some(view) = self.papers_view(subject, label) else {
            return;
        };
        if view.rows.is_empty() {
            self.info(Msg::PapersNone.t(self.lang).to_owned());
            return;
        }
        self.overlays.push(Overlay::Papers(Box::new(view)));
    }

    fn papers_view(&mut self, subject: Subject, label: String) -> Option<PapersView> {
        let forms = applicable(&self.store, &subject);
        let forms = self.report(forms)?;
        let printed = self.store.papers_of(&subject);
        let printed = self.report(printed)?;
        let rows = forms
            .into_iter()
            .map(|f| (f, printed.iter().find(|p| p.form == f).cloned()))
            .collect();
        Some(PapersView {
            subject,
            label,
            rows,
            selected: 0,
            written: None,
        })
    }

    pub(super) fn apply_papers(&mut self, cmd: Command) {
        let Some(Overlay::Papers(v)) = self.overlays.last_mut() else {
            return;
        };
        let n = v.rows.len();
        match cmd {
            Command::Up if v.selected > 0 => v.selected -= 1,
            Command::Down if v.selected + 1 < n => v.selected += 1,
            Command::Close | Command::Cancel => {
                self.overlays.pop();
            }
            Command::Submit => self.make_paper(Format::Pdf),
            Command::Export => self.make_paper(Format::Docx),
            _ => {}
        }
    }

    fn make_paper(&mut self, format: Format) {
        let Some(Overlay::Papers(v)) = self.overlays.last() else {
            return;
        };
        let Some((form, _)) = v.rows.get(v.selected).cloned() else {
            return;
        };
        let (subject, label, selected) = (v.subject.clone(), v.label.clone(), v.selected);
        let Some(actor) = self.actor.clone() else {
            return;
        };
        let book = self
            .store
            .path()
            .map(|p| p.to_path_buf())
            .unwrap_or_else(|| PathBuf::from("tiepdan.sqlite3"));
        let req = Request {
            subject: subject.clone(),
            form,
            format,
            out: None,
            book: &book,
            today: self.today,
        };
        let made = match make(&mut self.store, &actor, &self.viewer, &req) {
            Ok(m) => m,
            Err(e) => {
                self.error(crate::i18n::paper_error(self.lang, &e));
                return;
            }
        };
        let number = format!("{:02}/{}", made.issue.number, made.issue.year);
        let path = made.path.display().to_string();
        let mut said = match made.issue.reprint {
            None => Msg::PaperWritten.fill(self.lang, &[&number, &path]),
            Some(n) => Msg::PaperReprinted.fill(self.lang, &[&number, &n, &path]),
        };
        let command = self.store.print_command().unwrap_or_default();
        if !command.trim().is_empty() {
            match send_to_printer(&command, &made.path) {
                Ok(()) => {
                    said.push(' ');
                    said.push_str(&Msg::PaperSent.fill(self.lang, &[&command]));
                }
                Err(e) => {
                    said.push(' ');
                    said.push_str(&Msg::PaperPrintFailed.fill(self.lang, &[&e]));
                }
            }
        }
        self.info(said);
        // The numbers as they are now.
        if let Some(mut fresh) = self.papers_view(subject, label) {
            fresh.selected = selected.min(fresh.rows.len().saturating_sub(1));
            fresh.written = Some(made.path);
            if let Some(Overlay::Papers(v)) = self.overlays.last_mut() {
                **v = fresh;
            }
        }
    }
}
