//! CSV in and out, as Excel writes it: a header line, fields separated by `,` `;` or a tab
//! (whichever the header line holds most of, outside quotes), `"` quoting with `""` inside.
//! Text that is not UTF-8 is read one character per byte (Latin-1), so a CSV saved from a
//! TCVN3 or VNI sheet keeps the characters that `domain::legacy` recognises.

use super::{Cell, Sheet};

/// The text of a CSV file: UTF-8 (its byte-order mark dropped), else one character a byte.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

/// The separator of a CSV text, from its first line.
fn separator(text: &str) -> char {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut quoted = false;
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    for c in first.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && let Some(slot) = counts.iter_mut().find(|(s, _)| *s == c) {
            slot.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(',', |(s, _)| *s)
}

/// Parse CSV text into rows of fields.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let sep = separator(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// A CSV file as one sheet (named after the file), every field text.
pub fn sheet(name: &str, bytes: &[u8]) -> Sheet {
    let rows = parse(&decode(bytes))
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let cells = r
                .into_iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f)
                    }
                })
                .collect();
            (i as u32 + 1, cells)
        })
        .collect();
    Sheet {
        name: name.to_owned(),
        rows,
    }
}

/// One CSV line (fields quoted when they need it), without its line break.
pub fn line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r', ';']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_separators() {
        let rows = parse("a;b;c\n\"x; y\";\"say \"\"hi\"\"\";\"two\nlines\"\r\n");
        assert_eq!(rows[0], ["a", "b", "c"]);
        assert_eq!(rows[1], ["x; y", "say \"hi\"", "two\nlines"]);
        let rows = parse("a,b\n1,2");
        assert_eq!(rows, [["a", "b"], ["1", "2"]]);
    }

    #[test]
    fn lines_round_trip() {
        let fields = vec![
            "Nguyễn Văn A, thôn 3".to_owned(),
            "say \"hi\"".into(),
            "x".into(),
        ];
        assert_eq!(parse(&line(&fields)), [fields]);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_latin1() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), "abc");
        assert_eq!(decode(b"Ng\xB5y"), "Ngµy");
    }
}
