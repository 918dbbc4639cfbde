//! The deadline forms in the app: a complaint's time-bar facts (issue 18) and its saving, the
//! catalog's rules (the unit's own one switched on or off) and calendar days, and why a step
//! is refused; kept apart from the queue's forms and the case transitions.

use chrono::NaiveDate;

use super::combo::Combo;
use super::entry::{Entry, EntryInput, EntryKey, EntryPurpose, options, row, text};
use super::queue::CaseView;
use super::{App, Overlay};
use crate::domain::case::{self, Action, CaseFacts, ComplaintSubject};
use crate::i18n::{self, Lang, Msg};
use crate::store::TimeBarInput;

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
        Entry {
            purpose: EntryPurpose::TimeBar {
                case_uid: d.row.uid.clone(),
                code: d.row.code.clone(),
                version: d.row.version,
                round: d.row.round,
            },
            rows,
            focus: 0,
            errors: Vec::new(),
            initial: Vec::new(),
            unsaved_since: None,
            notice: None,
        }
    }

    /// The days lost to an obstacle, as typed (0–3650).
    pub fn obstacle_days(&self) -> Result<u32, Msg> {
        match self.value(EntryKey::ObstacleDays).parse::<u32>() {
            Ok(n) if n <= 3650 => Ok(n),
            _ => Err(Msg::ErrObstacleDays),
        }
    }

    /// Edit a deadline rule: days, extension days, basis, article; the unit's own rule is
    /// switched on or off instead (its article says it is not law).
    pub fn for_rule(lang: Lang, r: &crate::domain::deadline::Rule) -> Entry {
        use crate::domain::deadline::DayBasis;
        if r.internal {
            return Entry::for_internal_rule(lang, r);
        }
        let rows =
            vec![
                row(EntryKey::Days, text(&r.days.to_string()), true),
                row(
                    EntryKey::ExtensionDays,
                    text(&r.extension_days.to_string()),
                    true,
                ),
                row(
                    EntryKey::Basis,
                    EntryInput::Choice(Combo::new(
                        options(DayBasis::ALL.iter().map(|b| {
                            (b.code().to_owned(), i18n::day_basis(*b).t(lang).to_owned())
                        })),
                        Some(r.basis.code().to_owned()),
                    )),
                    true,
                ),
                row(EntryKey::Article, text(&r.article), true),
            ];
        Entry {
            purpose: EntryPurpose::Rule {
                seen: Box::new(r.clone()),
            },
            rows,
            focus: 0,
            errors: Vec::new(),
            initial: Vec::new(),
            unsaved_since: None,
            notice: None,
        }
    }

    /// The report column a field rolls up to: one of the official columns.
    pub fn for_field_column(f: &crate::store::Field, columns: Vec<(String, String)>) -> Entry {
        let rows = vec![row(
            EntryKey::Choice,
            EntryInput::Choice(Combo::new(options(columns), Some(f.report_column.clone()))),
            true,
        )];
        Entry {
            purpose: EntryPurpose::FieldColumn {
                field_code: f.code.clone(),
                field_name: f.name.clone(),
                seen: f.report_column.clone(),
            },
            rows,
            focus: 0,
            errors: Vec::new(),
            initial: Vec::new(),
            unsaved_since: None,
            notice: None,
        }
    }

    /// Add a day off or a swapped working day to the calendar.
    pub fn for_calendar_day(lang: Lang, day: Option<NaiveDate>) -> Entry {
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
        ];
        Entry {
            purpose: EntryPurpose::CalendarDay,
            rows,
            focus: 0,
            errors: Vec::new(),
            initial: Vec::new(),
            unsaved_since: None,
            notice: None,
        }
    }

    /// The unit's own rule (quy định nội bộ): on or off, its days and basis.
    pub fn for_internal_rule(lang: Lang, r: &crate::domain::deadline::Rule) -> Entry {
        use crate::domain::deadline::DayBasis;
        let rows =
            vec![
                row(
                    EntryKey::Active,
                    EntryInput::Choice(Combo::new(
                        options([
                            ("0".to_owned(), Msg::No.t(lang).to_owned()),
                            ("1".to_owned(), Msg::Yes.t(lang).to_owned()),
                        ]),
                        Some(if r.active { "1" } else { "0" }.to_owned()),
                    )),
                    true,
                ),
                row(EntryKey::Days, text(&r.days.to_string()), true),
                row(
                    EntryKey::Basis,
                    EntryInput::Choice(Combo::new(
                        options(DayBasis::ALL.iter().map(|b| {
                            (b.code().to_owned(), i18n::day_basis(*b).t(lang).to_owned())
                        })),
                        Some(r.basis.code().to_owned()),
                    )),
                    true,
                ),
            ];
        Entry {
            purpose: EntryPurpose::Rule {
                seen: Box::new(r.clone()),
            },
            rows,
            focus: 0,
            errors: Vec::new(),
            initial: Vec::new(),
            unsaved_since: None,
            notice: None,
        }
    }
}

impl App {
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
        let r = self.write_form(crate::store::DRAFT_ENTRY_FORM, |w| {
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
