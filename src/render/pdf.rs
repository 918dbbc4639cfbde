//! A paper as PDF, without an office suite: A4, the official layout of NĐ 30/2020/NĐ-CP
//! (margins 20 mm top and bottom, 30 mm left, 15 mm right; Times-metric text at 13 pt; the
//! national heading on the right, the unit on the left), Tinos embedded and subset by
//! krilla, shaped by rustybuzz — so stacked marks (ệ, ộ, ữ) are the font's own glyphs — and
//! the text NFC first (NFD input draws the same glyphs).
//!
//! Two steps: [`layout`] turns the paper into pages of drawing operations (pure arithmetic
//! on measured widths, flowing onto a new page when one is full), then [`write`] hands them
//! to krilla. Each copy of a paper (a receipt's two) starts on its own page.

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use super::Style as S;
use super::fonts::{self, Fonts};
use crate::domain::paper::{Block, Paper};
use crate::domain::text::nfc;

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
const LEFT: f32 = 30.0 * MM;
const RIGHT: f32 = PAGE_W - 15.0 * MM;
const TOP: f32 = 20.0 * MM;
const BOTTOM: f32 = PAGE_H - 20.0 * MM;
/// Room kept at the foot of every page for the code and the source line.
const FOOT: f32 = 64.0;
const BODY: f32 = 13.0;
const LEADING: f32 = 1.35;
/// A paragraph's first line: 1 cm.
const INDENT: f32 = 10.0 * MM;

/// One drawing operation on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text whose top-left corner is at (x, y) (y down from the top of the page).
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: S,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A filled square (a QR code's module).
    Square { x: f32, y: f32, side: f32 },
}

/// The pages of a paper, each a list of operations.
pub fn layout(paper: &Paper, fonts: &Fonts) -> Vec<Vec<Op>> {
    let mut pages = Vec::new();
    for label in &paper.copies {
        let mut l = Layout {
            fonts,
            pages: Vec::new(),
            ops: Vec::new(),
            y: TOP,
            paper,
            label,
        };
        l.start_page();
        l.heading();
        l.title();
        for b in &paper.blocks {
            l.block(b);
        }
        l.signatures();
        l.finish_page();
        pages.extend(l.pages);
    }
    pages
}

/// The PDF of a paper.
pub fn write(paper: &Paper) -> Result<Vec<u8>, String> {
    let fonts = fonts::get();
    let pages = layout(paper, fonts);
    let mut doc = Document::new();
    let krilla_fonts = fonts.krilla();
    for ops in &pages {
        let mut page =
            doc.start_page_with(PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("the page size")?);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    style,
                    text,
                } => {
                    let font: Font = krilla_fonts[*style as usize].clone();
                    // krilla places text on its baseline.
                    let base = y + fonts.ascent(*style) * size;
                    surface.set_fill(Some(Fill::default()));
                    surface.draw_text(
                        Point::from_xy(*x, base),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::LeftToRight,
                    );
                }
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: *width,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Square { x, y, side } => {
                    let mut pb = PathBuilder::new();
                    if let Some(r) = krilla::geom::Rect::from_xywh(*x, *y, *side, *side) {
                        pb.push_rect(r);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill::default()));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(format!("{} — {}", paper.title, paper.number))
            .creator("tiepdan".to_owned())
            .language("vi".to_owned()),
    );
    doc.finish().map_err(|e| format!("{e:?}"))
}

struct Layout<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    y: f32,
    paper: &'a Paper,
    label: &'a str,
}

impl Layout<'_> {
    fn width(&self, text: &str, style: S, size: f32) -> f32 {
        self.fonts.width(text, style, size)
    }

    fn text(&mut self, x: f32, y: f32, size: f32, style: S, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::Text {
            x,
            y,
            size,
            style,
            text: nfc(text),
        });
    }

    /// Text centred on `cx`; returns its width.
    fn centred(&mut self, cx: f32, y: f32, size: f32, style: S, text: &str) -> f32 {
        let w = self.width(text, style, size);
        self.text(cx - w / 2.0, y, size, style, text);
        w
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.ops.push(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width: 0.6,
        });
    }

    fn start_page(&mut self) {
        self.ops = Vec::new();
        self.y = TOP;
        let small = 9.0;
        // What this copy is (a receipt's two), and a reprint, above the heading.
        self.text(LEFT, TOP - 26.0, small, S::Italic, self.label);
        if let Some(r) = &self.paper.reprint {
            let w = self.width(r, S::Bold, 10.0);
            self.text(RIGHT - w, TOP - 27.0, 10.0, S::Bold, r);
        }
    }

    fn finish_page(&mut self) {
        self.foot();
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(ops);
    }

    /// Make room for `h` points, on a new page when this one is full.
    fn room(&mut self, h: f32) {
        if self.y + h > BOTTOM - FOOT {
            self.finish_page();
            self.start_page();
        }
    }

    /// The two heading columns: the unit (left), the national heading and the date line
    /// (right).
    fn heading(&mut self) {
        let split = LEFT + (RIGHT - LEFT) * 0.40;
        let (lc, rc) = ((LEFT + split) / 2.0 - 10.0, (split + RIGHT) / 2.0 + 4.0);
        let top = self.y;
        let mut y = top;
        let p = self.paper;
        if !p.parent.is_empty() {
            for line in self.wrap(&p.parent, S::Regular, 12.0, split - LEFT) {
                self.centred(lc, y, 12.0, S::Regular, &line);
                y += 12.0 * 1.2;
            }
        }
        let mut last_w = 0.0;
        for line in self.wrap(&p.unit, S::Bold, 12.0, split - LEFT) {
            last_w = self.centred(lc, y, 12.0, S::Bold, &line);
            y += 12.0 * 1.2;
        }
        let rule = (last_w / 3.0).max(30.0);
        self.line(lc - rule / 2.0, y + 1.0, lc + rule / 2.0, y + 1.0);
        y += 8.0;
        if !p.number.is_empty() {
            self.centred(lc, y, BODY, S::Regular, &p.number);
            y += BODY * LEADING;
        }
        let mut ry = top;
        self.centred(rc, ry, 12.0, S::Bold, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        ry += 12.0 * 1.2;
        let w = self.centred(rc, ry, BODY, S::Bold, "Độc lập - Tự do - Hạnh phúc");
        ry += BODY * 1.2 + 1.0;
        self.line(rc - w / 2.0, ry, rc + w / 2.0, ry);
        ry += 10.0;
        self.centred(rc, ry, BODY, S::Italic, &p.date_line);
        ry += BODY * LEADING;
        self.y = y.max(ry) + 14.0;
    }

    fn title(&mut self) {
        let cx = (LEFT + RIGHT) / 2.0;
        let p = self.paper;
        self.centred(cx, self.y, 14.0, S::Bold, &p.title);
        self.y += 14.0 * 1.3;
        for line in self.wrap(&p.subtitle, S::Bold, BODY, RIGHT - LEFT) {
            self.centred(cx, self.y, BODY, S::Bold, &line);
            self.y += BODY * 1.3;
        }
        self.y += 8.0;
        if !p.addressee.is_empty() {
            for line in self.wrap(&p.addressee, S::Regular, BODY, RIGHT - LEFT) {
                self.centred(cx, self.y, BODY, S::Regular, &line);
                self.y += BODY * LEADING;
            }
            self.y += 6.0;
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Para(t) => self.paragraph(t, LEFT, INDENT),
            Block::Item(t) => self.paragraph(t, LEFT + INDENT, 0.0),
            Block::Heading(t) => {
                self.room(BODY * LEADING);
                self.centred((LEFT + RIGHT) / 2.0, self.y, BODY, S::Bold, t);
                self.y += BODY * LEADING;
            }
            Block::Space => self.y += BODY * 0.6,
            Block::Table {
                header,
                widths,
                rows,
            } => self.table(header, widths, rows),
        }
    }

    /// A paragraph from `x`, its first line indented by `indent`.
    fn paragraph(&mut self, text: &str, x: f32, indent: f32) {
        let width = RIGHT - x;
        let lines = self.wrap_first(text, S::Regular, BODY, width - indent, width);
        for (i, line) in lines.iter().enumerate() {
            self.room(BODY * LEADING);
            let lx = if i == 0 { x + indent } else { x };
            self.text(lx, self.y, BODY, S::Regular, line);
            self.y += BODY * LEADING;
        }
    }

    fn table(&mut self, header: &[String], widths: &[u8], rows: &[Vec<String>]) {
        let total: f32 = widths.iter().map(|w| f32::from(*w)).sum();
        let cols: Vec<f32> = widths
            .iter()
            .map(|w| f32::from(*w) / total * (RIGHT - LEFT))
            .collect();
        let size = 11.5;
        let pad = 3.0;
        let draw_row = |l: &mut Self, cells: &[String], style: S| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&cols)
                .map(|(c, w)| l.wrap(c, style, size, w - 2.0 * pad))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = lines as f32 * size * 1.25 + 2.0 * pad;
            l.room(h);
            let top = l.y;
            let mut x = LEFT;
            for (cell, w) in wrapped.iter().zip(&cols) {
                for (i, line) in cell.iter().enumerate() {
                    let ty = top + pad + i as f32 * size * 1.25;
                    if style == S::Bold {
                        let lw = l.width(line, style, size);
                        l.text(x + (w - lw) / 2.0, ty, size, style, line);
                    } else {
                        l.text(x + pad, ty, size, style, line);
                    }
                }
                l.line(x, top, x, top + h);
                x += w;
            }
            l.line(RIGHT, top, RIGHT, top + h);
            l.line(LEFT, top, RIGHT, top);
            l.line(LEFT, top + h, RIGHT, top + h);
            l.y = top + h;
        };
        draw_row(self, header, S::Bold);
        if rows.is_empty() {
            let mut none = vec![String::new(); cols.len()];
            if none.len() > 1 {
                none[1] = "(không có)".to_owned();
            }
            draw_row(self, &none, S::Regular);
        }
        for r in rows {
            draw_row(self, r, S::Regular);
        }
        self.y += 6.0;
    }

    /// The signatures side by side; Nơi nhận on the left of a single one.
    fn signatures(&mut self) {
        let p = self.paper;
        let n = p.signatures.len();
        let sign_h: f32 = 12.0 * 1.25 * 3.0 + 70.0;
        let rec_h = (p.recipients.len() as f32 + 1.0) * 11.0 * 1.3;
        self.room(sign_h.max(rec_h) + 12.0);
        self.y += 12.0;
        let top = self.y;
        let with_recipients = !p.recipients.is_empty();
        let slots: Vec<(f32, f32)> = if with_recipients && n <= 1 {
            vec![((LEFT + RIGHT) / 2.0, RIGHT)]
        } else {
            let w = (RIGHT - LEFT) / n.max(1) as f32;
            (0..n)
                .map(|i| (LEFT + i as f32 * w, LEFT + (i + 1) as f32 * w))
                .collect()
        };
        let mut bottom = top;
        for (s, (a, b)) in p.signatures.iter().zip(slots) {
            let cx = (a + b) / 2.0;
            let mut y = top;
            for line in self.wrap(&s.title, S::Bold, 12.0, b - a - 6.0) {
                self.centred(cx, y, 12.0, S::Bold, &line);
                y += 12.0 * 1.25;
            }
            self.centred(cx, y, 12.0, S::Italic, &s.note);
            y += 12.0 * 1.25 + 62.0;
            self.centred(cx, y, BODY, S::Bold, &s.name);
            y += BODY * LEADING;
            bottom = bottom.max(y);
        }
        if with_recipients {
            let mut y = if n <= 1 { top } else { bottom + 8.0 };
            self.text(LEFT, y, 12.0, S::Bold, "Nơi nhận:");
            y += 12.0 * 1.3;
            for r in &p.recipients {
                self.text(LEFT, y, 11.0, S::Regular, r);
                y += 11.0 * 1.3;
            }
            bottom = bottom.max(y);
        }
        self.y = bottom;
    }

    /// The foot of every page: the case code (QR and words) and the form's source.
    fn foot(&mut self) {
        let p = self.paper;
        let foot_top = BOTTOM - FOOT + 8.0;
        let mut text_x = LEFT;
        if let Some(code) = &p.code {
            let side = FOOT - 14.0;
            if let Some(modules) = super::qr(code) {
                let n = modules.len() as f32;
                let m = side / n;
                for (r, row) in modules.iter().enumerate() {
                    for (c, dark) in row.iter().enumerate() {
                        if *dark {
                            self.ops.push(Op::Square {
                                x: LEFT + c as f32 * m,
                                y: foot_top + r as f32 * m,
                                side: m + 0.05,
                            });
                        }
                    }
                }
            }
            self.text(LEFT, foot_top + side + 2.0, 8.0, S::Regular, code);
            text_x = LEFT + side + 8.0;
        }
        let mut lines = vec![format!(
            "{} · mẫu {} · tiepdan",
            p.source, p.template_version
        )];
        if p.unverified {
            lines.push(
                "Mẫu dựa trên văn bản chưa đối chiếu bản chính thức (UNVERIFIED): đơn vị kiểm tra trước khi ký."
                    .to_owned(),
            );
        }
        let mut y = foot_top + 6.0;
        for l in &lines {
            for line in self.wrap(l, S::Italic, 8.0, RIGHT - text_x) {
                self.text(text_x, y, 8.0, S::Italic, &line);
                y += 8.0 * 1.25;
            }
        }
    }

    fn wrap(&self, text: &str, style: S, size: f32, width: f32) -> Vec<String> {
        self.wrap_first(text, style, size, width, width)
    }

    /// Greedy wrapping by words (a word longer than a line is cut by characters).
    fn wrap_first(&self, text: &str, style: S, size: f32, first: f32, rest: f32) -> Vec<String> {
        let text = nfc(text);
        let space = self.width(" ", style, size);
        let mut lines = Vec::new();
        let mut cur = String::new();
        let mut cur_w = 0.0;
        for word in text.split_whitespace() {
            let limit = if lines.is_empty() { first } else { rest };
            let w = self.width(word, style, size);
            if cur.is_empty() {
                if w > limit {
                    for ch in word.chars() {
                        let cw = self.width(&ch.to_string(), style, size);
                        if cur_w + cw > limit && !cur.is_empty() {
                            lines.push(std::mem::take(&mut cur));
                            cur_w = 0.0;
                        }
                        cur.push(ch);
                        cur_w += cw;
                    }
                } else {
                    cur.push_str(word);
                    cur_w = w;
                }
            } else if cur_w + space + w <= limit {
                cur.push(' ');
                cur.push_str(word);
                cur_w += space + w;
            } else {
                lines.push(std::mem::take(&mut cur));
                cur.push_str(word);
                cur_w = w;
            }
        }
        if !cur.is_empty() || lines.is_empty() {
            lines.push(cur);
        }
        lines
    }
}
