//! Every user-facing string, in one catalog: Vietnamese first, English for maintainers.
//!
//! `Msg` keys map to a (vi, en) pair in one `match`, so a key without a translation does not
//! compile. Templates use `{0}`, `{1}`… placeholders filled by [`Msg::fill`].

use std::fmt::Display;

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" | "vn" | "vi_vn" | "vi-vn" => Some(Lang::Vi),
            "en" | "en_us" | "en-us" | "en_gb" => Some(Lang::En),
            _ => None,
        }
    }
}

macro_rules! catalog {
    ($($key:ident => $vi:literal, $en:literal;)+) => {
        /// A catalog key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),+ }

        impl Msg {
            /// Every key (for tests of the catalog).
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];

            /// The text in `lang`.
            pub fn t(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Vi) => $vi, (Msg::$key, Lang::En) => $en,)+
                }
            }
        }
    };
}

impl Msg {
    /// The text with `{0}`, `{1}`… replaced by `args`, and each `{N|one|many}` by the word
    /// for one when argument N reads `1`, else the other: the plural rule of the catalog
    /// ("1 visit", "2 visits"; Vietnamese has no plural and does not use it).
    pub fn fill(self, lang: Lang, args: &[&dyn Display]) -> String {
        let shown: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let mut out = plurals(self.t(lang), &shown);
        for (i, a) in shown.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), a);
        }
        out
    }
}

/// Resolve every `{N|one|many}` of a template against the arguments as shown.
fn plurals(template: &str, args: &[String]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match plural_token(after) {
            Some((n, one, many, used)) => {
                let is_one = args.get(n).is_some_and(|a| a == "1");
                out.push_str(if is_one { one } else { many });
                rest = &after[used..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `N|one|many}` at the start of `s`: the argument, the two words, and the length read.
fn plural_token(s: &str) -> Option<(usize, &str, &str, usize)> {
    let end = s.find('}')?;
    let mut parts = s[..end].split('|');
    let n = parts.next()?.parse().ok()?;
    let one = parts.next()?;
    let many = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    Some((n, one, many, end + 1))
}

mod catalog;
mod import;
pub mod journal;
mod paragraph;
mod report;
#[cfg(test)]
mod tests;
mod words;

pub use catalog::Msg;
pub use import::*;
pub use paragraph::*;
pub use report::*;
pub use words::*;
