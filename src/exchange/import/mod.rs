//! `tiepdan import`: old books in (xlsx, xls, ods through calamine; csv).
//!
//! Exchange never writes SQL itself: this module reads the file, finds each sheet's header
//! (`header.rs`), converts legacy text cell by cell (`domain::legacy`), turns each row into
//! the visit form's draft and validates it with the form's own checks (`row/`,
//! `domain::visit::validate`). What passes is handed to one store transaction
//! (`Writer::import_visits`); what does not is refused, row by row, with the column and the
//! reason.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};

use crate::domain::legacy::{self, Legacy};
use crate::store::ImportedVisit;

pub mod csv;
pub mod header;
pub mod row;

pub use header::{Column, ColumnMap, Header};
pub use row::{Reason, Refusal};

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell (with its time of day when it has one).
    Date(NaiveDate, Option<NaiveTime>),
}

impl Cell {
    /// The cell as text (numbers without a needless ".0", dates dd/mm/yyyy).
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d, None) => crate::domain::date::format_date(*d),
            Cell::Date(d, Some(t)) => {
                format!(
                    "{} {}",
                    crate::domain::date::format_date(*d),
                    t.format("%H:%M")
                )
            }
        }
    }
}

/// A sheet: its name and its rows, each with its row number in the sheet (from 1).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<(u32, Vec<Cell>)>,
}

/// Why a file could not be read at all.
#[derive(Debug)]
pub enum ReadError {
    /// Not a kind of file the import reads (by its extension).
    Kind(String),
    Io(std::io::Error),
    /// The spreadsheet library could not read it.
    Spreadsheet(String),
    /// `--sheet S`: no such sheet (the sheets there are).
    NoSheet(String, Vec<String>),
}

fn cell_of(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, mi, _, _) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)) {
                Some(day) => Cell::Date(
                    day,
                    NaiveTime::from_hms_opt(u32::from(h), u32::from(mi), 0)
                        .filter(|t| *t != NaiveTime::MIN),
                ),
                None => Cell::Text(dt.as_f64().to_string()),
            }
        }
        Data::DateTimeIso(s) => {
            let day = s
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let time = s
                .get(11..16)
                .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
                .filter(|t| *t != NaiveTime::MIN);
            match day {
                Some(d) => Cell::Date(d, time),
                None => Cell::Text(s.clone()),
            }
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// Read every sheet of a book (or its one sheet `only`). Merged cells are filled with their
/// value (xlsx, xls): a date merged over a day's rows dates each of them, a header merged
/// over its sub-columns names each.
pub fn read(path: &Path, only: Option<&str>) -> Result<Vec<Sheet>, ReadError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let sheets = match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(ReadError::Io)?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            vec![csv::sheet(&name, &bytes)]
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(path)?,
        other => return Err(ReadError::Kind(other.to_owned())),
    };
    match only {
        None => Ok(sheets),
        Some(name) => {
            let wanted = header::folded(name);
            let names = sheets.iter().map(|s| s.name.clone()).collect();
            sheets
                .into_iter()
                .find(|s| header::folded(&s.name) == wanted)
                .map(|s| vec![s])
                .ok_or_else(|| ReadError::NoSheet(name.to_owned(), names))
        }
    }
}

fn read_workbook(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    use calamine::{Reader, open_workbook_auto};
    let bad = |e: calamine::Error| ReadError::Spreadsheet(e.to_string());
    let mut book = open_workbook_auto(path).map_err(bad)?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(bad)?;
        // Without them merged cells read as one value and blanks.
        let merges: Vec<calamine::Dimensions> = match &mut book {
            calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let Some((r0, c0)) = range.start() else {
            out.push(Sheet {
                name,
                rows: Vec::new(),
            });
            continue;
        };
        let mut grid: Vec<Vec<Cell>> = range
            .rows()
            .map(|r| {
                let mut cells = vec![Cell::Empty; c0 as usize];
                cells.extend(r.iter().map(cell_of));
                cells
            })
            .collect();
        for m in merges {
            let (top, left) = (m.start.0.saturating_sub(r0) as usize, m.start.1 as usize);
            let value = grid.get(top).and_then(|r| r.get(left)).cloned();
            let Some(value) = value.filter(|v| !matches!(v, Cell::Empty)) else {
                continue;
            };
            for r in m.start.0.max(r0)..=m.end.0 {
                let Some(row) = grid.get_mut((r - r0) as usize) else {
                    break;
                };
                for c in m.start.1..=m.end.1 {
                    let c = c as usize;
                    if row.len() <= c {
                        row.resize(c + 1, Cell::Empty);
                    }
                    if matches!(row[c], Cell::Empty) {
                        row[c] = value.clone();
                    }
                }
            }
        }
        out.push(Sheet {
            name,
            rows: grid
                .into_iter()
                .enumerate()
                .map(|(i, cells)| (r0 + i as u32 + 1, cells))
                .collect(),
        });
    }
    Ok(out)
}

/// Convert a sheet's legacy text to Unicode, cell by cell. The sheet's own majority (TCVN3
/// or VNI, among the cells that are clearly one or the other) settles the cells that read
/// as well both ways. Returns how many cells were TCVN3 and VNI.
pub fn to_unicode(sheet: &mut Sheet) -> (u64, u64) {
    let sum = |counts: Vec<(u64, u64)>| {
        counts
            .into_iter()
            .fold((0, 0), |(t, v), (a, b)| (t + a, v + b))
    };
    // Each half of the sheet on its own thread (a cell's conversion is the cell's alone).
    let (t, v) = sum(in_halves(&sheet.rows, |(_, cells)| {
        let (mut t, mut v) = (0u64, 0u64);
        for c in cells {
            if let Cell::Text(s) = c {
                match legacy::detect(s, None) {
                    Legacy::Tcvn3 => t += 1,
                    Legacy::Vni => v += 1,
                    Legacy::Unicode => {}
                }
            }
        }
        (t, v)
    }));
    let hint = match (t, v) {
        (0, 0) => None,
        (t, v) if t >= v => Some(Legacy::Tcvn3),
        _ => Some(Legacy::Vni),
    };
    let convert = |rows: &mut [(u32, Vec<Cell>)]| {
        let (mut t, mut v) = (0u64, 0u64);
        for (_, cells) in rows {
            for c in cells.iter_mut() {
                if let Cell::Text(s) = c {
                    let (out, how) = legacy::to_unicode(s, hint);
                    match how {
                        Legacy::Tcvn3 => t += 1,
                        Legacy::Vni => v += 1,
                        Legacy::Unicode => {}
                    }
                    let out = crate::domain::text::nfc(&out);
                    if out != *s {
                        *s = out;
                    }
                }
            }
        }
        (t, v)
    };
    if sheet.rows.len() < SMALL {
        return convert(&mut sheet.rows);
    }
    let half = sheet.rows.len().div_ceil(2);
    let mut parts = sheet.rows.chunks_mut(half);
    let (first, second) = (parts.next(), parts.next());
    match (first, second) {
        (Some(a), Some(b)) => std::thread::scope(|s| {
            let other = s.spawn(|| convert(b));
            let (t, v) = convert(a);
            let (t2, v2) = other.join().expect("a sheet's half converts");
            (t + t2, v + v2)
        }),
        (Some(a), None) => convert(a),
        _ => (0, 0),
    }
}

/// Fewer rows than this are done on one thread.
const SMALL: usize = 2_000;

/// Rows checked at a time.
const CHUNK: usize = 8_192;

/// `f` of each item, in order, the two halves of `items` on two threads (a small sheet on
/// this one).
fn in_halves<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    if items.len() < SMALL {
        return items.iter().map(&f).collect();
    }
    let (a, b) = items.split_at(items.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| b.iter().map(&f).collect::<Vec<U>>());
        let mut out: Vec<U> = a.iter().map(&f).collect();
        out.extend(other.join().expect("a sheet's half is checked"));
        out
    })
}

/// What the book knows that the rows are checked against.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: NaiveDate,
    /// A group from this many people (settings).
    pub threshold: u32,
    /// The book's fields: (code, name).
    pub fields: Vec<(String, String)>,
    /// The book's officers: (id, name).
    pub officers: Vec<(i64, String)>,
}

/// A sheet as the import read it.
#[derive(Debug, Clone)]
pub struct SheetPlan {
    pub name: String,
    /// Its header, or None: no header found (the sheet is left out, said so).
    pub header: Option<Header>,
    /// Rows under the header that hold anything.
    pub rows: u32,
    /// Cells converted from TCVN3 and from VNI.
    pub tcvn3: u64,
    pub vni: u64,
}

/// A row ready for the book.
#[derive(Debug, Clone)]
pub struct Planned {
    pub sheet: usize,
    pub row: u32,
    pub visit: ImportedVisit,
}

/// A row refused, with its cells (in Unicode) for the refused CSV.
#[derive(Debug, Clone)]
pub struct RefusedRow {
    pub sheet: usize,
    pub row: u32,
    pub cells: Vec<String>,
    pub refusals: Vec<Refusal>,
}

/// What a file would give the book.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub sheets: Vec<SheetPlan>,
    pub visits: Vec<Planned>,
    pub refused: Vec<RefusedRow>,
}

impl Plan {
    /// The column name of a refusal, as the sheet's header has it.
    pub fn column_name(&self, sheet: usize, r: &Refusal) -> String {
        match (r.column, &self.sheets[sheet].header) {
            (Some(i), Some(h)) => h.names.get(i).cloned().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The refused rows as CSV lines: Trang, Dòng, Cột, Lý do (worded by `reason`), then
    /// the row's own cells under the sheet's header — fix them and import the file again.
    pub fn refused_csv(&self, heads: [&str; 4], reason: impl Fn(&Reason) -> String) -> String {
        let mut out = String::new();
        let width = self
            .sheets
            .iter()
            .filter_map(|s| s.header.as_ref().map(|h| h.names.len()))
            .max()
            .unwrap_or(0);
        let first_header = self.sheets.iter().find_map(|s| s.header.as_ref());
        let mut head: Vec<String> = heads.iter().map(|h| (*h).to_owned()).collect();
        head.extend((0..width).map(|i| {
            first_header
                .and_then(|h| h.names.get(i).cloned())
                .unwrap_or_default()
        }));
        out.push_str(&csv::line(&head));
        out.push_str("\r\n");
        for r in &self.refused {
            let cols: Vec<String> = r
                .refusals
                .iter()
                .map(|x| self.column_name(r.sheet, x))
                .collect();
            let why: Vec<String> = r.refusals.iter().map(|x| reason(&x.reason)).collect();
            let mut line = vec![
                self.sheets[r.sheet].name.clone(),
                r.row.to_string(),
                cols.join(" | "),
                why.join(" | "),
            ];
            line.extend(r.cells.iter().cloned());
            out.push_str(&csv::line(&line));
            out.push_str("\r\n");
        }
        out
    }
}

/// Read every sheet into a plan: each row a visit for the book or a refusal with reasons.
pub fn plan(sheets: Vec<Sheet>, map: &ColumnMap, ctx: &Context) -> Plan {
    let mut plan = Plan::default();
    let mut seen: std::collections::HashMap<String, u32> = Default::default();
    // Each sheet is dropped once planned (a big book is not held twice).
    for (si, mut sheet) in sheets.into_iter().enumerate() {
        let (tcvn3, vni) = to_unicode(&mut sheet);
        let grid: Vec<&[Cell]> = sheet.rows.iter().map(|(_, c)| c.as_slice()).collect();
        let mut header = header::find(&grid, map);
        if let Some(h) = &mut header {
            h.first_row = sheet.rows[h.first].0;
        }
        let mut rows = 0;
        if let Some(h) = &header {
            let body: Vec<&(u32, Vec<Cell>)> = sheet
                .rows
                .iter()
                .skip(h.data)
                .filter(|(_, cells)| !cells.iter().all(|c| matches!(c, Cell::Empty)))
                .collect();
            // Each row checked on its own, on two threads; keyed after, in order. A slice of
            // rows at a time: the checked rows are held once, as the plan's.
            let checked = body
                .chunks(CHUNK)
                .flat_map(|rows| in_halves(rows, |(_, cells)| row::checked(cells, h, ctx)));
            for ((no, cells), checked) in body.iter().zip(checked) {
                rows += 1;
                match checked.map(|c| row::keyed(c, &mut seen)) {
                    Ok(visit) => plan.visits.push(Planned {
                        sheet: si,
                        row: *no,
                        visit,
                    }),
                    Err(refusals) => plan.refused.push(RefusedRow {
                        sheet: si,
                        row: *no,
                        cells: (0..h.names.len())
                            .map(|i| row::shown_for_csv(cells.get(i), h.columns[i]))
                            .collect(),
                        refusals,
                    }),
                }
            }
        }
        plan.sheets.push(SheetPlan {
            name: sheet.name.clone(),
            header,
            rows,
            tcvn3,
            vni,
        });
    }
    plan
}
