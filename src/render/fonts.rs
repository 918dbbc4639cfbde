//! The papers' font: Tinos (metric-compatible with Times New Roman, the font NĐ 30/2020
//! asks of administrative documents; full Vietnamese), shipped in the binary — regular,
//! bold, italic — with its OFL licence (`assets/fonts/OFL.txt`). Read once per process.

use std::sync::OnceLock;

use super::Style;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/Tinos-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/Tinos-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../assets/fonts/Tinos-Italic.ttf");

/// The three faces, for measuring (rustybuzz) and for drawing (krilla).
pub struct Fonts {
    faces: [rustybuzz::Face<'static>; 3],
    krilla: [krilla::text::Font; 3],
}

/// The fonts, parsed on first use.
pub fn get() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let face = |d: &'static [u8]| rustybuzz::Face::from_slice(d, 0).expect("Tinos parses");
        let font = |d: &'static [u8]| {
            krilla::text::Font::new(krilla::Data::from(d), 0).expect("Tinos loads")
        };
        Fonts {
            faces: [face(REGULAR), face(BOLD), face(ITALIC)],
            krilla: [font(REGULAR), font(BOLD), font(ITALIC)],
        }
    })
}

impl Fonts {
    /// The width of `text` at `size` points, shaped as it will be drawn.
    pub fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        let face = &self.faces[style as usize];
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.set_direction(rustybuzz::Direction::LeftToRight);
        let out = rustybuzz::shape(face, &[], buf);
        let units: i32 = out.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / f32::from(face.units_per_em() as u16) * size
    }

    /// The ascent, as a fraction of the size (text is laid out by its top).
    pub fn ascent(&self, style: Style) -> f32 {
        let face = &self.faces[style as usize];
        f32::from(face.ascender()) / face.units_per_em() as f32
    }

    /// Whether every character of `text` has a glyph of its own in the regular face.
    pub fn covers(&self, text: &str) -> bool {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| self.faces[0].glyph_index(c).is_some())
    }

    pub fn krilla(&self) -> &[krilla::text::Font; 3] {
        &self.krilla
    }
}
