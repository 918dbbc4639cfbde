//! Whose name a record carries, and the one rule that turns it into what a screen, a message
//! or a printout may show (Luật Tố cáo 2018 Art 8(3), 47, 56; DOMAIN.md §4.3).
//!
//! A citizen's name reaches every surface as a [`Person`]: the name is private to this module
//! and comes out only through [`Viewer::show`], which decides *named*, *pseudonym* or
//! *hidden* from the petition (a denouncer or not), the denouncer's own disclosure (Art 47(2))
//! and what the officer looking has revealed (an explicit, audited act). `i18n::person` renders
//! the decision; nothing else reads the name.

use std::collections::HashSet;

/// The record a denouncer's name belongs to (what a reveal unlocks).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Record {
    Visit(String),
    Case(String),
}

/// Under what confidentiality a name is carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guard {
    /// An ordinary petitioner: named.
    Open,
    /// A denouncer: never named unless they disclosed it themself or the viewer revealed
    /// this record. `code` is the case code the pseudonym is made of, when there is a case.
    Denouncer {
        record: Record,
        code: Option<String>,
        disclosed: bool,
    },
}

/// A citizen's name with its guard.
#[derive(Clone, PartialEq, Eq)]
pub struct Person {
    name: String,
    guard: Guard,
}

// The name never appears in debug output either (logs, panics, test failures).
impl std::fmt::Debug for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.guard {
            Guard::Open => write!(f, "Person({:?})", self.name),
            Guard::Denouncer { .. } => write!(f, "Person(<denouncer> {:?})", self.guard),
        }
    }
}

impl Person {
    /// A petitioner who is not a denouncer.
    pub fn open(name: impl Into<String>) -> Person {
        Person {
            name: name.into(),
            guard: Guard::Open,
        }
    }

    /// A denouncer of `record` (a case code for the pseudonym when there is one).
    pub fn denouncer(
        name: impl Into<String>,
        record: Record,
        code: Option<String>,
        disclosed: bool,
    ) -> Person {
        Person {
            name: name.into(),
            guard: Guard::Denouncer {
                record,
                code,
                disclosed,
            },
        }
    }

    /// The person of a record: a denouncer when `denunciation`, else open.
    pub fn of(
        name: impl Into<String>,
        denunciation: bool,
        record: Record,
        code: Option<String>,
        disclosed: bool,
    ) -> Person {
        if denunciation {
            Person::denouncer(name, record, code, disclosed)
        } else {
            Person::open(name)
        }
    }

    /// How a typed name compares with this one — one bit about the name, never the name: a
    /// returning citizen's record can be checked against what the officer typed.
    pub fn compare_name(&self, typed: &str) -> NameCompare {
        let typed = crate::domain::text::clean_line(typed);
        if typed == self.name {
            NameCompare::Same
        } else if typed.is_ascii()
            && crate::domain::text::fold(&typed) == crate::domain::text::fold(&self.name)
        {
            NameCompare::WithoutAccents
        } else {
            NameCompare::Different
        }
    }

    pub fn guard(&self) -> &Guard {
        &self.guard
    }

    /// Is this a denouncer's name?
    pub fn is_confidential(&self) -> bool {
        matches!(self.guard, Guard::Denouncer { .. })
    }

    /// The record a reveal would unlock (None for an open name).
    pub fn record(&self) -> Option<&Record> {
        match &self.guard {
            Guard::Open => None,
            Guard::Denouncer { record, .. } => Some(record),
        }
    }
}

/// In machine output (`--json`, exports) a person is what nobody-in-particular may see: the
/// name, `{"pseudonym": "TC-2026-0007"}`, or `null`.
impl serde::Serialize for Person {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match Viewer::nobody().show(self) {
            Shown::Named(n) => s.serialize_str(n),
            Shown::Pseudonym(code) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("pseudonym", code)?;
                m.end()
            }
            Shown::Hidden => s.serialize_none(),
        }
    }
}

/// A typed name against the one on record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameCompare {
    Same,
    /// Typed without diacritics ("Tran Van Duc" for "Trần Văn Đức"): the same name.
    WithoutAccents,
    /// Another name: the officer must say whether it is the same person.
    Different,
}

/// What may be shown of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'a> {
    Named(&'a str),
    /// "Người tố cáo TC-2026-0007".
    Pseudonym(&'a str),
    /// "Người tố cáo (bảo mật)": a denouncer without a case code.
    Hidden,
}

/// Who is looking: what they revealed (each reveal audited by the store). `Viewer::nobody()`
/// is every surface outside the officer's screen (CLI, exports, reports, papers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    revealed: HashSet<Record>,
}

impl Viewer {
    /// A viewer who revealed nothing.
    pub fn nobody() -> Viewer {
        Viewer::default()
    }

    /// Record that this viewer revealed `record` (after the audited reveal).
    pub fn reveal(&mut self, record: Record) {
        self.revealed.insert(record);
    }

    pub fn has_revealed(&self, record: &Record) -> bool {
        self.revealed.contains(record)
    }

    /// Forget every reveal (another officer sits down).
    pub fn forget(&mut self) {
        self.revealed.clear();
    }

    /// The one masking rule.
    pub fn show<'a>(&self, p: &'a Person) -> Shown<'a> {
        match &p.guard {
            Guard::Open => Shown::Named(&p.name),
            Guard::Denouncer {
                record,
                code,
                disclosed,
            } => {
                if *disclosed || self.revealed.contains(record) {
                    Shown::Named(&p.name)
                } else {
                    match code {
                        Some(c) => Shown::Pseudonym(c),
                        None => Shown::Hidden,
                    }
                }
            }
        }
    }

    /// The name itself, for a viewer who may see it (the edit form, a revealed detail).
    pub fn name_of<'a>(&self, p: &'a Person) -> Option<&'a str> {
        match self.show(p) {
            Shown::Named(n) => Some(n),
            _ => None,
        }
    }

    /// May the name be shown in full (for fields that follow the name: ID, phone, address)?
    pub fn sees(&self, p: &Person) -> bool {
        matches!(self.show(p), Shown::Named(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denouncer_is_a_pseudonym_until_revealed_or_disclosed() {
        let r = Record::Case("u1".into());
        let p = Person::denouncer(
            "Trần Thị Mật",
            r.clone(),
            Some("TC-2026-0007".into()),
            false,
        );
        let mut v = Viewer::nobody();
        assert_eq!(v.show(&p), Shown::Pseudonym("TC-2026-0007"));
        assert!(!v.sees(&p));
        v.reveal(Record::Case("other".into()));
        assert_eq!(v.show(&p), Shown::Pseudonym("TC-2026-0007"));
        v.reveal(r);
        assert_eq!(v.show(&p), Shown::Named("Trần Thị Mật"));
        v.forget();
        assert!(!v.sees(&p));
        let d = Person::denouncer("Trần Thị Mật", Record::Visit("v".into()), None, true);
        assert_eq!(Viewer::nobody().show(&d), Shown::Named("Trần Thị Mật"));
        let h = Person::denouncer("Trần Thị Mật", Record::Visit("v".into()), None, false);
        assert_eq!(Viewer::nobody().show(&h), Shown::Hidden);
    }

    #[test]
    fn an_open_name_is_named_and_debug_never_prints_a_denouncer() {
        assert_eq!(
            Viewer::nobody().show(&Person::open("Lê Văn An")),
            Shown::Named("Lê Văn An")
        );
        let p = Person::denouncer("Trần Thị Mật", Record::Visit("v".into()), None, false);
        assert!(!format!("{p:?}").contains("Mật"));
    }
}
