//! Reading a person from a row: name and address written in one cell, honorifics before a
//! name, a denouncer's pseudonym as tiepdan writes it.

use crate::domain::text::{clean_line, fold};
use crate::i18n::Lang;

/// Honorifics before a name.
pub(super) fn strip_title(s: &str) -> String {
    let s = clean_line(s);
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() > 1
        && matches!(
            fold(words[0].trim_end_matches(['.', ':'])).as_str(),
            "ong" | "ba" | "anh" | "chi" | "cu" | "em" | "co"
        )
    {
        words[1..].join(" ")
    } else {
        s
    }
}

/// Does this look like a person's name (1–7 words, no digit)?
fn looks_like_name(s: &str) -> bool {
    let n = s.split_whitespace().count();
    (1..=7).contains(&n) && !s.chars().any(|c| c.is_ascii_digit())
}

/// Split "Họ tên – Địa chỉ" written in one cell (see the module's notes).
pub fn split_name_address(cell: &str) -> Option<(String, String)> {
    let lines: Vec<String> = crate::domain::text::nfc(cell)
        .lines()
        .map(clean_line)
        .filter(|l| !l.is_empty())
        .collect();
    let (name, address) = if lines.len() >= 2 {
        (lines[0].clone(), lines[1..].join(", "))
    } else {
        let line = lines.first()?.clone();
        // Where the name ends: the first separator or address word.
        let mut cut: Option<(usize, usize)> = None;
        for sep in [" – ", " — ", " - ", "–", ";", ","] {
            if let Some(i) = line.find(sep)
                && cut.is_none_or(|(c, _)| i < c)
            {
                cut = Some((i, i + sep.len()));
            }
        }
        for word in [
            "trú tại",
            "Trú tại",
            "thường trú",
            "tạm trú",
            "địa chỉ",
            "Địa chỉ",
            "ĐC:",
            "Đ/c",
            "đ/c",
        ] {
            if let Some(i) = line.find(word)
                && i > 0
                && cut.is_none_or(|(c, _)| i < c)
            {
                cut = Some((i, i));
            }
        }
        match cut {
            Some((a, b)) => (line[..a].to_owned(), line[b..].to_owned()),
            None => (line, String::new()),
        }
    };
    let name = strip_title(name.trim_end_matches([',', ';', '-', ':', ' ']));
    let mut address = clean_line(&address);
    for lead in ["trú tại", "thường trú", "tạm trú", "địa chỉ", "đc", "đ/c"] {
        let f = fold(&address);
        if f.starts_with(&fold(lead)) {
            let n = lead.chars().count();
            address = address.chars().skip(n).collect::<String>();
            address = clean_line(address.trim_start_matches([':', ' ', ',', '.']));
            break;
        }
    }
    looks_like_name(&name).then_some((name, address.trim_matches([',', ';', ' ']).to_owned()))
}

/// Is this name a denouncer's pseudonym, as tiepdan writes it in either language?
pub(super) fn is_pseudonym(name: &str) -> bool {
    [Lang::Vi, Lang::En].into_iter().any(|lang| {
        let shown = crate::i18n::denouncer_pseudonym(lang, "\u{0}");
        let prefix = shown.split('\u{0}').next().unwrap_or_default();
        !prefix.is_empty() && name.starts_with(prefix)
    }) || name == crate::i18n::Msg::DenouncerHidden.t(Lang::Vi)
        || name == crate::i18n::Msg::DenouncerHidden.t(Lang::En)
}
