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
        "--very-complex",
        "--extensions",
        "2",
        "--written",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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

/// A small demo book in a temp dir, closed (its WAL checkpointed).
fn demo_book(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("book.sqlite3");
    let out = tiepdan(&[
        "--db",
        path.to_str().unwrap(),
        "demo",
        "--visits",
        "200",
        "--seed",
        "3",
        "--end",
        "2026-11-20",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

/// A digest of the book's database file (the data).
fn digest(path: &std::path::Path) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn read_only_commands_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_book(dir.path());
    let db = path.to_str().unwrap();
    let before = digest(&path);
    for args in [
        vec!["--db", db, "lookup", "nguyen"],
        vec!["--db", db, "lookup", "--json", "kn"],
        vec![
            "--db",
            db,
            "due",
            "--type",
            "khieu-nai",
            "--received",
            "02/11/2026",
        ],
    ] {
        let out = tiepdan(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(digest(&path), before, "{args:?} wrote the book");
    }
}

#[cfg(unix)]
#[test]
fn read_only_commands_work_on_a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_book(dir.path());
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let copy = locked.join("book.sqlite3");
    std::fs::copy(&path, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    // (Root writes anywhere: then the folder is not really read-only, but the book still is.)
    let root = std::fs::write(locked.join("probe"), b"").is_ok();
    let before = digest(&copy);
    let out = tiepdan(&["--db", copy.to_str().unwrap(), "lookup", "nguyen"]);
    let created = ["-wal", "-shm"]
        .iter()
        .any(|s| std::path::Path::new(&format!("{}{s}", copy.display())).exists());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Công dân"));
    assert_eq!(digest(&copy), before);
    assert!(
        root || !created,
        "nothing was created in the read-only folder"
    );
}

#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_book(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args([
            "--db",
            path.to_str().unwrap(),
            "lookup",
            "--limit",
            "500",
            "n",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then hang up, as `| head -1` does.
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    let _ = out.read(&mut first).unwrap();
    drop(out);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        status.success() || status.code() == Some(0),
        "{status:?} {err}"
    );
}

#[test]
fn a_mistyped_path_creates_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("khong/co/so.sqlite3");
    for args in [
        vec!["--db", missing.to_str().unwrap(), "lookup", "x"],
        vec!["--db", missing.to_str().unwrap()],
    ] {
        let out = tiepdan(&args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("Không có sổ tiếp công dân") || err.contains("terminal"),
            "{args:?}: {err}"
        );
    }
    assert!(!dir.path().join("khong").exists(), "nothing was created");
}

/// `due` refuses what the law does not allow, naming the article, instead of ignoring it:
/// extending a complaint (Luật KN Art 28, 37, 50), extending a denunciation that is not
/// complex (Luật TC Art 30(2)) or a second time when it is not especially complex (Art
/// 30(3)); and a flag of another petition type.
#[test]
fn due_refuses_what_the_law_does_not_allow_naming_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite3");
    let db = db.to_str().unwrap();
    let refused = |args: &[&str], expect: &[&str]| {
        let mut all = vec!["--db", db, "due", "--received", "02/03/2026"];
        all.extend_from_slice(args);
        let out = tiepdan(&all);
        assert!(!out.status.success(), "{args:?} accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        for e in expect {
            assert!(err.contains(e), "{args:?}: {err}");
        }
        assert!(out.stdout.is_empty(), "{args:?}: nothing printed");
    };
    refused(
        &["--type", "khieu-nai", "--complex", "--extensions", "1"],
        &[
            "khiếu nại không được gia hạn",
            "Điều 28, 37, 50",
            "--complex",
        ],
    );
    refused(
        &["--type", "to-cao", "--extensions", "1"],
        &["Điều 30(2)", "--complex"],
    );
    refused(
        &["--type", "to-cao", "--complex", "--extensions", "2"],
        &["Điều 30(3)", "--very-complex"],
    );
    refused(
        &["--type", "kien-nghi", "--extensions", "1"],
        &["kiến nghị, phản ánh"],
    );
    refused(
        &["--type", "to-cao", "--learned", "01/02/2026"],
        &["--learned chỉ dùng cho Khiếu nại"],
    );
    refused(
        &["--type", "khieu-nai", "--multi-site"],
        &["--multi-site chỉ dùng cho Tố cáo"],
    );
    refused(
        &[
            "--type",
            "khieu-nai",
            "--accepted",
            "10/03/2026",
            "--decided",
            "05/03/2026",
        ],
        &["--decided không thể trước --accepted"],
    );
    let out = tiepdan(&[
        "--lang",
        "en",
        "--db",
        db,
        "due",
        "--type",
        "khieu-nai",
        "--received",
        "02/03/2026",
        "--extensions",
        "1",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("a complaint is never extended"));
    // Once when complex: allowed.
    let out = tiepdan(&[
        "--db",
        db,
        "due",
        "--type",
        "to-cao",
        "--received",
        "2026-10-01",
        "--accepted",
        "2026-10-05",
        "--complex",
        "--extensions",
        "1",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Giải quyết: 04/12/2026"));
}

/// The new flags: the day the decision was learned (thời hiệu), decided and sent (sending,
/// the time for a second complaint), forwarded (the forwarder told), several places, the
/// result notice, disciplinary; the citizen's limits printed apart from the unit's duties.
#[test]
fn due_prints_the_new_obligations_and_the_citizen_s_limits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite3");
    let db = db.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db, "due"];
        all.extend_from_slice(args);
        let out = tiepdan(&all);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // Learned Mon 5/1/2026: thời hiệu ends Mon 6/4 (Art 9); received 10/4: late.
    let text = run(&[
        "--type",
        "khieu-nai",
        "--received",
        "10/04/2026",
        "--learned",
        "05/01/2026",
        "--written",
    ]);
    assert!(text.contains("Thời hạn của công dân"), "{text}");
    assert!(text.contains("Thời hiệu khiếu nại: 06/04/2026"), "{text}");
    assert!(
        text.contains("sau thời hạn") && text.contains("Điều 11(6)"),
        "{text}"
    );
    let citizen_part = text.split("Thời hạn của công dân").nth(1).unwrap();
    assert!(
        !citizen_part.contains("Thụ lý:"),
        "the unit's duties come first"
    );
    let text = run(&[
        "--type",
        "khieu-nai",
        "--received",
        "10/04/2026",
        "--learned",
        "05/01/2026",
        "--obstacle-days",
        "5",
        "--written",
    ]);
    assert!(text.contains("Thời hiệu khiếu nại: 10/04/2026"), "{text}");
    assert!(text.contains("trong thời hạn"), "{text}");

    let json = |args: &[&str]| -> serde_json::Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&run(&a)).unwrap()
    };
    let due = |v: &serde_json::Value, o: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|x| x["obligation"] == o)
            .map(|x| (x["due"].as_str().unwrap().to_owned(), x["holder"].clone()))
    };
    // Decided Mon 4/5/2026, sent Thu 7/5, forwarded to us: sending by Thu 7/5 (03 working
    // days), the forwarder told by Wed 13/5 (07), the second complaint by Mon 8/6 (30 days
    // from 7/5 is Sat 6/6).
    let v = json(&[
        "--type",
        "khieu-nai",
        "--received",
        "02/03/2026",
        "--accepted",
        "27/03/2026",
        "--decided",
        "04/05/2026",
        "--sent",
        "07/05/2026",
        "--forwarded",
    ]);
    assert_eq!(
        due(&v, "gui_quyet_dinh"),
        Some(("2026-05-07".into(), "unit".into()))
    );
    assert_eq!(
        due(&v, "bao_ket_qua_noi_chuyen").map(|x| x.0),
        Some("2026-05-13".into())
    );
    assert_eq!(
        due(&v, "thoi_han_khieu_nai_lan_2"),
        Some(("2026-06-08".into(), "citizen".into()))
    );
    assert_eq!(due(&v, "tra_loi_cong_dan"), None, "forwarded: written");
    assert_eq!(due(&v, "cong_khai_quyet_dinh"), None, "first round");
    // A second-round decision of Wed 15/4/2026 published by Mon 4/5 (15 days end on 30/4).
    let v = json(&[
        "--type",
        "khieu-nai",
        "--round",
        "2",
        "--received",
        "02/02/2026",
        "--decided",
        "15/04/2026",
        "--written",
    ]);
    assert_eq!(
        due(&v, "cong_khai_quyet_dinh").map(|x| x.0),
        Some("2026-05-04".into())
    );
    // A denunciation verified at several places, accepted Mon 23/11/2026.
    let v = json(&[
        "--type",
        "to-cao",
        "--received",
        "13/11/2026",
        "--multi-site",
        "--accepted",
        "23/11/2026",
        "--written",
    ]);
    assert_eq!(
        due(&v, "xu_ly_ban_dau").map(|x| x.0),
        Some("2026-11-27".into())
    );
    assert_eq!(
        due(&v, "thong_bao_thu_ly").map(|x| x.0),
        Some("2026-11-30".into())
    );
    // We forwarded it; the result notice came on Wed 30/12/2026.
    let text = run(&[
        "--type",
        "to-cao",
        "--received",
        "01/12/2026",
        "--result-notice",
        "30/12/2026",
        "--written",
    ]);
    assert!(text.contains("Báo KQ cho công dân: 07/01/2027"), "{text}");
    assert!(text.contains("Điều 28(2)"), "{text}");
    // Against a disciplinary decision: accepted within 10 days (Art 50) → Mon 4/5/2026.
    let text = run(&[
        "--type",
        "khieu-nai",
        "--disciplinary",
        "--received",
        "20/04/2026",
        "--written",
    ]);
    assert!(text.contains("Thụ lý: 04/05/2026"), "{text}");
    assert!(text.contains("Điều 50"), "{text}");
}

/// Terminal escapes typed into an argument (or an environment variable) are echoed as text,
/// never obeyed: every path that echoes input — our messages and clap's own — shows
/// `\u{1b}` instead of an ESC that would retitle or clear the terminal (issue 22.8).
#[test]
fn no_argument_reaches_the_terminal_as_an_escape() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path());
    let db = book.to_str().unwrap();
    let evil = "2026\x1b]2;pwned\x07\u{202e}";
    let missing = dir.path().join("sổ\x1b]2;pwned\x07.sqlite3");
    let missing = missing.to_str().unwrap();
    type Env<'a> = Vec<(&'a str, &'a str)>;
    let cases: Vec<(Vec<&str>, Env)> = vec![
        (vec!["--db", db, "report", "--period", evil], vec![]),
        (
            vec!["--db", db, "report", "--period", "2026", "--format", evil],
            vec![],
        ),
        (
            vec!["--db", db, "report", "--from", evil, "--to", "2026-01-01"],
            vec![],
        ),
        (
            vec![
                "--db",
                db,
                "due",
                "--type",
                evil,
                "--received",
                "02/11/2026",
            ],
            vec![],
        ),
        (
            vec!["--db", db, "due", "--type", "khieu-nai", "--received", evil],
            vec![],
        ),
        (vec!["--lang", evil, "--db", db, "lookup", "x"], vec![]),
        // clap's own message (it drops the sequence itself; we show what is left).
        (vec!["--db", db, "lookup", "--limit", evil, "x"], vec![]),
        (vec!["--db", missing, "lookup", "x"], vec![]),
        (vec!["--db", db, "demo", "--end", evil], vec![]),
        (
            vec!["--db", db, "lookup", "x"],
            vec![("TIEPDAN_LANG", evil)],
        ),
        (vec!["lookup", "x"], vec![("TIEPDAN_DB", missing)]),
        (vec!["--db", db, "nosuch\x1b[2J\u{202e}"], vec![]),
    ];
    for (args, env) in cases {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tiepdan"));
        cmd.args(&args)
            .env_remove("TIEPDAN_DB")
            .env_remove("TIEPDAN_LANG");
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(!out.status.success(), "{args:?} {env:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07) && !err.contains('\u{202e}'),
            "{args:?} {env:?}: {err:?}"
        );
        let by_clap = args.contains(&"--limit") || args.iter().any(|a| a.starts_with("nosuch"));
        assert!(
            by_clap || err.contains("\\u{1b}"),
            "{args:?} {env:?}: the escape is shown: {err}"
        );
        assert!(out.stdout.iter().all(|b| *b != 0x1b), "{args:?}");
    }
}

/// `due` never answers with silence: a date before every rule is refused with the first
/// rule's date; a day the calendar does not have is named so, not "wrong format" — the same
/// words as the form (issue 22.11).
#[test]
fn due_says_why_it_cannot_compute() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite3");
    let db = db.to_str().unwrap();
    let out = tiepdan(&[
        "--db",
        db,
        "due",
        "--type",
        "khieu-nai",
        "--received",
        "02/01/1990",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("trước mọi quy định"), "{err}");
    assert!(out.stdout.is_empty());
    for (date, words) in [
        ("29/02/2025", "Không có ngày này"),
        ("2025-02-29", "Không có ngày này"),
        ("29/2/2o25", "không đúng dạng"),
    ] {
        let out = tiepdan(&["--db", db, "due", "--type", "khieu-nai", "--received", date]);
        assert!(!out.status.success(), "{date}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{date}: {err}");
    }
    let out = tiepdan(&[
        "--lang",
        "en",
        "--db",
        db,
        "report",
        "--from",
        "31/04/2026",
        "--to",
        "30/05/2026",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such day"));
    assert!(!dir.path().join("none.sqlite3").exists(), "nothing created");
}

/// Issue 23 on the command line: a denunciation told in person is guided, not transferred
/// (Luật TC Art 24(2)) — its transfer duty shows only with --written; a suspension pauses the
/// resolution (Art 34(2)); a forwarder Luật TCD Art 27(2) does not list is told by the unit's
/// practice (⚑); a complaint decision's legal effect (Luật KN Art 44) is printed apart; the
/// first complaint's days of obstacle are not carried into the Art 33 window.
#[test]
fn due_follows_issue_23() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite3");
    let db = db.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db, "due"];
        all.extend_from_slice(args);
        let out = tiepdan(&all);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let json = |args: &[&str]| -> serde_json::Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&run(&a)).unwrap()
    };
    let due = |v: &serde_json::Value, o: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|x| x["obligation"] == o)
            .map(|x| x["due"].as_str().unwrap().to_owned())
    };
    // Art 24(2): received Mon 2/3/2026 in person — no transfer duty; in writing, 05 working
    // days: Tue 3 … Mon 9/3.
    let v = json(&["--type", "to-cao", "--received", "02/03/2026"]);
    assert_eq!(due(&v, "chuyen_don_to_cao"), None, "told in person: guided");
    let v = json(&["--type", "to-cao", "--received", "02/03/2026", "--written"]);
    assert_eq!(due(&v, "chuyen_don_to_cao"), Some("2026-03-09".into()));
    // Art 34(2): accepted Mon 2/3/2026 (30 days → Wed 1/4), suspended 16/3–30/3 (14 days):
    // Wed 15/4; still suspended: no due date.
    let args = [
        "--type",
        "to-cao",
        "--received",
        "23/02/2026",
        "--accepted",
        "02/03/2026",
        "--written",
    ];
    let mut a = args.to_vec();
    a.extend(["--suspended", "16/03/2026..30/03/2026"]);
    assert_eq!(due(&json(&a), "giai_quyet"), Some("2026-04-15".into()));
    let mut a = args.to_vec();
    a.extend(["--suspended", "16/03/2026"]);
    assert_eq!(due(&json(&a), "giai_quyet"), None);
    // Art 26(2) and 27(2): forwarded by another body; decided Mon 4/5/2026 → told of the
    // result by Wed 13/5 (07 working days), marked ⚑; the handling by Mon 23/3 (20 days
    // from Mon 2/3 end on Sun 22/3).
    let text = run(&[
        "--type",
        "to-cao",
        "--received",
        "02/03/2026",
        "--accepted",
        "09/03/2026",
        "--decided",
        "04/05/2026",
        "--forwarded-other",
    ]);
    assert!(text.contains("Báo KQ nơi chuyển đơn: 13/05/2026"), "{text}");
    assert!(text.contains("⚑ Thực tiễn của đơn vị"), "{text}");
    assert!(text.contains("Báo xử lý nơi chuyển: 23/03/2026"), "{text}");
    // Art 35(3), 40(1): the conclusion sent by Mon 11/5, made public by Wed 13/5.
    assert!(text.contains("Gửi kết luận tố cáo: 11/05/2026"), "{text}");
    assert!(text.contains("Công khai kết luận: 13/05/2026"), "{text}");
    // Art 44(1): decided Mon 4/5/2026 → in force after Wed 3/6; Art 33(1) counts the days
    // of obstacle of the first complaint: still Wed 3/6 with 10 of them.
    let text = run(&[
        "--type",
        "khieu-nai",
        "--received",
        "02/03/2026",
        "--accepted",
        "27/03/2026",
        "--decided",
        "04/05/2026",
        "--learned",
        "05/01/2026",
        "--obstacle-days",
        "10",
        "--written",
    ]);
    let effect = text
        .split("Hiệu lực pháp luật của quyết định")
        .nth(1)
        .unwrap();
    assert!(
        effect.contains("Hiệu lực của quyết định: 03/06/2026"),
        "{text}"
    );
    assert!(effect.contains("Điều 44(1)"), "{text}");
    assert!(text.contains("Hạn khiếu nại lần 2: 03/06/2026"), "{text}");
}
