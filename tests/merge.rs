//! Merging desks (issue 27): a desk's package (its journal segment, signed, and the records
//! it touched) into an empty book gives the same records; two desks merged give the union,
//! one ID number one citizen; merging again changes nothing; a record edited at both desks
//! is listed as a conflict and nothing of it written; `check` passes on the merged book; a
//! denouncer is nowhere in a package in the clear; a changed package is refused.

mod common;

use common::desks::*;
use common::*;
use tiepdan::domain::case::Action;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::journal::Entity;
use tiepdan::domain::report::{Figure, Period};
use tiepdan::domain::text::fold;
use tiepdan::domain::visit::VisitDraft;
use tiepdan::exchange::package;
use tiepdan::store::{PackageError, StepInput};
use unicode_normalization::UnicodeNormalization;

const NAME: &str = "Trần Thị Bảo Mật";
const CCCD: &str = "001203004567";
const PHONE: &str = "0977000111";
const ADDRESS: &str = "Số 9 ngõ Kín Đáo";
/// The group's other representative.
const REP: &str = "Hà Văn Kín Tiếng";
/// The citizen both desks received: one ID number, one person.
const SHARED_ID: &str = "001090000001";

/// A visit guided on the spot (no case), of `name` with `id`.
fn guided(name: &str, id: &str, phone: &str, content: &str) -> VisitDraft {
    let mut d = draft(name, id);
    d.phone = phone.into();
    d.handling = "huong_dan".into();
    d.content = content.into();
    d
}

fn denunciation() -> VisitDraft {
    let mut d = draft(NAME, CCCD);
    d.phone = PHONE.into();
    d.address = ADDRESS.into();
    d.petition_type = "to_cao".into();
    d.handling = "thu_ly".into();
    d.content = "Tố cáo cán bộ địa chính nhận tiền".into();
    // A group: its representatives are identity too.
    d.people = "6".into();
    d.representatives = format!("{NAME}; {REP}");
    d
}

impl Desk {
    fn save(&mut self, d: &VisitDraft) -> String {
        save(&mut self.store, &self.actor, &valid(d))
    }

    /// Correct a visit's content as the desk does.
    fn edit(&mut self, uid: &str, d: &VisitDraft) {
        let version = self.store.visit_detail(uid).unwrap().row.version;
        let v = valid(d);
        write(&mut self.store, &self.actor, |w| {
            w.update_visit(uid, version, &input(&v), &CaseChoice::OpenNew)
        });
    }

    /// Open a case by a thụ lý visit; returns the case's uid.
    fn open_case(&mut self, d: &VisitDraft) -> String {
        let v = valid(d);
        write(&mut self.store, &self.actor, |w| {
            w.save_visit(&input(&v), &CaseChoice::OpenNew)
        })
        .case
        .expect("a thụ lý opens its case")
        .uid
    }

    /// Take a step of a case today.
    fn step(&mut self, case: &str, action: Action) {
        let s = StepInput {
            day: Some(today()),
            document_no: "12/QĐ-UBND".into(),
            ..StepInput::default()
        };
        write(&mut self.store, &self.actor, |w| {
            w.case_step(case, None, action, &s, today())
        });
    }

    fn status(&self, case: &str) -> String {
        self.text("SELECT status FROM cases WHERE uid = ?1", case)
    }

    fn count(&self, table: &str) -> i64 {
        self.store
            .inspect_one(&format!("SELECT count(*) FROM {table}"), [])
            .unwrap()
    }

    fn text(&self, sql: &str, uid: &str) -> String {
        self.store.inspect_one(sql, [uid]).unwrap()
    }
}

#[test]
fn a_package_into_an_empty_book_gives_the_same_records() {
    let mut a = desk_a();
    let case = a.open_case(&draft("Nguyễn Văn An", SHARED_ID));
    a.step(&case, Action::ClassifyOwn);
    a.step(&case, Action::Accept);
    a.save(&denunciation());
    a.save(&guided(
        "Lê Thị Hoa",
        "001090000002",
        "0912000002",
        "Hỏi thủ tục",
    ));
    let p = a.package();
    p.verify().unwrap();
    assert_eq!(p.head.desk, "BD");
    assert!(p.head.unit_key.is_some());
    // The segment is the whole chain, its signed checkpoints among it.
    assert_eq!(p.head.first_seq, 1);
    assert_eq!(p.head.last_seq, a.store.journal_len().unwrap());

    let mut c = desk("UBND quận Ba Đình", "QBD", "Đỗ Văn Tổng");
    let out = c.merge(&p);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    assert_eq!(out.added.get(&Entity::Visit), Some(&3));
    assert_eq!(out.added.get(&Entity::Case), Some(&2));
    assert_eq!(out.sealed_foreign, 1);
    // Every record as the desk has it, every field and its version (the desk's officers
    // are here to be named, never to sign in: inactive).
    let pc = c.package();
    for r in &p.records {
        let here = pc
            .records
            .iter()
            .find(|x| x.entity == r.entity && x.uid == r.uid)
            .unwrap_or_else(|| panic!("{} {} missing", r.entity, r.uid));
        if r.entity == "officer" {
            assert_eq!(here.fields["full_name"], r.fields["full_name"]);
            assert_eq!(here.fields["active"], 0);
            continue;
        }
        let mut theirs = r.fields.clone();
        if theirs.get("representatives").and_then(|v| v.as_str()) == Some("withheld") {
            // A denouncing group's representatives never leave their book.
            theirs.insert("representatives".into(), "[]".into());
        }
        assert_eq!(here.fields, theirs, "{} {}", r.entity, r.uid);
        assert_eq!(here.version, r.version, "{} {}", r.entity, r.uid);
    }
    assert_eq!(c.count("visits"), 3);
    // The case took its steps here as it did there.
    assert_eq!(c.status(&case), a.status(&case));
    assert_eq!(
        c.store.case_events(&case).unwrap().len(),
        a.store.case_events(&case).unwrap().len()
    );
    // The denouncer stays sealed, to the desk's unit key, which the record's origin names.
    let sealed: i64 = c
        .store
        .inspect_one(
            "SELECT count(*) FROM citizens c JOIN merge_origins o
               ON o.entity = 'citizen' AND o.record = c.uid
             WHERE c.sealed IS NOT NULL AND o.unit_key = ?1",
            [p.head.unit_key.as_deref().unwrap()],
        )
        .unwrap();
    assert_eq!(sealed, 1);
    c.checked();
    // The same package again: nothing.
    let again = c.merge(&p);
    assert_eq!((again.added_total(), again.updated), (0, 0));
    assert!(again.conflicts.is_empty());
    assert_eq!(c.package().records, pc.records);
    c.checked();
}

#[test]
fn two_desks_merged_give_the_union_and_a_record_edited_at_both_is_a_conflict() {
    let mut a = desk_a();
    let mut b = desk_b();
    let an_a = guided("Nguyễn Văn An", SHARED_ID, "0912000001", "Hỏi về sổ đỏ");
    let va = a.save(&an_a);
    let an_b = guided("Nguyễn Văn An", SHARED_ID, "0912000001", "Hỏi về đền bù");
    let vb1 = b.save(&an_b);
    let binh = guided(
        "Trần Văn Bình",
        "001090000003",
        "0912000003",
        "Hỏi về hộ khẩu",
    );
    let vb2 = b.save(&binh);
    let cuc = guided(
        "Phạm Thị Cúc",
        "001090000004",
        "0912000004",
        "Hỏi về thuế đất",
    );
    let vb3 = b.save(&cuc);

    let out = a.merge(&b.package());
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    assert_eq!(out.aliased, 1, "one ID number, one citizen");
    assert_eq!(a.count("visits"), 4);
    assert_eq!(a.count("citizens"), 3);
    assert_eq!(a.count("citizen_aliases"), 1);
    // B's visit of An names A's An.
    let citizen_of = |d: &Desk, v: &str| {
        d.text(
            "SELECT c.uid FROM visits v JOIN citizens c ON c.id = v.citizen_id WHERE v.uid = ?1",
            v,
        )
    };
    assert_eq!(citizen_of(&a, &vb1), citizen_of(&a, &va));
    // Each visit knows its desk (its session's).
    let desk_of = |d: &Desk, v: &str| {
        d.text(
            "SELECT s.desk FROM visits v JOIN sessions s ON s.id = v.session_id WHERE v.uid = ?1",
            v,
        )
    };
    assert_eq!(desk_of(&a, &va), "BD");
    assert_eq!(desk_of(&a, &vb2), "KM");
    a.checked();
    // Reports per desk, or for all.
    let month = Period::parse("2026-11").unwrap();
    let visits = |d: &Desk, desk: Option<&str>| {
        let r = match desk {
            Some(code) => d.store.period_report_of_desk(month, today(), code),
            None => d.store.period_report(month, today()),
        };
        r.unwrap().figure(Figure::Visits)
    };
    assert_eq!(visits(&a, None), 4);
    assert_eq!(visits(&a, Some("BD")), 1);
    assert_eq!(visits(&a, Some("KM")), 3);
    assert_eq!(a.store.report_desks().unwrap(), ["BD", "KM"]);

    // Again: nothing changes.
    let before = a.package().records;
    let again = a.merge(&b.package());
    assert_eq!(
        (again.added_total(), again.updated, again.aliased),
        (0, 0, 0)
    );
    assert!(again.conflicts.is_empty());
    assert_eq!(a.package().records, before);

    // Both desks edit Bình's visit; only B edits Cúc's.
    let mut b2 = binh.clone();
    b2.content = "Hỏi về hộ khẩu và tạm trú".into();
    b.edit(&vb2, &b2);
    let mut a2 = binh.clone();
    a2.content = "Hỏi về hộ khẩu (ghi lại ở phường)".into();
    a.edit(&vb2, &a2);
    let mut c2 = cuc.clone();
    c2.content = "Hỏi về thuế đất năm 2026".into();
    b.edit(&vb3, &c2);
    let content = |d: &Desk, v: &str| d.text("SELECT content FROM visits WHERE uid = ?1", v);

    let out = a.merge(&b.package());
    assert_eq!(out.conflicts.len(), 1, "{:?}", out.conflicts);
    assert_eq!(out.conflicts[0].entity, Entity::Visit);
    assert_eq!(out.conflicts[0].uid, vb2);
    assert_eq!(out.updated, 1);
    // The conflict is not chosen: A keeps its own; Cúc's visit is B's now.
    assert_eq!(content(&a, &vb2), a2.content);
    assert_eq!(content(&a, &vb3), c2.content);
    a.checked();
    // Listed again on the next merge, still not written.
    let out = a.merge(&b.package());
    assert_eq!(out.conflicts.len(), 1);
    assert_eq!(out.updated, 0);

    // A case opened at B, merged, then stepped at B only: A takes its steps.
    let mut dung = guided(
        "Đặng Văn Dũng",
        "001090000005",
        "0912000005",
        "Khiếu nại về đền bù",
    );
    dung.handling = "thu_ly".into();
    let case = b.open_case(&dung);
    let out = a.merge(&b.package());
    assert_eq!(out.added.get(&Entity::Case), Some(&1));
    b.step(&case, Action::ClassifyOwn);
    b.step(&case, Action::Accept);
    let out = a.merge(&b.package());
    assert_eq!(out.added.get(&Entity::CaseEvent), Some(&2), "{out:?}");
    assert_eq!(out.updated, 1);
    assert_eq!(a.status(&case), b.status(&case));
    a.checked();

    // B takes A's package: A's An is B's An, its own records come back unchanged, Bình's
    // visit is the conflict seen from B.
    let out = b.merge(&a.package());
    assert_eq!(out.aliased, 1);
    assert_eq!(out.conflicts.len(), 1, "{:?}", out.conflicts);
    assert_eq!(out.conflicts[0].uid, vb2);
    assert_eq!(b.count("visits"), 5);
    assert_eq!(b.count("citizens"), 4);
    assert_eq!(citizen_of(&b, &va), citizen_of(&b, &vb1));
    assert_eq!(content(&b, &vb2), b2.content);
    b.checked();

    // Another book calling itself KM, signed by another key: not the desk merged before.
    let mut fake = desk("UBND phường Kim Mã", "KM", "Phạm Văn Giả");
    fake.save(&guided(
        "Trần Văn Bình",
        "001090000003",
        "0912000003",
        "Hỏi về hộ khẩu",
    ));
    let key_b = b.package().head.desk_key;
    assert_eq!(
        a.store.package_refusal(&fake.package()).unwrap(),
        Some(PackageError::KeyChanged("KM".into(), key_b))
    );
    assert!(
        a.store
            .write(&a.actor, |w| w.merge_package(&fake.package(), "test"))
            .is_err()
    );
    assert_eq!(a.store.package_refusal(&b.package()).unwrap(), None);
}

fn needles() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for s in [NAME, "Bảo Mật", CCCD, PHONE, ADDRESS, "ngõ Kín Đáo", REP] {
        let nfd: String = s.nfd().collect();
        for form in [s.to_owned(), nfd, fold(s), fold(s).to_uppercase()] {
            out.push((form.clone(), form.into_bytes()));
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_denouncer_is_nowhere_in_a_package_in_the_clear() {
    let mut a = desk_a();
    a.save(&denunciation());
    a.save(&guided(
        "Lê Thị Hoa",
        "001090000002",
        "0912000002",
        "Hỏi thủ tục",
    ));
    let p = a.package();
    let mut bytes = Vec::new();
    package::write(&mut bytes, &p).unwrap();
    for (text, n) in needles() {
        assert!(!contains(&bytes, &n), "the package holds {text:?}");
    }
    // What it does hold: an ordinary petitioner in the clear, the denouncer's ciphertext.
    assert!(contains(&bytes, "Lê Thị Hoa".as_bytes()));
    let sealed = p
        .records
        .iter()
        .filter(|r| r.entity == "citizen")
        .filter(|r| r.fields["sealed"].as_str().is_some_and(|s| s.len() > 64))
        .count();
    assert_eq!(sealed, 1);
    // The file reads back as the same package.
    assert_eq!(package::read(&bytes).unwrap(), p);
}

#[test]
fn a_changed_package_is_refused_and_nothing_is_written() {
    let mut a = desk_a();
    let v = a.save(&guided(
        "Lê Thị Hoa",
        "001090000002",
        "0912000002",
        "Hỏi thủ tục",
    ));
    let p = a.package();
    let mut c = desk("UBND quận Ba Đình", "QBD", "Đỗ Văn Tổng");
    let visits = c.count("visits");
    // A record's field changed.
    let mut changed = p.clone();
    let r = changed.records.iter_mut().find(|r| r.uid == v).unwrap();
    r.fields.insert("content".into(), "Nội dung khác".into());
    assert_eq!(changed.verify(), Err(PackageError::Signature));
    assert!(
        c.store
            .write(&c.actor, |w| w.merge_package(&changed, "test"))
            .is_err()
    );
    // An entry of the segment left out.
    let mut short = p.clone();
    short.journal.remove(3);
    assert_eq!(short.verify(), Err(PackageError::Signature));
    assert_eq!(c.count("visits"), visits);
    // Another book with the desk's own code: refused (their case codes would collide).
    let mut same = desk("UBND phường Ba Đình (máy 2)", "BD", "Vũ Thị Hai");
    same.save(&guided(
        "Đinh Văn Ba",
        "001090000009",
        "0912000009",
        "Hỏi thủ tục",
    ));
    assert_eq!(
        a.store.package_refusal(&same.package()).unwrap(),
        Some(PackageError::SameDesk("BD".into()))
    );
    assert!(
        a.store
            .write(&a.actor, |w| w.merge_package(&same.package(), "test"))
            .is_err()
    );
    // Its own package is no clash (and adds nothing).
    assert_eq!(a.store.package_refusal(&p).unwrap(), None);
    assert_eq!(a.merge(&p).added_total(), 0);
    // Not a package at all.
    assert!(matches!(
        package::read(b"STT,Ho ten\n1,An\n"),
        Err(package::ReadError::NotPackage)
    ));
}

/// Run the binary on `db` with `stdin`; (success, stdout, stderr).
fn run(db: &std::path::Path, args: &[&str], stdin: &str) -> (bool, String, String) {
    let (code, out, err) = run_tiepdan(db, args, stdin);
    (code == 0, out, err)
}

#[test]
fn the_commands_export_check_and_merge_a_package() {
    let mut a = desk_a();
    a.save(&guided(
        "Lê Thị Hoa",
        "001090000002",
        "0912000002",
        "Hỏi thủ tục",
    ));
    a.save(&denunciation());
    let mut b = desk_b();
    b.save(&guided(
        "Trần Văn Bình",
        "001090000003",
        "0912000003",
        "Hỏi về hộ khẩu",
    ));
    let (a_dir, b_dir) = (a.dir, b.dir);
    drop((a.store, b.store));
    let (a_db, b_db) = (
        a_dir.path().join("book.sqlite3"),
        b_dir.path().join("book.sqlite3"),
    );
    let pkg = a_dir.path().join("BD.tiepdan");
    let pin = format!("{PIN}\n");
    let pkg_s = pkg.to_str().unwrap();
    let (ok, _, err) = run(
        &a_db,
        &[
            "export",
            "--format",
            "tiepdan",
            "--out",
            pkg_s,
            "--pin-stdin",
        ],
        &pin,
    );
    assert!(ok, "{err}");
    assert!(err.contains("BD"), "{err}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pkg).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Checked, nothing written.
    let (ok, out, err) = run(&b_db, &["import", pkg_s, "--dry-run"], "");
    assert!(ok, "{err}");
    assert!(out.contains("Gói của bàn BD"), "{out}");
    // Merged; again, nothing.
    let (ok, out, err) = run(&b_db, &["import", pkg_s, "--pin-stdin"], &pin);
    assert!(ok, "{err}");
    assert!(out.contains("Đã gộp: "), "{out}");
    assert!(!out.contains("Đã gộp: 0 hồ sơ mới"), "{out}");
    let (ok, out, err) = run(&b_db, &["import", pkg_s, "--pin-stdin"], &pin);
    assert!(ok, "{err}");
    assert!(out.contains("Đã gộp: 0 hồ sơ mới, 0 cập nhật"), "{out}");
    let (ok, out, err) = run(&b_db, &["check"], "");
    assert!(ok, "{out}{err}");
    // Reports per desk.
    let figure = |unit: &str| {
        let (ok, out, err) = run(
            &b_db,
            &[
                "report", "--period", "2026-11", "--format", "json", "--unit", unit,
            ],
            "",
        );
        assert!(ok, "{err}");
        out
    };
    let (all, bd, km) = (figure("all"), figure("BD"), figure("KM"));
    assert_ne!(all, bd);
    assert_ne!(bd, km);
    let (ok, _, err) = run(
        &b_db,
        &["report", "--period", "2026-11", "--unit", "XX"],
        "",
    );
    assert!(!ok);
    assert!(err.contains("BD, KM"), "{err}");
    // A changed package is refused, naming why.
    let text = std::fs::read_to_string(&pkg).unwrap();
    std::fs::write(&pkg, text.replacen("Hỏi thủ tục", "Hỏi thủ tục khác", 1)).unwrap();
    let (ok, _, err) = run(&b_db, &["import", pkg_s, "--dry-run"], "");
    assert!(!ok);
    assert!(err.contains("chữ ký"), "{err}");
}

#[test]
fn a_package_of_a_period_carries_its_segment_and_what_it_names() {
    use chrono::{FixedOffset, NaiveDate, TimeZone};
    let day = |d: u32| {
        FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, d, 9, 0, 0)
            .unwrap()
    };
    let date = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
    tiepdan::store::clock::fix(Some(day(20)));
    let mut a = desk_a();
    let case = a.open_case(&draft("Nguyễn Văn An", SHARED_ID));
    let hoa = a.save(&guided(
        "Lê Thị Hoa",
        "001090000002",
        "0912000002",
        "Hỏi thủ tục",
    ));
    tiepdan::store::clock::fix(Some(day(21)));
    let binh = a.save(&guided(
        "Trần Văn Bình",
        "001090000003",
        "0912000003",
        "Hỏi hộ khẩu",
    ));
    a.step(&case, Action::ClassifyOwn);
    let p21 = a.store.package(date(21), date(21)).unwrap();
    p21.verify().unwrap();
    // The segment starts mid-chain; the day's checkpoint (signing the 20th) is in it.
    assert!(p21.head.first_seq > 1);
    assert_ne!(p21.head.prev, "0".repeat(64));
    assert!(p21.journal.iter().any(|e| e.op == "checkpoint"));
    let uids: Vec<&str> = p21.records.iter().map(|r| r.uid.as_str()).collect();
    assert!(uids.contains(&binh.as_str()) && uids.contains(&case.as_str()));
    assert!(
        !uids.contains(&hoa.as_str()),
        "the 20th's visit is not in the 21st's package"
    );

    tiepdan::store::clock::fix(Some(day(22)));
    let mut c = desk("UBND quận Ba Đình", "QBD", "Đỗ Văn Tổng");
    let out = c.merge(&p21);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    // Bình's visit, and the case stepped on the 21st with every step it took (it opened on
    // the 20th with its visit).
    assert_eq!(c.status(&case), a.status(&case));
    assert_eq!(
        c.store.case_events(&case).unwrap().len(),
        a.store.case_events(&case).unwrap().len()
    );
    assert_eq!(c.count("visits"), 2);
    c.checked();
    // The 20th, then the whole book: the rest, then nothing.
    let out = c.merge(&a.store.package(date(20), date(20)).unwrap());
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    assert_eq!(c.count("visits"), 3);
    let out = c.merge(&a.package());
    assert_eq!((out.added_total(), out.updated), (0, 0));
    assert!(out.conflicts.is_empty());
    c.checked();
    tiepdan::store::clock::fix(None);
}
