//! The duties around a case (issue 18) in the app: the form of a complaint's time-bar facts
//! and its saving, the unit's own rule in the catalog, and why a step is refused; kept apart
//! from the queue's forms and the case transitions.

use super::App;
use super::combo::Combo;
use super::queue::{CaseView, Entry, EntryInput, EntryKey, EntryPurpose, options, row, text};
use crate::domain::case::{self, Action, CaseFacts};
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
        }
    }

    /// The days lost to an obstacle, as typed (0–3650).
    pub fn obstacle_days(&self) -> Result<u32, Msg> {
        match self.value(EntryKey::ObstacleDays).parse::<u32>() {
            Ok(n) if n <= 3650 => Ok(n),
            _ => Err(Msg::ErrObstacleDays),
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
            purpose: EntryPurpose::Rule { rule_id: r.id },
            rows,
            focus: 0,
            errors: Vec::new(),
        }
    }
}

impl App {
    /// `H` saved: the complaint's time-bar facts, then the case, the queue and the board.
    pub(super) fn save_time_bar(&mut self, case_uid: &str, version: i64, input: &TimeBarInput) {
        let today = self.today;
        let r = self.write(|w| w.record_time_bar(case_uid, Some(version), input, today));
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
