//! Figures at the province (issue 30): three desks in two districts sync, and the hub's year
//! report of a unit equals that desk's own, of a district the sum of its desks', of the
//! province the sum of all three — figure by figure and cell by cell. A citizen who brought
//! the same matter to two desks is two citizen records (one a desk): the hub counts the
//! matter at each, as the desks do (a merged book counts it once: docs/hub.md). The JSON
//! endpoint gives the desk's own JSON of those figures, and no identity.

mod common;

use common::*;
use tiepdan::domain::report::{Circular, Figure, Period, Report};
use tiepdan::exchange::report_text::{self, Heading};
use tiepdan::i18n::Lang;
use tiepdan_hub::report::{self as hub_report, HubReport, ReportError, Scope, Seeds};

const BA_DINH: &str = "Quận Ba Đình";
const HOAN_KIEM: &str = "Quận Hoàn Kiếm";

fn year() -> Period {
    Period::parse("2026").unwrap()
}

/// Every number a report gives: its summary's figures, then each table's cells
/// (tests/report_desks.rs at the desk).
fn numbers(r: &Report) -> Vec<(String, Option<u64>)> {
    let mut out: Vec<(String, Option<u64>)> = Figure::ALL
        .iter()
        .map(|f| (format!("{f:?}"), Some(r.figure(*f))))
        .collect();
    for form in Circular::for_period(&r.period).forms() {
        if let Some(t) = r.table(*form) {
            for c in &t.cells {
                out.push((format!("{form:?}/{}", c.no), c.value));
            }
        }
    }
    out
}

/// The figures of several reports added (a figure the forms leave empty stays empty).
fn summed(parts: &[Vec<(String, Option<u64>)>]) -> Vec<(String, Option<u64>)> {
    let mut out = parts[0].clone();
    for p in &parts[1..] {
        for (o, (name, v)) in out.iter_mut().zip(p) {
            assert_eq!(&o.0, name);
            o.1 = match (o.1, v) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
        }
    }
    out
}

fn hub_report(hub: &Hub, scope: Scope) -> Result<HubReport, String> {
    let seeds = Seeds::load().unwrap();
    hub.sql(async move |c| {
        Ok(
            match hub_report::report(c, scope, year(), today(), &seeds).await {
                Ok(r) => Ok(r),
                Err(ReportError::Unknown) => Err("unknown".to_owned()),
                Err(e) => Err(format!("{e:?}")),
            },
        )
    })
}

/// Three desks with visits of every kind the report counts: matters received (some opening
/// a case), a group of six, a repeat of the same matter, and one citizen (by her ID number)
/// at two desks with the same matter.
fn three_desks(hub: &Hub) -> (Desk, Desk, Desk) {
    let mut a = desk_a();
    let mut b = desk_b();
    let mut c = desk("UBND phường Hàng Trống", "HT", "Đỗ Văn Minh");
    hub.enroll_in(&a, BA_DINH);
    hub.enroll_in(&b, BA_DINH);
    hub.enroll_in(&c, HOAN_KIEM);
    let kinds = [
        ("khieu_nai", "thu_ly", "dat_dai", "1"),
        ("to_cao", "thu_ly", "khac", "1"),
        ("kien_nghi", "huong_dan", "dat_dai", "1"),
        ("phan_anh", "huong_dan", "khac", "6"),
        ("khieu_nai", "huong_dan", "khac", "1"),
    ];
    for (n, d) in [(&mut a, 0), (&mut b, 1), (&mut c, 2)]
        .into_iter()
        .map(|(d, k)| (k, d))
    {
        for (i, (kind, handling, field, people)) in kinds.iter().enumerate().skip(n) {
            let mut v = draft(
                &format!("Nguyễn Văn Dân {n}{i}"),
                &format!("00109{n}{i:06}"),
                "Nội dung kiến nghị",
            );
            v.petition_type = (*kind).into();
            v.handling = (*handling).into();
            v.field = (*field).into();
            v.people = (*people).into();
            if *people != "1" {
                v.representatives = format!("Nguyễn Văn Dân {n}{i}");
            }
            d.save(&v);
        }
        // The same citizen again with the same matter (a repeat at this desk), and one
        // who also went to the next desk with it.
        let mut again = draft(
            &format!("Nguyễn Văn Dân {n}4"),
            &format!("00109{n}{:06}", 4),
            "Lần hai",
        );
        again.petition_type = "khieu_nai".into();
        again.field = "khac".into();
        d.save(&again);
        let mut both = draft("Lê Thị Hai Nơi", "001090999999", "Hỏi về đền bù");
        both.petition_type = "kien_nghi".into();
        d.save(&both);
    }
    for d in [&a, &b, &c] {
        let o = d.sync(hub).unwrap();
        assert_eq!(o.ack(), d.head());
    }
    (a, b, c)
}

fn own(d: &Desk) -> Vec<(String, Option<u64>)> {
    numbers(&d.store.period_report(year(), today()).unwrap())
}

#[test]
fn the_hubs_year_report_is_the_sum_of_the_desks_by_unit_district_and_province() {
    let Some(pg) = pg() else { return };
    let hub = Hub::start(&pg.url());
    let (a, b, c) = three_desks(&hub);
    let (na, nb, nc) = (own(&a), own(&b), own(&c));
    // Something is counted, and differently at each desk.
    let visits = |n: &[(String, Option<u64>)]| n.iter().find(|x| x.0 == "Visits").unwrap().1;
    assert_eq!(
        (visits(&na), visits(&nb), visits(&nc)),
        (Some(7), Some(6), Some(5))
    );
    assert_ne!(na, nb);

    let unit = hub_report(&hub, Scope::Unit("BD".into())).unwrap();
    assert_eq!(numbers(&unit.report), na);
    assert_eq!(unit.heading(), "UBND phường Ba Đình (BD)");
    let district = hub_report(&hub, Scope::District(BA_DINH.into())).unwrap();
    assert_eq!(
        district
            .desks
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>(),
        ["BD", "KM"]
    );
    assert_eq!(numbers(&district.report), summed(&[na.clone(), nb.clone()]));
    let other = hub_report(&hub, Scope::District(HOAN_KIEM.into())).unwrap();
    assert_eq!(numbers(&other.report), nc);
    let province = hub_report(&hub, Scope::Province).unwrap();
    assert_eq!(numbers(&province.report), summed(&[na, nb, nc]));
    // No such unit or district.
    assert_eq!(
        hub_report(&hub, Scope::District("Quận Không Có".into())).unwrap_err(),
        "unknown"
    );
    assert_eq!(
        hub_report(&hub, Scope::Unit("ZZ".into())).unwrap_err(),
        "unknown"
    );
}

#[test]
fn the_json_endpoint_gives_the_desks_json_of_the_hubs_figures_and_no_identity() {
    let Some(pg) = pg() else { return };
    let hub = Hub::start(&pg.url());
    let _desks = three_desks(&hub);
    let ask = |q: &[(&str, &str)]| {
        let mut all = vec![("period", "2026"), ("as_of", "2026-11-22")];
        all.extend_from_slice(q);
        tiepdan::exchange::hub::report(&hub.url, &all, None)
    };
    let body = ask(&[("district", BA_DINH)]).unwrap();
    let expected = hub_report(&hub, Scope::District(BA_DINH.into())).unwrap();
    let h = Heading {
        unit: BA_DINH,
        lang: Lang::Vi,
    };
    assert_eq!(body, report_text::json(&h, &expected.report));
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(v.is_object(), "{body}");
    // Counts only: no citizen's name or ID number, in the JSON or the text.
    let text = ask(&[("format", "text"), ("lang", "en")]).unwrap();
    assert!(text.contains("Toàn tỉnh"), "{text}");
    for b in [&body, &text] {
        for who in [
            "Lê Thị Hai Nơi",
            "001090999999",
            "Nguyễn Văn Dân",
            "0912345678",
        ] {
            assert!(!b.contains(who), "{who} in the report");
        }
    }
    // Refusals say why.
    use tiepdan::exchange::hub::ReportError as E;
    match ask(&[("unit", "ZZ")]) {
        Err(E::Status(404, why)) => assert!(why.contains("no such unit"), "{why}"),
        other => panic!("{other:?}"),
    }
    match tiepdan::exchange::hub::report(&hub.url, &[("period", "2026-q9")], None) {
        Err(E::Status(400, why)) => assert!(why.contains("period 2026-q9"), "{why}"),
        other => panic!("{other:?}"),
    }
    match ask(&[("unit", "BD"), ("district", BA_DINH)]) {
        Err(E::Status(400, why)) => assert!(why.contains("not both"), "{why}"),
        other => panic!("{other:?}"),
    }
}
