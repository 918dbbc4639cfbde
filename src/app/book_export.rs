//! The log pane's export of the book (issue 27): `X` asks which days — the day shown (Enter),
//! its month (`t`) or a range (`01/01/2026-31/03/2026`), with `nd154` for NĐ 154/2026's
//! layout (TT 04/2021 Mẫu 03 otherwise) — then writes the XLSX beside the book on its lane
//! (`job::book`), with progress on the status line. An existing file is replaced only when
//! the officer says so; the export is journaled, as `tiepdan export` does, before the file is
//! moved into place.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use super::job::book::{BookJob, Written};
use super::job::{Event, Ticket};
use super::overlay::{Prompt, PromptPurpose};
use super::{App, Overlay, Question};
use crate::domain::date::{format_date, parse_date};
use crate::i18n::Msg;
use crate::store::ExportRecord;

/// Which days and layout a prompt's text asks for: (from, to, template code).
pub fn scope(
    text: &str,
    day: NaiveDate,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate, &'static str), String> {
    let mut template = "tt04-2021";
    let mut rest = Vec::new();
    for w in text.split_whitespace() {
        match w.to_lowercase().as_str() {
            "nd154" | "nđ154" | "nd154-2026" => template = "nd154-2026",
            "tt04" | "tt04-2021" => template = "tt04-2021",
            _ => rest.push(w),
        }
    }
    let what = rest.join(" ");
    let month = |d: NaiveDate| {
        let first = d.with_day(1).unwrap_or(d);
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(first);
        (first, next.pred_opt().unwrap_or(first))
    };
    let (from, to) = match what.to_lowercase().as_str() {
        "" | "n" | "ngày" | "d" | "day" => (day, day),
        "t" | "tháng" | "m" | "month" => month(day),
        range => {
            let date = |s: &str| parse_date(s.trim(), today).ok();
            // A dash between two dates (which may hold dashes themselves): the first place
            // where both sides are dates.
            let cut = range
                .char_indices()
                .filter(|(_, c)| matches!(c, '-' | '–'))
                .find_map(|(i, c)| {
                    let (a, b) = (&range[..i], &range[i + c.len_utf8()..]);
                    Some((date(a)?, date(b)?))
                });
            match cut.or_else(|| date(range).map(|d| (d, d))) {
                Some(r) => r,
                None => return Err(what),
            }
        }
    };
    if from > to {
        return Err(format!("{} > {}", format_date(from), format_date(to)));
    }
    Ok((from, to, template))
}

impl App {
    /// `X` on the log: ask which days (refused at once when the officer may not export).
    pub(super) fn open_book_export(&mut self) {
        if let Some(actor) = self.actor.clone() {
            let probe = ExportRecord {
                from: self.log.day,
                to: self.log.day,
                format: "xlsx",
                template: "tt04-2021",
                rows: 0,
                file_name: "",
            };
            if let Err(e) = self.store.check(&actor, |w| w.record_export(&probe)) {
                let e = self.store_error(&e);
                self.error(e);
                return;
            }
        }
        self.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
            PromptPurpose::ExportBook,
        ))));
    }

    /// The prompt's answer: the job, asked at once or after the overwrite question.
    pub(super) fn submit_book_export(&mut self, text: &str) -> Result<(), String> {
        let (from, to, code) = scope(text, self.log.day, self.today)
            .map_err(|bad| Msg::BookExportBadScope.fill(self.lang, &[&bad]))?;
        let template = crate::exchange::book::template(code).ok_or_else(|| code.to_owned())?;
        let name = format!(
            "so-tiep-dan-{}-{}-{}.xlsx",
            from.format("%Y%m%d"),
            to.format("%Y%m%d"),
            code
        );
        let path: PathBuf = self.export_dir().join(name);
        let job = BookJob {
            from,
            to,
            template,
            unit: self.store.unit_name().unwrap_or_default(),
            lang: self.lang,
            path,
            today: self.today,
        };
        self.overlays.pop();
        if job.path.exists() {
            self.overlays
                .push(Overlay::Confirm(Question::OverwriteBook(Box::new(job))));
        } else {
            self.ask_book_export(job);
        }
        Ok(())
    }

    pub(super) fn ask_book_export(&mut self, job: BookJob) {
        let shown = format!("{} – {}", format_date(job.from), format_date(job.to));
        self.jobs.book.ask(job);
        self.book_exporting = Some(shown.clone());
        self.info(Msg::BookExporting.fill(self.lang, &[&shown, &0]));
    }

    /// The book job's message: progress on the status line; the file journaled, then moved
    /// into place; or why not.
    pub(super) fn book_exported(&mut self, ticket: Ticket, event: Event<Written>) {
        if !self.jobs.book.is_current(ticket) {
            return;
        }
        let lang = self.lang;
        if !matches!(event, Event::Progress(_)) {
            self.book_exporting = None;
        }
        match event {
            Event::Progress(p) => {
                let shown = self.book_exporting.clone().unwrap_or_default();
                self.info(Msg::BookExporting.fill(lang, &[&shown, &p.done]));
            }
            Event::Out(w) => {
                let file_name = w
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let record = ExportRecord {
                    from: w.from,
                    to: w.to,
                    format: "xlsx",
                    template: &w.template,
                    rows: w.rows,
                    file_name: &file_name,
                };
                let journaled = match self.actor.clone() {
                    Some(actor) => self.store.write(&actor, |wr| wr.record_export(&record)),
                    None => Ok(()),
                };
                if let Err(e) = journaled {
                    // Not on the record: the file is dropped (removed), never left behind.
                    let e = self.store_error(&e);
                    self.error(Msg::BookExportFailed.fill(lang, &[&e]));
                    return;
                }
                let (rows, from, to) = (w.rows, w.from, w.to);
                let (path, unconfirmed) = (w.path.clone(), w.unconfirmed);
                match w.file.commit() {
                    Ok(()) => {
                        let mut text = Msg::CliExportDone.fill(
                            lang,
                            &[&rows, &format_date(from), &format_date(to), &path.display()],
                        );
                        if unconfirmed {
                            text.push(' ');
                            text.push_str(&Msg::CliExportUnconfirmed.fill(lang, &[&w.template]));
                        }
                        self.info(text);
                    }
                    Err(e) => self.error(Msg::BookExportFailed.fill(lang, &[&e])),
                }
            }
            Event::Failed(e) => {
                let e = self.store_error(&e);
                self.error(Msg::BookExportFailed.fill(lang, &[&e]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::scope;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_prompt_says_a_day_a_month_or_a_range() {
        let (day, today) = (d(2026, 2, 14), d(2026, 11, 24));
        assert_eq!(scope("", day, today), Ok((day, day, "tt04-2021")));
        assert_eq!(
            scope("t", day, today),
            Ok((d(2026, 2, 1), d(2026, 2, 28), "tt04-2021"))
        );
        assert_eq!(
            scope("tháng nd154", day, today),
            Ok((d(2026, 2, 1), d(2026, 2, 28), "nd154-2026"))
        );
        assert_eq!(
            scope("01/01/2026-31/03/2026", day, today),
            Ok((d(2026, 1, 1), d(2026, 3, 31), "tt04-2021"))
        );
        assert_eq!(
            scope("01/01/2026 – 31/03/2026 nd154", day, today),
            Ok((d(2026, 1, 1), d(2026, 3, 31), "nd154-2026"))
        );
        assert!(scope("31/03/2026-01/01/2026", day, today).is_err());
        assert!(scope("hôm kia", day, today).is_err());
        assert_eq!(
            scope("2026-01-01-2026-03-31", day, today),
            Ok((d(2026, 1, 1), d(2026, 3, 31), "tt04-2021"))
        );
        assert_eq!(
            scope("03/02/2026", day, today),
            Ok((d(2026, 2, 3), d(2026, 2, 3), "tt04-2021"))
        );
    }
}
