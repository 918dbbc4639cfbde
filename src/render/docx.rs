//! A paper as DOCX, for offices that edit before signing: a minimal WordprocessingML
//! package (content types, relationships, styles, the document) written with the zip crate
//! already in the tree. Times New Roman 13 pt (NĐ 30/2020/NĐ-CP), A4 with its margins, the
//! heading as a borderless two-column table, the documents as a ruled table, the
//! signatures side by side, each copy after a page break. Text is NFC.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use crate::domain::paper::{Block, Paper};
use crate::domain::text::nfc;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="60" w:line="288" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

/// Text width of the page between the margins, in twentieths of a point (A4 less 30 mm
/// and 15 mm).
const TEXT_W: u32 = 11906 - 1701 - 850;

/// The DOCX of a paper.
pub fn write(paper: &Paper) -> zip::result::ZipResult<Vec<u8>> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/styles.xml", STYLES),
    ] {
        z.start_file(name, o)?;
        z.write_all(text.as_bytes())?;
    }
    z.start_file("word/document.xml", o)?;
    z.write_all(document_xml(paper).as_bytes())?;
    Ok(z.finish()?.into_inner())
}

/// The document part: every copy of the paper, a page break between them.
pub fn document_xml(p: &Paper) -> String {
    let mut b = String::with_capacity(16 * 1024);
    b.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#);
    for (i, label) in p.copies.iter().enumerate() {
        if i > 0 {
            b.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
        }
        copy(&mut b, p, label);
    }
    b.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#);
    b
}

/// A run's look.
#[derive(Clone, Copy, Default)]
struct Run {
    bold: bool,
    italic: bool,
    underline: bool,
    /// Half-points (26 = 13 pt).
    size: u32,
}

const BODY: Run = Run {
    bold: false,
    italic: false,
    underline: false,
    size: 26,
};
const BOLD: Run = Run { bold: true, ..BODY };
const ITALIC: Run = Run {
    italic: true,
    ..BODY
};

fn run(b: &mut String, text: &str, r: Run) {
    b.push_str("<w:r><w:rPr>");
    if r.bold {
        b.push_str("<w:b/>");
    }
    if r.italic {
        b.push_str("<w:i/>");
    }
    if r.underline {
        b.push_str(r#"<w:u w:val="single"/>"#);
    }
    b.push_str(&format!(
        r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
        r.size
    ));
    b.push_str(r#"</w:rPr><w:t xml:space="preserve">"#);
    b.push_str(&escape(&nfc(text)));
    b.push_str("</w:t></w:r>");
}

/// A paragraph: `jc` left | center | both; `first` the first line's indent (twips).
fn para(b: &mut String, text: &str, r: Run, jc: &str, first: u32, left: u32) {
    b.push_str(&format!(
        r#"<w:p><w:pPr><w:ind w:left="{left}" w:firstLine="{first}"/><w:jc w:val="{jc}"/></w:pPr>"#
    ));
    run(b, text, r);
    b.push_str("</w:p>");
}

fn centred(b: &mut String, text: &str, r: Run) {
    para(b, text, r, "center", 0, 0);
}

fn copy(b: &mut String, p: &Paper, label: &str) {
    if !label.is_empty() || p.reprint.is_some() {
        let small = Run { size: 18, ..ITALIC };
        let mut text = label.to_owned();
        if let Some(r) = &p.reprint {
            if !text.is_empty() {
                text.push_str(" — ");
            }
            text.push_str(r);
        }
        para(b, &text, small, "left", 0, 0);
    }
    heading(b, p);
    centred(b, "", BODY);
    centred(b, &p.title, Run { size: 28, ..BOLD });
    if !p.subtitle.is_empty() {
        centred(b, &p.subtitle, BOLD);
    }
    if !p.addressee.is_empty() {
        centred(b, "", BODY);
        centred(b, &p.addressee, BODY);
    }
    centred(b, "", BODY);
    for block in &p.blocks {
        match block {
            Block::Para(t) => para(b, t, BODY, "both", 567, 0),
            Block::Item(t) => para(b, t, BODY, "both", 0, 567),
            Block::Heading(t) => centred(b, t, BOLD),
            Block::Space => para(b, "", BODY, "left", 0, 0),
            Block::Table {
                header,
                widths,
                rows,
            } => table(b, header, widths, rows),
        }
    }
    signatures(b, p);
    let small = Run { size: 16, ..ITALIC };
    centred(b, "", BODY);
    if let Some(code) = &p.code {
        para(
            b,
            &format!("Mã hồ sơ: {code}"),
            Run { size: 18, ..BODY },
            "left",
            0,
            0,
        );
    }
    para(
        b,
        &format!("{} · mẫu {} · tiepdan", p.source, p.template_version),
        small,
        "left",
        0,
        0,
    );
    if p.unverified {
        para(
            b,
            "Mẫu dựa trên văn bản chưa đối chiếu bản chính thức (UNVERIFIED): đơn vị kiểm tra trước khi ký.",
            small,
            "left",
            0,
            0,
        );
    }
}

/// The heading: a borderless table, the unit on the left, the national heading right.
fn heading(b: &mut String, p: &Paper) {
    let left = TEXT_W * 2 / 5;
    let right = TEXT_W - left;
    b.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid><w:tr>"#
    ));
    b.push_str(&format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{left}" w:type="dxa"/></w:tcPr>"#
    ));
    let h12 = Run { size: 24, ..BODY };
    if !p.parent.is_empty() {
        centred(b, &p.parent, h12);
    }
    centred(
        b,
        &p.unit,
        Run {
            underline: true,
            ..Run { size: 24, ..BOLD }
        },
    );
    if !p.number.is_empty() {
        centred(b, &p.number, BODY);
    }
    b.push_str("</w:tc>");
    b.push_str(&format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{right}" w:type="dxa"/></w:tcPr>"#
    ));
    centred(
        b,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        Run { size: 24, ..BOLD },
    );
    centred(
        b,
        "Độc lập - Tự do - Hạnh phúc",
        Run {
            underline: true,
            ..BOLD
        },
    );
    centred(b, &p.date_line, ITALIC);
    b.push_str("</w:tc></w:tr></w:tbl>");
}

fn table(b: &mut String, header: &[String], widths: &[u8], rows: &[Vec<String>]) {
    let total: u32 = widths.iter().map(|w| u32::from(*w)).sum::<u32>().max(1);
    let cols: Vec<u32> = widths
        .iter()
        .map(|w| u32::from(*w) * TEXT_W / total)
        .collect();
    b.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
    ));
    for w in &cols {
        b.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    b.push_str("</w:tblGrid>");
    let cell = Run { size: 24, ..BODY };
    let row = |b: &mut String, cells: &[String], r: Run, jc: &str| {
        b.push_str("<w:tr>");
        for (c, w) in cells.iter().zip(&cols) {
            b.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>"#
            ));
            para(b, c, r, jc, 0, 0);
            b.push_str("</w:tc>");
        }
        b.push_str("</w:tr>");
    };
    row(b, header, Run { bold: true, ..cell }, "center");
    if rows.is_empty() {
        let mut none = vec![String::new(); cols.len()];
        if none.len() > 1 {
            none[1] = "(không có)".to_owned();
        }
        row(b, &none, cell, "left");
    }
    for r in rows {
        row(b, r, cell, "left");
    }
    b.push_str("</w:tbl>");
}

/// The signatures side by side (Nơi nhận in the left cell of a single one).
fn signatures(b: &mut String, p: &Paper) {
    centred(b, "", BODY);
    let with_recipients = !p.recipients.is_empty() && p.signatures.len() <= 1;
    let n = p.signatures.len() + usize::from(with_recipients);
    if n == 0 {
        return;
    }
    let w = TEXT_W / n as u32;
    b.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
    ));
    for _ in 0..n {
        b.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    b.push_str("</w:tblGrid><w:tr>");
    let cell_start = |b: &mut String| {
        b.push_str(&format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>"#
        ));
    };
    if with_recipients {
        cell_start(b);
        recipients(b, p);
        b.push_str("</w:tc>");
    }
    for s in &p.signatures {
        cell_start(b);
        centred(b, &s.title, Run { size: 24, ..BOLD });
        centred(b, &s.note, Run { size: 24, ..ITALIC });
        for _ in 0..4 {
            centred(b, "", BODY);
        }
        centred(b, &s.name, BOLD);
        b.push_str("</w:tc>");
    }
    b.push_str("</w:tr></w:tbl>");
    if !p.recipients.is_empty() && !with_recipients {
        recipients(b, p);
    }
}

fn recipients(b: &mut String, p: &Paper) {
    para(
        b,
        "Nơi nhận:",
        Run {
            size: 24,
            bold: true,
            italic: true,
            underline: false,
        },
        "left",
        0,
        0,
    );
    for r in &p.recipients {
        para(b, r, Run { size: 22, ..BODY }, "left", 0, 0);
    }
}

/// XML text: the five characters escaped, and characters XML 1.0 cannot carry dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
