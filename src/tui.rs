//! The terminal loop: events → `App::apply` → draw. Events come through one channel: the
//! terminal's (read on their own thread) and the app's workers' (a lookup's results), so the
//! loop never waits on slow work. The loop is generic over the ratatui `Backend`, so a test
//! drives the whole app on a `TestBackend` through the same channel.
//! The terminal is restored on every exit path, including a panic (a hook that restores it
//! before the message is printed). Each frame reaches the terminal in one write.

use std::io::{self, stdout};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event as TermEvent, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

use crate::app::{App, DRAFT_DELAY, Msg};

/// How often the idle loop looks whether another desk (or window) changed the book: SQLite's
/// `PRAGMA data_version`, a few microseconds. Its visit shows within this, without a key.
pub const WATCH: Duration = Duration::from_millis(250);
use crate::ui;

mod signals;

pub use signals::Stop;

/// What the loop waits for.
#[derive(Debug)]
pub enum Event {
    /// A terminal event (key, paste, resize).
    Term(TermEvent),
    /// A message from a worker.
    App(Msg),
    /// SIGTERM, SIGHUP (the terminal or the SSH session closed) or SIGINT — on Windows the
    /// console's Ctrl-C, Ctrl-Break or close: keep what is typed and leave, restoring the
    /// terminal.
    Stop,
}

/// The terminal's output, gathered and written once a frame (ratatui flushes after each
/// draw). Stdout alone writes in pieces of 1 KB, so a frame of a wide screen took a dozen
/// writes to the terminal, each one woken and drawn by it. A frame cut short by a panic is
/// dropped, never written after the terminal was restored.
struct FrameOut<W: io::Write> {
    buf: Vec<u8>,
    out: W,
}

impl<W: io::Write> FrameOut<W> {
    fn new(out: W) -> Self {
        FrameOut {
            buf: Vec::with_capacity(64 * 1024),
            out,
        }
    }
}

impl<W: io::Write> io::Write for FrameOut<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let written = self
            .out
            .write_all(&self.buf)
            .and_then(|()| self.out.flush());
        self.buf.clear();
        written
    }
}

/// Run the TUI until the officer quits, or the process is told to stop (then which way:
/// its exit status says so).
pub fn run(app: &mut App) -> io::Result<Option<Stop>> {
    // A panic restores the terminal (raw mode off, the alternate screen left, bracketed
    // paste off) before its message is printed.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste);
        ratatui::restore();
        previous(info);
    }));
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(FrameOut::new(stdout())))?;
    // A window killed before (kill -9, a closed SSH session) leaves its last screen in the
    // alternate screen, which some terminals (tmux) keep when it is entered again: the
    // first frame would draw over it. Cleared first, by the escape alone: ratatui's
    // `Terminal::clear` asks the terminal where its cursor is, which not every terminal
    // answers. The first frame then draws every cell that is not blank.
    execute!(stdout(), Clear(ClearType::All))?;
    let (tx, rx) = mpsc::channel();
    spawn_input(tx.clone());
    let stopped = Arc::new(OnceLock::new());
    // Listening until the terminal is restored: a stop request meanwhile still sets the exit
    // status (the loop has ended; there is nothing left to keep).
    let listener = signals::listen(tx.clone(), Arc::clone(&stopped));
    let result = match &listener {
        Ok(_) => {
            attach_workers(app, &tx);
            spawn_daily_backup(app);
            execute!(stdout(), EnableBracketedPaste)
                .and_then(|()| event_loop(&mut terminal, app, &rx))
        }
        Err(_) => Ok(()),
    };
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    drop(listener?);
    result?;
    Ok(stopped.get().copied())
}

/// Let the app's slow work (lookups, reports, exports) run on lanes that post into
/// `events`. Nothing starts here: a lane's thread and connection are made at its first job.
pub fn attach_workers(app: &mut App, events: &Sender<Event>) {
    let tx = std::sync::Mutex::new(events.clone());
    let book = app.store.path().map(std::path::Path::to_path_buf);
    app.jobs.attach(
        std::sync::Arc::new(move |m| {
            let _ = tx.lock().map(|tx| tx.send(Event::App(m)));
        }),
        book,
    );
}

/// The day's backup, at the first start of a day, on a thread of its own with its own
/// read-only connection (the copy reads one snapshot; the desk goes on meanwhile). A failed
/// backup does not stop the desk (the next start tries again).
fn spawn_daily_backup(app: &App) {
    let Some(path) = app.store.path().map(std::path::Path::to_owned) else {
        return;
    };
    // A book still being set up (the first-start dialog) is not a book yet.
    if app.store.is_read_only() || app.setup_pending() {
        return;
    }
    let keep = app
        .store
        .backup_keep()
        .unwrap_or(crate::store::backup::KEEP_DEFAULT);
    let now = app.now();
    std::thread::spawn(move || {
        if let Ok(store) = crate::store::Store::open_read_only(&path) {
            let _ = store.daily_backup(now, keep);
        }
    });
}

/// Read the terminal on a thread of its own.
fn spawn_input(tx: Sender<Event>) {
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Event::Term(ev)).is_err() {
                break;
            }
        }
    });
}

/// The loop: draw, wait for an event (or the next tick), apply it — until the officer quits.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<Event>,
) -> Result<(), B::Error> {
    while step(terminal, app, events, None)? {}
    Ok(())
}

/// One turn of the loop: draw, then wait for one event (at most `wait`, else until the next
/// tick is due) and apply it. Returns false once the app quits or the events end.
pub fn step<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<Event>,
    wait: Option<Duration>,
) -> Result<bool, B::Error> {
    let size = terminal.size()?;
    if (size.width, size.height) != app.viewport {
        app.viewport = (size.width, size.height);
        app.redraw = true;
    }
    // A quiet tick that changed nothing leaves the frame as it is.
    if app.redraw {
        app.redraw = false;
        terminal.draw(|frame| ui::draw(frame, app))?;
    }
    // Work asked for by the last key goes to the lanes once its echo is on screen: a woken
    // lane cannot delay the frame.
    app.dispatch();
    // Debug builds only: lets the end-to-end tests prove that a panic restores the terminal.
    #[cfg(debug_assertions)]
    if std::env::var_os("TIEPDAN_TEST_PANIC").is_some() {
        panic!("TIEPDAN_TEST_PANIC: deliberate panic after the first frame");
    }
    if app.should_quit {
        return Ok(false);
    }
    // Wake up for the draft autosave, another desk's writes, the idle checkpoint and the
    // date rollover.
    let tick = if app.draft_pending() {
        DRAFT_DELAY.min(WATCH)
    } else {
        WATCH
    };
    // Idle (no key waiting): read one pane the officer may switch to next, so that its key
    // only redraws. A key pressed meanwhile waits for that one read at most.
    let event = match events.try_recv() {
        Ok(ev) => Ok(ev),
        Err(TryRecvError::Disconnected) => return Ok(false),
        Err(TryRecvError::Empty) => {
            if app.warm_one() {
                return Ok(true);
            }
            events.recv_timeout(wait.unwrap_or(tick).min(tick))
        }
    };
    match event {
        Ok(Event::Term(TermEvent::Key(key))) if key.kind != KeyEventKind::Release => {
            app.handle_key(key)
        }
        Ok(Event::Term(TermEvent::Paste(text))) => app.handle_paste(&text),
        Ok(Event::App(msg)) => app.apply(msg),
        Ok(Event::Stop) => app.apply(Msg::Stop),
        // Resize: the next draw adapts to the new size.
        Ok(Event::Term(_)) | Err(RecvTimeoutError::Timeout) => {}
        Err(RecvTimeoutError::Disconnected) => return Ok(false),
    }
    app.apply(Msg::Tick(Instant::now()));
    Ok(true)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::FrameOut;

    /// What reaches the terminal: each write, as its own piece.
    #[derive(Default)]
    struct Pieces(Vec<Vec<u8>>);

    impl Write for &mut Pieces {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.push(bytes.to_vec());
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_frame_reaches_the_terminal_in_one_write_and_a_cut_one_never() {
        let mut pieces = Pieces::default();
        {
            let mut out = FrameOut::new(&mut pieces);
            for cell in 0..5000 {
                write!(out, "\x1b[{};{}Hđ", cell / 200 + 1, cell % 200 + 1).unwrap();
            }
            out.flush().unwrap();
            // A frame cut short (a panic in the draw) is dropped unwritten.
            write!(out, "\x1b[1;1Hcut").unwrap();
        }
        assert_eq!(pieces.0.len(), 1, "one write for the frame");
        assert!(pieces.0[0].len() > 40_000);
        assert!(pieces.0[0].ends_with("\x1b[25;200Hđ".as_bytes()));
    }
}
