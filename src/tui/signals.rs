//! Being told to stop, on each platform: the request becomes an `Event::Stop` of the loop
//! (the open form is kept as a draft, then the terminal is restored), and its kind is kept
//! for the exit status.
//!
//! - Unix: SIGTERM, SIGHUP (the terminal window or the SSH session closed) and SIGINT.
//! - Windows: the console's control events (`SetConsoleCtrlHandler`): Ctrl-C, Ctrl-Break, the
//!   console window closed, the user logging off, the machine shutting down.

use std::io;
use std::sync::mpsc::Sender;
use std::sync::{Arc, OnceLock};

use super::Event;

/// Why the process was told to stop. Its exit status is the shell's 128 + the signal's
/// number, on Windows too (where the console's events are named after their Unix kin).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGTERM; on Windows, logoff or shutdown (which Windows sends only to console programs
    /// without user32.dll; crossterm loads it, so today they do not arrive).
    Terminate,
    /// SIGHUP: the terminal went away; on Windows, the console window was closed.
    HangUp,
    /// SIGINT; on Windows, Ctrl-C or Ctrl-Break.
    Interrupt,
}

impl Stop {
    /// The exit status that tells a shell or a service manager what ended the process.
    pub fn exit_code(self) -> u8 {
        match self {
            Stop::HangUp => 128 + 1,
            Stop::Interrupt => 128 + 2,
            Stop::Terminate => 128 + 15,
        }
    }
}

/// Listening for stop requests while it lives; each one is sent to the loop as `Event::Stop`
/// after its kind is recorded in `stopped` (the first one wins).
pub struct Listener {
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
}

#[cfg(unix)]
pub fn listen(tx: Sender<Event>, stopped: Arc<OnceLock<Stop>>) -> io::Result<Listener> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let stop = match signal {
                SIGHUP => Stop::HangUp,
                SIGINT => Stop::Interrupt,
                _ => Stop::Terminate,
            };
            let _ = stopped.set(stop);
            if tx.send(Event::Stop).is_err() {
                break;
            }
        }
    });
    Ok(Listener { handle })
}

#[cfg(unix)]
impl Drop for Listener {
    fn drop(&mut self) {
        self.handle.close();
    }
}

#[cfg(windows)]
pub fn listen(tx: Sender<Event>, stopped: Arc<OnceLock<Stop>>) -> io::Result<Listener> {
    console::listen(tx, stopped)?;
    Ok(Listener {})
}

#[cfg(windows)]
impl Drop for Listener {
    fn drop(&mut self) {
        console::forget();
    }
}

/// Neither Unix nor Windows: nothing to listen to.
#[cfg(not(any(unix, windows)))]
pub fn listen(_tx: Sender<Event>, _stopped: Arc<OnceLock<Stop>>) -> io::Result<Listener> {
    Ok(Listener {})
}

/// The Windows console's control events, through `windows-sys` (Microsoft's own bindings,
/// already in the tree through clap, etcetera and rust_xlsxwriter). The `ctrlc` crate was not
/// used: its handler returns at once, and for a closed window Windows ends the process as
/// soon as the handler returns, before the loop could keep the draft.
#[cfg(windows)]
mod console {
    use std::io;
    use std::sync::mpsc::Sender;
    use std::sync::{Arc, Mutex, OnceLock};

    use windows_sys::Win32::System::Console::{
        CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
        SetConsoleCtrlHandler,
    };
    use windows_sys::core::BOOL;

    use super::{Event, Stop};

    /// Where the handler (a plain function, called on a thread Windows makes) sends, and
    /// where it records why.
    type Target = (Sender<Event>, Arc<OnceLock<Stop>>);
    static TARGET: Mutex<Option<Target>> = Mutex::new(None);

    pub fn listen(tx: Sender<Event>, stopped: Arc<OnceLock<Stop>>) -> io::Result<()> {
        *TARGET.lock().unwrap_or_else(|e| e.into_inner()) = Some((tx, stopped));
        // SAFETY: `on_event` is a plain function with the signature Windows expects; it lives
        // as long as the program.
        if unsafe { SetConsoleCtrlHandler(Some(on_event), 1) } == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    pub fn forget() {
        // SAFETY: removes the handler added by `listen` (a no-op if it was not added).
        unsafe { SetConsoleCtrlHandler(Some(on_event), 0) };
        *TARGET.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    unsafe extern "system" fn on_event(kind: u32) -> BOOL {
        let stop = match kind {
            CTRL_C_EVENT | CTRL_BREAK_EVENT => Stop::Interrupt,
            CTRL_CLOSE_EVENT => Stop::HangUp,
            CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => Stop::Terminate,
            _ => return 0,
        };
        let sent = match TARGET.lock() {
            Ok(target) => target.as_ref().is_some_and(|(tx, stopped)| {
                let _ = stopped.set(stop);
                tx.send(Event::Stop).is_ok()
            }),
            Err(_) => false,
        };
        if !sent {
            // The loop is gone: the next handler (Windows's default) ends the process.
            return 0;
        }
        if stop != Stop::Interrupt {
            // Closed window, logoff, shutdown: Windows ends the process as soon as this
            // returns. Wait here while the loop keeps the draft, restores the console and
            // exits the process itself (which ends this thread too); Windows's own deadline
            // (5 s for a closed window) still holds.
            loop {
                std::thread::park();
            }
        }
        1
    }
}
