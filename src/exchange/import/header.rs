//! The header row of an old book and what each column holds.
//!
//! Offices' books open with title rows (the unit, "SỔ TIẾP CÔNG DÂN", merged across the
//! page), blank lines, then the header, often on two rows (TT 04/2021 Mẫu 03 merges "Hướng
//! xử lý" over its three sub-columns) and a row of column numbers (1)…(12) under it. The
//! header is the first row of the sheet's first 40 whose cells name at least three of the
//! book's columns; the rows under it that name columns too, or number them, belong to it.
//! A column is named by its header text **folded** (NFC → lowercase → no diacritics →
//! đ→d, punctuation as spaces): the sub-header when it names a column, else the text above.
//! `--map MAP.toml` names columns the rules do not know (or overrides them).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Cell;
use crate::domain::text::fold;

/// What a column of an old book holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// STT: not kept (the book numbers its rows itself).
    Stt,
    NgayTiep,
    /// "Họ tên – Địa chỉ" in one cell.
    HoTenDiaChi,
    HoTen,
    DiaChi,
    /// CMND/CCCD/Hộ chiếu.
    GiayTo,
    DienThoai,
    NoiDung,
    /// "Phân loại đơn/Số người" in one cell.
    PhanLoaiSoNguoi,
    LoaiDon,
    SoNguoi,
    CoQuanDaGiaiQuyet,
    /// Hướng xử lý: thụ lý để giải quyết (a mark, or words).
    ThuLy,
    /// Hướng xử lý: trả lại đơn và hướng dẫn.
    HuongDan,
    /// Hướng xử lý: chuyển đơn (the agency, or a mark).
    ChuyenDon,
    /// Hướng xử lý in one column, in words.
    HuongXuLy,
    TheoDoiKetQua,
    GhiChu,
    LinhVuc,
    CanBoTiep,
    GioTiep,
    /// A column the import leaves out.
    BoQua,
}

/// The column a header text names, by its folded words.
pub fn column_of(text: &str) -> Option<Column> {
    let h = folded(text);
    let has = |w: &str| contains_words(&h, w);
    use Column::*;
    Some(if h.is_empty() {
        return None;
    } else if matches!(h.as_str(), "stt" | "tt" | "so tt" | "so thu tu") {
        Stt
    } else if has("ho ten") || has("ho va ten") {
        if has("dia chi") || has("cu tru") || has("noi o") {
            HoTenDiaChi
        } else {
            HoTen
        }
    } else if has("dia chi") || has("noi cu tru") || has("noi o") {
        DiaChi
    } else if has("cmnd")
        || has("cccd")
        || has("can cuoc")
        || has("ho chieu")
        || has("giay to")
        || has("dinh danh")
    {
        GiayTo
    } else if has("dien thoai") || has("sdt") || has("so dt") {
        DienThoai
    } else if has("phan loai") && (has("so nguoi") || has("nguoi")) {
        PhanLoaiSoNguoi
    } else if has("so nguoi") || has("so cong dan") {
        SoNguoi
    } else if has("phan loai") || has("loai don") {
        LoaiDon
    } else if has("chuyen don") {
        ChuyenDon
    } else if has("thu ly") {
        ThuLy
    } else if has("tra lai don") || has("huong dan") {
        HuongDan
    } else if has("huong xu ly") || has("xu ly") {
        HuongXuLy
    } else if has("thuoc tham quyen") {
        BoQua
    } else if has("da giai quyet") || has("co quan giai quyet") {
        CoQuanDaGiaiQuyet
    } else if has("noi dung") {
        NoiDung
    } else if has("theo doi") || has("ket qua") {
        TheoDoiKetQua
    } else if has("ghi chu") {
        GhiChu
    } else if has("linh vuc") {
        LinhVuc
    } else if has("can bo") || has("nguoi tiep") {
        CanBoTiep
    } else if has("gio") || has("thoi gian") {
        GioTiep
    } else if has("ngay") {
        NgayTiep
    } else {
        return None;
    })
}

/// A header text folded for matching: folded, punctuation as spaces, one space between words.
pub fn folded(text: &str) -> String {
    fold(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Does `h` hold the words `w` in a row (whole words)?
fn contains_words(h: &str, w: &str) -> bool {
    format!(" {h} ").contains(&format!(" {w} "))
}

/// A column number under a header: "(1)", "1", "(12)".
fn is_number_label(c: &Cell) -> bool {
    let t = match c {
        Cell::Text(t) => t
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .to_owned(),
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 40.0 => return true,
        _ => return false,
    };
    !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit())
}

/// Text shaped as a date (three groups of digits: 12/03/2020, 2020-03-12): a data row.
fn looks_like_date(t: &str) -> bool {
    let groups = t
        .split(['/', '-', '.'])
        .filter(|g| !g.trim().is_empty() && g.trim().chars().all(|c| c.is_ascii_digit()))
        .count();
    groups >= 3
}

/// `--map MAP.toml`: header text (as in the file) → column. Unknown keys are refused.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    /// Header text → the column it holds (`ngay_tiep`, `ho_ten_dia_chi`, …, `bo_qua`).
    #[serde(default)]
    pub columns: BTreeMap<String, Column>,
}

impl ColumnMap {
    pub fn parse(text: &str) -> Result<ColumnMap, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    fn get(&self, text: &str) -> Option<Column> {
        let f = folded(text);
        if f.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .find(|(k, _)| folded(k) == f)
            .map(|(_, c)| *c)
    }
}

/// The header of a sheet: where it ends and what each column holds.
#[derive(Debug, Clone)]
pub struct Header {
    /// Index (in the sheet's rows) of the header's first row.
    pub first: usize,
    /// Its row number in the sheet (from 1; set by the plan).
    pub first_row: u32,
    /// Index of the first row under the header.
    pub data: usize,
    /// Per column: what it holds (None: a column the import does not know).
    pub columns: Vec<Option<Column>>,
    /// Per column: its header text as the file has it (for messages and the refused CSV).
    pub names: Vec<String>,
}

impl Header {
    /// The index of the first column holding `c`.
    pub fn index(&self, c: Column) -> Option<usize> {
        self.columns.iter().position(|x| *x == Some(c))
    }
}

fn text(c: Option<&Cell>) -> String {
    match c {
        Some(Cell::Text(t)) => crate::domain::text::clean_line(t),
        _ => String::new(),
    }
}

fn named(map: &ColumnMap, t: &str) -> Option<Column> {
    map.get(t).or_else(|| column_of(t))
}

/// Find the header among `rows` (cells already in Unicode).
pub fn find<R: AsRef<[Cell]>>(rows: &[R], map: &ColumnMap) -> Option<Header> {
    let first = rows.iter().take(40).position(|r| {
        let mut seen: Vec<Column> = r
            .as_ref()
            .iter()
            .filter_map(|c| named(map, &text(Some(c))))
            .filter(|c| *c != Column::BoQua)
            .collect();
        seen.sort();
        seen.dedup();
        seen.len() >= 3
    })?;
    let width = rows.iter().map(|r| r.as_ref().len()).max().unwrap_or(0);
    let mut levels = vec![first];
    let mut data = first + 1;
    while data < rows.len() && levels.len() < 3 {
        let r = rows[data].as_ref();
        let cells: Vec<&Cell> = r.iter().filter(|c| !matches!(c, Cell::Empty)).collect();
        if cells.is_empty() {
            data += 1;
            continue;
        }
        if cells.iter().all(|c| is_number_label(c)) {
            data += 1;
            break;
        }
        let names_columns = r.iter().any(|c| named(map, &text(Some(c))).is_some());
        let holds_data = r.iter().any(|c| match c {
            Cell::Date(..) | Cell::Number(_) => true,
            Cell::Text(t) => looks_like_date(t),
            Cell::Empty => false,
        });
        if names_columns && !holds_data {
            levels.push(data);
            data += 1;
        } else {
            break;
        }
    }
    let mut columns = Vec::with_capacity(width);
    let mut names = Vec::with_capacity(width);
    // The text above a sub-header that has none of its own (a merged cell not filled in).
    let mut above = String::new();
    for j in 0..width {
        let texts: Vec<String> = levels
            .iter()
            .map(|&i| text(rows[i].as_ref().get(j)))
            .collect();
        let top = texts[0].clone();
        if !top.is_empty() {
            above = top.clone();
        }
        let mut found = None;
        let mut name = top.clone();
        // The deepest text that names a column, then the texts above it joined.
        for t in texts.iter().rev().filter(|t| !t.is_empty()) {
            if let Some(c) = named(map, t) {
                found = Some(c);
                name = if t == &top || top.is_empty() && t == &above {
                    t.clone()
                } else if top.is_empty() {
                    format!("{above}: {t}")
                } else {
                    format!("{top}: {t}")
                };
                break;
            }
        }
        if found.is_none()
            && top.is_empty()
            && !above.is_empty()
            && let Some(sub) = texts.iter().rev().find(|t| !t.is_empty())
        {
            let joined = format!("{above} {sub}");
            found = named(map, &joined);
            name = format!("{above}: {sub}");
        }
        if name.is_empty() {
            name = texts
                .iter()
                .rev()
                .find(|t| !t.is_empty())
                .cloned()
                .unwrap_or_default();
        }
        columns.push(found);
        names.push(name);
    }
    Some(Header {
        first,
        first_row: first as u32 + 1,
        data,
        columns,
        names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Column::*;

    #[test]
    fn the_columns_of_the_official_layouts() {
        for (text, want) in [
            ("STT", Stt),
            ("Ngày tiếp", NgayTiep),
            ("Họ tên – Địa chỉ", HoTenDiaChi),
            ("Họ tên, địa chỉ", HoTenDiaChi),
            ("CMND/Hộ chiếu của công dân", GiayTo),
            ("CCCD/CMND/Hộ chiếu", GiayTo),
            ("Nội dung vụ việc", NoiDung),
            ("Tóm tắt nội dung vụ việc", NoiDung),
            ("Phân loại đơn/Số người", PhanLoaiSoNguoi),
            ("Phân loại đơn (KN/TC/KN/PA)", LoaiDon),
            ("Số công dân có đơn cùng một nội dung", SoNguoi),
            ("Cơ quan đã giải quyết", CoQuanDaGiaiQuyet),
            ("Cơ quan đã giải quyết hết thẩm quyền", CoQuanDaGiaiQuyet),
            ("Thụ lý để giải quyết", ThuLy),
            ("Trả lại đơn và hướng dẫn", HuongDan),
            ("Chuyển đơn đến cơ quan có thẩm quyền", ChuyenDon),
            ("Cơ quan thụ lý + số văn bản chuyển đơn", ChuyenDon),
            ("Hướng xử lý", HuongXuLy),
            ("Theo dõi kết quả giải quyết", TheoDoiKetQua),
            ("Ghi chú", GhiChu),
            ("Điện thoại", DienThoai),
            ("Lĩnh vực", LinhVuc),
            ("Cán bộ tiếp", CanBoTiep),
            ("Ngày", NgayTiep),
        ] {
            assert_eq!(column_of(text), Some(want), "{text}");
        }
        assert_eq!(column_of("SỔ TIẾP CÔNG DÂN"), None);
        assert_eq!(column_of("UBND XÃ TÂN LẬP"), None);
    }

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn a_two_row_header_with_numbers_under_it() {
        let e = Cell::Empty;
        let rows = vec![
            vec![t("UBND XÃ TÂN LẬP")],
            vec![t("SỔ TIẾP CÔNG DÂN")],
            vec![],
            vec![
                t("STT"),
                t("Ngày tiếp"),
                t("Họ tên – Địa chỉ"),
                t("Nội dung vụ việc"),
                t("Hướng xử lý"),
                e.clone(),
                e.clone(),
                t("Ghi chú"),
            ],
            vec![
                e.clone(),
                e.clone(),
                e.clone(),
                e.clone(),
                t("Thụ lý để giải quyết"),
                t("Trả lại đơn và hướng dẫn"),
                t("Chuyển đơn đến cơ quan có thẩm quyền"),
                e.clone(),
            ],
            (1..=8).map(|i| t(&format!("({i})"))).collect(),
            vec![Cell::Number(1.0), t("12/03/2020")],
        ];
        let h = find(&rows, &ColumnMap::default()).unwrap();
        assert_eq!((h.first, h.data), (3, 6));
        assert_eq!(
            h.columns,
            [
                Stt,
                NgayTiep,
                HoTenDiaChi,
                NoiDung,
                ThuLy,
                HuongDan,
                ChuyenDon,
                GhiChu
            ]
            .map(Some)
        );
        assert_eq!(h.names[5], "Hướng xử lý: Trả lại đơn và hướng dẫn");
    }

    #[test]
    fn a_map_names_what_the_rules_do_not_know() {
        let map = ColumnMap::parse(
            "[columns]\n\"Người đến\" = \"ho_ten\"\n\"Nơi ở hiện nay\" = \"dia_chi\"\n",
        )
        .unwrap();
        assert_eq!(map.get("NGƯỜI ĐẾN"), Some(HoTen));
        assert!(ColumnMap::parse("[column]\nx = \"ho_ten\"").is_err());
        assert!(ColumnMap::parse("[columns]\nx = \"ho_va_ten\"").is_err());
    }
}
