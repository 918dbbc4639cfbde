//! A combobox: a fixed list of options, filtered diacritic-insensitively as the officer types
//! ("dat dai" → Đất đai, "khieu" → Khiếu nại). One behaviour in every form: the list is open
//! while the combobox has focus; `Tab`, `Enter` and `Ctrl-S` take the highlighted choice once
//! the officer typed or moved (↑/↓), and the filter clears; `Enter` on an empty choice also
//! takes the line shown highlighted (walking past with `Tab` chooses nothing); `Esc` closes the
//! list (the form stays), typing or an arrow opens it again.

use crate::domain::text::{MatchRank, match_rank, matches_words, nfc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComboOption {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Combo {
    pub options: Vec<ComboOption>,
    /// What the officer typed since focusing (empty: show the chosen value).
    pub query: String,
    /// The chosen option's code.
    pub chosen: Option<String>,
    /// Index into `matches()` of the highlighted option.
    pub highlight: usize,
    /// The officer moved the highlight since focusing (so leaving takes it).
    moved: bool,
    /// Esc closed the list.
    closed: bool,
}

impl Combo {
    pub fn new(options: Vec<ComboOption>, chosen: Option<String>) -> Combo {
        Combo {
            options,
            query: String::new(),
            chosen,
            highlight: 0,
            moved: false,
            closed: false,
        }
    }

    /// Whether the list is shown.
    pub fn is_open(&self) -> bool {
        !self.closed
    }

    /// Esc: close the list and forget what was typed or moved (the chosen value stays).
    pub fn close(&mut self) {
        self.clear_query();
        self.closed = true;
    }

    /// Focus arrives: the list opens on the chosen value.
    pub fn focused(&mut self) {
        self.clear_query();
        self.closed = false;
    }

    /// Whether the officer typed or moved since focusing: a choice is waiting to be taken.
    pub fn pending(&self) -> bool {
        !self.query.is_empty() || self.moved
    }

    /// Tab, Enter or Ctrl-S: take the waiting choice (if any) and clear the filter. Returns
    /// false when the typed text matches nothing; the text then stays for correction.
    pub fn settle(&mut self) -> bool {
        if self.pending() && !self.take() {
            return false;
        }
        self.clear_query();
        true
    }

    /// Enter: like `settle`, and an open list with nothing chosen yet takes the option it
    /// shows highlighted (the ▶ line), as any list does; Tab passing through an empty choice
    /// still leaves it empty, so nothing is chosen by walking past it.
    pub fn pick(&mut self) -> bool {
        if self.chosen.is_none() && self.is_open() && !self.pending() {
            return self.take();
        }
        self.settle()
    }

    /// Options matching the query, best first (all of them, in order, when the query is
    /// empty): a word start before a later word before the inside of a word, and words typed
    /// with their diacritics before those that only match folded ("đôn" → Đôn đốc, "đơn" →
    /// Chuyển đơn). Equal matches keep the options' order.
    pub fn matches(&self) -> Vec<&ComboOption> {
        let code_query = self.query.trim();
        let mut ranked: Vec<(MatchRank, &ComboOption)> =
            self.options
                .iter()
                .filter_map(|o| {
                    let by_code = (!code_query.is_empty() && o.code.starts_with(code_query))
                        .then_some(MatchRank {
                            unlike_marks: 0,
                            place: 1,
                        });
                    // Last, by the words of the code: "den bu", "gpmb" still find the field
                    // named by its legal term "Bồi thường, hỗ trợ, tái định cư" (code
                    // `den_bu_gpmb`), after every option whose label matches.
                    let by_code_words = (!code_query.is_empty()
                        && matches_words(&o.code.replace('_', " "), &self.query))
                    .then_some(MatchRank {
                        unlike_marks: u32::MAX,
                        place: u32::MAX,
                    });
                    let rank = match (match_rank(&o.label, &self.query), by_code) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    }
                    .or(by_code_words);
                    rank.map(|r| (r, o))
                })
                .collect();
        ranked.sort_by_key(|(r, _)| *r);
        ranked.into_iter().map(|(_, o)| o).collect()
    }

    pub fn chosen_label(&self) -> Option<&str> {
        let code = self.chosen.as_deref()?;
        self.options
            .iter()
            .find(|o| o.code == code)
            .map(|o| o.label.as_str())
    }

    pub fn type_str(&mut self, s: &str) {
        self.query = nfc(&format!("{}{}", self.query, s.replace(['\n', '\r'], " ")));
        self.highlight = 0;
        self.moved = false;
        self.closed = false;
    }

    pub fn backspace(&mut self) {
        self.query.pop();
        self.highlight = 0;
        self.moved = false;
        self.closed = false;
    }

    pub fn clear_query(&mut self) {
        self.query.clear();
        self.highlight = 0;
        self.moved = false;
    }

    /// Move the highlight (wrapping), starting from the chosen option when nothing is typed.
    pub fn move_highlight(&mut self, down: bool) {
        let n = self.matches().len();
        if n == 0 {
            return;
        }
        if self.closed {
            // The first arrow only opens the list again.
            self.closed = false;
            return;
        }
        if !self.moved {
            self.highlight = self.shown_highlight();
        }
        self.moved = true;
        self.highlight = if down {
            (self.highlight + 1) % n
        } else {
            (self.highlight + n - 1) % n
        };
    }

    fn chosen_index(&self) -> Option<usize> {
        let code = self.chosen.as_deref()?;
        self.matches().iter().position(|o| o.code == code)
    }

    /// Index of the option to show as highlighted.
    pub fn shown_highlight(&self) -> usize {
        if self.query.is_empty() && !self.moved {
            self.chosen_index().unwrap_or(0)
        } else {
            self.highlight
        }
    }

    /// Take the highlighted match (if the officer typed or moved); returns false when the
    /// query matches nothing (the typed text stays for correction).
    pub fn take(&mut self) -> bool {
        let pick = self
            .matches()
            .get(self.shown_highlight())
            .map(|o| o.code.clone());
        match pick {
            Some(code) => {
                self.chosen = Some(code);
                self.clear_query();
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn combo() -> Combo {
        let opts = [
            ("dat_dai", "Đất đai"),
            ("den_bu_gpmb", "Đền bù – giải phóng mặt bằng"),
            ("khac", "Khác"),
        ];
        Combo::new(
            opts.iter()
                .map(|(c, l)| ComboOption {
                    code: (*c).into(),
                    label: (*l).into(),
                })
                .collect(),
            None,
        )
    }

    #[test]
    fn typing_without_diacritics_filters_and_takes() {
        let mut c = combo();
        c.type_str("dat dai");
        assert_eq!(c.matches().len(), 1);
        assert!(c.take());
        assert_eq!(c.chosen.as_deref(), Some("dat_dai"));
        assert!(c.query.is_empty());
    }

    #[test]
    fn the_words_of_the_code_match_too() {
        let mut c = Combo::new(
            vec![ComboOption {
                code: "den_bu_gpmb".into(),
                label: "Bồi thường, hỗ trợ, tái định cư".into(),
            }],
            None,
        );
        for typed in ["boi thuong", "tai dinh cu", "den bu", "gpmb"] {
            c.clear_query();
            c.type_str(typed);
            assert_eq!(c.matches().len(), 1, "{typed}");
        }
    }

    #[test]
    fn arrows_move_through_matches() {
        let mut c = combo();
        c.type_str("d");
        c.move_highlight(true);
        assert!(c.take());
        assert_eq!(c.chosen.as_deref(), Some("den_bu_gpmb"));
    }

    #[test]
    fn no_match_keeps_query() {
        let mut c = combo();
        c.type_str("xyz");
        assert!(!c.take());
        assert_eq!(c.query, "xyz");
        assert_eq!(c.chosen, None);
    }

    #[test]
    fn arrows_alone_then_settle_take_the_highlight() {
        let mut c = combo();
        c.chosen = Some("dat_dai".into());
        c.move_highlight(true);
        assert!(c.pending());
        assert!(c.settle());
        assert_eq!(c.chosen.as_deref(), Some("den_bu_gpmb"));
        // Wrapping back to the first option still takes it.
        c.focused();
        c.move_highlight(true);
        c.move_highlight(true);
        assert!(c.settle());
        assert_eq!(c.chosen.as_deref(), Some("dat_dai"));
    }

    #[test]
    fn settle_without_typing_keeps_the_choice_and_a_typed_filter_clears() {
        let mut c = combo();
        c.chosen = Some("khac".into());
        assert!(c.settle());
        assert_eq!(c.chosen.as_deref(), Some("khac"));
        c.type_str("den bu");
        assert!(c.settle());
        assert_eq!(c.chosen.as_deref(), Some("den_bu_gpmb"));
        assert_eq!(c.query, "", "the filter never stays in the field");
        c.type_str("zzz");
        assert!(!c.settle());
        assert_eq!(c.query, "zzz");
        assert_eq!(c.chosen.as_deref(), Some("den_bu_gpmb"));
    }

    #[test]
    fn enter_on_an_empty_open_list_takes_the_shown_line_and_tab_does_not() {
        let mut c = combo();
        assert!(c.settle());
        assert_eq!(
            c.chosen, None,
            "walking past an empty choice chooses nothing"
        );
        assert!(c.pick());
        assert_eq!(c.chosen.as_deref(), Some("dat_dai"));
        // A chosen value stays on Enter; a closed list takes nothing.
        c.focused();
        assert!(c.pick());
        assert_eq!(c.chosen.as_deref(), Some("dat_dai"));
        let mut d = combo();
        d.close();
        assert!(d.pick());
        assert_eq!(d.chosen, None);
    }

    #[test]
    fn esc_closes_the_list_and_forgets_the_filter() {
        let mut c = combo();
        c.type_str("kh");
        c.close();
        assert!(!c.is_open());
        assert!(!c.pending());
        assert_eq!(c.chosen, None);
        c.move_highlight(true);
        assert!(c.is_open(), "an arrow opens it again");
        assert!(!c.pending());
    }

    fn handling() -> Combo {
        let opts = [
            ("thu_ly", "Thụ lý"),
            ("huong_dan", "Hướng dẫn"),
            ("chuyen_don", "Chuyển đơn"),
            ("don_doc", "Đôn đốc"),
            ("tra_loi", "Trả lời trực tiếp"),
            ("luu_don", "Lưu đơn"),
        ];
        Combo::new(
            opts.iter()
                .map(|(c, l)| ComboOption {
                    code: (*c).into(),
                    label: (*l).into(),
                })
                .collect(),
            None,
        )
    }

    fn typed_then_taken(query: &str) -> String {
        let mut c = handling();
        c.type_str(query);
        assert!(c.take(), "{query} matches");
        c.chosen.unwrap()
    }

    #[test]
    fn a_word_start_first_and_typed_diacritics_decide() {
        assert_eq!(typed_then_taken("don"), "don_doc");
        assert_eq!(typed_then_taken("đôn"), "don_doc");
        assert_eq!(typed_then_taken("Đôn"), "don_doc");
        assert_eq!(typed_then_taken("đơn"), "chuyen_don");
        assert_eq!(typed_then_taken("luu don"), "luu_don");
        assert_eq!(typed_then_taken("chuyen"), "chuyen_don");
        // The list shows the best first, the rest in their order.
        let mut c = handling();
        c.type_str("don");
        let labels: Vec<&str> = c.matches().iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels, ["Đôn đốc", "Chuyển đơn", "Lưu đơn"]);
    }

    #[test]
    fn empty_query_keeps_chosen() {
        let mut c = combo();
        c.chosen = Some("khac".into());
        assert!(c.take());
        assert_eq!(c.chosen.as_deref(), Some("khac"));
    }
}
