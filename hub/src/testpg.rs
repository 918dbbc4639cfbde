//! A throwaway PostgreSQL for the hub's tests: `initdb` once into a template data directory
//! (kept under the tests' target dir, made again when missing), copied for each test and
//! started with `pg_ctl` on a unix socket in a temporary directory (`listen_addresses = ''`:
//! no TCP port), stopped when dropped. As root (initdb refuses root) the server runs as
//! `nobody`, its directories given to it. The binaries are found on PATH or under
//! `/usr/lib/postgresql/*/bin`.
//!
//! PostgreSQL missing: under `CI=true` the tests fail saying so; elsewhere they are skipped
//! with a loud message (a desk's developer needs only Rust).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// One started server.
pub struct TestPg {
    dir: tempfile::TempDir,
    bin: PathBuf,
    user: Option<&'static str>,
}

/// The directory holding `initdb`, `pg_ctl` and `postgres`.
pub fn find_bin() -> Option<PathBuf> {
    let has = |d: &Path| {
        ["initdb", "pg_ctl", "postgres"]
            .iter()
            .all(|b| d.join(b).is_file())
    };
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    if let Some(d) = on_path.into_iter().find(|d| has(d)) {
        // A link to the installation's own directory (which has pg_dump too): that one.
        return std::fs::canonicalize(d.join("pg_ctl"))
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|real| has(real))
            .or(Some(d));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            Some((v, e.path().join("bin")))
        })
        .filter(|(_, d)| has(d))
        .collect();
    versions.sort();
    versions.pop().map(|(_, d)| d)
}

fn is_root() -> bool {
    // The owner of /proc/self is the effective user.
    std::fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    })
}

/// Run a PostgreSQL program, as `user` when set.
fn run(
    bin: &Path,
    user: Option<&str>,
    program: &str,
    args: &[&str],
    cwd: &Path,
) -> Result<(), String> {
    let exe = bin.join(program);
    let mut cmd = match user {
        Some(u) => {
            let mut c = Command::new("runuser");
            c.args(["-u", u, "--"]).arg(&exe);
            c
        }
        None => Command::new(&exe),
    };
    let out = cmd
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} {args:?}: {}\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn give(path: &Path, user: Option<&str>) -> Result<(), String> {
    let Some(u) = user else { return Ok(()) };
    let out = Command::new("chown")
        .args(["-R", u])
        .arg(path)
        .output()
        .map_err(|e| e.to_string())?;
    out.status
        .success()
        .then_some(())
        .ok_or_else(|| String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The template data directory, made once per run when missing.
fn template(bin: &Path, user: Option<&'static str>, cache: &Path) -> Result<PathBuf, String> {
    static TEMPLATE: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let version = bin
                .parent()
                .and_then(|p| p.file_name())
                .map_or_else(|| "pg".into(), |n| n.to_string_lossy().into_owned());
            let done = cache.join(format!("hub-pg-template-{version}"));
            if done.join("PG_VERSION").is_file() {
                return Ok(done);
            }
            let work = tempfile::tempdir().map_err(|e| e.to_string())?;
            give(work.path(), user)?;
            let data = work.path().join("data");
            run(
                bin,
                user,
                "initdb",
                &[
                    "-D",
                    &data.to_string_lossy(),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                ],
                work.path(),
            )?;
            let conf = data.join("postgresql.conf");
            let mut text = std::fs::read_to_string(&conf).map_err(|e| e.to_string())?;
            text.push_str(
                "\nlisten_addresses = ''\nfsync = off\nsynchronous_commit = off\n\
                 full_page_writes = off\nshared_buffers = 16MB\nmax_connections = 30\n",
            );
            std::fs::write(&conf, text).map_err(|e| e.to_string())?;
            std::fs::create_dir_all(cache).map_err(|e| e.to_string())?;
            let tmp = cache.join(format!("hub-pg-template-{version}.{}", std::process::id()));
            copy(&data, &tmp)?;
            std::fs::rename(&tmp, &done).map_err(|e| e.to_string())?;
            Ok(done)
        })
        .clone()
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    let out = Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .output()
        .map_err(|e| e.to_string())?;
    out.status
        .success()
        .then_some(())
        .ok_or_else(|| String::from_utf8_lossy(&out.stderr).into_owned())
}

impl TestPg {
    /// A server of its own, its template kept under `cache` (the tests'
    /// `CARGO_TARGET_TMPDIR`). None: PostgreSQL is not installed (said loudly); under
    /// `CI=true` that fails the test instead.
    pub fn start(cache: &Path) -> Option<TestPg> {
        let Some(bin) = find_bin() else {
            let why = "PostgreSQL (initdb, pg_ctl, postgres) is not installed: not on PATH, \
                       nor under /usr/lib/postgresql/*/bin";
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{why}: the hub's tests need it in CI (.ci/run installs it)");
            }
            eprintln!("\n*** SKIPPED: {why}; the hub's tests did not run ***\n");
            return None;
        };
        let user = is_root().then_some("nobody");
        let started = (|| -> Result<TestPg, String> {
            let template = template(&bin, user, cache)?;
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            let data = dir.path().join("data");
            copy(&template, &data)?;
            std::fs::create_dir(dir.path().join("sock")).map_err(|e| e.to_string())?;
            give(dir.path(), user)?;
            let pg = TestPg { dir, bin, user };
            run(
                &pg.bin,
                user,
                "pg_ctl",
                &[
                    "-D",
                    &data.to_string_lossy(),
                    "-l",
                    &pg.dir.path().join("log").to_string_lossy(),
                    "-o",
                    &format!("-k {}", pg.socket_dir().display()),
                    "-w",
                    "-s",
                    "start",
                ],
                pg.dir.path(),
            )?;
            Ok(pg)
        })();
        Some(started.unwrap_or_else(|e| panic!("a throwaway PostgreSQL did not start: {e}")))
    }

    fn socket_dir(&self) -> PathBuf {
        self.dir.path().join("sock")
    }

    /// The server's connection string (its unix socket, superuser `postgres`).
    pub fn url(&self) -> String {
        format!(
            "host={} port=5432 user=postgres dbname=postgres",
            self.socket_dir().display()
        )
    }

    /// `pg_dump` of the whole database, as text.
    pub fn dump(&self) -> String {
        let exe = self.bin.join("pg_dump");
        let mut cmd = match self.user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        let out = cmd
            .arg("-h")
            .arg(self.socket_dir())
            .args(["-U", "postgres", "postgres"])
            .current_dir(self.dir.path())
            .output()
            .expect("pg_dump runs");
        assert!(
            out.status.success(),
            "pg_dump: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("pg_dump writes UTF-8")
    }
}

impl Drop for TestPg {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = run(
            &self.bin,
            self.user,
            "pg_ctl",
            &[
                "-D",
                &data.to_string_lossy(),
                "-m",
                "immediate",
                "-w",
                "-s",
                "stop",
            ],
            self.dir.path(),
        );
    }
}
