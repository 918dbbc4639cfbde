//! The pseudo-terminal driver of the end-to-end tests that share it (`pty_desks`,
//! `pty_lock`): the real binary in a pty, its screen read with vt100, waits that poll.
//! (`tests/pty.rs` keeps its own, larger one.) Each test crate uses a part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    pub fn start(db: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tiepdan"));
        cmd.arg("--db");
        cmd.arg(db);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("TIEPDAN_LANG");
        // PINs hashed at the cheapest cost (honoured by debug builds only).
        cmd.env("TIEPDAN_TEST_KDF", "cheap");
        let child = pair.slave.spawn_command(cmd).expect("tiepdan starts");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 120, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Tui {
            parser,
            writer,
            child,
            _master: pair.master,
        }
    }

    /// Sign in at the lock screen the app starts on, with the test officer's PIN.
    pub fn signed_in(mut self) -> Tui {
        self.wait_text("Mã PIN");
        self.send(crate::common::PIN);
        self.send("\r");
        self
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text`, at most `limit`; returns how long it took.
    pub fn wait_within(&self, text: &str, limit: Duration) -> Duration {
        let start = Instant::now();
        loop {
            if self.screen().contains(text) {
                return start.elapsed();
            }
            if start.elapsed() > limit {
                panic!(
                    "{text:?} not shown within {limit:?}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_text(&self, text: &str) {
        self.wait_within(text, TIMEOUT);
    }

    pub fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn field(&mut self, text: &str) {
        self.send(text);
        self.send("\t");
    }

    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("tiepdan did not exit; screen:\n{}", self.screen());
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
