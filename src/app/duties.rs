//! The deadline forms in the app: a complaint's time-bar facts (issue 18) and its saving, the
//! catalog's rules (the unit's own one switched on or off) and calendar days, each from an
//! effective date (issue 23), and their saving; why a step is refused; kept apart from the
//! queue's forms and the case transitions.

use chrono::NaiveDate;

use super::combo::Combo;
use super::entry::{Entry, EntryInput, EntryKey, EntryPurpose, options, row, text, yes_no};
use super::queue::CaseView;
use super::{App, Overlay};
use crate::domain::case::{self, Action, CaseFacts, ComplaintSubject};
use crate::i18n::{self, Lang, Msg};
use crate::store::DRAFT_ENTRY_FORM;
use crate::store::{RuleChange, TimeBarInput};

impl Entry {
    /// A complaint's time-bar facts: the day the complainant received or learned of the
    /// decision (in a second round: received the first decision), the days lost to an
    /// obstacle, and what it is against.
    pub fn for_time_bar(lang: Lang, view: &CaseView) -> Entry {
        use crate::domain::case::ComplaintSubject;
        let d = &view.detail;
        let rows = vec![
            row(
                EntryKey::Day,
                text(
                    &d.learned_on
                        .map(crate::domain::date::format_date)
                        .unwrap_or_default(),
                ),
                true,
            ),
            row(
                EntryKey::ObstacleDays,
                text(&d.obstacle_days.to_string()),
                true,
            ),
            row(
                EntryKey::Subject,
                EntryInput::Choice(Combo::new(
                    options(ComplaintSubject::ALL.iter().map(|c| {
                        (
                            c.code().to_owned(),
                            i18n::complaint_subject(*c).t(lang).to_owned(),
                        )
                    })),
                    Some(d.subject.code().to_owned()),
                )),
                true,
            ),
            row(EntryKey::Note, text(""), false),
        ];
        Entry::new(
            EntryPurpose::TimeBar {
                case_uid: d.row.uid.clone(),
                code: d.row.code.clone(),
                version: d.row.version,
                round: d.row.round,
            },
            rows,
        )
    }

    /// The days lost to an obstacle, as typed (0–3650).
    pub fn obstacle_days(&self) -> Result<u32, Msg> {
        match self.value(EntryKey::ObstacleDays).parse::<u32>() {
            Ok(n) if n <= 3650 => Ok(n),
            _ => Err(Msg::ErrObstacleDays),
        }
    }

    /// Edit a deadline rule: days, extension days, basis, article, from an effective date
    /// (today by default, within the rule's period) with the reason — required for a rule of
    /// law (issue 23); the unit's own rule is switched on or off instead (its article says it
    /// is not law).
    pub fn for_rule(lang: Lang, r: &crate::domain::deadline::Rule, today: NaiveDate) -> Entry {
        use crate::domain::deadline::DayBasis;
        let basis = row(
            EntryKey::Basis,
            EntryInput::Choice(Combo::new(
                options(
                    DayBasis::ALL
                        .iter()
                        .map(|b| (b.code().to_owned(), i18n::day_basis(*b).t(lang).to_owned())),
                ),
                Some(r.basis.code().to_owned()),
            )),
            true,
        );
        let mut rows = if r.internal {
            vec![
                row(EntryKey::Active, yes_no(lang, r.active), true),
                row(EntryKey::Days, text(&r.days.to_string()), true),
                basis,
            ]
        } else {
            vec![
                row(EntryKey::Days, text(&r.days.to_string()), true),
                row(
                    EntryKey::ExtensionDays,
                    text(&r.extension_days.to_string()),
                    true,
                ),
                basis,
                row(EntryKey::Article, text(&r.article), true),
            ]
        };
        let mut from = today.max(r.effective_from);
        if let Some(to) = r.effective_to {
            from = from.min(to);
        }
        rows.push(row(
            EntryKey::EffectiveFrom,
            text(&crate::domain::date::format_date(from)),
            true,
        ));
        rows.push(row(EntryKey::Reason, text(""), !r.internal));
        Entry::new(
            EntryPurpose::Rule {
                seen: Box::new(r.clone()),
            },
            rows,
        )
    }

    /// The report column a field rolls up to: one of the official columns.
    pub fn for_field_column(f: &crate::store::Field, columns: Vec<(String, String)>) -> Entry {
        let rows = vec![row(
            EntryKey::Choice,
            EntryInput::Choice(Combo::new(options(columns), Some(f.report_column.clone()))),
            true,
        )];
        Entry::new(
            EntryPurpose::FieldColumn {
                field_code: f.code.clone(),
                field_name: f.name.clone(),
                seen: f.report_column.clone(),
            },
            rows,
        )
    }

    /// Add a day off or a swapped working day to the calendar, from an effective date (today
    /// by default): clocks started before keep the calendar they had.
    pub fn for_calendar_day(lang: Lang, day: Option<NaiveDate>, today: NaiveDate) -> Entry {
        use crate::domain::calendar::DayKind;
        let rows = vec![
            row(
                EntryKey::Day,
                text(
                    &day.map(crate::domain::date::format_date)
                        .unwrap_or_default(),
                ),
                true,
            ),
            row(
                EntryKey::Kind,
                EntryInput::Choice(Combo::new(
                    options(
                        [DayKind::Off, DayKind::Work]
                            .into_iter()
                            .map(|k| (k.code().to_owned(), i18n::day_kind(k).t(lang).to_owned())),
                    ),
                    Some(DayKind::Off.code().to_owned()),
                )),
                true,
            ),
            row(EntryKey::Name, text(""), true),
            row(
                EntryKey::EffectiveFrom,
                text(&crate::domain::date::format_date(today)),
                true,
            ),
        ];
        Entry::new(EntryPurpose::CalendarDay, rows)
    }

    /// Remove a day from the calendar from an effective date (today by default).
    pub fn for_remove_day(day: NaiveDate, name: &str, today: NaiveDate) -> Entry {
        Entry::new(
            EntryPurpose::RemoveDay {
                day,
                name: name.to_owned(),
            },
            vec![row(
                EntryKey::EffectiveFrom,
                text(&crate::domain::date::format_date(today)),
                true,
            )],
        )
    }
}

impl App {
    /// A catalog form saved (its numbers and dates checked by the form): a rule changed from
    /// its date, a day set or removed from its date, a field's report column.
    pub(super) fn save_catalog_entry(
        &mut self,
        purpose: EntryPurpose,
        day: NaiveDate,
        effective_from: NaiveDate,
        days: u32,
        extension_days: u32,
    ) {
        use crate::domain::calendar::DayKind;
        use crate::domain::deadline::DayBasis;
        let Some(e) = self.entry() else { return };
        match purpose {
            EntryPurpose::Rule { seen } => {
                let change = RuleChange {
                    days,
                    // The unit's own rule has no extension (its form does not ask).
                    extension_days: if seen.internal {
                        seen.extension_days
                    } else {
                        extension_days
                    },
                    basis: DayBasis::from_code(&e.value(EntryKey::Basis)).unwrap_or(seen.basis),
                    article: e.value(EntryKey::Article),
                    active: seen.internal.then(|| e.value(EntryKey::Active) == "1"),
                    effective_from,
                    reason: e.value(EntryKey::Reason),
                };
                let r = self.write_form(DRAFT_ENTRY_FORM, |w| w.change_rule(&seen, &change));
                self.after_entry_saved(r, |app, n| app.after_catalog_change(n));
            }
            EntryPurpose::FieldColumn {
                field_code, seen, ..
            } => {
                let column = e.value(EntryKey::Choice);
                let r = self.write_form(DRAFT_ENTRY_FORM, |w| {
                    w.set_field_report_column(&field_code, &seen, &column)
                });
                self.after_entry_saved(r, |app, ()| {
                    app.fields = app.store.fields().unwrap_or_default();
                    app.reload_catalog();
                    app.info(Msg::RollupChanged.t(app.lang).to_owned());
                });
            }
            EntryPurpose::CalendarDay => {
                let kind = DayKind::from_code(&e.value(EntryKey::Kind)).unwrap_or(DayKind::Off);
                let name = e.value(EntryKey::Name);
                let r = self.write_form(DRAFT_ENTRY_FORM, |w| {
                    w.set_calendar_day(day, kind, &name, effective_from)
                });
                self.after_entry_saved(r, |app, n| {
                    app.catalog.year = chrono::Datelike::year(&day);
                    app.after_catalog_change(n);
                });
            }
            EntryPurpose::RemoveDay { day, .. } => {
                let r = self.write_form(DRAFT_ENTRY_FORM, |w| {
                    w.remove_calendar_day(day, effective_from)
                });
                self.after_entry_saved(r, |app, n| {
                    app.catalog.year = chrono::Datelike::year(&day);
                    app.after_catalog_change(n);
                });
            }
            _ => {}
        }
    }

    /// `H` saved (its date checked by the form): the complaint's time-bar facts, then the
    /// case, the queue and the board; days of obstacle that are not a number keep the form.
    pub(super) fn save_time_bar(&mut self, case_uid: &str, version: i64, learned_on: NaiveDate) {
        let lang = self.lang;
        let Some(Overlay::Entry(e)) = self.overlays.last_mut() else {
            return;
        };
        let obstacle_days = match e.obstacle_days() {
            Ok(n) => n,
            Err(m) => {
                e.errors = vec![(EntryKey::ObstacleDays, m.t(lang).to_owned())];
                e.focus = e
                    .rows
                    .iter()
                    .position(|r| r.key == EntryKey::ObstacleDays)
                    .unwrap_or(0);
                self.error(Msg::FormHasErrors.fill(lang, &[&1]));
                return;
            }
        };
        let input = TimeBarInput {
            learned_on,
            obstacle_days,
            subject: ComplaintSubject::from_code(&e.value(EntryKey::Subject))
                .unwrap_or(ComplaintSubject::Administrative),
            note: e.value(EntryKey::Note),
        };
        let today = self.today;
        let r = self.write_form(DRAFT_ENTRY_FORM, |w| {
            w.record_time_bar(case_uid, Some(version), &input, today)
        });
        self.after_entry_saved(r, |app, ()| app.after_case_change(case_uid));
    }
}

/// Why a step is not offered now: the status, or — where the law says more (an extension, a
/// duty already recorded, a result not yet in) — the article and what to do instead.
pub(super) fn not_allowed(lang: Lang, f: &CaseFacts, action: Action) -> String {
    let name = if action == Action::ClassifyOwn {
        Msg::CmdClassify
    } else {
        i18n::action(action)
    };
    match case::step(f, action)
        .err()
        .and_then(|why| i18n::refusal_why(lang, action, why))
    {
        Some(why) => Msg::StepRefusedWhy.fill(lang, &[&name.t(lang), &why]),
        None => {
            Msg::StepNotAllowed.fill(lang, &[&name.t(lang), &i18n::case_status(f.status).t(lang)])
        }
    }
}
