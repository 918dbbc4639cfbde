//! Papers drawn: [`pdf`] (A4, without an office suite) and [`docx`] (for offices that edit
//! before signing), from a `domain::paper::Paper`; [`templates`] finds a unit's own
//! template files beside the book, else the shipped defaults.

pub mod docx;
mod fonts;
pub mod make;
pub mod pdf;
pub mod templates;

use crate::domain::paper::Paper;

/// A face of the font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Regular = 0,
    Bold = 1,
    Italic = 2,
}

/// The file formats of a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// The bytes of `paper` in `format`.
pub fn render(paper: &Paper, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Pdf => pdf::write(paper),
        Format::Docx => docx::write(paper).map_err(|e| e.to_string()),
    }
}

/// Whether the papers' font draws every character of `text` with a glyph of its own.
pub fn font_covers(text: &str) -> bool {
    fonts::get().covers(text)
}

/// The QR code of `text`: its modules, dark or light, row by row (None when it does not
/// fit a QR code).
pub fn qr(text: &str) -> Option<Vec<Vec<bool>>> {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    Some(
        colors
            .chunks(w)
            .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
            .collect(),
    )
}
