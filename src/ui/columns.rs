//! Table columns that give way by priority: on a narrow screen the least needed column goes
//! first, a column that stays is never cut through a number or a code, and a text that must
//! shrink loses whole words, marked with "…".

use unicode_width::UnicodeWidthStr;

/// One column: how narrow it may get, how wide its content is, and whether it takes the room
/// left over (a name, a summary). Lower `priority` stays longer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColSpec {
    pub priority: u8,
    pub min: u16,
    pub want: u16,
    pub fill: bool,
    /// The width this column claims before a less needed fixed column may show (a text at
    /// its whole content by default; less for a text that gives way first).
    pub comfort: u16,
    /// The open-ended text (a content): it shrinks first — counted at its `min` when less
    /// needed columns ask for room — and takes what is left after every other text.
    pub rest: bool,
}

impl ColSpec {
    /// A column as wide as its content, never narrower (numbers, codes, dates, labels).
    pub fn exact(priority: u8, want: u16) -> ColSpec {
        ColSpec {
            priority,
            min: want,
            want,
            fill: false,
            comfort: want,
            rest: false,
        }
    }

    /// A text column that takes the room left, down to `min`.
    pub fn fill(priority: u8, min: u16, want: u16) -> ColSpec {
        let want = want.max(min);
        ColSpec {
            priority,
            min,
            want,
            fill: true,
            comfort: want,
            rest: false,
        }
    }

    /// This text claims at most `comfort` cells before less needed columns show.
    pub fn comfortable_at(self, comfort: u16) -> ColSpec {
        ColSpec {
            comfort: comfort.clamp(self.min, self.want),
            ..self
        }
    }

    /// The open-ended text, which gives way first (see `rest`).
    pub fn rest(priority: u8, min: u16, want: u16) -> ColSpec {
        ColSpec {
            comfort: min,
            rest: true,
            ..ColSpec::fill(priority, min, want)
        }
    }
}

/// The width of each column in `width` cells (`None`: it does not fit and is hidden), with
/// `spacing` cells between shown columns.
pub fn fit(cols: &[ColSpec], width: u16, spacing: u16) -> Vec<Option<u16>> {
    let mut order: Vec<usize> = (0..cols.len()).collect();
    order.sort_by_key(|&i| (cols[i].priority, i));
    let mut shown = vec![false; cols.len()];
    let mut used = 0u16;
    // By priority, until one does not fit: a column never shows while a more needed one is
    // hidden. A fixed column (a date, a count) shows only once the more needed text columns
    // have room for their whole content.
    let mut comfortable = 0u16;
    for &i in &order {
        let gap = if used == 0 { 0 } else { spacing };
        let need = cols[i].min + gap;
        let fits = if cols[i].fill {
            used + need <= width
        } else {
            comfortable + need <= width
        };
        if !fits {
            break;
        }
        shown[i] = true;
        used += need;
        comfortable += gap + cols[i].comfort;
    }
    let mut widths: Vec<Option<u16>> = cols
        .iter()
        .zip(&shown)
        .map(|(c, s)| s.then_some(c.min))
        .collect();
    let mut spare = width.saturating_sub(used);
    let mut fills: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| widths[i].is_some() && cols[i].fill)
        .collect();
    // The open-ended text comes last: it gets what the others leave.
    fills.sort_by_key(|&i| cols[i].rest);
    // Room left goes to the text columns by priority, each up to its content; what is left
    // after that goes to the last (the open-ended one: a summary, a content).
    for &i in &fills {
        if let Some(w) = widths[i].as_mut() {
            let more = cols[i].want.saturating_sub(*w).min(spare);
            *w += more;
            spare -= more;
        }
    }
    if let Some(&last) = fills.last()
        && let Some(w) = widths[last].as_mut()
    {
        *w += spare;
    }
    widths
}

/// Display width of a text.
pub fn width(s: &str) -> u16 {
    s.width().min(u16::MAX as usize) as u16
}

/// `s` in at most `w` cells: whole words, and "…" when something was left out. A single word
/// longer than the room is cut (with "…") only as a last resort.
pub fn clip(s: &str, w: u16) -> String {
    let w = w as usize;
    if s.width() <= w {
        return s.to_owned();
    }
    if w == 0 {
        return String::new();
    }
    let room = w - 1; // for "…"
    let mut out = String::new();
    for word in s.split_whitespace() {
        let candidate = if out.is_empty() {
            word.to_owned()
        } else {
            format!("{out} {word}")
        };
        if candidate.width() > room {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        // One long word: cut by characters.
        for ch in s.chars() {
            if out.width() + unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0) > room {
                break;
            }
            out.push(ch);
        }
    }
    out.push('…');
    out
}

/// `name` clipped so that `suffix` (a count, a mark) is always shown whole after it.
pub fn clip_with_suffix(name: &str, suffix: &str, w: u16) -> String {
    if suffix.is_empty() {
        return clip(name, w);
    }
    let sw = width(suffix) + 1;
    if w <= sw {
        return suffix.to_owned();
    }
    format!("{} {suffix}", clip(name, w - sw))
}

/// `s` wrapped at word boundaries into lines of at most `w` cells.
pub fn wrap(s: &str, w: u16) -> Vec<String> {
    let w = w.max(1) as usize;
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_owned()
        } else {
            format!("{cur} {word}")
        };
        if candidate.width() <= w || cur.is_empty() {
            cur = candidate;
        } else {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_owned();
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
        .into_iter()
        .map(|l| if l.width() > w { clip(&l, w as u16) } else { l })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_give_way_by_priority_and_fill_the_rest() {
        let cols = [
            ColSpec::exact(0, 16),    // code
            ColSpec::exact(1, 15),    // status
            ColSpec::fill(3, 12, 40), // citizen
            ColSpec::fill(4, 12, 60), // summary
            ColSpec::exact(2, 10),    // due
            ColSpec::exact(9, 16),    // officer
        ];
        let narrow = fit(&cols, 60, 1);
        assert_eq!(narrow[0], Some(16));
        assert_eq!(narrow[1], Some(15));
        assert_eq!(narrow[4], Some(10));
        assert!(narrow[2].is_some());
        assert_eq!(narrow[3], None, "the summary waits for room");
        assert_eq!(narrow[5], None);
        let total: u16 = narrow.iter().flatten().sum::<u16>() + 3;
        assert_eq!(total, 60, "the row is filled");
        // The officer (a fixed column) waits until the texts have their whole content.
        let roomy = fit(&cols, 160, 1);
        assert_eq!(roomy[5], None);
        assert_eq!(roomy[3], Some(160 - 16 - 15 - 40 - 10 - 4));
        let wide = fit(&cols, 170, 1);
        assert!(wide.iter().all(Option::is_some));
        assert_eq!(wide.iter().flatten().sum::<u16>() + 5, 170);
        // A less needed column never shows while a more needed one is hidden.
        let skip = [
            ColSpec::exact(0, 10),
            ColSpec::exact(1, 30),
            ColSpec::exact(2, 5),
        ];
        assert_eq!(fit(&skip, 20, 1), vec![Some(10), None, None]);
    }

    /// The reception log at 120 columns: handling and officer stay, the content gives way
    /// first and takes what is left (issue 22.9: a long name or field hid them all day).
    #[test]
    fn the_open_ended_text_gives_way_first() {
        let cols = [
            ColSpec::exact(3, 3),                        // no
            ColSpec::exact(0, 5),                        // time
            ColSpec::fill(1, 20, 44).comfortable_at(24), // citizen (a long name)
            ColSpec::exact(2, 9),                        // type
            ColSpec::fill(4, 12, 28).comfortable_at(16), // field
            ColSpec::rest(5, 16, 60),                    // content
            ColSpec::exact(6, 17),                       // handling
            ColSpec::fill(7, 14, 16),                    // officer
        ];
        let w = fit(&cols, 119, 1);
        assert!(w.iter().all(Option::is_some), "{w:?}");
        assert_eq!(w.iter().flatten().sum::<u16>() + 7, 119);
        assert_eq!(w[6], Some(17), "the handling whole");
        assert_eq!(w[7], Some(14), "the officer, at least its narrowest");
        assert_eq!(w[5], Some(16), "the content gave way first");
        assert_eq!(
            w[2],
            Some(36),
            "the room left went to the name, by priority"
        );
        // Roomier: the texts reach their content, the content takes the rest.
        let r = fit(&cols, 200, 1);
        assert_eq!((r[2], r[4], r[7]), (Some(44), Some(28), Some(16)));
        assert_eq!(r[5], Some(200 - 7 - 3 - 5 - 44 - 9 - 28 - 17 - 16));
        // Narrow: the less needed fixed columns go, as before.
        let n = fit(&cols, 79, 1);
        assert_eq!((n[6], n[7]), (None, None));
        assert!(n[5].is_some());
    }

    #[test]
    fn text_loses_whole_words_and_keeps_its_suffix() {
        assert_eq!(clip("Nguyễn Thị Thu Hương", 16), "Nguyễn Thị Thu…");
        assert_eq!(clip("Ngắn", 10), "Ngắn");
        assert_eq!(
            clip_with_suffix("Nguyễn Văn An", "(đoàn 12 người)", 24),
            "Nguyễn… (đoàn 12 người)"
        );
        assert_eq!(
            clip_with_suffix("Nguyễn Văn An", "(đoàn 12 người)", 10),
            "(đoàn 12 người)"
        );
        assert_eq!(clip("Supercalifragilistic", 6), "Super…");
    }

    #[test]
    fn names_wrap_at_words() {
        assert_eq!(
            wrap("Đền bù – giải phóng mặt bằng", 16),
            vec!["Đền bù – giải", "phóng mặt bằng"]
        );
        assert_eq!(wrap("", 5), vec![String::new()]);
    }
}
