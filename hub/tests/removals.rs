//! Records a desk removes, removed at the hub (issue 30): a visit unlinked from its case at a
//! desk (its link's `delete` entry; the batch carries no record of it) is unlinked at the
//! hub, so the hub's report of the unit stays the desk's own; a replay changes nothing; a
//! link that came and went within one batch leaves nothing; a removal the hub's row has
//! moved on from is one conflict row (`removed`), the hub's row kept.

mod common;

use common::*;
use tiepdan::domain::report::Period;
use tiepdan_hub::report::{self as hub_report, Scope, Seeds};

const ID: &str = "001190000777";

fn unit_report(hub: &Hub, unit: &str) -> Vec<(String, Option<u64>)> {
    let seeds = Seeds::load().unwrap();
    let unit = unit.to_owned();
    hub.sql(async move |c| {
        let period = Period::parse("2026").unwrap();
        let r = hub_report::report(c, Scope::Unit(unit), period, today(), &seeds)
            .await
            .unwrap();
        Ok(numbers(&r.report))
    })
}

fn own(d: &Desk) -> Vec<(String, Option<u64>)> {
    numbers(
        &d.store
            .period_report(Period::parse("2026").unwrap(), today())
            .unwrap(),
    )
}

/// The links of visits to cases the hub holds.
fn hub_links(hub: &Hub) -> Vec<String> {
    hub.sql(async |c| {
        Ok(c.query(
            "SELECT uid FROM records WHERE entity = 'case_visit' ORDER BY uid",
            &[],
        )
        .await?
        .into_iter()
        .map(|r| r.get(0))
        .collect())
    })
}

fn removed(o: &desk_hub::SyncOutcome) -> i64 {
    replies(o).iter().map(|r| r.records_removed).sum()
}

#[test]
fn a_visit_unlinked_at_a_desk_is_unlinked_at_the_hub_and_the_report_is_the_desks() {
    let Some((_pg, hub, mut a)) = hub_and_desk_a() else {
        return;
    };
    let (first, second, case) = a.shared_case(ID);
    a.sync(&hub).unwrap();
    let link = format!("{case}/{first}");
    assert!(hub_links(&hub).contains(&link), "{:?}", hub_links(&hub));
    assert_eq!(hub_links(&hub), a.links());

    let acked = a.head();
    a.leave(&first, ID);
    assert!(!a.links().contains(&link));
    assert!(a.links().contains(&format!("{case}/{second}")));
    let o = a.sync(&hub).unwrap();
    assert_eq!(o.ack(), a.head());
    assert_eq!(removed(&o), 1, "{:?}", replies(&o));
    assert!(replies(&o).iter().all(|r| r.conflicts.is_empty()));
    assert_eq!(
        hub_links(&hub),
        a.links(),
        "the hub keeps the unlinked visit"
    );
    assert_eq!(hub.count("SELECT count(*) FROM conflicts"), 0);
    // Figure by figure, the hub's report of the unit is the desk's own.
    let mine = own(&a);
    assert!(mine.iter().any(|(_, v)| v.is_some_and(|n| n > 0)));
    assert_eq!(unit_report(&hub, "BD"), mine);

    // A replay: the batch again changes nothing (the removal not counted again).
    let before = hub.snapshot();
    let batch = a.store.package_after(acked, 500).unwrap();
    let (status, body) = hub.post(Desk::package_bytes(&batch));
    assert_eq!(status, 200, "{body}");
    let reply: BatchReply = serde_json::from_str(&body).unwrap();
    assert_eq!((reply.entries_new, reply.records_removed), (0, 0));
    assert!(reply.conflicts.is_empty());
    assert!(a.sync(&hub).unwrap().batches.is_empty());
    assert_eq!(hub.snapshot(), before, "a replay changed the hub");
}

#[test]
fn a_link_made_and_removed_within_one_batch_leaves_nothing_at_the_hub() {
    let Some((_pg, hub, mut a)) = hub_and_desk_a() else {
        return;
    };
    let (first, _, case) = a.shared_case(ID);
    a.leave(&first, ID);
    let o = desk_hub::sync(&a.store, &hub.url, 500, &mut |_, _, _, _| {}).unwrap();
    assert_eq!(o.batches.len(), 1);
    assert_eq!(removed(&o), 0);
    assert!(replies(&o)[0].conflicts.is_empty());
    assert!(!hub_links(&hub).contains(&format!("{case}/{first}")));
    assert_eq!(hub_links(&hub), a.links());
    assert_eq!(hub.count("SELECT count(*) FROM conflicts"), 0);
    assert_eq!(unit_report(&hub, "BD"), own(&a));
}

#[test]
fn a_removal_the_hubs_row_moved_on_from_is_one_conflict_row_and_the_row_kept() {
    let Some((_pg, hub, mut a)) = hub_and_desk_a() else {
        return;
    };
    let (first, _, case) = a.shared_case(ID);
    a.sync(&hub).unwrap();
    let link = format!("{case}/{first}");
    // The hub's row moves on from every state this desk gave it (as another desk's edit
    // would; a link's state is its two uids, so here by hand).
    let moved = link.clone();
    hub.sql(async move |c| {
        c.execute(
            "UPDATE records SET version = 9, state = 'moved on elsewhere'
             WHERE entity = 'case_visit' AND uid = $1",
            &[&moved],
        )
        .await
    });
    a.leave(&first, ID);
    let o = a.sync(&hub).unwrap();
    assert_eq!(removed(&o), 0);
    let conflicts: Vec<_> = replies(&o)
        .iter()
        .flat_map(|r| r.conflicts.clone())
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(
        (c.entity.as_str(), c.uid.as_str()),
        ("case_visit", link.as_str())
    );
    assert!(c.removed);
    assert_eq!((c.hub, c.desk), (Some(9), None));
    // The hub's row kept; the conflict row says the desk removed it.
    assert!(hub_links(&hub).contains(&link));
    let row = link.clone();
    let (removed_flag, state, version) = hub.sql(async move |c| {
        let r = c
            .query_one(
                "SELECT removed, desk_state, hub_version FROM conflicts WHERE uid = $1",
                &[&row],
            )
            .await?;
        Ok((
            r.get::<_, bool>(0),
            r.get::<_, String>(1),
            r.get::<_, Option<i64>>(2),
        ))
    });
    assert_eq!((removed_flag, state.as_str(), version), (true, "", Some(9)));
    assert_eq!(hub.count("SELECT count(*) FROM conflicts"), 1);
    // Sent again: still one.
    let before = hub.snapshot();
    let batch = a.store.package_after(0, 500).unwrap();
    let (status, body) = hub.post(Desk::package_bytes(&batch));
    assert_eq!(status, 200, "{body}");
    assert_eq!(hub.snapshot(), before);
}

#[test]
fn an_older_hubs_reply_without_removals_is_still_read() {
    let old = r#"{"desk":"BD","ack":3,"entries_new":3,"entries_same":0,"records_new":1,
        "records_updated":0,"records_same":0,
        "conflicts":[{"entity":"visit","uid":"u","base":1,"hub":2,"desk":2}]}"#;
    let r: BatchReply = serde_json::from_str(old).unwrap();
    assert_eq!(r.records_removed, 0);
    assert!(!r.conflicts[0].removed);
}

#[test]
fn a_removal_a_desk_made_merging_another_desks_package_is_left_to_that_desk() {
    let Some((_pg, hub, mut a, mut b)) = hub_and_two_desks() else {
        return;
    };
    let (first, _, case) = a.shared_case(ID);
    let link = format!("{case}/{first}");
    a.sync(&hub).unwrap();
    let merge = |b: &mut Desk, p: &Package| {
        b.store
            .write(&b.actor, |w| w.merge_package(p, "test"))
            .unwrap()
    };
    merge(&mut b, &a.store.package(None, None).unwrap());
    a.leave(&first, ID);
    let out = merge(&mut b, &a.store.package(None, None).unwrap());
    assert_eq!(out.removed, 1);
    assert!(!b.links().contains(&link));
    // B's removal was the merge's: the hub leaves it to A.
    let o = b.sync(&hub).unwrap();
    assert_eq!(removed(&o), 0);
    assert!(replies(&o).iter().all(|r| r.conflicts.is_empty()));
    assert!(hub_links(&hub).contains(&link));
    let o = a.sync(&hub).unwrap();
    assert_eq!(removed(&o), 1);
    assert!(!hub_links(&hub).contains(&link));
    assert_eq!(hub.count("SELECT count(*) FROM conflicts"), 0);
}

#[test]
fn a_link_unlinked_linked_again_and_unlinked_is_unlinked_at_the_hub_batch_by_batch_or_in_one() {
    let Some((_pg, hub, mut a, mut b)) = hub_and_two_desks() else {
        return;
    };
    // Desk A syncs after each change.
    let (first, _, case) = a.shared_case(ID);
    let link = format!("{case}/{first}");
    a.sync(&hub).unwrap();
    a.leave(&first, ID);
    assert_eq!(removed(&a.sync(&hub).unwrap()), 1);
    a.rejoin(&first, ID, &case);
    assert!(a.links().contains(&link), "{:?}", a.links());
    a.sync(&hub).unwrap();
    assert!(hub_links(&hub).contains(&link));
    a.leave(&first, ID);
    let o = a.sync(&hub).unwrap();
    assert_eq!(removed(&o), 1);
    assert!(replies(&o).iter().all(|r| r.conflicts.is_empty()));
    assert_eq!(hub_links(&hub), a.links());
    assert_eq!(unit_report(&hub, "BD"), own(&a));

    // Desk B syncs once after the link's first state, then all three changes in one batch.
    let other = "001190000888";
    let (first, _, case) = b.shared_case(other);
    let link = format!("{case}/{first}");
    b.sync(&hub).unwrap();
    b.leave(&first, other);
    b.rejoin(&first, other, &case);
    b.leave(&first, other);
    let o = desk_hub::sync(&b.store, &hub.url, 500, &mut |_, _, _, _| {}).unwrap();
    assert_eq!(o.batches.len(), 1);
    assert_eq!(removed(&o), 1);
    assert!(replies(&o)[0].conflicts.is_empty());
    assert!(!hub_links(&hub).contains(&link));
    assert_eq!(unit_report(&hub, "KM"), own(&b));
    assert_eq!(hub.count("SELECT count(*) FROM conflicts"), 0);
}
