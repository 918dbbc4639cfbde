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
