//! The demo's cases: each lawful timeline drawn step by step through the domain's table, the
//! duties it performed, and its due dates.

use super::*;

/// What a demo case grows from.
pub(super) struct CaseSeed<'a> {
    pub(super) citizen_id: i64,
    pub(super) visit_id: Option<i64>,
    pub(super) field: &'a str,
    pub(super) petition_type: &'a str,
    pub(super) summary: &'a str,
    pub(super) day: NaiveDate,
    pub(super) officer_id: i64,
    pub(super) source: CaseSource,
}

/// Writes demo cases with realistic timelines: each step is one the law allows (the domain
/// guards and the SQL triggers check every one), spaced by days, stopping at the end date, so
/// recent cases are still open and old ones mostly closed.
pub(super) struct CaseWriter {
    pub(super) end: NaiveDate,
    pub(super) count: u64,
}

pub(super) const AGENCIES: &[&str] = &[
    "Tòa án nhân dân khu vực 1",
    "Sở Nông nghiệp và Môi trường",
    "Chi cục Thi hành án dân sự",
    "Sở Xây dựng",
    "Công an phường",
];

impl CaseWriter {
    /// The next step of a demo case's life, weighted the way cases usually go.
    pub(super) fn next_action(rng: &mut ChaCha8Rng, f: &CaseFacts) -> Option<Action> {
        use Action as A;
        let options: &[(Action, u32)] = match f.status {
            CaseStatus::New => &[
                (A::ClassifyOwn, 62),
                (A::ClassifyNotOwn, 24),
                (A::ClassifyIneligible, 12),
                (A::Withdraw, 2),
            ],
            CaseStatus::AwaitingAcceptance => &[(A::Accept, 90), (A::Refuse, 6), (A::Withdraw, 4)],
            CaseStatus::OutsideAuthority => &[(A::Transfer, 60), (A::Guide, 32), (A::Return, 8)],
            CaseStatus::NotEligible => &[(A::Guide, 45), (A::File, 40), (A::Return, 15)],
            CaseStatus::InProgress => &[
                (A::Resolve, 70),
                (A::MarkComplex, 14),
                (A::Extend, 10),
                (A::Withdraw, 6),
            ],
            _ => return None,
        };
        let allowed: Vec<(Action, u32)> = options
            .iter()
            .copied()
            .filter(|(a, _)| case::step(f, *a).is_ok())
            .collect();
        let total: u32 = allowed.iter().map(|(_, w)| w).sum();
        if total == 0 {
            return None;
        }
        let mut x = rng.random_range(0..total);
        for (a, w) in allowed {
            if x < w {
                return Some(a);
            }
            x -= w;
        }
        None
    }

    pub(super) fn write(
        &mut self,
        b: &mut Bulk<'_>,
        rng: &mut ChaCha8Rng,
        s: &CaseSeed,
    ) -> Result<()> {
        let ptype = PetitionType::from_code(s.petition_type).unwrap_or(PetitionType::KienNghi);
        let t = CaseType::from_petition(ptype);
        let t0 = NaiveTime::from_hms_opt(16, 30, 0).expect("valid time");
        let uid = seeded_uid(rng, millis(s.day, t0));
        let (forwarded_by, forwarding_doc) = if s.source == CaseSource::Forwarded {
            (
                "Ban Tiếp công dân tỉnh".to_owned(),
                format!("{}/BTCD", rng.random_range(100..2000)),
            )
        } else {
            (String::new(), String::new())
        };
        let intake = Intake {
            case_type: t,
            citizen_id: s.citizen_id,
            field_code: s.field.to_owned(),
            summary: s.summary.to_owned(),
            source: s.source,
            forwarded_by,
            forwarding_doc,
            forwarder_kind: (s.source == CaseSource::Forwarded)
                .then_some(crate::domain::case::ForwarderKind::ReceptionBoard),
            received_on: s.day,
            remote: false,
            visit_id: s.visit_id,
        };
        let event_uid = seeded_uid(rng, millis(s.day, t0));
        let (id, _) = b.case(&BulkCase {
            uid: &uid,
            event_uid: &event_uid,
            intake: &intake,
            round: 1,
            previous_case_id: None,
            at: &stamp(s.day, t0),
            by: s.officer_id,
        })?;
        self.count += 1;
        let mut f = CaseFacts {
            forwarded: s.source == CaseSource::Forwarded,
            ..CaseFacts::new(t, CaseStatus::New)
        };
        let mut day = s.day;
        // The duties each step opens are done from a stream of their own (issue 18), so the
        // steps of the data set are drawn as before them.
        let mut duties_rng =
            ChaCha8Rng::seed_from_u64(0xD07 ^ (id as u64).wrapping_mul(0x9E37_79B9));
        while let Some(a) = Self::next_action(rng, &f) {
            day += Duration::days(rng.random_range(1..=20));
            if day > self.end {
                break;
            }
            let reason = (a == Action::Refuse)
                .then(|| RefusalReason::for_type(t).choose(rng).copied())
                .flatten();
            let outcome = (a == Action::Resolve)
                .then(|| Outcome::for_type(t).choose(rng).copied())
                .flatten();
            let agency = if matches!(a, Action::Transfer | Action::Guide) {
                AGENCIES.choose(rng).expect("agencies").to_string()
            } else {
                String::new()
            };
            let document_no = if matches!(a, Action::Accept | Action::Resolve | Action::Transfer) {
                format!("{}/QĐ-UBND", rng.random_range(10..999))
            } else {
                String::new()
            };
            let step_uid = seeded_uid(rng, millis(day, t0));
            f = b.case_step(&BulkStep {
                uid: &step_uid,
                case_id: id,
                action: a,
                day,
                input: &StepInput {
                    day: Some(day),
                    document_no,
                    agency,
                    reason,
                    outcome,
                    ..StepInput::default()
                },
                at: &stamp(day, t0),
                by: s.officer_id,
            })?;
            f = self.follow_up(b, &mut duties_rng, id, a, f, &mut day, s.officer_id)?;
        }
        Ok(())
    }

    /// The duties a step opened (issue 18), done within a few days as a unit usually does:
    /// the denouncer told of the acceptance, the decision sent, the forwarder told the result,
    /// the result of a forwarded petition passed on — a few still pending near the end date.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn follow_up(
        &mut self,
        b: &mut Bulk<'_>,
        rng: &mut ChaCha8Rng,
        id: i64,
        after: Action,
        mut f: CaseFacts,
        day: &mut NaiveDate,
        officer_id: i64,
    ) -> Result<CaseFacts> {
        use Action as A;
        let todo: &[Action] = match (after, f.case_type) {
            (A::Accept, CaseType::ToCao) => &[A::NotifyAcceptance],
            (A::Resolve, _) => &[A::SendDecision, A::ReportToForwarder],
            (A::Transfer, _) => &[A::ResultReceived, A::InformCitizen],
            _ => &[],
        };
        let t0 = NaiveTime::from_hms_opt(16, 45, 0).expect("valid time");
        for a in todo {
            if case::step(&f, *a).is_err() {
                continue;
            }
            // The receiving body takes weeks to report; the unit's own duties take days.
            let next = *day
                + Duration::days(if *a == A::ResultReceived {
                    rng.random_range(10..=40)
                } else {
                    rng.random_range(1..=4)
                });
            if next > self.end {
                break;
            }
            *day = next;
            let step_uid = seeded_uid(rng, millis(next, t0));
            f = b.case_step(&BulkStep {
                uid: &step_uid,
                case_id: id,
                action: *a,
                day: next,
                input: &StepInput {
                    day: Some(next),
                    ..StepInput::default()
                },
                at: &stamp(next, t0),
                by: officer_id,
            })?;
        }
        Ok(f)
    }
}
