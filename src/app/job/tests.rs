//! The mechanism alone, with jobs that need no book: the newest result kept, stale ones
//! dropped on both sides, progress, cancel, inline runs.

use std::sync::atomic::{AtomicBool, Ordering as AtOrd};
use std::sync::mpsc;
use std::time::Duration;

use super::*;

/// Counts to `n`, one step every millisecond, sending each number; waits for `gate` first.
#[derive(Debug, Clone)]
struct Count {
    n: u64,
    gate: Option<Arc<AtomicBool>>,
}

impl Job for Count {
    type Out = u64;
    const NAME: &'static str = "test-count";
    const ACCESS: Access = Access::None;

    fn run(self, cx: &mut Cx<'_, u64>) -> store::Result<()> {
        if let Some(g) = &self.gate {
            while !g.load(AtOrd::Acquire) && !cx.superseded() {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        for i in 1..=self.n {
            if cx.superseded() {
                return Ok(());
            }
            cx.progress(i, self.n);
            std::thread::sleep(Duration::from_millis(1));
        }
        cx.send(self.n);
        Ok(())
    }

    fn into_msg(ticket: Ticket, event: Event<u64>) -> Msg {
        let text = match event {
            Event::Out(n) => format!("out {ticket} {n}"),
            Event::Progress(p) => format!("progress {ticket} {}", p.done),
            Event::Failed(e) => format!("failed {ticket} {e:?}"),
        };
        Msg::Paste(text)
    }
}

fn text(m: Msg) -> String {
    match m {
        Msg::Paste(t) => t,
        other => panic!("{other:?}"),
    }
}

fn threaded() -> (Lane<Count>, mpsc::Receiver<Msg>) {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let mut lane = Lane::default();
    lane.attach(
        Arc::new(move |m| {
            let _ = lock(&tx).send(m);
        }),
        None,
    );
    (lane, rx)
}

fn outs(rx: &mpsc::Receiver<Msg>, until: &str) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        let m = text(rx.recv_timeout(Duration::from_secs(10)).expect("a message"));
        let done = m == until;
        if !m.starts_with("progress") {
            seen.push(m);
        }
        if done {
            return seen;
        }
    }
}

#[test]
fn only_the_newest_job_sends_its_result() {
    let store = Store::open_in_memory().unwrap();
    let (mut lane, rx) = threaded();
    let gate = Arc::new(AtomicBool::new(false));
    let first = lane.ask(Count {
        n: 1000,
        gate: Some(Arc::clone(&gate)),
    });
    lane.dispatch(&store);
    assert!(lane.is_busy());
    // Asked before the loop's next turn: replaces the one not handed over.
    let second = lane.ask(Count { n: 3, gate: None });
    let third = lane.ask(Count { n: 5, gate: None });
    assert!(second < third && first < second);
    lane.dispatch(&store);
    gate.store(true, AtOrd::Release);
    assert_eq!(
        outs(&rx, &format!("out {third} 5")),
        [format!("out {third} 5")]
    );
    assert!(lane.is_current(third) && !lane.is_current(first));
    // Nothing else ever comes (the first job stopped at its next step).
    assert!(rx.recv_timeout(Duration::from_millis(50)).is_err());
    assert!(!lane.is_busy());
}

#[test]
fn a_cancelled_job_sends_nothing_and_progress_is_kept() {
    let store = Store::open_in_memory().unwrap();
    let (mut lane, rx) = threaded();
    lane.ask(Count { n: 300, gate: None });
    lane.dispatch(&store);
    // Progress comes as it goes.
    let m = text(rx.recv_timeout(Duration::from_secs(10)).unwrap());
    assert!(m.starts_with("progress"), "{m}");
    let t0 = std::time::Instant::now();
    while lane.progress().is_none_or(|p| p.done < 2) {
        assert!(t0.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(lane.progress().unwrap().total, 300);
    lane.cancel();
    assert!(
        lane.progress().is_none(),
        "a stale job's progress is not shown"
    );
    while let Ok(m) = rx.recv_timeout(Duration::from_millis(100)) {
        assert!(
            !text(m).starts_with("out"),
            "a cancelled job sent its result"
        );
    }
    // The lane takes the next job.
    let t = lane.ask(Count { n: 1, gate: None });
    lane.dispatch(&store);
    assert_eq!(
        outs(&rx, &format!("out {t} 1")).last().unwrap(),
        &format!("out {t} 1")
    );
}

#[test]
fn inline_jobs_run_at_dispatch_on_the_callers_thread() {
    let store = Store::open_in_memory().unwrap();
    let mut lane: Lane<Count> = Lane::default();
    assert!(!lane.is_threaded());
    let t = lane.ask(Count { n: 2, gate: None });
    assert!(lane.is_busy() && lane.take_inline().is_empty());
    lane.dispatch(&store);
    let msgs: Vec<String> = lane.take_inline().into_iter().map(text).collect();
    assert_eq!(msgs.last().unwrap(), &format!("out {t} 2"));
    assert!(!lane.is_busy());
}

#[test]
fn dropping_a_lane_stops_its_job_and_joins_its_thread() {
    let store = Store::open_in_memory().unwrap();
    let (mut lane, rx) = threaded();
    lane.ask(Count {
        n: 1_000_000,
        gate: None,
    });
    lane.dispatch(&store);
    let started = std::time::Instant::now();
    drop(lane);
    assert!(started.elapsed() < Duration::from_secs(2));
    while let Ok(m) = rx.try_recv() {
        assert!(!text(m).starts_with("out"));
    }
}
