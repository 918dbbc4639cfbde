//! The sổ tiếp công dân written out for the upper level: in a template's official layout as
//! XLSX (numbered merged headers, the unit, the period, landscape A4, the headers repeated on
//! every page, a signature block) or CSV, or as JSON records. Every identity goes through the
//! identity rule as nobody-in-particular sees it: a denunciation's row shows the pseudonym
//! ("Người tố cáo TC-2026-0007"), no ID number, no address, in every format.
//!
//! The rows are streamed: the XLSX sheet is written in constant memory and CSV/JSON line by
//! line, so a year of a million-visit book stays within a few megabytes.

use std::io::Write;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::domain::book::{BookLine, Route, Source, Template};
use crate::domain::date::format_date;
use crate::domain::identity::{Place, Viewer};
use crate::domain::visit::Handling;
use crate::i18n::{self, Lang, Msg};

/// The templates the book can be written in (their files are data: correct a header there).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("tt04-2021", include_str!("book_templates/tt04-2021.toml")),
    ("nd154-2026", include_str!("book_templates/nd154-2026.toml")),
];

/// A template by its code.
pub fn template(code: &str) -> Option<Template> {
    let (_, text) = TEMPLATES.iter().find(|(c, _)| *c == code)?;
    // The files are part of the program: a broken one fails the tests, never an officer.
    Some(toml::from_str(text).expect("a valid book template"))
}

/// What the book's heading says: the unit, the period.
#[derive(Debug, Clone)]
pub struct BookHeading {
    pub unit: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The text of one cell of a row, as nobody-in-particular may see it.
pub fn cell(lang: Lang, source: Source, seq: u64, l: &BookLine) -> String {
    let v = Viewer::nobody();
    let p = &l.citizen;
    let route = Route::of(l.handling);
    let mark = |on: bool| if on { "x".to_owned() } else { String::new() };
    match source {
        Source::Seq => seq.to_string(),
        Source::Day => format_date(l.day),
        Source::NameAddress => {
            let name = i18n::person(lang, &v, p);
            match v.address(p) {
                Some(a) => format!("{name} – {a}"),
                None => name,
            }
        }
        Source::IdNumber => v.id_number(p, Place::Detail).unwrap_or_default(),
        Source::Content => l.content.clone(),
        Source::TypePeople => {
            let t = i18n::petition_type(l.petition_type).t(lang);
            if l.people > 1 {
                format!("{t} / {}", l.people)
            } else {
                t.to_owned()
            }
        }
        Source::Type => i18n::petition_type(l.petition_type).t(lang).to_owned(),
        Source::People => l.people.to_string(),
        Source::PriorAgencies => l.prior_agencies.clone(),
        Source::OwnAuthority | Source::Accepted => mark(route == Route::Accepted),
        Source::Guided => mark(route == Route::Guided),
        Source::GuidedTo => {
            if route == Route::Guided {
                Msg::BookGuided.t(lang).to_owned()
            } else {
                String::new()
            }
        }
        Source::ForwardedTo => {
            if route == Route::Forwarded {
                if l.transfer_agency.is_empty() {
                    "x".to_owned()
                } else {
                    l.transfer_agency.clone()
                }
            } else {
                String::new()
            }
        }
        Source::FollowUp => match (&l.case_code, l.case_status) {
            (Some(code), Some(s)) => {
                let status = i18n::case_status(s).t(lang);
                match l.status_day {
                    Some(d) => format!("{code}: {status} ({})", format_date(d)),
                    None => format!("{code}: {status}"),
                }
            }
            _ => String::new(),
        },
        Source::Note => {
            // A handling with no column of its own is said here (urged, answered, filed).
            let mut parts = Vec::new();
            if route == Route::Other {
                parts.push(i18n::handling(l.handling).t(lang).to_owned());
            }
            if !l.note.is_empty() {
                parts.push(l.note.clone());
            }
            parts.join("; ")
        }
    }
}

fn heads(lang: Lang, t: &Template) -> Vec<Vec<String>> {
    t.columns
        .iter()
        .map(|c| match lang {
            Lang::Vi => c.head.clone(),
            Lang::En => c.head_en.clone(),
        })
        .collect()
}

/// A column's header on one line ("Hướng xử lý – Thụ lý để giải quyết"), for CSV.
fn flat_heads(lang: Lang, t: &Template) -> Vec<String> {
    heads(lang, t)
        .into_iter()
        .enumerate()
        .map(|(i, h)| format!("({}) {}", i + 1, h.join(" – ")))
        .collect()
}

/// CSV, one visit a line, under the template's numbered headers (UTF-8 with a byte-order mark
/// so that spreadsheet programs read Vietnamese right).
pub struct CsvBook<W: Write> {
    out: W,
    lang: Lang,
    template: Template,
    seq: u64,
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

impl<W: Write> CsvBook<W> {
    pub fn start(mut out: W, lang: Lang, template: Template) -> std::io::Result<CsvBook<W>> {
        out.write_all("\u{feff}".as_bytes())?;
        let head: Vec<String> = flat_heads(lang, &template)
            .iter()
            .map(|h| csv_field(h))
            .collect();
        writeln!(out, "{}", head.join(","))?;
        Ok(CsvBook {
            out,
            lang,
            template,
            seq: 0,
        })
    }

    pub fn line(&mut self, l: &BookLine) -> std::io::Result<()> {
        self.seq += 1;
        let cells: Vec<String> = self
            .template
            .columns
            .iter()
            .map(|c| csv_field(&cell(self.lang, c.source, self.seq, l)))
            .collect();
        writeln!(self.out, "{}", cells.join(","))
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// JSON: one record per visit with named fields (codes, not words), in an array.
pub struct JsonBook<W: Write> {
    out: W,
    first: bool,
}

/// A visit as a JSON record (the identity by the rule: a denouncer's name is a pseudonym and
/// nothing else of them is written).
pub fn json_record(l: &BookLine) -> serde_json::Value {
    let v = Viewer::nobody();
    let p = &l.citizen;
    serde_json::json!({
        "uid": l.uid,
        "day": l.day,
        "time": l.time,
        "citizen": p,
        "id_number": v.id_number(p, Place::Detail),
        "phone": v.phone(p, Place::Detail),
        "address": v.address(p),
        "people": l.people,
        "petition_type": l.petition_type.code(),
        "field": l.field_name,
        "content": l.content,
        "prior_agencies": l.prior_agencies,
        "handling": l.handling.code(),
        "transfer_agency": (l.handling == Handling::ChuyenDon).then_some(&l.transfer_agency),
        "note": l.note,
        "officer": l.officer_name,
        "case": l.case_code,
        "case_status": l.case_status.map(|s| s.code()),
        "case_status_day": l.status_day,
    })
}

impl<W: Write> JsonBook<W> {
    pub fn start(mut out: W) -> std::io::Result<JsonBook<W>> {
        out.write_all(b"[")?;
        Ok(JsonBook { out, first: true })
    }

    pub fn line(&mut self, l: &BookLine) -> std::io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n  ")?;
        serde_json::to_writer(&mut self.out, &json_record(l))?;
        Ok(())
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(b"\n]\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The layout's rows (0-based): the unit and the form, the title, the period, a gap, then the
/// header rows, the row of column numbers, and the visits from `first_data_row`.
pub const HEADER_ROW: u32 = 4;

/// The row of the first visit under a template's headers.
pub fn first_data_row(t: &Template) -> u32 {
    HEADER_ROW + t.header_depth() as u32 + 1
}

/// XLSX in the template's layout, written in constant memory.
pub struct XlsxBook {
    workbook: Workbook,
    lang: Lang,
    template: Template,
    row: u32,
    seq: u64,
    cell_format: Format,
}

impl XlsxBook {
    pub fn start(lang: Lang, template: Template, h: &BookHeading) -> Result<XlsxBook, XlsxError> {
        let mut workbook = Workbook::new();
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        let head_format = border(
            Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
        );
        let number_format = border(Format::new().set_italic().set_align(FormatAlign::Center));
        let cell_format = border(Format::new().set_text_wrap().set_align(FormatAlign::Top));
        let bold = Format::new().set_bold();
        let title = Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center);
        let center = Format::new().set_italic().set_align(FormatAlign::Center);
        let ncols = template.columns.len() as u16;
        let depth = template.header_depth() as u32;
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(Msg::BookSheet.t(lang))?;
        sheet.set_landscape();
        sheet.set_paper_size(9); // A4
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_print_center_horizontally(true);
        sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW + depth)?;
        for (i, c) in template.columns.iter().enumerate() {
            sheet.set_column_width(i as u16, c.width)?;
        }
        let last = ncols - 1;
        sheet.write_with_format(0, 0, &h.unit, &bold)?;
        sheet.write_with_format(
            0,
            last.saturating_sub(2),
            &template.form,
            &Format::new().set_italic(),
        )?;
        let title_text = match lang {
            Lang::Vi => &template.title,
            Lang::En => &template.title_en,
        };
        sheet.merge_range(1, 0, 1, last, title_text, &title)?;
        let period = Msg::BookPeriod.fill(lang, &[&format_date(h.from), &format_date(h.to)]);
        sheet.merge_range(2, 0, 2, last, &period, &center)?;
        // Headers: a part shared by neighbouring columns at the same level is merged across
        // them; a column's last part runs down to the row of numbers.
        let heads = heads(lang, &template);
        for level in 0..depth as usize {
            let row = HEADER_ROW + level as u32;
            let mut col = 0usize;
            while col < heads.len() {
                let path = &heads[col];
                if level >= path.len() {
                    col += 1;
                    continue;
                }
                let last_part = level + 1 == path.len();
                let mut end = col;
                while !last_part
                    && end + 1 < heads.len()
                    && heads[end + 1].len() > level + 1
                    && heads[end + 1][..=level] == path[..=level]
                {
                    end += 1;
                }
                let bottom = if last_part {
                    HEADER_ROW + depth - 1
                } else {
                    row
                };
                if end == col && bottom == row {
                    sheet.write_with_format(row, col as u16, &path[level], &head_format)?;
                } else {
                    sheet.merge_range(
                        row,
                        col as u16,
                        bottom,
                        end as u16,
                        &path[level],
                        &head_format,
                    )?;
                }
                col = end + 1;
            }
        }
        let numbers = HEADER_ROW + depth;
        for i in 0..ncols {
            sheet.write_with_format(numbers, i, format!("({})", i + 1), &number_format)?;
        }
        let row = first_data_row(&template);
        Ok(XlsxBook {
            workbook,
            lang,
            template,
            row,
            seq: 0,
            cell_format,
        })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet, XlsxError> {
        self.workbook.worksheet_from_index(0)
    }

    pub fn line(&mut self, l: &BookLine) -> Result<(), XlsxError> {
        self.seq += 1;
        let (row, seq, lang) = (self.row, self.seq, self.lang);
        let cells: Vec<String> = self
            .template
            .columns
            .iter()
            .map(|c| cell(lang, c.source, seq, l))
            .collect();
        let format = self.cell_format.clone();
        let sheet = self.sheet()?;
        for (i, text) in cells.iter().enumerate() {
            if let (0, Ok(n)) = (i, text.parse::<f64>()) {
                sheet.write_number_with_format(row, i as u16, n, &format)?;
            } else {
                sheet.write_with_format(row, i as u16, text, &format)?;
            }
        }
        self.row += 1;
        Ok(())
    }

    /// The signature block under the rows, and the workbook written to `out`.
    pub fn finish(mut self, out: impl Write + Send, day: NaiveDate) -> Result<(), XlsxError> {
        let lang = self.lang;
        let ncols = self.template.columns.len() as u16;
        let row = self.row + 1;
        let center = Format::new().set_align(FormatAlign::Center);
        let bold = center.clone().set_bold();
        let sheet = self.sheet()?;
        let right = ncols.saturating_sub(4);
        sheet.write_with_format(
            row,
            right,
            Msg::BookSignedOn.fill(lang, &[&format_date(day)]),
            &center.clone().set_italic(),
        )?;
        sheet.write_with_format(row + 1, 1, Msg::BookPreparedBy.t(lang), &bold)?;
        sheet.write_with_format(row + 1, right, Msg::BookHead.t(lang), &bold)?;
        sheet.write_with_format(row + 2, 1, Msg::BookSignHint.t(lang), &center)?;
        sheet.write_with_format(row + 2, right, Msg::BookSignHint.t(lang), &center)?;
        self.workbook.save_to_writer(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_valid_and_numbered_as_its_form() {
        let tt04 = template("tt04-2021").unwrap();
        assert_eq!(tt04.columns.len(), 12, "TT 04/2021 Mẫu 03 has 12 columns");
        assert_eq!(tt04.header_depth(), 2);
        let nd154 = template("nd154-2026").unwrap();
        assert_eq!(
            nd154.columns.len(),
            13,
            "NĐ 154/2026 Mẫu 03/TCD has 13 columns"
        );
        assert!(nd154.unconfirmed);
        for (code, _) in TEMPLATES {
            let t = template(code).unwrap();
            assert_eq!(&t.code, code);
            for c in &t.columns {
                assert_eq!(c.head.len(), c.head_en.len(), "{code}: {:?}", c.head);
            }
        }
        assert!(template("nope").is_none());
    }

    #[test]
    fn a_field_with_a_comma_or_a_quote_is_quoted() {
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
