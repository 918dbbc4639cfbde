//! The smaller edges of issue 22.11: a visit voided in another window is a conflict when
//! edited; every text has a bound, said in the officer's words; weekdays and counts read in
//! the viewer's language; a case's timeline keeps facts and words them when shown.

mod common;

use common::*;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::i18n::{Lang, store_error};
use tiepdan::store::{Store, StoreError};

#[test]
fn editing_a_visit_voided_elsewhere_is_a_conflict() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut d = draft("Trần Văn Đức", "001085012345");
    d.handling = "huong_dan".into();
    let v = valid(&d);
    let uid = save(&mut store, &officer, &v);
    let version = store.visit_detail(&uid).unwrap().row.version;
    // Another window voids it.
    write(&mut store, &officer, |w| {
        w.void_visit(&uid, version, "Ghi nhầm")
    });
    // This window saves its edit, made from the version it read.
    let r = store.write(&officer, |w| {
        w.update_visit(&uid, version, &input(&v), &CaseChoice::OpenNew)
    });
    let Err(e @ StoreError::Conflict { .. }) = r else {
        panic!("a conflict, not {r:?}");
    };
    let said = store_error(Lang::Vi, &e);
    assert!(said.contains("ở nơi khác"), "{said}");
    // Voiding it again from the old version: the same.
    let r = store.write(&officer, |w| w.void_visit(&uid, version, "Lần nữa"));
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
}
