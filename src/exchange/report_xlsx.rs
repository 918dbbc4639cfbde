//! A period report as an XLSX workbook in the official layout: a summary sheet, then one
//! sheet per table with the form number, the unit, the title, the period and its dates,
//! merged header cells, numbered columns, the unit's row of figures (a column the book
//! cannot fill is left empty and hatched, with a legend), and the signature block. Printed
//! landscape on A4, one page wide, the header rows repeated on every page.
//!
//! Layout of a table sheet (0-based rows), relied on by the tests that read it back:
//! row 0 unit and form number, 1 title, 2 period and dates, 4… the header rows, then the
//! row of column numbers "(1)", "(2)"…, then the data row: column A the unit, column
//! B + (n − 1) the figure of column n.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, FormatPattern, Workbook, XlsxError};

use super::report_text::Heading;
use crate::domain::report::{Figure, Report, Table};
use crate::i18n::{self, Msg};

/// First header row of a table sheet.
pub const HEADER_ROW: u32 = 4;

/// The sheet name of a form ("01-TCD": a sheet name cannot hold a slash).
pub fn sheet_name(code: &str) -> String {
    code.replace('/', "-")
}

/// Header depth of a table (its longest header path).
pub fn header_depth(t: &Table) -> u32 {
    t.cells.iter().map(|c| c.head.len()).max().unwrap_or(1) as u32
}

/// The row of the figures of a table sheet.
pub fn data_row(t: &Table) -> u32 {
    HEADER_ROW + header_depth(t) + 1
}

struct Formats {
    bold: Format,
    title: Format,
    center: Format,
    italic: Format,
    head: Format,
    number_row: Format,
    value: Format,
    unit: Format,
    gap: Format,
    wrap: Format,
}

fn formats() -> Formats {
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    Formats {
        bold: Format::new().set_bold(),
        title: Format::new()
            .set_bold()
            .set_font_size(13)
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        center: Format::new().set_align(FormatAlign::Center).set_bold(),
        italic: Format::new().set_italic().set_align(FormatAlign::Center),
        head: border(
            Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
        ),
        number_row: border(Format::new().set_italic().set_align(FormatAlign::Center)),
        value: border(Format::new().set_align(FormatAlign::Center)),
        unit: border(Format::new().set_text_wrap()),
        gap: border(
            Format::new()
                .set_pattern(FormatPattern::LightUp)
                .set_foreground_color(0x999999),
        ),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
    }
}

/// The workbook as bytes.
pub fn xlsx(h: &Heading, r: &Report) -> Result<Vec<u8>, XlsxError> {
    let lang = h.lang;
    let f = formats();
    let mut wb = Workbook::new();
    let unit = if h.unit.is_empty() {
        Msg::UnitUnset.t(lang)
    } else {
        h.unit
    };
    let period_line = format!(
        "{} — {}",
        i18n::period_label(lang, &r.period),
        i18n::period_dates(lang, &r.period)
    );

    // The summary: the paragraph and the figures.
    {
        let ws = wb.add_worksheet();
        ws.set_name(Msg::RpSummary.t(lang))?;
        ws.set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0);
        ws.set_column_width(0, 58)?;
        ws.set_column_width(1, 14)?;
        ws.write_string_with_format(0, 0, Msg::RpUnit.fill(lang, &[&unit]), &f.bold)?;
        ws.merge_range(1, 0, 1, 1, Msg::RpTitle.t(lang), &f.title)?;
        ws.set_row_height(1, 36)?;
        ws.merge_range(2, 0, 2, 1, &period_line, &f.italic)?;
        let mut notes = vec![i18n::circular_line(lang, r.circular, &r.period)];
        if let Some(c) = &r.closed {
            notes.push(super::report_text::closed_line(lang, c));
        }
        ws.merge_range(3, 0, 3, 1, &notes.join(" "), &f.italic)?;
        ws.write_string_with_format(4, 0, Msg::RpParagraph.t(lang), &f.bold)?;
        ws.merge_range(
            5,
            0,
            5,
            1,
            &i18n::report_paragraph(lang, h.unit, r),
            &f.wrap,
        )?;
        ws.set_row_height(5, 150)?;
        ws.write_string_with_format(7, 0, Msg::RpColFigure.t(lang), &f.head)?;
        ws.write_string_with_format(7, 1, Msg::RpColValue.t(lang), &f.head)?;
        let mut row = 8;
        for (fig, v) in &r.summary {
            ws.write_string_with_format(row, 0, i18n::report_figure(*fig).t(lang), &f.unit)?;
            ws.write_number_with_format(row, 1, *v as f64, &f.value)?;
            row += 1;
            if *fig == Figure::DenunciationsSettled {
                for (label, p) in [
                    (Msg::FgResolvedRate, r.resolved_rate()),
                    (Msg::FgOnTimeRate, r.on_time_rate()),
                ] {
                    ws.write_string_with_format(row, 0, label.t(lang), &f.unit)?;
                    ws.write_string_with_format(row, 1, i18n::percent_text(lang, p), &f.value)?;
                    row += 1;
                }
            }
        }
        row += 1;
        ws.write_string_with_format(row, 0, Msg::FgByField.t(lang), &f.head)?;
        ws.write_string_with_format(row, 1, Msg::HdPetitions.t(lang), &f.head)?;
        for fld in &r.by_field {
            row += 1;
            ws.write_string_with_format(row, 0, &fld.name, &f.unit)?;
            ws.write_number_with_format(row, 1, fld.petitions as f64, &f.value)?;
        }
        if !r.presiding.is_empty() {
            row += 2;
            ws.write_string_with_format(row, 0, Msg::FgPresiding.t(lang), &f.head)?;
            ws.write_string_with_format(row, 1, Msg::HdSessions.t(lang), &f.head)?;
            for p in &r.presiding {
                row += 1;
                ws.write_string_with_format(row, 0, i18n::presider_label(lang, p), &f.unit)?;
                ws.write_number_with_format(row, 1, p.sessions as f64, &f.value)?;
            }
        }
    }

    for t in &r.tables {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(t.form.code()))?;
        let n = t.cells.len() as u16;
        let last = n; // the last column index (column A is the unit)
        let depth = header_depth(t);
        let numbers = HEADER_ROW + depth;
        let data = numbers + 1;
        ws.set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0)
            .set_print_center_horizontally(true);
        ws.set_repeat_rows(HEADER_ROW, numbers)?;
        ws.set_column_width(0, 24)?;
        for c in 1..=last {
            ws.set_column_width(c, 11)?;
        }
        let left_end = (last / 2).max(1);
        ws.merge_range(
            0,
            0,
            0,
            left_end,
            &Msg::RpUnit.fill(lang, &[&unit]),
            &f.bold,
        )?;
        let form_no = Msg::RpFormNo.fill(lang, &[&t.form.code()]);
        if left_end < last {
            ws.merge_range(0, left_end + 1, 0, last, &form_no, &f.center)?;
        } else {
            ws.write_string_with_format(0, last, &form_no, &f.center)?;
        }
        ws.merge_range(1, 0, 1, last, i18n::form_title(t.form).t(lang), &f.title)?;
        ws.merge_range(2, 0, 2, last, &period_line, &f.italic)?;
        // Header: column A spans every header row; groups merge across their columns.
        ws.merge_range(
            HEADER_ROW,
            0,
            numbers - 1,
            0,
            Msg::RpUnitCol.t(lang),
            &f.head,
        )?;
        for level in 0..depth as usize {
            let row = HEADER_ROW + level as u32;
            let mut i = 0;
            while i < t.cells.len() {
                let c = &t.cells[i];
                let col = i as u16 + 1;
                if c.head.len() <= level {
                    i += 1;
                    continue;
                }
                let label = i18n::report_head(c.head[level]).t(lang);
                if c.head.len() == level + 1 {
                    // A leaf: down to the last header row.
                    let bottom = numbers - 1;
                    if bottom > row {
                        ws.merge_range(row, col, bottom, col, label, &f.head)?;
                    } else {
                        ws.write_string_with_format(row, col, label, &f.head)?;
                    }
                    i += 1;
                    continue;
                }
                // A group: the run of columns sharing this prefix.
                let mut j = i + 1;
                while j < t.cells.len()
                    && t.cells[j].head.len() > level + 1
                    && t.cells[j].head[..=level] == c.head[..=level]
                {
                    j += 1;
                }
                let end = j as u16;
                if end > col {
                    ws.merge_range(row, col, row, end, label, &f.head)?;
                } else {
                    ws.write_string_with_format(row, col, label, &f.head)?;
                }
                i = j;
            }
            ws.set_row_height(row, 48)?;
        }
        ws.write_string_with_format(numbers, 0, "(A)", &f.number_row)?;
        ws.write_string_with_format(data, 0, unit, &f.unit)?;
        for (i, c) in t.cells.iter().enumerate() {
            let col = i as u16 + 1;
            ws.write_string_with_format(numbers, col, format!("({})", c.no), &f.number_row)?;
            match c.value {
                Some(v) => {
                    ws.write_number_with_format(data, col, v as f64, &f.value)?;
                }
                None => {
                    ws.write_blank(data, col, &f.gap)?;
                }
            }
        }
        ws.set_row_height(data, 30)?;
        let mut row = data + 2;
        if t.form.headers_from_outline() {
            ws.merge_range(row, 0, row, last, Msg::RpOutlineHeaders.t(lang), &f.wrap)?;
            row += 1;
        }
        if t.cells.iter().any(|c| c.value.is_none()) {
            ws.merge_range(row, 0, row, last, Msg::RpLegendXlsx.t(lang), &f.wrap)?;
            row += 1;
            for c in t.cells.iter().filter(|c| c.value.is_none()) {
                if let Err(g) = &c.spec {
                    ws.merge_range(
                        row,
                        0,
                        row,
                        last,
                        &format!("({}) {}", c.no, i18n::report_gap(*g).t(lang)),
                        &f.wrap,
                    )?;
                    row += 1;
                }
            }
        }
        // Signature block: the maker on the left, the head of the unit on the right.
        row += 1;
        let right = (last / 2 + 1).min(last);
        ws.merge_range(row, right, row, last, Msg::RpSignPlace.t(lang), &f.italic)?;
        row += 1;
        ws.merge_range(
            row,
            0,
            row,
            left_end.min(right - 1),
            Msg::RpSignMaker.t(lang),
            &f.center,
        )?;
        ws.merge_range(row, right, row, last, Msg::RpSignHead.t(lang), &f.center)?;
        row += 1;
        ws.merge_range(
            row,
            0,
            row,
            left_end.min(right - 1),
            Msg::RpSignNote.t(lang),
            &f.italic,
        )?;
        ws.merge_range(
            row,
            right,
            row,
            last,
            Msg::RpSignNoteSeal.t(lang),
            &f.italic,
        )?;
    }
    wb.save_to_buffer()
}
