//! A report of several units (a district's or the province's, at the hub): counted over all
//! their facts at once, but for the figures judged unit by unit — the head's reception days
//! (by the unit's own schedule, or without one the days its head's sessions received
//! someone) and the weeks or months short of the unit's own legal minimum. Over several
//! units' facts at once those would mix (one unit's plan judging another's days; two units'
//! sessions of one day counted as one day): each is the sum of the units' own reports.

use super::*;

impl Measure {
    /// Whether the measure is judged unit by unit (see the module's notes).
    pub fn per_unit(&self) -> bool {
        self.terms.iter().any(|t| {
            matches!(
                t,
                Term::Announced(_) | Term::Short | Term::Visits(_, VisitMetric::Days)
            )
        })
    }
}

impl Report {
    /// The report of several units: `self` counted over all their facts, `units` each unit's
    /// own report of the same period, circular and day judged on. Every figure and cell
    /// judged per unit ([`Measure::per_unit`]) becomes the sum of the units' own; the days
    /// and the shortfalls are the units', together.
    pub fn with_units(mut self, units: &[Report]) -> Report {
        for (f, v) in &mut self.summary {
            if f.measure().per_unit() {
                *v = units.iter().map(|u| u.figure(*f)).sum();
            }
        }
        for t in &mut self.tables {
            for c in &mut t.cells {
                if c.value.is_some() && c.spec.as_ref().is_ok_and(Measure::per_unit) {
                    c.value = units
                        .iter()
                        .map(|u| u.cell(t.form, c.no).and_then(|x| x.value))
                        .sum();
                }
            }
        }
        self.days = units.iter().flat_map(|u| u.days.iter().cloned()).collect();
        self.days.sort_by_key(|l| l.day);
        self.shortfalls = units
            .iter()
            .flat_map(|u| u.shortfalls.iter().cloned())
            .collect();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::{Pattern, Plan, SessionDay, UnitLevel};
    use crate::domain::visit::{PresiderRole, ReceptionForm};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A unit whose head received in person on `days` (ad hoc sessions), with a weekly plan
    /// on Thursdays from 01/10/2026 and the commune's minimum when `planned`.
    fn unit(days: &[&str], planned: bool) -> Book {
        let mut b = Book::default();
        b.schedule.sessions = days
            .iter()
            .map(|s| SessionDay {
                day: d(s),
                form: ReceptionForm::DotXuat,
                role: Some(PresiderRole::InPerson),
            })
            .collect();
        if planned {
            b.schedule.level = Some(UnitLevel::Commune);
            b.schedule.plans = vec![Plan {
                id: 1,
                uid: "p".into(),
                leader: String::new(),
                pattern: Pattern::Weekly,
                weekday: Some(chrono::Weekday::Thu),
                days: vec![],
                place: String::new(),
                effective_from: d("2026-10-01"),
                effective_to: None,
                version: 1,
            }];
        }
        b
    }

    fn report(b: Book) -> Report {
        let period = Period::parse("2026-10").unwrap();
        let cal = crate::domain::calendar::Calendar::defaults(2026..=2026);
        let dl = DeadlineBook {
            rules: &[],
            calendar: &cal,
        };
        Report::compute_in(
            b,
            period,
            d("2026-11-22"),
            &dl,
            Circular::for_period(&period),
        )
    }

    #[test]
    fn a_figure_judged_per_unit_is_the_sum_of_the_units_own() {
        let a = report(unit(&["2026-10-06"], true));
        let b = report(unit(&["2026-10-06", "2026-10-13"], false));
        // Counted at once, A's plan would judge B's days too, and the 6th would be one day.
        let mut both = unit(&["2026-10-06"], true);
        both.schedule
            .sessions
            .extend(unit(&["2026-10-06", "2026-10-13"], false).schedule.sessions);
        let whole = report(both).with_units(&[a.clone(), b.clone()]);
        let short = Figure::ScheduleShort;
        assert!(short.measure().per_unit());
        assert_eq!(whole.figure(short), a.figure(short) + b.figure(short));
        assert_eq!(
            a.figure(Figure::ScheduleShort),
            1,
            "one day in person of two"
        );
        assert_eq!(
            b.figure(Figure::ScheduleShort),
            0,
            "no schedule: not judged"
        );
        let mut checked = 0;
        for t in &whole.tables {
            for c in &t.cells {
                if c.spec.as_ref().is_ok_and(Measure::per_unit) {
                    let sum: Option<u64> = [&a, &b]
                        .iter()
                        .map(|u| u.cell(t.form, c.no).and_then(|x| x.value))
                        .sum();
                    assert_eq!(c.value, sum, "{:?} ({})", t.form, c.no);
                    checked += u64::from(c.value.unwrap_or(0) > 0);
                }
            }
        }
        assert!(checked > 0, "a day counted in some cell");
        assert_eq!(whole.days.len(), a.days.len() + b.days.len());
        assert_eq!(whole.shortfalls, a.shortfalls);
        // A figure not judged per unit stays the whole's.
        assert!(!Figure::Visits.measure().per_unit());
    }
}
