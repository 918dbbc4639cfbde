//! `tiepdan schedule`: the head's reception schedule (lịch tiếp công dân, Luật TCD Art 24;
//! issue 29) — list its days with how each stands; set a plan from a day (the plans in force
//! end the day before); end it; record a day posted, held with nobody coming, by a deputy,
//! or postponed. Writes ask the acting officer's PIN (`--pin-stdin` for scripts).

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};

use super::sign_in::{SignInArgs, sign_in};
use super::{Create, Failure, open, open_read_only, say, today};
use crate::domain::date::{format_date, parse_date};
use crate::domain::schedule::{
    DayMark, DayStatus, Pattern, Plan, match_days, parse_days, planned_days, weekday_of,
};
use crate::i18n::{self, Lang, Msg};

#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// The plans, and the days of a month as the book shows them (default: this month).
    List {
        /// The month (mm/yyyy or yyyy-mm).
        #[arg(long)]
        month: Option<String>,
    },
    /// A plan from a day: `--weekly 4` (Thursdays), `--month-days "10,25"`, or
    /// `--weeks "1,3" --weekday 4` (the 1st and 3rd Thursday).
    Set {
        /// Who receives (the head, with the office, as announced).
        #[arg(long)]
        leader: String,
        /// First day (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long)]
        from: String,
        /// A weekday every week, 1 Monday … 7 Sunday.
        #[arg(long)]
        weekly: Option<u8>,
        /// Days of the month.
        #[arg(long)]
        month_days: Option<String>,
        /// Which weeks of the month (1–5), with --weekday.
        #[arg(long)]
        weeks: Option<String>,
        /// The weekday of those weeks, 1 Monday … 7 Sunday.
        #[arg(long)]
        weekday: Option<u8>,
        /// The reception place.
        #[arg(long, default_value = "")]
        place: String,
        #[command(flatten)]
        sign_in: SignInArgs,
    },
    /// No schedule from a day on.
    End {
        /// The first day without a schedule (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long)]
        from: String,
        #[command(flatten)]
        sign_in: SignInArgs,
    },
    /// Record a day: posted (on --on, default today), held (nobody came), delegated (a
    /// deputy, nobody came), postponed (--to the new day).
    Mark {
        /// The day of the schedule.
        day: String,
        /// posted | held | delegated | postponed
        what: String,
        /// The day it was posted (default today).
        #[arg(long)]
        on: Option<String>,
        /// The new day of a postponed one.
        #[arg(long)]
        to: Option<String>,
        /// A note kept with the day.
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        sign_in: SignInArgs,
    },
}

fn date(s: &str, lang: Lang) -> Result<NaiveDate, Failure> {
    parse_date(s, today()).map_err(|e| Failure::new(format!("{s}: {}", i18n::date_error(lang, &e))))
}

pub fn run(path: &Path, args: &ScheduleArgs, lang: Lang) -> Result<(), Failure> {
    let fail = |e: crate::store::StoreError| Failure::new(i18n::store_error(lang, &e));
    let mut out = std::io::stdout().lock();
    match &args.action {
        Action::List { month } => {
            let store = open_read_only(path, lang)?;
            let first = match month {
                Some(m) => {
                    date(&format!("01/{m}"), lang).or_else(|_| date(&format!("{m}-01"), lang))?
                }
                None => today().with_day(1).expect("day 1"),
            };
            let last = (first + Duration::days(31)).with_day(1).expect("day 1") - Duration::days(1);
            let cal = store.calendar().map_err(fail)?;
            let plans = store.reception_plans().map_err(fail)?;
            for p in &plans {
                let to = p
                    .effective_to
                    .map(format_date)
                    .unwrap_or_else(|| "…".into());
                say(
                    &mut out,
                    format!(
                        "{} → {}  {}  {} {}{}  {}",
                        format_date(p.effective_from),
                        to,
                        p.leader,
                        p.pattern.code(),
                        p.weekday
                            .map(|w| format!("T{} ", w.number_from_monday() + 1))
                            .unwrap_or_default(),
                        p.days
                            .iter()
                            .map(u8::to_string)
                            .collect::<Vec<_>>()
                            .join(","),
                        p.place
                    ),
                )?;
            }
            let planned = planned_days(&plans, &cal, first, last);
            let days = match_days(
                &planned,
                &store.head_sessions(first, last).map_err(fail)?,
                &store.reception_days(first, last).map_err(fail)?,
                first,
                last,
                today(),
            );
            for l in days {
                let status = match l.status {
                    DayStatus::InPerson => Msg::SchInPerson,
                    DayStatus::Delegated => Msg::SchDelegated,
                    DayStatus::Postponed => Msg::SchPostponed,
                    DayStatus::NotRecorded => Msg::SchNotRecorded,
                    DayStatus::Upcoming => Msg::SchUpcoming,
                    DayStatus::Unmarked => Msg::SchUnmarked,
                }
                .t(lang);
                let posted = l
                    .record
                    .as_ref()
                    .and_then(|r| r.posted_on)
                    .map(|d| Msg::SchPosted.fill(lang, &[&format_date(d)]))
                    .unwrap_or_default();
                let moved = l
                    .planned
                    .filter(|p| p.moved())
                    .map(|p| Msg::SchMoved.fill(lang, &[&format_date(p.nominal)]))
                    .unwrap_or_default();
                let off = if l.planned.is_none() {
                    Msg::SchOffPlan.t(lang)
                } else {
                    ""
                };
                say(
                    &mut out,
                    format!("{}  {status}{off}{moved}{posted}", format_date(l.day)).trim_end(),
                )?;
            }
            Ok(())
        }
        Action::Set {
            leader,
            from,
            weekly,
            month_days,
            weeks,
            weekday,
            place,
            sign_in: s,
        } => {
            let from = date(from, lang)?;
            let bad = |what: &str| Failure::new(format!("{what}?"));
            let (pattern, wd, days) = match (weekly, month_days, weeks) {
                (Some(w), None, None) => (Pattern::Weekly, Some(*w), vec![]),
                (None, Some(d), None) => (
                    Pattern::MonthDays,
                    None,
                    parse_days(d).ok_or_else(|| bad("--month-days"))?,
                ),
                (None, None, Some(d)) => (
                    Pattern::NthWeekday,
                    *weekday,
                    parse_days(d).ok_or_else(|| bad("--weeks"))?,
                ),
                _ => return Err(bad("--weekly | --month-days | --weeks")),
            };
            let weekday = match wd {
                Some(n) => Some(weekday_of(n).ok_or_else(|| bad("--weekday 1..7"))?),
                None => None,
            };
            let plan = Plan {
                id: 0,
                uid: String::new(),
                leader: leader.clone(),
                pattern,
                weekday,
                days,
                place: place.clone(),
                effective_from: from,
                effective_to: None,
                version: 1,
            };
            let mut store = open(path, Create::No, lang)?;
            let actor = sign_in(&mut store, s, None, lang)?;
            store
                .write(&actor, |w| w.set_reception_plan(&plan))
                .map_err(fail)?;
            say(&mut out, format!("✓ {}", format_date(from)))
        }
        Action::End { from, sign_in: s } => {
            let from = date(from, lang)?;
            let mut store = open(path, Create::No, lang)?;
            let actor = sign_in(&mut store, s, None, lang)?;
            store
                .write(&actor, |w| w.end_reception_plans(from))
                .map_err(fail)?;
            say(&mut out, format!("✓ {}", format_date(from)))
        }
        Action::Mark {
            day,
            what,
            on,
            to,
            note,
            sign_in: s,
        } => {
            let day = date(day, lang)?;
            let mut store = open(path, Create::No, lang)?;
            let from_book = store
                .reception_days(day, day)
                .map_err(fail)?
                .into_iter()
                .next()
                .unwrap_or_default();
            let (mut posted, mut mark, mut moved) =
                (from_book.posted_on, from_book.mark, from_book.moved_to);
            match what.as_str() {
                "posted" => {
                    posted = Some(match on {
                        Some(d) => date(d, lang)?,
                        None => today(),
                    })
                }
                "held" => mark = Some(DayMark::HeldNoVisitors),
                "delegated" => mark = Some(DayMark::DelegatedNoVisitors),
                "postponed" => {
                    mark = Some(DayMark::Postponed);
                    moved = to.as_deref().map(|t| date(t, lang)).transpose()?;
                }
                other => {
                    return Err(Failure::new(format!(
                        "{other}: posted | held | delegated | postponed"
                    )));
                }
            }
            let actor = sign_in(&mut store, s, None, lang)?;
            store
                .write(&actor, |w| {
                    w.record_reception_day(day, posted, mark, moved, note)
                })
                .map_err(fail)?;
            say(&mut out, format!("✓ {}", format_date(day)))
        }
    }
}
