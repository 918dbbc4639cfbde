//! A typed query, understood: its clues (words, numbers, codes), and for each kind of record
//! the FTS5 expressions that find every match and rank them.
//!
//! Every clue must be satisfied ("nguyen thi lan 1985", "nguyen thi lan dong hoa", "lan 4321",
//! "kn2026"); words may come in any order; every word is whole except the last one typed,
//! which is a prefix. The ranks are disjoint parts of everything found, best first:
//! - a name: the name exactly as typed with its accents, then folded ("Đào" before "Dao"),
//!   then names that start with the query, then names equal to its first words (the rest
//!   being other clues: an address, a year), then every other match;
//! - digits alone (citizens): an ID number or phone equal to them, then ending with them,
//!   then starting with them, then the rest (a year of birth, a house number);
//! - a code (cases): the code typed whole, then a code ending with it, then the rest.
//!
//! Within a rank the store orders by recency (its row keys grow with time).
//!
//! Bounded: the expressions grow with the square of the words (each rank repeats every clue
//! and leaves out the ranks before it) and FTS5's work with them, so a pasted page would eat
//! the machine. A query reads at most `MAX_QUERY_CHARS` characters and keeps its first
//! `MAX_CLUES` clues — far more than a name, a year, a phone and an address word — so any
//! input is planned in microseconds into a few kilobytes. Fewer clues only widen what is
//! found (every clue must hold), so a cut query never misses a match of the full one.

use super::expr::{Expr, INDEXED_PREFIX, Tokens, any, but, every, pre, tok};
use super::{NAME_PLACES, compact, lower_words, reversed, words};
use crate::domain::ident::phone_digits;
use crate::domain::text::{fold, nfc};

/// The kinds of records found, each searched in its own index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Citizens,
    Cases,
    Visits,
}

impl Kind {
    /// In the order they are shown.
    pub const ALL: [Kind; 3] = [Kind::Citizens, Kind::Cases, Kind::Visits];
}

/// One thing the officer typed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Clue {
    /// A word of a name, an address or a content, folded and as typed (lowercase, accents
    /// kept); the last one typed may be unfinished (a prefix).
    Word {
        folded: String,
        lower: String,
        prefix: bool,
    },
    /// Digits: an ID number or a phone (whole, first or last digits), a year of birth, a
    /// number in an address or a content. `forms` are the ways the number may be stored
    /// (a phone typed +84… is stored 0…).
    Number {
        digits: String,
        forms: Vec<String>,
        prefix: bool,
    },
    /// Letters and digits together: a case code or a piece of it ("kn2026", "bd-0042"), a
    /// passport number, a house number such as 12a. `parts` are its runs of letters and of
    /// digits, as a code's words are indexed (a year run is split off: "kn20260042" is
    /// kn, 2026, 0042).
    Code { compact: String, parts: Vec<String> },
}

/// The longest text looked up (the lookup box takes no more; a longer text is cut).
pub const MAX_QUERY_CHARS: usize = 200;

/// The most clues a query keeps (the first ones typed).
pub const MAX_CLUES: usize = 16;

/// A typed query, understood.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    clues: Vec<Clue>,
    /// Whether text or clues past the bounds were left out.
    cut: bool,
}

/// The expressions that find one kind's matches, in FTS5's query syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Everything found: every clue satisfied.
    pub all: String,
    /// Disjoint parts of `all`, best first; together they are all of it.
    pub ranks: Vec<String>,
    /// The exact matches (an exact name, number or code), whose count is shown.
    pub exact: Option<String>,
    /// How many of the first ranks are exact matches.
    pub exact_ranks: usize,
    /// The classes the ranks are made of (rank i: class i and none before; the last rank:
    /// none of them).
    classes: Vec<Expr>,
}

impl Plan {
    /// The rank of a matching document, from its indexed text (the same answer as asking
    /// the index which rank holds it).
    pub fn rank_of(&self, doc: &str) -> usize {
        let t = Tokens::of(doc);
        self.classes
            .iter()
            .position(|c| c.matches(&t))
            .unwrap_or(self.classes.len())
    }
}

fn is_year(d: &str) -> bool {
    d.len() == 4 && d.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// Is this raw token a number (digits, maybe with . - + ( ) /)?
fn number_digits(raw: &str) -> Option<String> {
    let ok = raw
        .chars()
        .all(|c| c.is_ascii_digit() || ".-+()/".contains(c));
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    (ok && !digits.is_empty()).then_some(digits)
}

/// The forms a number may be stored in.
fn number_forms(raw: &str, digits: &str) -> Vec<String> {
    let mut forms = vec![digits.to_owned()];
    if let Some(p) = phone_digits(raw) {
        forms.push(p);
    }
    if let Some(rest) = digits.strip_prefix("84").filter(|r| r.len() == 9) {
        forms.push(format!("0{rest}"));
    }
    forms.sort();
    forms.dedup();
    forms
}

/// Runs of letters and of digits, with a leading year split off a long digit run.
fn code_parts(folded: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for w in super::split(folded) {
        let mut run = String::new();
        for c in w.chars() {
            if !run.is_empty() && run.ends_with(|p: char| p.is_ascii_digit()) != c.is_ascii_digit()
            {
                parts.push(std::mem::take(&mut run));
            }
            run.push(c);
        }
        parts.push(run);
    }
    parts
        .into_iter()
        .flat_map(|p| {
            let year_first = p.len() > 4
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.starts_with("19") || p.starts_with("20"));
            if year_first {
                vec![p[..4].to_owned(), p[4..].to_owned()]
            } else {
                vec![p]
            }
        })
        .collect()
}

/// Understand what the officer typed (its first `MAX_QUERY_CHARS` characters, its first
/// `MAX_CLUES` clues).
pub fn parse(q: &str) -> Query {
    // Cut before normalizing (decomposed text has up to 3 characters per letter), then at
    // the bound; a word cut in two is read as a prefix, which finds it still.
    let head: String = q.chars().take(MAX_QUERY_CHARS * 3).collect();
    let mut cut = head.len() < q.len();
    let mut text = nfc(&head);
    if let Some((i, _)) = text.char_indices().nth(MAX_QUERY_CHARS) {
        text.truncate(i);
        cut = true;
    }
    let open_end = !text.ends_with(char::is_whitespace);
    let mut clues = Vec::new();
    for raw in text.split_whitespace() {
        if let Some(digits) = number_digits(raw) {
            clues.push(Clue::Number {
                forms: number_forms(raw, &digits),
                digits,
                prefix: false,
            });
            continue;
        }
        let folded = fold(raw);
        let letters = folded.chars().any(char::is_alphabetic);
        let numbers = folded.chars().any(|c| c.is_ascii_digit());
        if letters && numbers {
            clues.push(Clue::Code {
                compact: compact(raw),
                parts: code_parts(&folded),
            });
            continue;
        }
        let lower = lower_words(raw);
        for (i, f) in words(raw).into_iter().enumerate() {
            clues.push(Clue::Word {
                lower: lower.get(i).cloned().unwrap_or_else(|| f.clone()),
                folded: f,
                prefix: false,
            });
        }
    }
    merge_phone_groups(&mut clues);
    if open_end
        && let Some(Clue::Word { prefix, .. } | Clue::Number { prefix, .. }) = clues.last_mut()
    {
        *prefix = true;
    }
    if clues.len() > MAX_CLUES {
        clues.truncate(MAX_CLUES);
        cut = true;
    }
    Query { clues, cut }
}

/// Groups of digits that together read as a phone ("0912 345 678", "+84 912 345 678",
/// "lan 0912 345 678") are one number; others ("1985 4321") stay apart.
fn merge_phone_groups(clues: &mut Vec<Clue>) {
    let mut i = 0;
    while i < clues.len() {
        let mut j = i;
        let mut joined = String::new();
        while let Some(Clue::Number { digits, .. }) = clues.get(j) {
            joined.push_str(digits);
            j += 1;
        }
        let starts_like_phone = joined.starts_with('0') || joined.starts_with("84");
        if j > i + 1 && starts_like_phone && (9..=12).contains(&joined.len()) {
            let merged = Clue::Number {
                forms: number_forms(&joined, &joined),
                digits: joined,
                prefix: false,
            };
            clues.splice(i..j, [merged]);
        }
        i += 1;
    }
}

impl Clue {
    /// What satisfies this clue in a document of `kind`.
    fn expr(&self, kind: Kind) -> Expr {
        match self {
            Clue::Word { folded, prefix, .. } => {
                if *prefix {
                    pre(folded)
                } else {
                    tok(folded)
                }
            }
            Clue::Number {
                digits,
                forms,
                prefix,
            } => {
                let mut alts = Vec::new();
                if kind != Kind::Visits {
                    for f in forms {
                        alts.push(pre(&format!("_n{f}")));
                        alts.push(pre(&format!("_r{}", reversed(f))));
                    }
                }
                alts.push(if *prefix { pre(digits) } else { tok(digits) });
                if kind == Kind::Citizens && is_year(digits) {
                    alts.push(tok(&format!("_y{digits}")));
                }
                if kind == Kind::Cases {
                    alts.push(pre(&format!("_c{}", reversed(digits))));
                }
                any(alts)
            }
            Clue::Code { compact, parts } => {
                let mut alts = vec![pre(compact)];
                if parts.len() > 1 {
                    let n = parts.len();
                    alts.push(every(
                        parts
                            .iter()
                            .enumerate()
                            .map(|(i, p)| if i + 1 == n { pre(p) } else { tok(p) })
                            .collect(),
                    ));
                }
                match kind {
                    Kind::Citizens => {
                        alts.push(pre(&format!("_n{compact}")));
                        alts.push(pre(&format!("_r{}", reversed(compact))));
                    }
                    Kind::Cases => {
                        alts.push(tok(&format!("_k{compact}")));
                        alts.push(pre(&format!("_c{}", reversed(compact))));
                    }
                    Kind::Visits => {}
                }
                any(alts)
            }
        }
    }
}

impl Query {
    /// Nothing searchable was typed.
    pub fn is_empty(&self) -> bool {
        self.clues.is_empty()
    }

    /// How many clues are looked for.
    pub fn clue_count(&self) -> usize {
        self.clues.len()
    }

    /// Whether part of what was typed was left out (past `MAX_QUERY_CHARS` or `MAX_CLUES`).
    pub fn is_cut(&self) -> bool {
        self.cut
    }

    /// The typed words (folded and as typed), in order, and whether the last is unfinished.
    fn name_words(&self) -> (Vec<(&str, &str)>, bool) {
        let words: Vec<(&str, &str)> = self
            .clues
            .iter()
            .filter_map(|c| match c {
                Clue::Word { folded, lower, .. } => Some((folded.as_str(), lower.as_str())),
                _ => None,
            })
            .collect();
        let open = matches!(self.clues.last(), Some(Clue::Word { prefix: true, .. }));
        (words, open)
    }

    /// The first number or code typed: its stored forms.
    fn first_number(&self) -> Option<Vec<String>> {
        self.clues.iter().find_map(|c| match c {
            Clue::Number { forms, .. } => Some(forms.clone()),
            Clue::Code { compact, .. } => Some(vec![compact.clone()]),
            Clue::Word { .. } => None,
        })
    }

    fn first_code(&self) -> Option<&str> {
        self.clues.iter().find_map(|c| match c {
            Clue::Code { compact, .. } => Some(compact.as_str()),
            _ => None,
        })
    }

    /// The ranking classes of a name query (not disjoint: `plan` makes them so), and the
    /// one whose count is shown as exact.
    fn name_classes(&self) -> Option<(Vec<Expr>, Expr)> {
        let (words, open) = self.name_words();
        if words.is_empty() {
            return None;
        }
        let exact = |m: usize| {
            let f: Vec<&str> = words[..m].iter().map(|w| w.0).collect();
            let e: Vec<&str> = words[..m].iter().map(|w| w.1).collect();
            (
                tok(&format!("_e{}", e.join("_"))),
                tok(&format!("_f{}", f.join("_"))),
            )
        };
        let n = words.len();
        let (e, f) = exact(n);
        let mut classes = vec![e, f.clone()];
        if n <= NAME_PLACES {
            classes.push(every(
                words
                    .iter()
                    .enumerate()
                    .map(|(i, (w, _))| {
                        let t = format!("_{}{w}", i + 1);
                        if open && i + 1 == n {
                            // Read from the prefix index: "_1nguyen" as "_1nguye" (the
                            // word itself is a clue of `all` already).
                            pre(&t.chars().take(INDEXED_PREFIX).collect::<String>())
                        } else {
                            tok(&t)
                        }
                    })
                    .collect(),
            ));
        }
        for m in (1..n).rev() {
            let (e, f) = exact(m);
            classes.push(e);
            classes.push(f);
        }
        Some((classes, f))
    }

    /// How to find and rank the records of `kind` (None when nothing was typed).
    pub fn plan(&self, kind: Kind) -> Option<Plan> {
        if self.clues.is_empty() {
            return None;
        }
        let all = every(self.clues.iter().map(|c| c.expr(kind)).collect());
        let has_words = self.clues.iter().any(|c| matches!(c, Clue::Word { .. }));
        let (classes, exact, exact_ranks) = match kind {
            Kind::Cases if self.first_code().is_some() => {
                let c = self.first_code().unwrap_or_default();
                let exact = tok(&format!("_k{c}"));
                (
                    vec![exact.clone(), pre(&format!("_c{}", reversed(c)))],
                    Some(exact),
                    1,
                )
            }
            Kind::Citizens | Kind::Cases if !has_words => match self.first_number() {
                Some(forms) => {
                    let exact = any(forms.iter().map(|f| tok(&format!("_n{f}"))).collect());
                    let ends = any(forms
                        .iter()
                        .map(|f| pre(&format!("_r{}", reversed(f))))
                        .collect());
                    let starts = any(forms.iter().map(|f| pre(&format!("_n{f}"))).collect());
                    let mut classes = vec![exact.clone()];
                    if kind == Kind::Cases {
                        // A code ending with the digits ("0042") before a phone ending with them.
                        classes.push(pre(&format!("_c{}", reversed(&forms[0]))));
                    }
                    classes.extend([ends, starts]);
                    (classes, Some(exact), 1)
                }
                None => (Vec::new(), None, 0),
            },
            // The name exactly as typed, with its accents (rank 0) and folded (rank 1).
            _ => match self.name_classes() {
                Some((classes, exact)) => (classes, Some(exact), 2),
                None => (Vec::new(), None, 0),
            },
        };
        let ranks: Vec<String> = classes
            .iter()
            .enumerate()
            .map(|(i, c)| but(every(vec![all.clone(), c.clone()]), &classes[..i]).fts())
            .chain([but(all.clone(), &classes).fts()])
            .collect();
        Some(Plan {
            exact: exact.map(|e| every(vec![all.clone(), e]).fts()),
            exact_ranks,
            all: all.fts(),
            ranks,
            classes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(q: &str, kind: Kind) -> String {
        parse(q).plan(kind).map(|p| p.all).unwrap_or_default()
    }

    #[test]
    fn names_are_folded_and_the_last_word_is_a_prefix() {
        assert_eq!(
            all("Nguyễn Văn Đ", Kind::Visits),
            "(\"nguyen\" AND \"van\" AND \"d\"*)"
        );
        assert_eq!(
            all("nguyen van du ", Kind::Visits),
            "(\"nguyen\" AND \"van\" AND \"du\")"
        );
        // NFD input folds the same.
        assert_eq!(parse("Nguye\u{302}\u{303}n"), parse("Nguyễn"));
        assert!(parse("").is_empty() && parse(" \" - ").is_empty());
    }

    #[test]
    fn an_exact_name_ranks_first_with_its_accents_then_folded_then_by_its_start() {
        let p = parse("Đào Thị L").plan(Kind::Citizens).unwrap();
        assert!(p.ranks[0].contains("\"_eđào_thị_l\""), "{}", p.ranks[0]);
        assert!(p.ranks[1].contains("\"_fdao_thi_l\""), "{}", p.ranks[1]);
        assert!(
            p.ranks[2].contains("(\"_1dao\" AND \"_2thi\" AND \"_3l\"*)"),
            "{}",
            p.ranks[2]
        );
        // The name's first words, with a further clue (an address word, here "l").
        assert!(p.ranks[3].contains("\"_eđào_thị\""));
        assert!(p.ranks[4].contains("\"_fdao_thi\""));
        assert_eq!(p.ranks.len(), 8, "{:#?}", p.ranks);
        // Each rank leaves out the ones before it; the last is everything else.
        assert!(p.ranks[1].contains("NOT \"_eđào_thị_l\""), "{}", p.ranks[1]);
        assert!(p.ranks[7].starts_with(&format!("({} NOT (", p.all)));
        assert_eq!(
            p.exact.as_deref(),
            Some(&*format!("({} AND \"_fdao_thi_l\")", p.all))
        );
    }

    #[test]
    fn numbers_match_whole_from_the_start_or_by_their_last_digits() {
        for q in [
            "0912 345 678",
            "+84912345678",
            "84-912-345-678",
            "0912.345.678",
        ] {
            let f = all(q, Kind::Citizens);
            assert!(f.contains("\"_n0912345678\"*"), "{q}: {f}");
            assert!(f.contains("\"_r8765432190\"*"), "{q}: {f}");
        }
        let p = parse("2345").plan(Kind::Citizens).unwrap();
        assert!(p.all.contains("\"_r5432\"*"), "{}", p.all);
        assert!(p.ranks[0].contains("AND \"_n2345\")"), "{}", p.ranks[0]);
        assert!(p.ranks[1].contains("AND \"_r5432\"*)"), "{}", p.ranks[1]);
        // A year is also a year of birth; a number among words is one more clue.
        let f = all("nguyen thi lan 1985", Kind::Citizens);
        assert!(f.contains("\"_y1985\""), "{f}");
        assert!(
            f.starts_with("(\"nguyen\" AND \"thi\" AND \"lan\" AND ("),
            "{f}"
        );
        let f = all("lan 0912 345 678", Kind::Citizens);
        assert!(f.contains("\"_n0912345678\"*"), "{f}");
        // Two numbers that are not a phone stay two clues.
        let f = all("lan 1985 4321", Kind::Citizens);
        assert!(f.contains("\"_y1985\"") && f.contains("\"_r1234\"*"), "{f}");
    }

    #[test]
    fn codes_with_or_without_dashes() {
        assert_eq!(parse("kn2026bd0042"), parse("KN-2026-BD-0042"));
        let p = parse("kn-2026-bd-0042").plan(Kind::Cases).unwrap();
        assert!(p.ranks[0].contains("\"_kkn2026bd0042\""), "{}", p.ranks[0]);
        assert!(
            p.all
                .contains("(\"kn\" AND \"2026\" AND \"bd\" AND \"0042\"*)"),
            "{}",
            p.all
        );
        // A legacy code typed without dashes splits its year off.
        assert!(all("kn20260042", Kind::Cases).contains("\"kn\" AND \"2026\" AND \"0042\"*"));
        // A piece of a code: its end.
        assert!(all("bd-0042", Kind::Cases).contains("\"_c2400db\"*"));
        assert!(all("0042", Kind::Cases).contains("\"_c2400\"*"));
    }

    /// A pasted page is planned at once into a small plan: the clues and the expressions are
    /// bounded whatever the length (issue 22.7: 400 words took 4.7 s and 1.3 GB).
    #[test]
    fn a_long_paste_is_bounded() {
        let words = [
            "nguyen", "thi", "lan", "1985", "kim", "ma", "0912", "345", "678", "kn2026",
        ];
        for n in [700, 5_000] {
            let text: Vec<&str> = words.iter().cycle().take(n).copied().collect();
            let q = parse(&text.join(" "));
            assert!(q.is_cut());
            assert_eq!(q.clue_count(), MAX_CLUES, "{n} words");
            for kind in Kind::ALL {
                let p = q.plan(kind).unwrap();
                let size: usize = p.all.len() + p.ranks.iter().map(String::len).sum::<usize>();
                assert!(
                    p.ranks.len() <= 2 * MAX_CLUES + 2,
                    "{n} words: {} ranks",
                    p.ranks.len()
                );
                assert!(
                    size < 64 * 1024,
                    "{n} words, {kind:?}: {size} bytes of plan"
                );
            }
        }
        // One endless word, or endless decomposed text, is cut too.
        let q = parse(&"a".repeat(1_000_000));
        assert!(q.is_cut() && q.clue_count() == 1);
        let q = parse(&"e\u{302}\u{301} ".repeat(100_000));
        assert!(q.is_cut() && q.clue_count() == MAX_CLUES);
        // A normal query is whole.
        let q = parse("Nguyễn Thị Lan 1985 0912 345 678 Kim Mã");
        assert!(!q.is_cut());
        assert_eq!(q.clue_count(), 7);
    }

    #[test]
    fn typed_quotes_and_operators_stay_words() {
        assert_eq!(all("\"", Kind::Citizens), "");
        assert_eq!(all("a OR b", Kind::Visits), "(\"a\" AND \"or\" AND \"b\"*)");
        assert_eq!(all("NOT", Kind::Visits), "\"not\"*");
    }
}
