//! Desks of their own for the merge tests (tests/merge*.rs): a book in a temp folder with its
//! unit, desk code and first officer, and what every merge test asks of it. A test file adds
//! its own methods in an `impl Desk` of its own.

use tiepdan::store::{Actor, MergeOutcome, Package, Store};

use super::{PIN, cheap, write};

pub struct Desk {
    /// The book's folder (its file is `book.sqlite3`; packages are written next to it).
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub actor: Actor,
}

/// A book of its own in a temp folder: its unit, desk code and first officer.
pub fn desk(unit: &str, code: &str, officer: &str) -> Desk {
    cheap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let actor = store.first_start(unit, code, officer, PIN, PIN).unwrap();
    Desk { dir, store, actor }
}

pub fn desk_a() -> Desk {
    desk("UBND phường Ba Đình", "BD", "Nguyễn Thị Lan")
}

pub fn desk_b() -> Desk {
    desk("UBND phường Kim Mã", "KM", "Phạm Văn Hùng")
}

impl Desk {
    /// Everything the desk holds, as a package.
    pub fn package(&self) -> Package {
        self.store.package(None, None).unwrap()
    }

    pub fn merge(&mut self, p: &Package) -> MergeOutcome {
        write(&mut self.store, &self.actor, |w| w.merge_package(p, "test"))
    }

    /// `tiepdan check` passes on the book.
    pub fn checked(&self) {
        let c = self.store.verify_book(None).unwrap();
        assert!(c.ok(), "check fails: {c:?}");
    }

    /// The links of visits to cases (`case/visit`).
    pub fn links(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .package()
            .records
            .into_iter()
            .filter(|r| r.entity == "case_visit")
            .map(|r| r.uid)
            .collect();
        out.sort();
        out
    }

    pub fn head(&self) -> i64 {
        self.store.journal_len().unwrap()
    }
}
