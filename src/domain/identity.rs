//! Who a record is about, and the one rule that decides what of them a screen, a message, a
//! printout or an export may show (Luật Tố cáo 2018 Art 8(3), 47, 56; DOMAIN.md §4.3;
//! PRODUCT.md §1, §6: a citizen may be sitting across the desk).
//!
//! A citizen's whole identity — name, ID number, phone, address, birth year and a group's
//! representatives — reaches every surface as a [`Person`]. The values are private to this
//! module and come out only through a [`Viewer`]: [`Viewer::sees`] is the one decision "may
//! this viewer see who this is", made from the record's guard (a denouncer or not), the
//! denouncer's own disclosure (Art 47(2)) and what the viewer revealed (an explicit, audited
//! act that lasts as long as the view that asked for it). On top of it, lists show an ID
//! number or a phone by its last four digits only ([`Place::List`]); the detail of one record
//! shows it whole ([`Place::Detail`]).
//!
//! The guard itself is decided in one place too: [`Person::of`] takes the context — what the record is (a
//! denunciation or not, and its code) and makes the guard. A pseudonym is only ever built
//! from a denunciation's code.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use crate::domain::case::CaseType;
use crate::domain::visit::PetitionType;

/// The record a denouncer's identity belongs to (what a reveal unlocks).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Record {
    Visit(String),
    Case(String),
}

/// Under what confidentiality an identity is carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guard {
    /// An ordinary petitioner: named.
    Open,
    /// A denouncer: never shown unless they disclosed it themself or the viewer revealed
    /// this record. `code` is the denunciation's case code the pseudonym is made of.
    Denouncer {
        record: Record,
        code: Option<String>,
        disclosed: bool,
    },
}

/// What is on record of a person besides the name (each part optional: a list reads only
/// what it shows).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Particulars {
    /// "cccd" | "cmnd" | "ho_chieu" …
    pub id_kind: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: String,
    pub birth_year: Option<i32>,
    /// A group's representatives (Luật Tiếp công dân Art 29).
    pub representatives: Vec<String>,
}

/// The context a person is seen in — what the record is, as far as the identity rule is
/// concerned: the one input of the guard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// A complaint, a petition, a reflection — or a citizen seen in one.
    Open,
    /// A denunciation: its record, its case code if it has one (the pseudonym), and whether
    /// the denouncer disclosed their identity themself (Art 47(2)).
    Denunciation {
        record: Record,
        code: Option<String>,
        disclosed: bool,
    },
}

impl Context {
    /// The person of a visit: a denouncer when the visit is a denunciation (`code`: the
    /// code of the case it opened or joined, `disclosed`: that case's disclosure).
    pub fn of_visit(t: PetitionType, uid: &str, code: Option<String>, disclosed: bool) -> Context {
        if t == PetitionType::ToCao {
            Context::Denunciation {
                record: Record::Visit(uid.to_owned()),
                code,
                disclosed,
            }
        } else {
            Context::Open
        }
    }

    /// The person of a form's draft (a visit not yet saved): a denouncer, with no code yet,
    /// when it is typed as a denunciation.
    pub fn of_draft(d: &crate::domain::visit::VisitDraft) -> Context {
        let t = PetitionType::from_code(&d.petition_type).unwrap_or(PetitionType::KhieuNai);
        let uid = d.editing_uid.clone().unwrap_or_default();
        Context::of_visit(t, &uid, None, false)
    }

    /// The person of a case: a denouncer when the case is a denunciation.
    pub fn of_case(t: CaseType, uid: &str, code: &str, disclosed: bool) -> Context {
        if t == CaseType::ToCao {
            Context::Denunciation {
                record: Record::Case(uid.to_owned()),
                code: Some(code.to_owned()),
                disclosed,
            }
        } else {
            Context::Open
        }
    }
}

/// A citizen's identity with its guard.
///
/// A denouncer's identity is sealed at rest (issue 26, `docs/keys.md`): the store gives it as
/// ciphertext ([`Person::sealed`]), and it is opened here only, the first time a viewer who
/// holds a key to it asks [`Viewer::sees`] — the one rule — so no other code ever holds a
/// sealed identity in the clear.
#[derive(Clone, PartialEq, Eq)]
pub struct Person {
    name: String,
    particulars: Particulars,
    guard: Guard,
    /// The sealed identity (None: stored in the clear, an open citizen's).
    seal: Option<Arc<[u8]>>,
    /// A group denunciation's representatives, sealed (None: in `particulars`, or none).
    reps_seal: Option<Arc<[u8]>>,
    /// The sealed identity once opened (None inside: not by the keys that tried).
    opened: OnceLock<Option<Arc<(String, Particulars)>>>,
}

/// What opens a sealed identity: the keys a viewer holds (the receiving officer's own after
/// sign-in, the unit's after a leader unlocked it). Implemented by the store; the domain
/// only asks.
pub trait Unseal: Send + Sync {
    /// The plaintext of `sealed`, if these keys open it.
    fn open(&self, sealed: &[u8]) -> Option<Vec<u8>>;
}

/// A sealed identity's plaintext: JSON of the name and what is on record.
#[derive(serde::Serialize, serde::Deserialize, Default)]
pub struct SealedIdentity {
    pub name: String,
    #[serde(default)]
    pub id_kind: Option<String>,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub birth_year: Option<i32>,
    #[serde(default)]
    pub sex: Option<String>,
}

impl SealedIdentity {
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("an identity serializes")
    }
}

// Nothing of a person appears in debug output (logs, panics, test failures) but the guard.
impl std::fmt::Debug for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Person({:?})", self.guard)
    }
}

impl Person {
    /// The one place a guard is decided: a denunciation's person is a denouncer, anyone
    /// else is open. A pseudonym's code is only ever a denunciation's.
    pub fn of(name: impl Into<String>, context: Context) -> Person {
        let guard = match context {
            Context::Open => Guard::Open,
            Context::Denunciation {
                record,
                code,
                disclosed,
            } => Guard::Denouncer {
                record,
                code: code.filter(|c| crate::domain::case::is_denunciation_code(c)),
                disclosed,
            },
        };
        Person {
            name: name.into(),
            particulars: Particulars::default(),
            guard,
            seal: None,
            reps_seal: None,
            opened: OnceLock::new(),
        }
    }

    /// The same person stored sealed (`sealed`: the ciphertext, None when stored in the
    /// clear): what was given as name and particulars is the row's blank and is never shown.
    pub fn sealed(mut self, sealed: Option<Vec<u8>>) -> Person {
        if let Some(s) = sealed {
            self.seal = Some(s.into());
            self.name.clear();
            // A group's representatives are the visit's, not the sealed citizen's.
            self.particulars = Particulars {
                representatives: std::mem::take(&mut self.particulars.representatives),
                ..Particulars::default()
            };
        }
        self
    }

    /// The group's representatives stored sealed (`sealed`: the ciphertext of their names;
    /// None: as given in the particulars).
    pub fn sealed_representatives(mut self, sealed: Option<Vec<u8>>) -> Person {
        if let Some(s) = sealed {
            self.reps_seal = Some(s.into());
            self.particulars.representatives.clear();
        }
        self
    }

    /// Is the identity stored sealed?
    pub fn is_sealed(&self) -> bool {
        self.seal.is_some()
    }

    /// A person of a record that is open (not a denunciation).
    pub fn open(name: impl Into<String>) -> Person {
        Person::of(name, Context::Open)
    }

    /// The same person with what is on record of them besides the name.
    pub fn with(mut self, particulars: Particulars) -> Person {
        self.particulars = particulars;
        self
    }

    /// How a typed name compares with this one — one bit about the name, never the name: a
    /// returning citizen's record can be checked against what the officer typed. (A sealed
    /// identity: [`Viewer::compare_name`].)
    pub fn compare_name(&self, typed: &str) -> NameCompare {
        if self.seal.is_some() {
            return NameCompare::Different;
        }
        compare_names(&self.name, typed)
    }

    pub fn guard(&self) -> &Guard {
        &self.guard
    }

    /// Is this a denouncer's identity?
    pub fn is_confidential(&self) -> bool {
        matches!(self.guard, Guard::Denouncer { .. })
    }

    /// The record a reveal would unlock (None for an open person).
    pub fn record(&self) -> Option<&Record> {
        match &self.guard {
            Guard::Open => None,
            Guard::Denouncer { record, .. } => Some(record),
        }
    }
}

/// How a typed name compares with one on record.
pub fn compare_names(recorded: &str, typed: &str) -> NameCompare {
    let typed = crate::domain::text::clean_line(typed);
    if typed == recorded {
        NameCompare::Same
    } else if typed.is_ascii()
        && crate::domain::text::fold(&typed) == crate::domain::text::fold(recorded)
    {
        NameCompare::WithoutAccents
    } else {
        NameCompare::Different
    }
}

/// In machine output (`--json`, exports) a person is what nobody-in-particular may see in a
/// list: the name, `{"pseudonym": "TC-2026-0007"}`, or `null`.
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

/// What may be shown of a person's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'a> {
    Named(&'a str),
    /// "Người tố cáo TC-2026-0007".
    Pseudonym(&'a str),
    /// "Người tố cáo (bảo mật)": a denouncer without a case code.
    Hidden,
}

/// Where a value is shown: in a list of many records (an ID number or a phone by its last
/// four digits: PRODUCT §1, §6), or in the detail of one record (whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    List,
    Detail,
}

/// Who is looking: what they revealed (each reveal audited by the store, each kept only as
/// long as the view that asked for it). `Viewer::nobody()` is every surface outside the
/// officer's screen (CLI, exports, reports, papers) and every message that outlives a view
/// (the status line).
#[derive(Clone, Default)]
pub struct Viewer {
    revealed: HashSet<Record>,
    /// The keys this viewer holds (None: none — `nobody`, every surface off the screen).
    keys: Option<Arc<dyn Unseal>>,
    /// A surface that leaves the desk for another body or a file (a paper of a
    /// denunciation other than the denouncer's own receipt): a denouncer is their pseudonym
    /// there even when they disclosed themself — what is forwarded is stripped of who they
    /// are (Luật Tố cáo Art 56(2); DOMAIN.md §4.3(1)).
    outside: bool,
}

impl std::fmt::Debug for Viewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Viewer({:?}, keys: {})",
            self.revealed,
            self.keys.is_some()
        )
    }
}

impl PartialEq for Viewer {
    fn eq(&self, other: &Viewer) -> bool {
        self.revealed == other.revealed && self.keys.is_some() == other.keys.is_some()
    }
}

impl Eq for Viewer {}

impl Viewer {
    /// A viewer who revealed nothing.
    pub fn nobody() -> Viewer {
        Viewer::default()
    }

    /// A paper that leaves the desk: no denouncer is ever named on it, disclosed or not.
    pub fn outside() -> Viewer {
        Viewer {
            outside: true,
            ..Viewer::default()
        }
    }

    /// Record that this viewer revealed `record` (after the audited reveal).
    pub fn reveal(&mut self, record: Record) {
        self.revealed.insert(record);
    }

    pub fn has_revealed(&self, record: &Record) -> bool {
        self.revealed.contains(record)
    }

    /// Forget every reveal and every key (another officer sits down, the desk locks).
    pub fn forget(&mut self) {
        self.revealed.clear();
        self.keys = None;
    }

    /// The keys this viewer holds from now on (after a sign-in or a leader's unlock).
    pub fn hold(&mut self, keys: Option<Arc<dyn Unseal>>) {
        self.keys = keys;
    }

    /// The identity of `p` as this viewer may read it: in the clear, or opened with the
    /// viewer's keys — the one place a sealed identity is opened.
    fn identity<'a>(&self, p: &'a Person) -> Option<(&'a str, &'a Particulars)> {
        if p.seal.is_none() && p.reps_seal.is_none() {
            return Some((&p.name, &p.particulars));
        }
        let keys = self.keys.as_ref()?;
        let opened = p.opened.get_or_init(|| {
            let representatives = match &p.reps_seal {
                Some(seal) => serde_json::from_slice(&keys.open(seal)?).ok()?,
                None => p.particulars.representatives.clone(),
            };
            let Some(seal) = &p.seal else {
                return Some(Arc::new((
                    p.name.clone(),
                    Particulars {
                        representatives,
                        ..p.particulars.clone()
                    },
                )));
            };
            let plain = keys.open(seal)?;
            let id: SealedIdentity = serde_json::from_slice(&plain).ok()?;
            Some(Arc::new((
                id.name,
                Particulars {
                    id_kind: id.id_kind,
                    id_number: id.id_number,
                    phone: id.phone,
                    address: id.address,
                    birth_year: id.birth_year,
                    representatives,
                },
            )))
        });
        opened.as_ref().map(|o| (o.0.as_str(), &o.1))
    }

    /// Keep only the reveals of records still open in a view: a reveal lasts as long as the
    /// view that asked for it.
    pub fn keep_only(&mut self, open: &[&Record]) {
        self.revealed.retain(|r| open.contains(&r));
    }

    /// THE rule: may this viewer see who this person is? A sealed identity only with a key
    /// that opens it (the receiving officer's, or the unit's a leader unlocked; never an
    /// administrator's as such), and then by the guard as ever.
    pub fn sees(&self, p: &Person) -> bool {
        let allowed = match &p.guard {
            Guard::Open => true,
            Guard::Denouncer { .. } if self.outside => false,
            Guard::Denouncer {
                record, disclosed, ..
            } => *disclosed || self.revealed.contains(record),
        };
        allowed && self.identity(p).is_some()
    }

    /// The name, or what stands for it.
    pub fn show<'a>(&self, p: &'a Person) -> Shown<'a> {
        if self.sees(p)
            && let Some((name, _)) = self.identity(p)
        {
            return Shown::Named(name);
        }
        match &p.guard {
            Guard::Denouncer { code: Some(c), .. } => Shown::Pseudonym(c),
            _ => Shown::Hidden,
        }
    }

    /// How a typed name compares with the one on record, as far as this viewer's keys read
    /// it (one bit, never the name; a sealed identity they cannot open is "different").
    pub fn compare_name(&self, p: &Person, typed: &str) -> NameCompare {
        match self.identity(p) {
            Some((name, _)) => compare_names(name, typed),
            None => NameCompare::Different,
        }
    }

    /// The name itself, for a viewer who may see it (the edit form, a revealed detail).
    pub fn name_of<'a>(&self, p: &'a Person) -> Option<&'a str> {
        if !self.sees(p) {
            return None;
        }
        self.identity(p).map(|(n, _)| n)
    }

    /// What is on record besides the name, whole, for a viewer who may see it (the edit
    /// form, which must hold the values themselves).
    pub fn particulars_of<'a>(&self, p: &'a Person) -> Option<&'a Particulars> {
        if !self.sees(p) {
            return None;
        }
        self.identity(p).map(|(_, r)| r)
    }

    /// The ID number, as `place` shows it (None: hidden, or none on record).
    pub fn id_number(&self, p: &Person, place: Place) -> Option<String> {
        let n = self.particulars_of(p)?.id_number.as_deref()?;
        Some(at_place(n, place))
    }

    /// The kind of the ID paper ("cccd", "cmnd", …), for a viewer who sees the person.
    pub fn id_kind<'a>(&self, p: &'a Person) -> Option<&'a str> {
        self.particulars_of(p)?.id_kind.as_deref()
    }

    /// The phone, as `place` shows it.
    pub fn phone(&self, p: &Person, place: Place) -> Option<String> {
        let n = self.particulars_of(p)?.phone.as_deref()?;
        Some(at_place(n, place))
    }

    /// The address (None: hidden or empty).
    pub fn address<'a>(&self, p: &'a Person) -> Option<&'a str> {
        Some(self.particulars_of(p)?.address.as_str()).filter(|a| !a.is_empty())
    }

    pub fn birth_year(&self, p: &Person) -> Option<i32> {
        self.particulars_of(p)?.birth_year
    }

    /// A group's representatives (None: hidden or none).
    pub fn representatives<'a>(&self, p: &'a Person) -> Option<&'a [String]> {
        Some(self.particulars_of(p)?.representatives.as_slice()).filter(|r| !r.is_empty())
    }
}

/// An ID number or a phone as a place shows it: whole in a detail, its last four characters
/// in a list ("…4567").
fn at_place(value: &str, place: Place) -> String {
    match place {
        Place::Detail => value.to_owned(),
        Place::List => {
            let chars: Vec<char> = value.chars().collect();
            if chars.len() <= 4 {
                value.to_owned()
            } else {
                let tail: String = chars[chars.len() - 4..].iter().collect();
                format!("…{tail}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn denouncer(record: Record, code: Option<&str>, disclosed: bool) -> Person {
        Person::of(
            "Trần Thị Mật",
            Context::Denunciation {
                record,
                code: code.map(str::to_owned),
                disclosed,
            },
        )
        .with(Particulars {
            id_kind: Some("cccd".into()),
            id_number: Some("001203004567".into()),
            phone: Some("0977000111".into()),
            address: "Số 9 ngõ Kín".into(),
            birth_year: Some(1980),
            representatives: vec!["Trần Thị Mật".into()],
        })
    }

    #[test]
    fn a_denouncer_is_a_pseudonym_until_revealed_or_disclosed() {
        let r = Record::Case("u1".into());
        let p = denouncer(r.clone(), Some("TC-2026-0007"), false);
        let mut v = Viewer::nobody();
        assert_eq!(v.show(&p), Shown::Pseudonym("TC-2026-0007"));
        assert!(!v.sees(&p));
        v.reveal(Record::Case("other".into()));
        assert_eq!(v.show(&p), Shown::Pseudonym("TC-2026-0007"));
        v.reveal(r);
        assert_eq!(v.show(&p), Shown::Named("Trần Thị Mật"));
        v.forget();
        assert!(!v.sees(&p));
        let d = denouncer(Record::Visit("v".into()), None, true);
        assert_eq!(Viewer::nobody().show(&d), Shown::Named("Trần Thị Mật"));
        let h = denouncer(Record::Visit("v".into()), None, false);
        assert_eq!(Viewer::nobody().show(&h), Shown::Hidden);
    }

    #[test]
    fn every_part_of_a_denouncers_identity_follows_the_one_rule() {
        let r = Record::Visit("v1".into());
        let p = denouncer(r.clone(), Some("TC-2026-BD-0001"), false);
        let mut v = Viewer::nobody();
        assert_eq!(v.id_number(&p, Place::Detail), None);
        assert_eq!(v.id_kind(&p), None);
        assert_eq!(v.phone(&p, Place::Detail), None);
        assert_eq!(v.address(&p), None);
        assert_eq!(v.birth_year(&p), None);
        assert_eq!(v.representatives(&p), None);
        assert!(v.particulars_of(&p).is_none());
        v.reveal(r.clone());
        assert_eq!(
            v.id_number(&p, Place::Detail).as_deref(),
            Some("001203004567")
        );
        assert_eq!(v.id_kind(&p), Some("cccd"));
        assert_eq!(v.phone(&p, Place::Detail).as_deref(), Some("0977000111"));
        assert_eq!(v.address(&p), Some("Số 9 ngõ Kín"));
        assert_eq!(v.birth_year(&p), Some(1980));
        assert_eq!(v.representatives(&p).map(<[String]>::len), Some(1));
        // A reveal lasts as long as its view.
        v.keep_only(&[&Record::Case("another".into())]);
        assert!(!v.sees(&p));
        v.reveal(r.clone());
        v.keep_only(&[&r]);
        assert!(v.sees(&p));
    }

    #[test]
    fn lists_show_an_id_number_or_a_phone_by_its_last_four_digits() {
        let p = Person::open("Lê Văn An").with(Particulars {
            id_number: Some("001203004567".into()),
            phone: Some("0912345678".into()),
            ..Particulars::default()
        });
        let v = Viewer::nobody();
        assert_eq!(v.id_number(&p, Place::List).as_deref(), Some("…4567"));
        assert_eq!(v.phone(&p, Place::List).as_deref(), Some("…5678"));
        assert_eq!(
            v.id_number(&p, Place::Detail).as_deref(),
            Some("001203004567")
        );
        assert_eq!(at_place("1234", Place::List), "1234");
    }

    #[test]
    fn a_pseudonym_is_only_ever_a_denunciations_code() {
        let p = denouncer(Record::Case("u".into()), Some("KN-2026-BD-0001"), false);
        assert_eq!(Viewer::nobody().show(&p), Shown::Hidden);
        let p = denouncer(Record::Case("u".into()), Some("KNPA-2026-0001"), false);
        assert_eq!(Viewer::nobody().show(&p), Shown::Hidden);
        let p = denouncer(Record::Case("u".into()), Some("TC-2026-0001"), false);
        assert_eq!(Viewer::nobody().show(&p), Shown::Pseudonym("TC-2026-0001"));
    }

    #[test]
    fn a_paper_that_leaves_the_desk_never_names_a_denouncer() {
        let r = Record::Case("u".into());
        let disclosed = denouncer(r.clone(), Some("TC-2026-0001"), true);
        assert_eq!(
            Viewer::nobody().show(&disclosed),
            Shown::Named("Trần Thị Mật")
        );
        let mut out = Viewer::outside();
        out.reveal(r);
        assert_eq!(out.show(&disclosed), Shown::Pseudonym("TC-2026-0001"));
        assert_eq!(out.address(&disclosed), None);
        assert_eq!(
            Viewer::outside().show(&Person::open("Lê Văn An")),
            Shown::Named("Lê Văn An")
        );
    }

    #[test]
    fn an_open_name_is_named_and_debug_never_prints_an_identity() {
        assert_eq!(
            Viewer::nobody().show(&Person::open("Lê Văn An")),
            Shown::Named("Lê Văn An")
        );
        let p = denouncer(Record::Visit("v".into()), None, false);
        let debug = format!("{p:?}");
        for secret in ["Mật", "001203004567", "0977000111", "Kín"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        let o = Person::open("Lê Văn An").with(Particulars {
            phone: Some("0912345678".into()),
            ..Particulars::default()
        });
        assert!(!format!("{o:?}").contains("0912345678"));
    }
}
