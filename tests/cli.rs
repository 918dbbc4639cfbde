//! The command line without a terminal: refusals with clear messages, `demo` creation and
//! its refusal to overwrite real data.

mod common;

use std::process::Command;

fn tiepdan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args(args)
        .env_remove("TIEPDAN_DB")
        .env_remove("TIEPDAN_LANG")
        .output()
        .expect("tiepdan runs")
}

#[test]
fn a_text_file_is_refused_with_a_vietnamese_message_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ghi-chu.txt");
    std::fs::write(&path, "không phải cơ sở dữ liệu").unwrap();
    let out = tiepdan(&["--db", path.to_str().unwrap(), "demo", "--visits", "10"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("không phải là cơ sở dữ liệu SQLite"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "không phải cơ sở dữ liệu"
    );
}

#[test]
fn english_messages_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "not a database at all, just some notes").unwrap();
    let out = tiepdan(&["--lang", "en", "--db", path.to_str().unwrap(), "demo"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an SQLite database"));
    let out = tiepdan(&["--lang", "fr"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("vi hoặc en"));
}

#[test]
fn the_tui_needs_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let out = tiepdan(&["--db", path.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("terminal"));
}

#[test]
fn demo_creates_reproducibly_and_refuses_real_data() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.sqlite3");
    let demo_s = demo.to_str().unwrap();
    let out = tiepdan(&[
        "--db",
        demo_s,
        "demo",
        "--visits",
        "400",
        "--seed",
        "7",
        "--end",
        "20/11/2026",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count = |p: &std::path::Path| {
        let s = tiepdan::store::Store::open(p).unwrap();
        (
            s.visit_count().unwrap(),
            s.citizen_count().unwrap(),
            s.is_demo().unwrap(),
        )
    };
    let first = count(&demo);
    assert_eq!(first.0, 400);
    assert!(first.2);
    // A demo database may be regenerated in place, with the same result.
    let out = tiepdan(&[
        "--db",
        demo_s,
        "demo",
        "--visits",
        "400",
        "--seed",
        "7",
        "--end",
        "2026-11-20",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&demo), first);

    // Real data is never overwritten.
    let real = dir.path().join("real.sqlite3");
    {
        let mut s = tiepdan::store::Store::open(&real).unwrap();
        common::store_with_officer(&mut s);
    }
    let out = tiepdan(&["--db", real.to_str().unwrap(), "demo"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("không ghi đè"));
    let s = tiepdan::store::Store::open(&real).unwrap();
    assert_eq!(s.officers().unwrap().len(), 1);
    assert!(!s.is_demo().unwrap());
}

#[test]
fn due_prints_every_obligation_with_its_explanation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite3");
    let out = tiepdan(&[
        "--db",
        db.to_str().unwrap(),
        "due",
        "--type",
        "khieu-nai",
        "--received",
        "13/02/2026",
        "--accepted",
        "27/03/2026",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Thụ lý: 06/03/2026"), "{text}");
    assert!(text.contains("Giải quyết: 28/04/2026"), "{text}");
    assert!(text.contains("Tết Bính Ngọ"), "{text}");
    assert!(text.contains("Điều 148(5)"), "{text}");
    assert!(!db.exists(), "a query never creates a database");

    let out = tiepdan(&[
        "--db",
        db.to_str().unwrap(),
        "due",
        "--type",
        "to-cao",
        "--received",
        "2026-10-01",
        "--accepted",
        "2026-10-05",
        "--complex",
        "--extensions",
        "2",
        "--written",
        "--json",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let due = |o: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|x| x["obligation"] == o)
            .map(|x| x["due"].as_str().unwrap().to_owned())
    };
    assert_eq!(due("xu_ly_ban_dau").as_deref(), Some("2026-10-12"));
    assert_eq!(due("giai_quyet").as_deref(), Some("2027-01-04"));
    assert_eq!(due("tra_loi_cong_dan"), None, "--written: no reply duty");

    let out = tiepdan(&["due", "--type", "khieu", "--received", "01/01/2026"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Loại đơn không hợp lệ"));
}
