//! The hub's tests' helpers: a throwaway PostgreSQL, the hub in this process, desks.
#![allow(dead_code)]

pub use std::path::Path;

pub use chrono::NaiveDate;
pub use tiepdan::domain::intake::CaseChoice;
pub use tiepdan::domain::report::{Circular, Figure, Report};
pub use tiepdan::domain::visit::{ValidVisit, VisitDraft, validate};
pub use tiepdan::exchange::hub::{self as desk_hub, BatchReply, SyncError};
pub use tiepdan::exchange::package;
pub use tiepdan::store::{Actor, Package, SharedCaseChoice, Store, VisitInput};
pub use tiepdan_hub::testpg::TestPg;

pub const PIN: &str = "246810";
pub const NAME: &str = "Trần Thị Bảo Mật";
pub const CCCD: &str = "001203004567";
pub const PHONE: &str = "0977000111";
pub const ADDRESS: &str = "Số 9 ngõ Kín Đáo";
pub const REP: &str = "Hà Văn Kín Tiếng";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

pub fn pg() -> Option<TestPg> {
    TestPg::start(Path::new(env!("CARGO_TARGET_TMPDIR")))
}

/// The hub in this process: its own runtime, stopped when dropped (the hub down).
pub struct Hub {
    pub rt: Option<tokio::runtime::Runtime>,
    pub url: String,
    pub db: String,
}

impl Hub {
    pub fn start(db: &str) -> Hub {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let url = rt.block_on(async {
            let pool = tiepdan_hub::server::pool(db).unwrap();
            tiepdan_hub::server::migrate(&pool).await.unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(tiepdan_hub::server::serve(listener, pool));
            format!("http://{addr}")
        });
        Hub {
            rt: Some(rt),
            url,
            db: db.to_owned(),
        }
    }

    /// Run SQL at the hub's database (a client of its own).
    pub fn sql<T>(
        &self,
        f: impl AsyncFnOnce(&tokio_postgres::Client) -> Result<T, tokio_postgres::Error>,
    ) -> T {
        self.rt.as_ref().unwrap().block_on(async {
            let (client, conn) = tokio_postgres::connect(&self.db, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(conn);
            f(&client).await.unwrap()
        })
    }

    pub fn count(&self, sql: &str) -> i64 {
        let sql = sql.to_owned();
        self.sql(async move |c| Ok(c.query_one(&sql, &[]).await?.get::<_, i64>(0)))
    }

    /// Enroll a desk under the district Ba Đình.
    pub fn enroll(&self, d: &Desk) {
        self.enroll_in(d, "Quận Ba Đình")
    }

    pub fn enroll_in(&self, d: &Desk, district: &str) {
        let (code, unit, key, district) = (d.code(), d.unit(), d.key(), district.to_owned());
        self.sql(async move |c| {
            tiepdan_hub::batches::enroll(c, &code, &unit, &district, &key)
                .await
                .unwrap();
            Ok(())
        })
    }

    /// Every row of every hub table, in order: what a replay must leave as it was.
    pub fn snapshot(&self) -> Vec<String> {
        self.sql(async |c| {
            let mut out = Vec::new();
            for q in [
                "SELECT desk || ' ' || seq || ' ' || hash FROM entries ORDER BY desk, seq",
                "SELECT entity || ' ' || uid || ' ' || coalesce(version, -1) || ' ' || state \
                 || ' ' || fields::text || ' ' || updated_at FROM records ORDER BY entity, uid",
                "SELECT id || ' ' || uid FROM conflicts ORDER BY id",
                "SELECT id || ' ' || seq FROM forks ORDER BY id",
            ] {
                for r in c.query(q, &[]).await? {
                    out.push(r.get::<_, String>(0));
                }
            }
            Ok(out)
        })
    }

    /// Post raw bytes as a batch: the status and body.
    pub fn post(&self, body: Vec<u8>) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut r = agent
            .post(format!("{}/v1/batches", self.url))
            .send(&body[..])
            .unwrap();
        let status = r.status().as_u16();
        (status, r.body_mut().read_to_string().unwrap())
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

pub struct Desk {
    pub _dir: tempfile::TempDir,
    pub store: Store,
    pub actor: Actor,
}

pub fn draft(name: &str, id: &str, content: &str) -> VisitDraft {
    VisitDraft {
        full_name: name.into(),
        id_number: id.into(),
        phone: "0912345678".into(),
        address: "Số 12 phố Đội Cấn, phường Ba Đình".into(),
        people: "1".into(),
        form: "thuong_xuyen".into(),
        petition_type: "khieu_nai".into(),
        field: "dat_dai".into(),
        content: content.into(),
        handling: "huong_dan".into(),
        petitions: "1".into(),
        day: "22/11/2026".into(),
        time: "08:30".into(),
        ..Default::default()
    }
}

pub fn denunciation() -> VisitDraft {
    let mut d = draft(NAME, CCCD, "Tố cáo cán bộ địa chính nhận tiền");
    d.phone = PHONE.into();
    d.address = ADDRESS.into();
    d.petition_type = "to_cao".into();
    d.handling = "thu_ly".into();
    d.people = "6".into();
    d.representatives = format!("{NAME}; {REP}");
    d
}

pub fn valid(d: &VisitDraft) -> ValidVisit {
    let codes: Vec<String> = ["dat_dai", "khac"].iter().map(|s| s.to_string()).collect();
    let v = validate(d, today(), 5, &codes);
    v.visit
        .unwrap_or_else(|| panic!("invalid draft: {:?}", v.problems))
}

pub fn input(v: &ValidVisit) -> VisitInput<'_> {
    VisitInput {
        visit: v,
        day: today(),
        time: "08:30".into(),
        citizen: None,
        rename_citizen: false,
        shared: Default::default(),
    }
}

pub fn desk(unit: &str, code: &str, officer: &str) -> Desk {
    tiepdan::store::pin::use_cheap_cost_in_tests();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let actor = store.first_start(unit, code, officer, PIN, PIN).unwrap();
    Desk {
        _dir: dir,
        store,
        actor,
    }
}

pub fn desk_a() -> Desk {
    desk("UBND phường Ba Đình", "BD", "Nguyễn Thị Lan")
}

pub fn desk_b() -> Desk {
    desk("UBND phường Kim Mã", "KM", "Phạm Văn Hùng")
}

impl Desk {
    pub fn save(&mut self, d: &VisitDraft) -> String {
        let v = valid(d);
        self.store
            .write(&self.actor, |w| {
                w.save_visit(&input(&v), &CaseChoice::OpenNew)
            })
            .unwrap()
            .uid
    }

    pub fn edit(&mut self, uid: &str, d: &VisitDraft) {
        let version = self.store.visit_detail(uid).unwrap().row.version;
        let v = valid(d);
        self.store
            .write(&self.actor, |w| {
                w.update_visit(uid, version, &input(&v), &CaseChoice::OpenNew)
            })
            .unwrap();
    }

    /// Two thụ lý visits of one citizen in one case (the second joins the first's): the
    /// visits' and the case's uids.
    pub fn shared_case(&mut self, id: &str) -> (String, String, String) {
        let mut d = draft("Vũ Thị Chung Việc", id, "Khiếu nại quyết định thu hồi đất");
        d.handling = "thu_ly".into();
        let first = self.store.write(&self.actor, |w| {
            w.save_visit(&input(&valid(&d)), &CaseChoice::OpenNew)
        });
        let first = first.unwrap();
        let case = first.case.unwrap().uid;
        let second = self
            .store
            .write(&self.actor, |w| {
                w.save_visit(&input(&valid(&d)), &CaseChoice::Join(case.clone()))
            })
            .unwrap();
        assert!(second.case.unwrap().joined);
        (first.uid, second.uid, case)
    }

    /// Correct a visit of a shared case, the visit alone, to another field and to guidance
    /// on the spot: it leaves its case (its link removed, a `delete` entry) and is in no case
    /// any more. `id`: the citizen's ID number, as [`Desk::shared_case`] had it.
    pub fn leave(&mut self, visit: &str, id: &str) {
        let detail = self.store.visit_detail(visit).unwrap();
        let mut d = draft("Vũ Thị Chung Việc", id, "Khiếu nại quyết định thu hồi đất");
        d.handling = "huong_dan".into();
        d.field = "khac".into();
        let v = valid(&d);
        let input = VisitInput {
            shared: SharedCaseChoice::Leave,
            ..input(&v)
        };
        self.store
            .write(&self.actor, |w| {
                w.update_visit(visit, detail.row.version, &input, &CaseChoice::OpenNew)
            })
            .unwrap();
    }

    /// Correct a visit back to the matter of `case` (thụ lý, land) and into that case: its
    /// link made again.
    pub fn rejoin(&mut self, visit: &str, id: &str, case: &str) {
        let detail = self.store.visit_detail(visit).unwrap();
        let mut d = draft("Vũ Thị Chung Việc", id, "Khiếu nại quyết định thu hồi đất");
        d.handling = "thu_ly".into();
        let v = valid(&d);
        self.store
            .write(&self.actor, |w| {
                w.update_visit(
                    visit,
                    detail.row.version,
                    &input(&v),
                    &CaseChoice::Join(case.to_owned()),
                )
            })
            .unwrap();
    }

    /// The links of visits to cases the desk holds (`case/visit`).
    pub fn links(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .store
            .package(None, None)
            .unwrap()
            .records
            .into_iter()
            .filter(|r| r.entity == "case_visit")
            .map(|r| r.uid)
            .collect();
        out.sort();
        out
    }

    pub fn code(&self) -> String {
        self.store.desk_code().unwrap()
    }

    pub fn unit(&self) -> String {
        self.store.unit_name().unwrap()
    }

    pub fn key(&self) -> String {
        self.store.package_after(0, 1).unwrap().head.desk_key
    }

    pub fn head(&self) -> i64 {
        self.store.journal_len().unwrap()
    }

    pub fn sync(&self, hub: &Hub) -> Result<desk_hub::SyncOutcome, SyncError> {
        desk_hub::sync(&self.store, &hub.url, 40, &mut |_, _, _, _| {})
    }

    pub fn package_bytes(p: &Package) -> Vec<u8> {
        let mut out = Vec::new();
        package::write(&mut out, p).unwrap();
        out
    }
}

pub fn replies(o: &desk_hub::SyncOutcome) -> Vec<&BatchReply> {
    o.batches.iter().map(|b| &b.3).collect()
}

/// The period the report tests count: the year 2026.
pub fn year() -> tiepdan::domain::report::Period {
    tiepdan::domain::report::Period::parse("2026").unwrap()
}

/// A desk's own report of [`year`], as [`numbers`].
pub fn own(d: &Desk) -> Vec<(String, Option<u64>)> {
    numbers(&d.store.period_report(year(), today()).unwrap())
}

/// The hub's report of [`year`] for `scope`, as [`numbers`].
pub fn hub_numbers(hub: &Hub, scope: tiepdan_hub::report::Scope) -> Vec<(String, Option<u64>)> {
    let seeds = tiepdan_hub::report::Seeds::load().unwrap();
    hub.sql(async move |c| {
        let r = tiepdan_hub::report::report(c, scope, year(), today(), &seeds)
            .await
            .unwrap();
        Ok(numbers(&r.report))
    })
}

/// The figures of several reports added (a figure the forms leave empty stays empty).
pub fn summed(parts: &[Vec<(String, Option<u64>)>]) -> Vec<(String, Option<u64>)> {
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

/// Every number a report gives: its summary's figures, then each table's cells
/// (tests/report_desks.rs at the desk).
pub fn numbers(r: &Report) -> Vec<(String, Option<u64>)> {
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

/// A throwaway PostgreSQL, the hub on it, and desk A enrolled under Ba Đình. None: no
/// PostgreSQL on this machine (the test is skipped). Keep the `TestPg` to the test's end.
pub fn hub_and_desk_a() -> Option<(TestPg, Hub, Desk)> {
    let pg = pg()?;
    let hub = Hub::start(&pg.url());
    let a = desk_a();
    hub.enroll(&a);
    Some((pg, hub, a))
}

/// As [`hub_and_desk_a`], with desk B enrolled too.
pub fn hub_and_two_desks() -> Option<(TestPg, Hub, Desk, Desk)> {
    let (pg, hub, a) = hub_and_desk_a()?;
    let b = desk_b();
    hub.enroll(&b);
    Some((pg, hub, a, b))
}
