//! Seals made ahead (issue 27's import speed). An import seals the identity of every new
//! denouncer (a quarter of an old book's rows: four X25519 multiplications each,
//! `seal::seal`) while its one transaction holds the book. So a second thread makes those
//! envelopes as the transaction writes — each by `seal::seal` itself, with its own
//! randomness — and the row writer (`rows::sealed_identity`) takes one only for exactly the
//! bytes and the recipients it was made for, and only once. Anything else (a returning
//! denouncer whose identity grew, an identity the thread has not reached yet) is sealed where
//! it is asked for, as before: what is stored is the same kind of envelope either way.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// What the writer tells the thread: how far it is, and when to stop.
#[derive(Default)]
struct Progress {
    /// How many seals were asked for (the thread skips what the writer has passed).
    asked: AtomicUsize,
    stop: AtomicBool,
}

/// Envelopes made ahead, to be taken by the row writer.
pub(in crate::store) struct Ahead {
    recipients: Vec<[u8; 32]>,
    made: mpsc::Receiver<(Vec<u8>, Vec<u8>)>,
    /// Received, not yet taken: by the bytes sealed.
    ready: HashMap<Vec<u8>, Vec<Vec<u8>>>,
    progress: Arc<Progress>,
    /// Taken from the thread, and sealed in place.
    pub taken: usize,
    pub missed: usize,
}

impl Ahead {
    /// Take the envelope made ahead of `plain` to `recipients`, if there is one.
    pub(in crate::store) fn take(
        &mut self,
        plain: &[u8],
        recipients: &[[u8; 32]],
    ) -> Option<Vec<u8>> {
        self.progress.asked.fetch_add(1, Ordering::Relaxed);
        if recipients != self.recipients.as_slice() {
            self.missed += 1;
            return None;
        }
        while let Ok((p, s)) = self.made.try_recv() {
            self.ready.entry(p).or_default().push(s);
        }
        let found = match self.ready.get_mut(plain) {
            Some(list) => {
                let s = list.pop();
                if list.is_empty() {
                    self.ready.remove(plain);
                }
                s
            }
            None => None,
        };
        match found {
            Some(_) => self.taken += 1,
            None => self.missed += 1,
        }
        found
    }

    /// Wait until the thread has made `n` more (the tests).
    #[cfg(test)]
    fn wait_for(&mut self, n: usize) {
        for _ in 0..n {
            let (p, s) = self.made.recv().expect("the thread makes them");
            self.ready.entry(p).or_default().push(s);
        }
    }
}

impl super::write::Sql<'_> {
    /// Seal `plain` to `recipients` (`seal::seal`), or take the envelope a second thread
    /// made of it ahead (`ahead.rs`).
    pub(in crate::store) fn seal(&self, plain: &[u8], recipients: &[[u8; 32]]) -> Vec<u8> {
        self.ahead
            .borrow_mut()
            .as_mut()
            .and_then(|a| a.take(plain, recipients))
            .unwrap_or_else(|| super::seal::seal(plain, recipients))
    }

    /// Run `f` with seals of `plains` made ahead on a second thread (see `ahead.rs`);
    /// returns what `f` returned, and how many seals were taken from the thread and made in
    /// place.
    pub(in crate::store) fn sealing_ahead<T>(
        &self,
        plains: Vec<Vec<u8>>,
        recipients: Vec<[u8; 32]>,
        f: impl FnOnce() -> T,
    ) -> (T, usize, usize) {
        with_seals_ahead(plains, recipients, |a| {
            *self.ahead.borrow_mut() = Some(a);
            let out = f();
            let a = self.ahead.borrow_mut().take();
            let (taken, missed) = a.map_or((0, 0), |a| (a.taken, a.missed));
            (out, taken, missed)
        })
    }
}

/// Run `f` with `plains` (the bytes expected to be sealed, in the order they will be asked
/// for) being sealed to `recipients` on a second thread; `f` gets the [`Ahead`] to take them
/// from. The thread stops when `f` returns (what it made and nobody took is dropped).
pub(in crate::store) fn with_seals_ahead<T>(
    plains: Vec<Vec<u8>>,
    recipients: Vec<[u8; 32]>,
    f: impl FnOnce(Ahead) -> T,
) -> T {
    let progress = Arc::new(Progress::default());
    let (send, made) = mpsc::channel();
    let ahead = Ahead {
        recipients: recipients.clone(),
        made,
        ready: HashMap::new(),
        progress: progress.clone(),
        taken: 0,
        missed: 0,
    };
    if plains.is_empty() || recipients.is_empty() {
        return f(ahead);
    }
    std::thread::scope(|s| {
        let shared = progress.clone();
        s.spawn(move || {
            for (i, plain) in plains.into_iter().enumerate() {
                if shared.stop.load(Ordering::Relaxed) {
                    break;
                }
                // Already past it: the writer sealed it in place.
                if i < shared.asked.load(Ordering::Relaxed) {
                    continue;
                }
                let sealed = super::seal::seal(&plain, &recipients);
                if send.send((plain, sealed)).is_err() {
                    break;
                }
            }
        });
        let out = f(ahead);
        progress.stop.store(true, Ordering::Relaxed);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::seal::{KeyPair, open};

    #[test]
    fn a_seal_made_ahead_is_taken_once_and_only_for_its_own_bytes_and_recipients() {
        let (a, b, c) = (
            KeyPair::generate(),
            KeyPair::generate(),
            KeyPair::generate(),
        );
        let to = vec![a.public, b.public];
        let plains = vec![b"one".to_vec(), b"two".to_vec(), b"one".to_vec()];
        let (taken, missed) = with_seals_ahead(plains, to.clone(), |mut ahead| {
            ahead.wait_for(3);
            // Other recipients, other bytes: not taken (sealed in place by the caller).
            assert_eq!(ahead.take(b"one", &[a.public]), None);
            assert_eq!(ahead.take(b"one", &[a.public, c.public]), None);
            assert_eq!(ahead.take(b"three", &to), None);
            // "one" twice, each its own envelope (its own randomness), then no more.
            let first = ahead.take(b"one", &to).unwrap();
            let second = ahead.take(b"one", &to).unwrap();
            assert_ne!(first, second);
            assert_eq!(ahead.take(b"one", &to), None);
            for s in [&first, &second] {
                assert_eq!(open(s, &[&a]).as_deref(), Some(&b"one"[..]));
                assert_eq!(open(s, &[&b]).as_deref(), Some(&b"one"[..]));
                assert_eq!(open(s, &[&c]), None);
            }
            let two = ahead.take(b"two", &to).unwrap();
            assert_eq!(open(&two, &[&b]).as_deref(), Some(&b"two"[..]));
            (ahead.taken, ahead.missed)
        });
        assert_eq!((taken, missed), (3, 4));
    }

    #[test]
    fn nothing_is_made_ahead_without_recipients() {
        let plains: Vec<Vec<u8>> = (0..10u32).map(|i| i.to_le_bytes().to_vec()).collect();
        let (got, made) = with_seals_ahead(plains, Vec::new(), |mut ahead| {
            (ahead.take(b"x", &[]), ahead.made.try_recv().is_ok())
        });
        assert_eq!((got, made), (None, false));
    }
}
