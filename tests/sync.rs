//! The desk's side of the provincial hub (issue 30) without a hub: the package of a range of
//! the journal (a sync's batch), the hub's address as a setting, and `tiepdan sync` saying
//! clearly that there is no hub, or that it cannot be reached (exit non-zero, the book as it
//! was). The hub itself is tested against PostgreSQL in hub/tests.

mod common;

use std::process::{Command, Stdio};

use common::*;
use tiepdan::domain::journal::{GENESIS, hex};
use tiepdan::store::{Store, settings};

fn tiepdan(db: &std::path::Path, args: &[&str], pin: bool) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tiepdan"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TIEPDAN_LANG")
        .env("TIEPDAN_TEST_KDF", "cheap")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        if pin {
            let _ = stdin.write_all(format!("{PIN}\n").as_bytes());
        }
    }
    child.wait_with_output().unwrap()
}

fn err(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A book with its officer and three visits.
fn book(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let actor = store_with_officer(&mut store);
    for (i, name) in ["Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường"]
        .iter()
        .enumerate()
    {
        let mut d = draft(name, &format!("00109000000{i}"));
        d.handling = "huong_dan".into();
        save(&mut store, &actor, &valid(&d));
    }
    path
}

#[test]
fn a_batch_is_the_package_of_a_range_of_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&book(&dir)).unwrap();
    let head = store.journal_len().unwrap();
    assert!(head > 6, "{head}");
    let first = store.package_after(0, 4).unwrap();
    first.verify().unwrap();
    assert_eq!((first.head.first_seq, first.head.last_seq), (1, 4));
    assert_eq!(first.head.prev, hex(&GENESIS));
    assert_eq!(first.journal.len(), 4);
    // The next batch continues the chain where the first stopped.
    let next = store.package_after(4, 1000).unwrap();
    next.verify().unwrap();
    assert_eq!((next.head.first_seq, next.head.last_seq), (5, head));
    assert_eq!(next.head.prev, first.journal[3].hash);
    // Its records are the ones its entries touched, as they are now.
    for e in &next.journal {
        if ["visit", "citizen", "session"].contains(&e.entity.as_str()) {
            assert!(
                next.records
                    .iter()
                    .any(|r| r.entity == e.entity && r.uid == e.record),
                "{} {} not carried",
                e.entity,
                e.record
            );
        }
    }
    // Nothing after the head: an empty batch.
    let none = store.package_after(head, 10).unwrap();
    assert!(none.journal.is_empty());
    assert!(none.records.is_empty());
}

#[test]
fn the_hubs_address_is_a_checked_setting() {
    assert_eq!(
        settings::check_setting(settings::HUB_URL, " http://10.0.0.5:8080/ ").unwrap(),
        "http://10.0.0.5:8080"
    );
    assert_eq!(settings::check_setting(settings::HUB_URL, "").unwrap(), "");
    for bad in [
        "10.0.0.5",
        "https://hub.tinh.gov.vn",
        "http://",
        "http://a b",
    ] {
        assert!(
            settings::check_setting(settings::HUB_URL, bad).is_err(),
            "{bad} taken"
        );
    }
}

#[test]
fn sync_without_a_hub_or_with_the_hub_down_says_so_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(&dir);
    let o = tiepdan(&db, &["sync", "--pin-stdin"], true);
    assert!(!o.status.success());
    assert!(err(&o).contains("Chưa có địa chỉ trung tâm"), "{}", err(&o));
    let o = tiepdan(&db, &["sync", "--hub", "ftp://hub", "--pin-stdin"], true);
    assert!(!o.status.success());
    assert!(
        err(&o).contains("Địa chỉ trung tâm không hợp lệ: ftp://hub"),
        "{}",
        err(&o)
    );
    // The setting, then a hub that is not there (nothing listens on port 1).
    let o = tiepdan(
        &db,
        &["setting", "hub_url", "http://127.0.0.1:1", "--pin-stdin"],
        true,
    );
    assert!(o.status.success(), "{}", err(&o));
    let head = Store::open(&db).unwrap().journal_len().unwrap();
    let o = tiepdan(&db, &["sync", "--pin-stdin"], true);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let e = err(&o);
    assert!(
        e.contains("Không kết nối được trung tâm http://127.0.0.1:1"),
        "{e}"
    );
    assert!(e.contains("Không mất gì"), "{e}");
    // The book as it was: the hub is asked before the officer signs in (a sign-in is a
    // journal entry; a sync with nothing to send, or none sent, writes nothing).
    let store = Store::open(&db).unwrap();
    assert_eq!(store.journal_len().unwrap(), head);
}

#[test]
fn report_from_the_hub_checks_its_arguments_and_says_when_the_hub_is_down() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no-book.sqlite3");
    let down = "http://127.0.0.1:1";
    // No book is opened (none is there) and nothing is written: the hub is only asked.
    let o = tiepdan(&db, &["report", "--hub", down, "--period", "2026"], false);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("Không kết nối được trung tâm http://127.0.0.1:1"),
        "{}",
        err(&o)
    );
    assert!(!db.exists());
    for (args, said) in [
        (
            vec!["--hub", "ftp://hub", "--period", "2026"],
            "Địa chỉ trung tâm không hợp lệ: ftp://hub",
        ),
        (
            vec!["--hub", down, "--from", "1/1/2026", "--to", "31/3/2026"],
            "dùng --period",
        ),
        (
            vec!["--hub", down, "--period", "2026", "--format", "csv"],
            "chỉ --format text hoặc json",
        ),
        (
            vec!["--hub", down, "--period", "2026", "--live"],
            "không dùng với --hub",
        ),
    ] {
        let mut all = vec!["report"];
        all.extend(args);
        let o = tiepdan(&db, &all, false);
        assert!(!o.status.success());
        assert!(err(&o).contains(said), "{all:?}: {}", err(&o));
    }
    // --district needs --hub.
    let o = tiepdan(
        &db,
        &["report", "--period", "2026", "--district", "X"],
        false,
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
}

/// A hub that answers one request, `GET /v1/desks/{code}/ack`, with `ack`.
fn hub_holding(ack: i64) -> (String, std::thread::JoinHandle<String>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let served = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut req = Vec::new();
        let mut buf = [0u8; 1024];
        while !req.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = s.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            req.extend_from_slice(&buf[..n]);
        }
        let req = String::from_utf8_lossy(&req).into_owned();
        let desk = req
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.strip_prefix("/v1/desks/"))
            .and_then(|p| p.strip_suffix("/ack"))
            .unwrap_or("?")
            .to_owned();
        let body = format!("{{\"desk\":\"{desk}\",\"ack\":{ack}}}");
        let _ = write!(
            s,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        req
    });
    (url, served)
}

#[test]
fn a_sync_with_nothing_to_send_does_not_sign_in_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(&dir);
    let head = Store::open(&db).unwrap().journal_len().unwrap();
    let (url, served) = hub_holding(head);
    // No PIN is read: nothing to send, no sign-in.
    let o = tiepdan(&db, &["sync", "--hub", &url, "--pin-stdin"], false);
    assert!(o.status.success(), "{}", err(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains(&format!("đến mục {head}")), "{out}");
    assert!(served.join().unwrap().starts_with("GET /v1/desks/"));
    assert_eq!(Store::open(&db).unwrap().journal_len().unwrap(), head);
}

/// A hub that answers `n` requests: the ack with 0, a batch with `reply` (its JSON).
fn hub_replying(n: usize, reply: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for _ in 0..n {
            let (mut s, _) = listener.accept().unwrap();
            let mut req = Vec::new();
            let mut buf = [0u8; 64 * 1024];
            let head_end = loop {
                if let Some(i) = req.windows(4).position(|w| w == b"\r\n\r\n") {
                    break i + 4;
                }
                let got = s.read(&mut buf).unwrap();
                if got == 0 {
                    return;
                }
                req.extend_from_slice(&buf[..got]);
            };
            let head = String::from_utf8_lossy(&req[..head_end]).to_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            while req.len() < head_end + length {
                let got = s.read(&mut buf).unwrap();
                if got == 0 {
                    break;
                }
                req.extend_from_slice(&buf[..got]);
            }
            let body = if head.starts_with("post") {
                reply.to_owned()
            } else {
                "{\"desk\":\"BD\",\"ack\":0}".to_owned()
            };
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

#[test]
fn sync_says_what_the_hub_removed_and_which_removal_it_kept_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(&dir);
    // The ack twice (before and after signing in), then one batch: the hub took it all.
    let url = hub_replying(
        3,
        r#"{"desk":"BD","ack":1000000,"entries_new":9,"entries_same":0,"records_new":3,
            "records_updated":1,"records_same":0,"records_removed":1,
            "conflicts":[{"entity":"case_visit","uid":"k1/v1","base":1,"hub":7,"desk":null,
                          "removed":true}]}"#,
    );
    let o = tiepdan(&db, &["sync", "--hub", &url, "--pin-stdin"], true);
    assert!(o.status.success(), "{}", err(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("Trung tâm cũng gỡ 1 hồ sơ bàn đã gỡ"), "{out}");
    assert!(
        out.contains("Hồ sơ case_visit k1/v1 bàn đã gỡ, nhưng ở trung tâm đã được sửa ở nơi khác (trung tâm đang giữ phiên bản 7)"),
        "{out}"
    );
}
