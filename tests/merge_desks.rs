//! Merging desks, what issue 27 still missed: a desk's new signing key accepted by an
//! administrator who types it (journaled, listed by `tiepdan desk list`); the fields a
//! package's records name travel with it (new ones added, the same code with another
//! meaning a conflict that holds back only the records naming it); the other desk's
//! deadline rules and holidays never imported, only said to differ; `tiepdan import
//! PACKAGE` exits 3 when records are left to review, and `--dry-run` lists what it would do.

mod common;

use common::desks::*;
use common::*;
use tiepdan::domain::calendar::DayKind;
use tiepdan::domain::journal::Entity;
use tiepdan::domain::visit::{ValidVisit, VisitDraft, validate};
use tiepdan::store::{PackageError, StoreError};

/// A new field of this desk's catalog, as an administrator would add it (no command adds
/// one yet: written straight into the book's file).
fn add_field(d: &Desk, code: &str, name: &str, column: &str) {
    let conn = rusqlite::Connection::open(d.dir.path().join("book.sqlite3")).unwrap();
    conn.execute(
        "INSERT INTO fields (uid, code, name, report_column, sort_order)
         VALUES ('0192f000-0000-7000-8000-0000000000aa', ?1, ?2, ?3, 50)",
        [code, name, column],
    )
    .unwrap();
}

/// A visit guided on the spot (no case) in `field`.
fn guided(name: &str, id: &str, field: &str) -> ValidVisit {
    let mut d: VisitDraft = draft(name, id);
    d.handling = "huong_dan".into();
    d.field = field.into();
    d.content = format!("Hỏi về {field}");
    let codes: Vec<String> = ["dat_dai", "moi_truong", "an_ninh", field]
        .iter()
        .map(|s| s.to_string())
        .collect();
    validate(&d, today(), 5, &codes).visit.unwrap()
}

impl Desk {
    fn save(&mut self, v: &ValidVisit) -> String {
        save(&mut self.store, &self.actor, v)
    }

    fn count(&self, sql: &str) -> i64 {
        self.store.inspect_one(sql, []).unwrap()
    }
}

#[test]
fn a_desks_new_key_is_refused_until_an_administrator_types_it() {
    let mut a = desk_a();
    a.save(&guided("Lê Thị Hoa", "001090000002", "dat_dai"));
    let mut hub = desk("UBND quận Ba Đình", "QBD", "Đỗ Văn Tổng");
    assert!(hub.store.merged_desks().unwrap().is_empty());
    hub.merge(&a.package());
    let old_key = a.store.desk_public_key().unwrap().unwrap();
    // Desk BD starts a new book (a new machine): a new key, the same code.
    let mut a2 = desk("UBND phường Ba Đình", "BD", "Vũ Thị Hai");
    a2.save(&guided("Đinh Văn Ba", "001090000009", "dat_dai"));
    let new_key = a2.store.desk_public_key().unwrap().unwrap();
    assert_ne!(old_key, new_key);
    let p2 = a2.package();
    assert_eq!(
        hub.store.package_refusal(&p2).unwrap(),
        Some(PackageError::KeyChanged("BD".into(), old_key.clone()))
    );
    assert!(
        hub.store
            .write(&hub.actor, |w| w.merge_package(&p2, "test"))
            .is_err()
    );
    // A key that does not read, a desk never merged here: refused, nothing journaled.
    let entries = hub.count("SELECT count(*) FROM journal");
    let bad = hub
        .store
        .write(&hub.actor, |w| w.trust_desk_key("BD", &new_key[..60]));
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    let unknown = hub
        .store
        .write(&hub.actor, |w| w.trust_desk_key("KM", &new_key));
    assert!(
        matches!(unknown, Err(StoreError::NotFound("desk"))),
        "{unknown:?}"
    );
    assert_eq!(hub.count("SELECT count(*) FROM journal"), entries);
    // Typed as read out over the phone: in groups, in capitals.
    let typed: Vec<String> = new_key
        .to_uppercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    assert!(write(&mut hub.store, &hub.actor, |w| {
        w.trust_desk_key("BD", &typed.join(" "))
    }));
    // Again: nothing.
    assert!(!write(&mut hub.store, &hub.actor, |w| {
        w.trust_desk_key("BD", &new_key)
    }));
    assert_eq!(
        hub.count(
            "SELECT count(*) FROM journal WHERE op = 'desk_key_trusted' AND entity = 'desk_key'
               AND record = 'BD'"
        ),
        1
    );
    assert_eq!(hub.store.package_refusal(&p2).unwrap(), None);
    assert_eq!(hub.merge(&p2).added[&Entity::Visit], 1);
    // The old key's packages are now the ones refused.
    assert_eq!(
        hub.store.package_refusal(&a.package()).unwrap(),
        Some(PackageError::KeyChanged("BD".into(), new_key.clone()))
    );
    let desks = hub.store.merged_desks().unwrap();
    assert_eq!(desks.len(), 1);
    let bd = &desks[0];
    assert_eq!(
        (
            bd.desk.as_str(),
            bd.unit.as_str(),
            bd.key.as_str(),
            bd.trusted
        ),
        ("BD", "UBND phường Ba Đình", new_key.as_str(), true)
    );
    assert!(bd.records >= 4, "{bd:?}");
    assert!(bd.last_merge.is_some());
    hub.checked();
}

#[test]
fn the_fields_a_package_names_travel_with_it() {
    let mut a = desk_a();
    add_field(&a, "an_ninh", "An ninh trật tự", "hc_khac");
    // Môi trường means another thing at this desk: rolled up to another column.
    write(&mut a.store, &a.actor, |w| {
        w.set_field_report_column("moi_truong", "hc_khac", "hc_dat_dai_nha_cua")
    });
    let v_new = a.save(&guided("Lê Thị Hoa", "001090000002", "an_ninh"));
    let v_moved = a.save(&guided("Trần Văn Bình", "001090000003", "moi_truong"));
    let v_plain = a.save(&guided("Phạm Thị Cúc", "001090000004", "dat_dai"));
    let p = a.package();
    let codes: Vec<&str> = p.fields.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes.len(), 3, "{codes:?}");
    for c in ["an_ninh", "moi_truong", "dat_dai"] {
        assert!(codes.contains(&c), "{codes:?}");
    }
    assert!(p.verify().is_ok());
    assert_eq!(p.head.version, 2);
    // A form this program does not know is refused as such (not as a bad signature).
    let mut later = p.clone();
    later.head.version = 3;
    assert!(matches!(later.verify(), Err(PackageError::Format(_))));

    let mut b = desk_b();
    let plan = b.store.merge_plan(&p).unwrap();
    let done = b.merge(&p);
    // The dry run said what the merge did.
    assert_eq!(plan, done);
    assert_eq!(done.fields_added, vec!["an_ninh".to_owned()]);
    assert_eq!(done.field_conflicts.len(), 1);
    let fc = &done.field_conflicts[0];
    assert_eq!(fc.code, "moi_truong");
    assert_eq!(fc.ours.1, "hc_khac");
    assert_eq!(fc.theirs.1, "hc_dat_dai_nha_cua");
    // Only the visit naming it is held back, named with the field.
    assert_eq!(done.conflicts.len(), 1, "{:?}", done.conflicts);
    assert_eq!(done.conflicts[0].uid, v_moved);
    assert_eq!(done.conflicts[0].field.as_deref(), Some("moi_truong"));
    assert!(done.has_conflicts());
    let field_of = |d: &Desk, v: &str| -> String {
        d.store
            .inspect_one(
                "SELECT f.code FROM visits v JOIN fields f ON f.id = v.field_id WHERE v.uid = ?1",
                [v],
            )
            .unwrap()
    };
    assert_eq!(field_of(&b, &v_new), "an_ninh");
    assert_eq!(field_of(&b, &v_plain), "dat_dai");
    let held: i64 = b
        .store
        .inspect_one("SELECT count(*) FROM visits WHERE uid = ?1", [&v_moved])
        .unwrap();
    assert_eq!(held, 0);
    // Ours kept, not overwritten.
    let column: String = b
        .store
        .inspect_one(
            "SELECT report_column FROM fields WHERE code = 'moi_truong'",
            [],
        )
        .unwrap();
    assert_eq!(column, "hc_khac");
    // Its rules and holidays are the same as ours (two new books).
    assert!(!done.rules_differ);
    b.checked();
    // Again: nothing new; the same conflict still listed.
    let again = b.merge(&p);
    assert_eq!(again.added_total(), 0);
    assert!(again.fields_added.is_empty());
    assert_eq!(again.conflicts.len(), 1);
    // Once the desks agree on what it means, the held visit merges.
    write(&mut b.store, &b.actor, |w| {
        w.set_field_report_column("moi_truong", "hc_khac", "hc_dat_dai_nha_cua")
    });
    let agreed = b.merge(&p);
    assert!(!agreed.has_conflicts(), "{agreed:?}");
    assert_eq!(agreed.added[&Entity::Visit], 1);
    assert_eq!(field_of(&b, &v_moved), "moi_truong");
    b.checked();
}

#[test]
fn another_desks_holidays_are_not_imported_only_said() {
    let mut a = desk_a();
    a.save(&guided("Lê Thị Hoa", "001090000002", "dat_dai"));
    write(&mut a.store, &a.actor, |w| {
        w.set_calendar_day(today(), DayKind::Off, "Nghỉ đột xuất", today())
    });
    let mut b = desk_b();
    let days = b.count("SELECT count(*) FROM calendar_days");
    let done = b.merge(&a.package());
    assert!(done.rules_differ);
    assert_eq!(b.count("SELECT count(*) FROM calendar_days"), days);
    assert_eq!(done.added[&Entity::Visit], 1);
}

/// Run the binary on `db` with `stdin`: (exit code, stdout, stderr).
#[test]
fn import_exits_3_with_records_to_review_and_the_desks_are_listed() {
    let mut a = desk_a();
    add_field(&a, "an_ninh", "An ninh trật tự", "hc_khac");
    write(&mut a.store, &a.actor, |w| {
        w.set_field_report_column("moi_truong", "hc_khac", "hc_dat_dai_nha_cua")
    });
    a.save(&guided("Lê Thị Hoa", "001090000002", "an_ninh"));
    let a_key = a.store.desk_public_key().unwrap().unwrap();
    let mut clean = desk("UBND phường Ngọc Hà", "NH", "Bùi Văn Sạch");
    clean.save(&guided("Trần Văn Bình", "001090000003", "dat_dai"));
    let b = desk_b();
    let pkg = a.dir.path().join("BD.tiepdan");
    let pkg_clean = a.dir.path().join("NH.tiepdan");
    {
        let mut f = std::fs::File::create(&pkg).unwrap();
        tiepdan::exchange::package::write(&mut f, &a.package()).unwrap();
        let mut f = std::fs::File::create(&pkg_clean).unwrap();
        tiepdan::exchange::package::write(&mut f, &clean.package()).unwrap();
    }
    let (pkg_s, clean_s) = (pkg.to_str().unwrap(), pkg_clean.to_str().unwrap());
    let db = b.dir.path().join("book.sqlite3");
    let keep = b.dir;
    drop(b.store);
    let pin = format!("{PIN}\n");
    // A dry run says what would be added, writes nothing, exits 0 when clean.
    let (code, out, err) = run_tiepdan(&db, &["import", pkg_s, "--dry-run"], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Sẽ gộp: 4 hồ sơ mới"), "{out}");
    assert!(out.contains("mới: 1 lượt tiếp"), "{out}");
    assert!(out.contains("Lĩnh vực mới từ bàn kia: an_ninh."), "{out}");
    let (code, out, err) = run_tiepdan(&db, &["desk", "list"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Chưa gộp gói của bàn nào."), "{out}");
    let (code, out, err) = run_tiepdan(&db, &["import", pkg_s, "--pin-stdin"], &pin);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Đã gộp: 4 hồ sơ mới"), "{out}");
    // Now a Môi trường visit at BD: that field means another thing here.
    a.save(&guided("Phạm Thị Cúc", "001090000004", "moi_truong"));
    {
        let mut f = std::fs::File::create(&pkg).unwrap();
        tiepdan::exchange::package::write(&mut f, &a.package()).unwrap();
    }
    let (code, out, err) = run_tiepdan(&db, &["import", pkg_s, "--dry-run"], "");
    assert_eq!(code, 3, "{out}{err}");
    assert!(out.contains("lĩnh vực moi_truong"), "{out}");
    assert!(out.contains("1 hồ sơ không gộp"), "{out}");
    let (code, out, err) = run_tiepdan(&db, &["import", pkg_s, "--pin-stdin"], &pin);
    assert_eq!(code, 3, "{out}{err}");
    assert!(out.contains("ghi lĩnh vực moi_truong"), "{out}");
    // A clean package: 0.
    let (code, out, err) = run_tiepdan(&db, &["import", clean_s, "--pin-stdin"], &pin);
    assert_eq!(code, 0, "{out}{err}");
    // The desks merged here, with their units and keys.
    let (code, out, err) = run_tiepdan(&db, &["desk", "list"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Bàn này: KM, khoá "), "{out}");
    assert!(out.contains("BD  UBND phường Ba Đình"), "{out}");
    assert!(out.contains("NH  UBND phường Ngọc Hà"), "{out}");
    assert!(out.contains(&a_key), "{out}");
    // Its last merge as a day and a time (dd/mm/yyyy hh:mm).
    let last = out.split("lần gộp cuối ").nth(1).unwrap();
    let b = last.as_bytes();
    assert!(
        b.len() >= 16 && b[2] == b'/' && b[5] == b'/' && b[13] == b':',
        "{out}"
    );
    // Trusting: a key that does not read is refused before any PIN; an unknown desk too.
    let (code, _, err) = run_tiepdan(&db, &["desk", "trust", "BD", "--key", "12ab"], "");
    assert_eq!(code, 1);
    assert!(err.contains("64 chữ số hex"), "{err}");
    let other = "cd".repeat(32);
    let (code, _, err) = run_tiepdan(
        &db,
        &["desk", "trust", "XX", "--key", &other, "--pin-stdin"],
        &pin,
    );
    assert_eq!(code, 1);
    assert!(err.contains("chưa gộp gói nào của bàn XX"), "{err}");
    let (code, out, err) = run_tiepdan(
        &db,
        &["desk", "trust", "BD", "--key", &other, "--pin-stdin"],
        &pin,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Đã chấp nhận khoá mới của bàn BD"), "{out}");
    let (_, out, _) = run_tiepdan(&db, &["desk", "list"], "");
    assert!(out.contains("quản trị viên đã chấp nhận"), "{out}");
    // BD's packages signed with its old key are refused now, with the way forward.
    let (code, _, err) = run_tiepdan(&db, &["import", pkg_s, "--dry-run"], "");
    assert_eq!(code, 1);
    assert!(err.contains("tiepdan desk trust BD --key"), "{err}");
    let (code, out, err) = run_tiepdan(&db, &["check"], "");
    assert_eq!(code, 0, "{out}{err}");
    drop(keep);
}
