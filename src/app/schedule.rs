//! The head's reception schedule (lịch tiếp công dân, issue 29) as a screen over the catalog
//! (`s` there): the plans, and one month's days as the book shows them — planned (moved off
//! days off), held in person or by a deputy, postponed, not yet recorded, posted or not.
//! On a day: `p` posted today, `h` held with nobody coming, `u` a deputy received, `x`
//! postponed. The plans themselves are set with `tiepdan schedule set` (the catalog's rules
//! of law are changed the same careful way: from a date, never in place).

use chrono::{Datelike, Duration, NaiveDate};

use super::{App, Command, Overlay};
use crate::domain::calendar::Calendar;
use crate::domain::schedule::{DayLine, DayMark, Plan, match_days, planned_days};
use crate::i18n::Msg;
use crate::store::{self, Store};

/// The schedule screen's state.
#[derive(Debug, Clone)]
pub struct ScheduleView {
    /// The first day of the month shown.
    pub month: NaiveDate,
    pub plans: Vec<Plan>,
    pub days: Vec<DayLine>,
    pub sel: usize,
}

impl ScheduleView {
    pub fn load(
        store: &Store,
        cal: &Calendar,
        month: NaiveDate,
        today: NaiveDate,
    ) -> store::Result<ScheduleView> {
        let first = month.with_day(1).expect("day 1");
        let last = (first + Duration::days(31)).with_day(1).expect("day 1") - Duration::days(1);
        let plans = store.reception_plans()?;
        let planned = planned_days(&plans, cal, first, last);
        let days = match_days(
            &planned,
            &store.head_sessions(first, last)?,
            &store.reception_days(first, last)?,
            first,
            last,
            today,
        );
        Ok(ScheduleView {
            month: first,
            plans,
            days,
            sel: 0,
        })
    }

    pub fn selected(&self) -> Option<&DayLine> {
        self.days.get(self.sel)
    }
}

impl App {
    pub(super) fn open_schedule(&mut self) {
        let r = ScheduleView::load(&self.store, &self.calendar, self.today, self.today);
        if let Some(mut v) = self.report(r) {
            // The first day from today on.
            v.sel = v.days.iter().position(|l| l.day >= self.today).unwrap_or(0);
            self.overlays.push(Overlay::Schedule(Box::new(v)));
        }
    }

    fn reload_schedule(&mut self, month: NaiveDate, keep: Option<NaiveDate>) {
        let r = ScheduleView::load(&self.store, &self.calendar, month, self.today);
        if let Some(mut v) = self.report(r) {
            v.sel = keep
                .and_then(|d| v.days.iter().position(|l| l.day == d))
                .unwrap_or(0);
            if let Some(Overlay::Schedule(s)) = self.overlays.last_mut() {
                **s = v;
            }
        }
    }

    pub(super) fn apply_schedule(&mut self, cmd: Command) {
        let Some(Overlay::Schedule(v)) = self.overlays.last_mut() else {
            return;
        };
        match cmd {
            Command::Close => {
                self.overlays.pop();
            }
            Command::Up | Command::Down => {
                let n = v.days.len();
                if n > 0 {
                    v.sel = if cmd == Command::Up {
                        v.sel.saturating_sub(1)
                    } else {
                        (v.sel + 1).min(n - 1)
                    };
                }
            }
            Command::PrevDay | Command::NextDay => {
                let month = if cmd == Command::PrevDay {
                    (v.month - Duration::days(1)).with_day(1).expect("day 1")
                } else {
                    (v.month + Duration::days(31)).with_day(1).expect("day 1")
                };
                self.reload_schedule(month, None);
            }
            Command::MarkPosted
            | Command::MarkHeld
            | Command::MarkDelegated
            | Command::MarkPostponed => {
                let Some(line) = v.selected().cloned() else {
                    return;
                };
                let month = v.month;
                let rec = line.record.clone().unwrap_or_default();
                let (mut posted, mut mark) = (rec.posted_on, rec.mark);
                match cmd {
                    Command::MarkPosted => posted = Some(self.today.min(line.day)),
                    Command::MarkHeld => mark = Some(DayMark::HeldNoVisitors),
                    Command::MarkDelegated => mark = Some(DayMark::DelegatedNoVisitors),
                    _ => mark = Some(DayMark::Postponed),
                }
                let moved = if mark == Some(DayMark::Postponed) {
                    rec.moved_to
                } else {
                    None
                };
                let day = line.day;
                let r = self.write(|w| w.record_reception_day(day, posted, mark, moved, &rec.note));
                if self.report(r).is_some() {
                    self.reload_schedule(month, Some(day));
                    self.reload_board();
                    self.info(
                        Msg::SchRecorded.fill(self.lang, &[&crate::domain::date::format_date(day)]),
                    );
                }
            }
            _ => {}
        }
    }
}
