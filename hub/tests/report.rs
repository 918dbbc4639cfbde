//! Figures at the province (issue 30): three desks in two districts sync, and the hub's year
//! report of a unit equals that desk's own, of a district the sum of its desks', of the
//! province the sum of all three — figure by figure and cell by cell. A citizen who brought
//! the same matter to two desks is two citizen records (one a desk): the hub counts the
//! matter at each, as the desks do (a merged book counts it once: docs/hub.md). The JSON
//! endpoint gives the desk's own JSON of those figures, and no identity.
//!
//! Row level security per district: a district's token sees its district's figures and
//! rows only — another district's unit or district is not there for it, through the
//! endpoint or a hand-made query in the service's scoped transaction.

mod common;

use common::*;
use tiepdan::exchange::report_text::{self, Heading};
use tiepdan::i18n::Lang;
use tiepdan_hub::report::{self as hub_report, HubReport, ReportError, Scope, Seeds};
use tiepdan_hub::tokens::{self, Caller};

const BA_DINH: &str = "Quận Ba Đình";
const HOAN_KIEM: &str = "Quận Hoàn Kiếm";

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
    let province = token(&hub, None);
    let ask = |q: &[(&str, &str)]| {
        let mut all = vec![("period", "2026"), ("as_of", "2026-11-22")];
        all.extend_from_slice(q);
        tiepdan::exchange::hub::report(&hub.url, &all, Some(&province))
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
    match tiepdan::exchange::hub::report(&hub.url, &[("period", "2026-q9")], Some(&province)) {
        Err(E::Status(400, why)) => assert!(why.contains("period 2026-q9"), "{why}"),
        other => panic!("{other:?}"),
    }
    match ask(&[("unit", "BD"), ("district", BA_DINH)]) {
        Err(E::Status(400, why)) => assert!(why.contains("not both"), "{why}"),
        other => panic!("{other:?}"),
    }
}

/// A new token of a district (None: the province's).
fn token(hub: &Hub, district: Option<&str>) -> String {
    let district = district.map(str::to_owned);
    hub.sql(async move |c| Ok(tokens::issue(c, district.as_deref()).await.unwrap()))
}

#[test]
fn a_districts_token_sees_its_districts_figures_and_rows_only() {
    let Some(pg) = pg() else { return };
    let hub = Hub::start(&pg.url());
    let (a, b, c) = three_desks(&hub);
    let ba_dinh = token(&hub, Some(BA_DINH));
    let ask = |t: Option<&str>, q: &[(&str, &str)]| {
        let mut all = vec![("period", "2026"), ("as_of", "2026-11-22")];
        all.extend_from_slice(q);
        tiepdan::exchange::hub::report(&hub.url, &all, t)
    };
    use tiepdan::exchange::hub::ReportError as E;
    // No token, or one the hub did not give: refused.
    for t in [None, Some("0123abcd")] {
        match ask(t, &[]) {
            Err(E::Status(401, _)) => {}
            other => panic!("{other:?}"),
        }
    }
    // Its own district, and its units, as the desks count them.
    let json = |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap();
    let own = ask(Some(&ba_dinh), &[("district", BA_DINH)]).unwrap();
    let whole = ask(Some(&ba_dinh), &[]).unwrap();
    assert_eq!(
        json(&own),
        json(&whole),
        "a district's whole is its district"
    );
    let district = hub_report(&hub, Scope::District(BA_DINH.into())).unwrap();
    let h = Heading {
        unit: BA_DINH,
        lang: Lang::Vi,
    };
    assert_eq!(own, report_text::json(&h, &district.report));
    assert!(ask(Some(&ba_dinh), &[("unit", "KM")]).is_ok());
    // Another district's unit or district is not there for it.
    for q in [("unit", "HT"), ("district", HOAN_KIEM)] {
        match ask(Some(&ba_dinh), &[q]) {
            Err(E::Status(404, why)) => assert!(why.contains("no such unit"), "{why}"),
            other => panic!("{q:?}: {other:?}"),
        }
    }
    // Hoàn Kiếm's token the other way round; the province's sees both.
    let hoan_kiem = token(&hub, Some(HOAN_KIEM));
    assert!(ask(Some(&hoan_kiem), &[("unit", "HT")]).is_ok());
    assert!(ask(Some(&hoan_kiem), &[("unit", "BD")]).is_err());
    let province = token(&hub, None);
    for q in [("unit", "HT"), ("unit", "BD")] {
        assert!(ask(Some(&province), &[q]).is_ok(), "{q:?}");
    }

    // Hand-made queries in the transaction the service gives a district's request: its
    // desks' rows only, whatever the query asks; the tokens not at all.
    let db = hub.db.clone();
    let counts = |caller: Caller| {
        let db = db.clone();
        hub.sql(async move |_| {
            let (mut client, conn) = tokio_postgres::connect(&db, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(conn);
            let tx = tokens::scoped(&mut client, &caller).await?;
            let mut out = Vec::new();
            for q in [
                "SELECT count(*) FROM desks",
                "SELECT count(*) FROM entries",
                "SELECT count(*) FROM records",
                "SELECT count(*) FROM records WHERE desk = 'HT' OR fields->>'desk' = 'HT'",
                "SELECT count(*) FROM entries WHERE desk = 'HT'",
                "SELECT count(*) FROM conflicts",
                "SELECT count(*) FROM forks",
            ] {
                out.push(tx.query_one(q, &[]).await?.get::<_, i64>(0));
            }
            let tokens = tx.query_one("SELECT count(*) FROM tokens", &[]).await;
            Ok((out, tokens.map(|r| r.get::<_, i64>(0)).ok()))
        })
    };
    let head = |d: &Desk| d.head();
    let records_of = |codes: &[&str]| {
        let list = codes
            .iter()
            .map(|c| format!("'{c}'"))
            .collect::<Vec<_>>()
            .join(",");
        hub.count(&format!(
            "SELECT count(*) FROM records WHERE desk IN ({list})"
        ))
    };
    let (seen, tokens_seen) = counts(Caller::District(BA_DINH.into()));
    assert_eq!(
        seen,
        [
            2,
            head(&a) + head(&b),
            records_of(&["BD", "KM"]),
            0,
            0,
            0,
            0
        ]
    );
    assert_eq!(tokens_seen, None, "a district's request read the tokens");
    let (seen, _) = counts(Caller::District(HOAN_KIEM.into()));
    assert_eq!(seen[..3], [1, head(&c), records_of(&["HT"])]);
    // The role without a district sees nothing; the province's request sees every row.
    let (seen, _) = counts(Caller::District(String::new()));
    assert_eq!(seen, [0; 7]);
    let (seen, tokens_seen) = counts(Caller::Province);
    assert_eq!(
        seen[..3],
        [
            3,
            head(&a) + head(&b) + head(&c),
            hub.count("SELECT count(*) FROM records")
        ]
    );
    assert_eq!(tokens_seen, Some(3));
}

#[test]
fn tokens_on_the_command_line_are_shown_once_kept_hashed_and_revoked() {
    let Some(pg) = pg() else { return };
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan-hub"))
            .args(["--db", &pg.url(), "token"])
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&["--district", BA_DINH]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let token = String::from_utf8(o.stdout).unwrap().trim().to_owned();
    assert!(
        token.len() == 64 && token.chars().all(|c| c.is_ascii_hexdigit()),
        "{token}"
    );
    assert!(run(&["--province"]).status.success());
    // Neither or both: refused by the arguments.
    assert!(!run(&[]).status.success());
    assert!(!run(&["--province", "--district", BA_DINH]).status.success());
    let hub = Hub::start(&pg.url());
    // Only the hash is kept.
    assert_eq!(hub.count("SELECT count(*) FROM tokens"), 2);
    let held = token.clone();
    let found = hub.sql(async move |c| {
        Ok(c.query_one(
            "SELECT count(*) FROM tokens WHERE sha256 = $1 OR sha256 = $2",
            &[&held, &held.to_uppercase()],
        )
        .await?
        .get::<_, i64>(0))
    });
    assert_eq!(found, 0, "the token itself is kept");
    let t = token.clone();
    let who = hub.sql(async move |c| Ok(tokens::caller(c, &t).await?));
    assert_eq!(who, Some(Caller::District(BA_DINH.into())));
    let o = run(&["--district", BA_DINH, "--revoke"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("revoked 1"));
    let who = hub.sql(async move |c| Ok(tokens::caller(c, &token).await?));
    assert_eq!(who, None);
    assert_eq!(hub.count("SELECT count(*) FROM tokens"), 1);
}
