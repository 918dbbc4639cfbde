//! Records a desk removes, removed where its package goes (issue 27, issue 30): a visit
//! taken out of its case at one desk (its link's `delete` entry; the package carries no
//! record of it) is taken out at the desk that merges the package — through the row writer,
//! with its own `delete` entry, in the merge's one transaction — when ours is the link they
//! removed; merging again changes nothing; a dry run says so and writes nothing; a removal
//! from another state than ours is a conflict, nothing removed.

mod common;

use common::desks::*;
use common::*;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::store::{AuditFilter, SharedCaseChoice, Store, VisitInput};

const ID: &str = "001190000777";

impl Desk {
    /// Two thụ lý visits of one citizen in one case: the visits' and the case's uids.
    fn shared_case(&mut self) -> (String, String, String) {
        let v = valid(&draft("Vũ Thị Chung Việc", ID));
        let first = write(&mut self.store, &self.actor, |w| {
            w.save_visit(&input(&v), &CaseChoice::OpenNew)
        });
        let case = first.case.unwrap().uid;
        let second = write(&mut self.store, &self.actor, |w| {
            w.save_visit(&input(&v), &CaseChoice::Join(case.clone()))
        });
        assert!(second.case.unwrap().joined);
        (first.uid, second.uid, case)
    }

    /// Correct a visit of a shared case to another field, the visit alone: it leaves the
    /// case (its link removed) and takes in a case of its own.
    fn leave(&mut self, visit: &str) {
        let version = self.store.visit_detail(visit).unwrap().row.version;
        let mut d = draft("Vũ Thị Chung Việc", ID);
        d.field = "khac".into();
        let v = valid(&d);
        let input = VisitInput {
            shared: SharedCaseChoice::Leave,
            ..input(&v)
        };
        write(&mut self.store, &self.actor, |w| {
            w.update_visit(visit, version, &input, &CaseChoice::OpenNew)
        });
    }

    /// The journal's `delete` entries of a link.
    fn deletes(&self, link: &str) -> usize {
        self.store
            .journal(&AuditFilter {
                record: Some(link.to_owned()),
                ..Default::default()
            })
            .unwrap()
            .iter()
            .filter(|a| a.entity == Entity::CaseVisit && a.op == Op::Delete)
            .count()
    }
}

#[test]
fn a_link_the_other_desk_removed_is_removed_here_and_merging_again_changes_nothing() {
    let mut a = desk_a();
    let mut b = desk_b();
    let (first, second, case) = a.shared_case();
    let out = b.merge(&a.package());
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    let link = format!("{case}/{first}");
    assert_eq!(b.links(), a.links());
    assert!(b.links().contains(&link));

    a.leave(&first);
    assert!(!a.links().contains(&link));
    let p = a.package();
    // The package names the removal and carries no record of the link.
    assert!(
        p.journal
            .iter()
            .any(|e| e.op == "delete" && e.record == link)
    );
    assert!(!p.records.iter().any(|r| r.uid == link));
    let out = b.merge(&p);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    assert_eq!(out.removed, 1);
    assert_eq!(out.removals, [(Entity::CaseVisit, link.clone())]);
    assert_eq!(b.links(), a.links());
    assert!(b.links().contains(&format!("{case}/{second}")));
    // Through the row writer: its own entry here.
    assert_eq!(b.deletes(&link), 1);
    // The case here has the one visit left, as there.
    assert_eq!(
        b.store.case_detail(&case).unwrap().visits.len(),
        a.store.case_detail(&case).unwrap().visits.len()
    );
    b.checked();

    // Merging again: nothing removed, nothing added or changed.
    let head = b.head();
    let again = b.merge(&p);
    assert_eq!(
        (again.removed, again.updated, again.added_total()),
        (0, 0, 0)
    );
    assert!(again.conflicts.is_empty());
    assert_eq!(b.links(), a.links());
    assert_eq!(b.deletes(&link), 1);
    // Only the merge's own entry (the import of the book) was written.
    assert_eq!(b.head(), head + 1);
    b.checked();
}

#[test]
fn a_dry_run_says_what_it_would_remove_and_writes_nothing() {
    let mut a = desk_a();
    let mut b = desk_b();
    let (first, _, case) = a.shared_case();
    b.merge(&a.package());
    a.leave(&first);
    let p = a.package();
    let head = b.head();
    let plan = b.store.merge_plan(&p).unwrap();
    let link = format!("{case}/{first}");
    assert_eq!(plan.removed, 1);
    assert_eq!(plan.removals, [(Entity::CaseVisit, link.clone())]);
    assert!(plan.conflicts.is_empty());
    assert_eq!(b.head(), head);
    assert!(b.links().contains(&link));
    // And the merge does what the plan said.
    let done = b.merge(&p);
    assert_eq!(
        (done.removed, &done.removals),
        (plan.removed, &plan.removals)
    );
}

#[test]
fn a_link_made_and_removed_at_the_other_desk_is_nothing_here() {
    let mut a = desk_a();
    let mut b = desk_b();
    let (first, _, case) = a.shared_case();
    a.leave(&first);
    let out = b.merge(&a.package());
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    assert_eq!(out.removed, 0);
    assert_eq!(b.links(), a.links());
    assert!(!b.links().contains(&format!("{case}/{first}")));
    b.checked();
}

#[test]
fn a_removal_from_another_state_than_ours_is_a_conflict_and_nothing_is_removed() {
    let mut a = desk_a();
    let mut b = desk_b();
    let (first, _, case) = a.shared_case();
    b.merge(&a.package());
    let acked = a.head();
    a.leave(&first);
    let link = format!("{case}/{first}");
    // The removal's entries only, its link as it was at that desk changed: a removal made
    // from a state this book's link never had (a link's state is its two uids, so no desk
    // makes one today: the package is made by hand, and only the plan reads it unsigned).
    let mut p = a.store.package_after(acked, 500).unwrap();
    let e = p
        .journal
        .iter_mut()
        .find(|e| e.op == "delete" && e.record == link)
        .unwrap();
    e.before
        .insert("visit".into(), serde_json::Value::String("another".into()));
    assert!(
        p.verify().is_err(),
        "the package changed by hand still holds"
    );
    let plan = b.store.merge_plan(&p).unwrap();
    assert_eq!(plan.removed, 0);
    assert_eq!(plan.conflicts.len(), 1, "{:?}", plan.conflicts);
    let c = &plan.conflicts[0];
    assert_eq!(
        (c.entity, c.uid.as_str(), c.removed),
        (Entity::CaseVisit, link.as_str(), true)
    );
    assert!(b.links().contains(&link));
}

#[test]
fn import_says_what_it_removes_on_the_command_line() {
    let mut a = desk_a();
    let mut b = desk_b();
    let (first, _, case) = a.shared_case();
    b.merge(&a.package());
    a.leave(&first);
    let link = format!("{case}/{first}");
    let pkg = a.dir.path().join("BD.tiepdan");
    {
        let mut f = std::fs::File::create(&pkg).unwrap();
        tiepdan::exchange::package::write(&mut f, &a.package()).unwrap();
    }
    let pkg = pkg.to_str().unwrap();
    let db = b.dir.path().join("book.sqlite3");
    let head = b.head();
    let keep = b.dir;
    drop(b.store);
    let (code, out, err) = run_tiepdan(&db, &["import", pkg, "--dry-run"], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("gỡ (bàn kia đã gỡ): "), "{out}");
    assert!(out.contains(&link), "{out}");
    let (code, out, err) = run_tiepdan(&db, &["import", pkg, "--dry-run", "--lang", "en"], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("removed (the other desk removed it)"), "{out}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.journal_len().unwrap(), head, "a dry run wrote");
    drop(store);
    let (code, out, err) = run_tiepdan(&db, &["import", pkg, "--pin-stdin"], &format!("{PIN}\n"));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Đã gỡ 1 hồ sơ bàn kia đã gỡ"), "{out}");
    drop(keep);
}
