//! The head's reception schedule in the hub's figures (issue 30): a desk's plans, its days'
//! records and its level travel for the hub only (no leader's name, place or note); the hub
//! keys a reception day by its desk (every desk has a 05/11/2026), judges each unit's days by
//! that unit's own plans and level, and a district's or the province's figures of them are
//! the sum of each unit's own — two units' head sessions of one day are two days.

mod common;

use common::*;
use tiepdan::domain::report::Form;
use tiepdan::domain::schedule::{DayMark, Pattern, Plan};
use tiepdan::store::settings::UNIT_LEVEL;
use tiepdan_hub::report::Scope;

const NOTE: &str = "Chủ tịch đi họp với bà Hoàng Thị Ghi Chú";
const LEADER: &str = "Ông Chủ Tịch Kín Tên";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn thursdays(from: &str) -> Plan {
    Plan {
        id: 0,
        uid: String::new(),
        leader: LEADER.into(),
        pattern: Pattern::Weekly,
        weekday: Some(chrono::Weekday::Thu),
        days: vec![],
        place: "Trụ sở tiếp công dân".into(),
        effective_from: d(from),
        effective_to: None,
        version: 1,
    }
}

impl Desk {
    /// A visit at a session of the head (ad hoc) on `day` (dd/mm/yyyy), `role` presiding.
    fn head_visit(&mut self, day: &str, role: &str, id: &str) {
        let mut v = draft("Lý Văn Mạnh", id, "Hỏi về lịch tiếp");
        v.form = "dot_xuat".into();
        v.presiding = "Chủ tịch UBND phường".into();
        v.presider_role = role.into();
        v.day = day.into();
        let v = valid(&v);
        let input = VisitInput {
            day: v.day,
            ..input(&v)
        };
        self.store
            .write(&self.actor, |w| w.save_visit(&input, &CaseChoice::OpenNew))
            .unwrap();
    }

    fn level(&mut self, level: &str) {
        self.store
            .write(&self.actor, |w| w.set_setting(UNIT_LEVEL, level))
            .unwrap();
    }

    fn plan(&mut self, p: &Plan) {
        self.store
            .write(&self.actor, |w| w.set_reception_plan(p))
            .unwrap();
    }

    fn mark(&mut self, day: &str, mark: DayMark) {
        self.store
            .write(&self.actor, |w| {
                w.record_reception_day(d(day), None, Some(mark), None, NOTE)
            })
            .unwrap();
    }
}

fn value(n: &[(String, Option<u64>)], name: &str) -> Option<u64> {
    n.iter().find(|x| x.0 == name).unwrap().1
}

/// 01/TCD (10) and (16) of TT 06/2025: the days announced, the head in person or a deputy.
fn days_announced(n: &[(String, Option<u64>)]) -> [Option<u64>; 2] {
    let form = format!("{:?}", Form::T6Tcd01);
    [
        value(n, &format!("{form}/10")),
        value(n, &format!("{form}/16")),
    ]
}

#[test]
fn each_units_schedule_is_judged_by_its_own_plans_and_level_and_the_district_adds_them() {
    let Some((pg, hub, mut a, mut b)) = hub_and_two_desks() else {
        return;
    };
    // A: a commune (2 days a month in person), Thursdays from October; 08/10 held with
    // nobody coming, 15/10 a deputy, 05/11 postponed; the head in person on Tuesday 17/11.
    a.level("xa");
    a.plan(&thursdays("2026-10-01"));
    a.mark("2026-10-08", DayMark::HeldNoVisitors);
    a.mark("2026-11-05", DayMark::Postponed);
    a.head_visit("15/10/2026", "uy_quyen", "001090000101");
    a.head_visit("17/11/2026", "truc_tiep", "001090000102");
    // B: Thursdays from November, its own 05/11 held with nobody coming; the head in person
    // on 17/11 too (the same day as A's) and on 10/11.
    b.level("xa");
    b.plan(&thursdays("2026-11-01"));
    b.mark("2026-11-05", DayMark::HeldNoVisitors);
    b.head_visit("17/11/2026", "truc_tiep", "001090000201");
    b.head_visit("10/11/2026", "truc_tiep", "001090000202");
    for x in [&a, &b] {
        let o = x.sync(&hub).unwrap();
        assert_eq!(o.ack(), x.head());
        assert!(replies(&o).iter().all(|r| r.conflicts.is_empty()), "{o:?}");
    }
    let (na, nb) = (own(&a), own(&b));
    // The desks count them: A short of the minimum in some months, B judged from November.
    assert!(value(&na, "ScheduleShort").unwrap() > 0, "{na:?}");
    assert!(days_announced(&na)[0].unwrap() > 0);
    assert!(days_announced(&nb)[0].unwrap() > 0);
    // The hub keeps both desks' 05/11, each under its desk.
    assert_eq!(
        hub.count(
            "SELECT count(*) FROM records WHERE entity = 'reception_day'
               AND uid IN ('BD/2026-11-05', 'KM/2026-11-05')"
        ),
        2
    );
    // Each unit's figures are the desk's own, figure by figure and cell by cell…
    let ha = hub_numbers(&hub, Scope::Unit("BD".into()));
    assert_eq!(value(&ha, "ScheduleShort"), value(&na, "ScheduleShort"));
    assert_eq!(days_announced(&ha), days_announced(&na));
    assert_eq!(ha, na);
    assert_eq!(hub_numbers(&hub, Scope::Unit("KM".into())), nb);
    // …and the district's and the province's the sum of the two (17/11 is a day at each).
    let sum = summed(&[na.clone(), nb.clone()]);
    let district = hub_numbers(&hub, Scope::District("Quận Ba Đình".into()));
    assert_eq!(days_announced(&district), days_announced(&sum));
    assert_eq!(district, sum);
    assert_eq!(hub_numbers(&hub, Scope::Province), sum);
    // No leader's name, place or day's note at the hub.
    let dump = pg.dump();
    assert!(
        dump.contains("reception_plan"),
        "the dump holds the hub's rows"
    );
    for text in [NOTE, LEADER, "Trụ sở tiếp công dân"] {
        assert!(!dump.contains(text), "{text} in the hub's dump");
    }
}

#[test]
fn the_schedule_travels_for_the_hub_only_and_a_desk_taking_the_package_merges_none_of_it() {
    let mut a = desk_a();
    let mut b = desk_b();
    a.level("tinh");
    a.plan(&thursdays("2026-10-01"));
    a.mark("2026-10-08", DayMark::HeldNoVisitors);
    let level = b.store.unit_level().unwrap();
    assert_ne!(level, a.store.unit_level().unwrap());
    let p = a.store.package(None, None).unwrap();
    let part = p.hub.as_ref().expect("the hub's part");
    let of = |entity: &str| -> Vec<&tiepdan::store::PackedRecord> {
        part.records.iter().filter(|r| r.entity == entity).collect()
    };
    assert_eq!(of("reception_plan").len(), 1);
    let days = of("reception_day");
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].uid, "2026-10-08");
    assert_eq!(
        days[0].fields.keys().collect::<Vec<_>>(),
        ["mark", "moved_to", "posted_on"]
    );
    // Of the settings, the unit's level only.
    let settings = of("setting");
    assert_eq!(
        settings.iter().map(|r| r.uid.as_str()).collect::<Vec<_>>(),
        [UNIT_LEVEL]
    );
    let text = serde_json::to_string(part).unwrap();
    for secret in [LEADER, NOTE] {
        assert!(!text.contains(secret), "{secret} in the hub's part");
    }
    p.verify().unwrap();
    let out = b
        .store
        .write(&b.actor, |w| w.merge_package(&p, "test"))
        .unwrap();
    assert!(out.conflicts.is_empty());
    assert!(b.store.reception_plans().unwrap().is_empty());
    assert!(
        b.store
            .reception_days(d("2026-01-01"), d("2026-12-31"))
            .unwrap()
            .is_empty()
    );
    assert_eq!(b.store.unit_level().unwrap(), level);
}
