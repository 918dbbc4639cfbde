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
    /// The text with `{0}`, `{1}`… replaced by `args`.
    pub fn fill(self, lang: Lang, args: &[&dyn Display]) -> String {
        let mut out = self.t(lang).to_owned();
        for (i, a) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), &a.to_string());
        }
        out
    }
}

mod catalog;
mod paragraph;
mod report;
#[cfg(test)]
mod tests;
mod words;

pub use catalog::Msg;
pub use paragraph::*;
pub use report::*;
pub use words::*;
