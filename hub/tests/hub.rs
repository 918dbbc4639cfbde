//! The hub against a throwaway PostgreSQL (src/testpg.rs), started in-process on
//! 127.0.0.1:0, fed by desks' books through the desk's own `sync` (tiepdan::exchange::hub):
//! two desks give the union; a replay changes nothing; the hub down while desks write, then
//! catching up; one stale edit gives one conflict row; a tampered, reordered, gapped, forked
//! or unenrolled batch is refused; `pg_dump` of the hub holds no denouncer's identity.

mod common;

use common::*;
use tiepdan::domain::text::fold;
use tiepdan::exchange::hub::RefusalReason;

#[test]
fn two_desks_sync_and_the_hub_holds_the_union_and_a_replay_changes_nothing() {
    let Some((_pg, hub, mut a, mut b)) = hub_and_two_desks() else {
        return;
    };
    for i in 0..30 {
        a.save(&draft(
            &format!("Nguyễn Văn An {i}"),
            &format!("0010900{i:05}"),
            "Hỏi về sổ đỏ",
        ));
    }
    for i in 0..12 {
        b.save(&draft(
            &format!("Lê Thị Bình {i}"),
            &format!("0010910{i:05}"),
            "Hỏi về đền bù",
        ));
    }
    let oa = a.sync(&hub).unwrap();
    let ob = b.sync(&hub).unwrap();
    assert_eq!((oa.before, oa.ack()), (0, a.head()));
    assert_eq!((ob.before, ob.ack()), (0, b.head()));
    // In batches of at most 40 entries: more than one for desk A.
    assert!(oa.batches.len() > 1, "{:?}", oa.batches.len());
    assert!(replies(&oa).iter().all(|r| r.conflicts.is_empty()));
    // Every entry of both journals, by desk.
    assert_eq!(
        hub.count("SELECT count(*) FROM entries"),
        a.head() + b.head()
    );
    assert_eq!(
        hub.count("SELECT count(*) FROM entries WHERE desk = 'BD'"),
        a.head()
    );
    // The union of both desks' records: every record of each desk's whole package, and of
    // its part for the hub (a key every desk has, the unit's level, is the desk's there).
    let mut union = std::collections::BTreeSet::new();
    for d in [&a, &b] {
        let p = d.store.package(None, None).unwrap();
        for r in p.records {
            union.insert((r.entity, r.uid));
        }
        for r in p.hub.into_iter().flat_map(|h| h.records) {
            let by_desk = tiepdan::domain::journal::Entity::from_code(&r.entity)
                .is_some_and(tiepdan::store::keyed_by_desk);
            let uid = match by_desk {
                true => format!("{}/{}", d.code(), r.uid),
                false => r.uid,
            };
            union.insert((r.entity, uid));
        }
    }
    assert_eq!(
        hub.count("SELECT count(*) FROM records WHERE uid IN ('BD/unit_level', 'KM/unit_level')"),
        2
    );
    assert_eq!(
        hub.count("SELECT count(*) FROM records") as usize,
        union.len()
    );
    assert_eq!(
        hub.count("SELECT count(*) FROM records WHERE entity = 'visit'"),
        42
    );
    assert_eq!(hub.count("SELECT count(*) FROM conflicts"), 0);

    // A replay: the same batch again, and a sync with nothing new.
    let before = hub.snapshot();
    let first = a.store.package_after(0, 40).unwrap();
    let (status, body) = hub.post(Desk::package_bytes(&first));
    assert_eq!(status, 200, "{body}");
    let reply: BatchReply = serde_json::from_str(&body).unwrap();
    assert_eq!(reply.entries_new, 0);
    assert_eq!(reply.entries_same, 40);
    assert_eq!(reply.ack, a.head());
    let again = a.sync(&hub).unwrap();
    assert!(again.batches.is_empty());
    assert_eq!(again.ack(), a.head());
    assert_eq!(hub.snapshot(), before, "a replay changed the hub");
}

#[test]
fn the_hub_down_while_desks_write_then_catching_up() {
    let Some((pg, hub, mut a)) = hub_and_desk_a() else {
        return;
    };
    a.save(&draft("Nguyễn Văn An", "001090000001", "Hỏi về sổ đỏ"));
    a.sync(&hub).unwrap();
    let held = a.head();
    let url = hub.url.clone();
    drop(hub);
    // The desk goes on writing; its sync fails, nothing sent, nothing lost.
    for i in 0..5 {
        a.save(&draft(
            &format!("Lê Văn Cường {i}"),
            &format!("0010920{i:05}"),
            "Hỏi về thuế",
        ));
    }
    let down = desk_hub::sync(&a.store, &url, 40, &mut |_, _, _, _| {});
    assert!(matches!(down, Err(SyncError::Unreachable(_))), "{down:?}");
    // The hub back (another port, the same database): the desk catches up.
    let hub = Hub::start(&pg.url());
    let o = a.sync(&hub).unwrap();
    assert_eq!(o.before, held);
    assert_eq!(o.ack(), a.head());
    assert_eq!(hub.count("SELECT count(*) FROM entries"), a.head());
    assert_eq!(
        hub.count("SELECT count(*) FROM records WHERE entity = 'visit'"),
        6
    );
}

#[test]
fn one_stale_edit_gives_one_conflict_row_and_no_overwrite() {
    let Some((_pg, hub, mut a, mut b)) = hub_and_two_desks() else {
        return;
    };
    let d = draft("Nguyễn Văn An", "001090000001", "Hỏi về sổ đỏ");
    let v = a.save(&d);
    a.sync(&hub).unwrap();
    // Desk B takes A's package (a USB stick) and both edit the visit from version 1.
    let p = a.store.package(None, None).unwrap();
    let merged = b
        .store
        .write(&b.actor, |w| w.merge_package(&p, "usb"))
        .unwrap();
    assert!(merged.conflicts.is_empty());
    let mut at_a = d.clone();
    at_a.content = "Hỏi về sổ đỏ, thửa số 12".into();
    a.edit(&v, &at_a);
    let mut at_b = d.clone();
    at_b.content = "Hỏi về sổ đỏ, thửa số 13".into();
    b.edit(&v, &at_b);
    // A first: brought to A's version 2. Then B's edit from version 1: a conflict.
    let oa = a.sync(&hub).unwrap();
    assert_eq!(replies(&oa)[0].records_updated, 1, "{:?}", replies(&oa));
    let ob = b.sync(&hub).unwrap();
    let conflicts: Vec<_> = replies(&ob)
        .iter()
        .flat_map(|r| r.conflicts.clone())
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].uid, v);
    assert_eq!(
        (conflicts[0].base, conflicts[0].hub, conflicts[0].desk),
        (Some(1), Some(2), Some(2))
    );
    assert_eq!(hub.count("SELECT count(*) FROM conflicts"), 1);
    // The hub keeps A's edit; B's is in the conflict row.
    let (content, theirs) = hub.sql(async |c| {
        let r = c
            .query_one(
                "SELECT r.fields->>'content', k.fields->>'content' FROM records r
                 JOIN conflicts k ON k.entity = r.entity AND k.uid = r.uid",
                &[],
            )
            .await?;
        Ok((r.get::<_, String>(0), r.get::<_, String>(1)))
    });
    assert_eq!(content, "Hỏi về sổ đỏ, thửa số 12");
    assert_eq!(theirs, "Hỏi về sổ đỏ, thửa số 13");
    // B's journal is all at the hub all the same.
    assert_eq!(ob.ack(), b.head());
}

fn refusal(body: &str) -> RefusalReason {
    serde_json::from_str::<tiepdan::exchange::hub::Refusal>(body)
        .unwrap_or_else(|e| panic!("{e}: {body}"))
        .reason
}

#[test]
fn a_tampered_reordered_gapped_or_unenrolled_batch_is_refused() {
    let Some(pg) = pg() else { return };
    let hub = Hub::start(&pg.url());
    let mut a = desk_a();
    let b = desk_b();
    for i in 0..3 {
        a.save(&draft(
            &format!("Nguyễn Văn An {i}"),
            &format!("0010900{i:05}"),
            "Hỏi về sổ đỏ",
        ));
    }
    let p = a.store.package_after(0, 1000).unwrap();
    // Not enrolled yet.
    let (status, body) = hub.post(Desk::package_bytes(&p));
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        refusal(&body),
        RefusalReason::NotEnrolled { desk: "BD".into() }
    );
    // Enrolled with another desk's key.
    hub.sql({
        let key = b.key();
        async move |c| {
            tiepdan_hub::batches::enroll(c, "BD", "UBND phường Ba Đình", "Quận Ba Đình", &key)
                .await
                .unwrap();
            Ok(())
        }
    });
    let (status, body) = hub.post(Desk::package_bytes(&p));
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        refusal(&body),
        RefusalReason::KeyMismatch { desk: "BD".into() }
    );
    hub.enroll(&a);
    // A record changed on the way.
    let mut tampered = p.clone();
    let visit = tampered
        .records
        .iter_mut()
        .find(|r| r.entity == "visit")
        .unwrap();
    visit
        .fields
        .insert("content".into(), "Nội dung đã bị sửa".into());
    let (status, body) = hub.post(Desk::package_bytes(&tampered));
    assert_eq!(status, 422, "{body}");
    assert_eq!(refusal(&body), RefusalReason::Invalid);
    // Two entries swapped.
    let mut reordered = p.clone();
    reordered.journal.swap(1, 2);
    let (status, body) = hub.post(Desk::package_bytes(&reordered));
    assert_eq!(status, 422, "{body}");
    // Not a package at all.
    let (status, body) = hub.post(b"{\"head\": 1}".to_vec());
    assert_eq!(status, 400, "{body}");
    assert_eq!(refusal(&body), RefusalReason::NotPackage);
    // A batch that starts after entries the hub never had: a gap.
    let later = a.store.package_after(5, 1000).unwrap();
    let (status, body) = hub.post(Desk::package_bytes(&later));
    assert_eq!(status, 409, "{body}");
    assert_eq!(refusal(&body), RefusalReason::Gap { ack: 0, first: 6 });
    // Nothing of them was taken.
    assert_eq!(hub.count("SELECT count(*) FROM entries"), 0);
    assert_eq!(hub.count("SELECT count(*) FROM records"), 0);
    // The honest batch is.
    let (status, body) = hub.post(Desk::package_bytes(&p));
    assert_eq!(status, 200, "{body}");
    assert_eq!(hub.count("SELECT count(*) FROM entries"), a.head());
}

#[test]
fn a_fork_of_a_desks_chain_is_refused_and_kept() {
    let Some((_pg, hub, mut a)) = hub_and_desk_a() else {
        return;
    };
    a.save(&draft("Nguyễn Văn An", "001090000001", "Hỏi về sổ đỏ"));
    // A copy of the book (the same desk, the same key) goes its own way.
    let copy = tempfile::tempdir().unwrap();
    let copied = copy.path().join("book.sqlite3");
    // The book and its write-ahead log, with no write under way.
    for ext in ["", "-wal"] {
        let from = a._dir.path().join(format!("book.sqlite3{ext}"));
        if from.exists() {
            std::fs::copy(from, copy.path().join(format!("book.sqlite3{ext}"))).unwrap();
        }
    }
    let mut twin_store = Store::open(&copied).unwrap();
    let twin_actor = twin_store
        .sign_in(
            a.actor.officer_id(),
            PIN,
            today().and_hms_opt(8, 15, 0).unwrap(),
        )
        .unwrap();
    let mut twin = Desk {
        _dir: copy,
        store: twin_store,
        actor: twin_actor,
    };
    a.save(&draft("Lê Thị Hoa", "001090000002", "Hỏi về hộ khẩu"));
    // The twin writes more than the desk: its next batch claims entries after the hub's.
    twin.save(&draft("Phạm Văn Tư", "001090000003", "Hỏi về thuế"));
    twin.save(&draft("Đỗ Thị Năm", "001090000004", "Hỏi về điện"));
    a.sync(&hub).unwrap();
    let forked = twin.sync(&hub);
    match forked {
        Err(SyncError::Refused(409, r)) => {
            assert!(matches!(r.reason, RefusalReason::Fork { .. }), "{r:?}")
        }
        other => panic!("a fork taken: {other:?}"),
    }
    assert_eq!(hub.count("SELECT count(*) FROM forks"), 1);
    assert_eq!(hub.count("SELECT count(*) FROM entries"), a.head());
}

#[test]
fn the_hubs_dump_holds_no_denouncers_identity() {
    let Some((pg, hub, mut a)) = hub_and_desk_a() else {
        return;
    };
    a.save(&denunciation());
    a.save(&draft("Nguyễn Văn An", "001090000001", "Hỏi về sổ đỏ"));
    let o = a.sync(&hub).unwrap();
    assert_eq!(o.ack(), a.head());
    let dump = pg.dump();
    // The hub holds the denunciation and its sealed citizen…
    assert!(dump.contains("Tố cáo cán bộ địa chính nhận tiền"));
    assert_eq!(
        hub.count(
            "SELECT count(*) FROM records WHERE entity = 'citizen'
               AND fields->>'sealed' IS NOT NULL"
        ),
        1
    );
    // …and the other citizen in the clear, as the desk has it.
    assert!(dump.contains("Nguyễn Văn An"));
    // No identity of the denouncer in any form, nor the group's other representative.
    for secret in [NAME, CCCD, PHONE, ADDRESS, REP] {
        assert!(!dump.contains(secret), "{secret} in the hub's dump");
        assert!(
            !fold(&dump).contains(&fold(secret)),
            "{secret} (folded) in the hub's dump"
        );
    }
}

#[test]
fn the_schema_is_applied_once_and_a_changed_file_stops_the_hub() {
    let Some(pg) = pg() else { return };
    let hub = Hub::start(&pg.url());
    // Started twice on one database: the files applied once.
    let again = Hub::start(&pg.url());
    drop(again);
    assert_eq!(
        hub.count("SELECT count(*) FROM hub_schema") as usize,
        tiepdan_hub::schema::MIGRATIONS.len()
    );
    hub.sql(async |c| {
        c.execute("UPDATE hub_schema SET sha256 = 'changed'", &[])
            .await
            .map(|_| ())
    });
    let refused = hub.rt.as_ref().unwrap().block_on(async {
        let pool = tiepdan_hub::server::pool(&pg.url()).unwrap();
        tiepdan_hub::server::migrate(&pool).await
    });
    let e = refused.expect_err("a changed schema file taken");
    assert!(e.to_string().contains("was changed"), "{e}");
}

#[test]
fn enroll_on_the_command_line_checks_the_key() {
    let Some(pg) = pg() else { return };
    let a = desk_a();
    let enroll = |key: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan-hub"))
            .args(["--db", &pg.url(), "enroll", "--desk", "bd"])
            .args([
                "--unit",
                "UBND phường Ba Đình",
                "--district",
                "Quận Ba Đình",
            ])
            .args(["--key", key])
            .output()
            .unwrap()
    };
    let bad = enroll("not-a-key");
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("64 hex digits"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let good = enroll(&a.key());
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    let hub = Hub::start(&pg.url());
    // The code as the desk has it (upper case), the key the desk signs with.
    assert_eq!(hub.count("SELECT count(*) FROM desks WHERE code = 'BD'"), 1);
    let o = a.sync(&hub).unwrap();
    assert_eq!(o.ack(), a.head());
}
