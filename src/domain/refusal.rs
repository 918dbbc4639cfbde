//! Refusing reception (từ chối tiếp công dân): the grounds the law allows, as data, and what
//! each one owes the citizen.
//!
//! A refused person is still logged in the sổ: the visit is recorded with the handling
//! [`Handling::TuChoi`](super::visit::Handling::TuChoi) and its ground (Luật TCD Art 25(2):
//! "việc tiếp nhận, xử lý vụ việc"). The officer explains the reason in person (TT 06/2014
//! Art 4; NĐ 154/2026 Art 4(2)); for a complaint or denunciation already resolved correctly
//! and pursued anyway (Luật TCD Art 9(3)) — and, from 01/7/2026, a proposal repeated with
//! nothing new (NĐ 154/2026 Art 4(1)(h)) — the head of the unit issues a written *Thông báo
//! từ chối tiếp công dân* (TT 06/2014 Mẫu 01-TCD; NĐ 154/2026 Mẫu 01/TCD), within 03 working
//! days from 01/7/2026 (NĐ 154/2026 Art 4(3): the rule `thong_bao_tu_choi` of the deadline
//! table; before, TT 06/2014 Art 4 set no time limit).
//!
//! NĐ 154/2026 is known from one OCR copy (DOMAIN.md §0): its grounds are marked
//! [`Ground::unverified`] and offered only from the day it takes effect.

use chrono::NaiveDate;

code_enum!(
    /// A ground for refusing reception: Luật Tiếp công dân 2013 Art 9 clauses 1–4, and the
    /// cases NĐ 154/2026 Art 4(1) adds (points a–k, UNVERIFIED).
    RefusalGround {
        /// Art 9(1): intoxicated, or an illness that takes away awareness or control.
        Impaired = "tcd9_1",
        /// Art 9(2): threatening or insulting, or breaking the reception rules.
        Threatening = "tcd9_2",
        /// Art 9(3): a complaint or denunciation resolved correctly, reviewed, notified in
        /// writing, received and explained — and pursued anyway.
        Persistent = "tcd9_3",
        /// Art 9(4): another case provided by law (the note names it).
        OtherByLaw = "tcd9_4",
        /// NĐ 154/2026 Art 4(1)(a): carrying a weapon, explosive or dangerous object and not
        /// handing it over.
        Weapon = "nd154_4a",
        /// (b): refusing the security check.
        SecurityCheck = "nd154_4b",
        /// (c): recording or streaming after the presiding officer forbade it.
        Recording = "nd154_4c",
        /// (d): inciting or disturbing public order at the reception place.
        Incitement = "nd154_4d",
        /// (đ): without full civil capacity and without a lawful representative.
        NoCapacity = "nd154_4dd",
        /// (e): a representative who cannot show proof of representation.
        NoProofOfRepresentation = "nd154_4e",
        /// (g): content outside complaints, denunciations, proposals and feedback.
        OutOfScope = "nd154_4g",
        /// (h): a proposal or feedback already answered in writing, with nothing new.
        RepeatedNothingNew = "nd154_4h",
        /// (i): a final court judgment or decision, not open to review.
        CourtJudgment = "nd154_4i",
        /// (k): being handled by another competent body.
        HandledElsewhere = "nd154_4k",
    }
);

/// A ground as the law gives it: where it is written, from when, and what it owes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ground {
    pub ground: RefusalGround,
    /// The article, as cited in the book and on the notice.
    pub article: &'static str,
    /// The first day the ground can be used.
    pub from: NaiveDate,
    /// The text rests on an unverified copy (NĐ 154/2026, DOMAIN.md §0).
    pub unverified: bool,
    /// The head issues a written notice of refusal (Mẫu 01/TCD); otherwise the officer
    /// explains the reason in person.
    pub written_notice: bool,
    /// The note must say which law (Art 9(4) "những trường hợp khác theo quy định").
    pub needs_note: bool,
}

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("a valid date"),
    }
}

/// Luật Tiếp công dân 2013 in force.
const LAW_FROM: NaiveDate = day(2014, 7, 1);
/// NĐ 154/2026/NĐ-CP in force (UNVERIFIED copy).
pub const ND154_FROM: NaiveDate = day(2026, 7, 1);

const fn law(ground: RefusalGround, article: &'static str, written: bool) -> Ground {
    Ground {
        ground,
        article,
        from: LAW_FROM,
        unverified: false,
        written_notice: written,
        needs_note: false,
    }
}

const fn nd154(ground: RefusalGround, article: &'static str, written: bool) -> Ground {
    Ground {
        ground,
        article,
        from: ND154_FROM,
        unverified: true,
        written_notice: written,
        needs_note: false,
    }
}

/// The table: every ground, in the order of the texts.
pub const GROUNDS: &[Ground] = &[
    law(
        RefusalGround::Impaired,
        "Luật Tiếp công dân 2013, Điều 9 khoản 1",
        false,
    ),
    law(
        RefusalGround::Threatening,
        "Luật Tiếp công dân 2013, Điều 9 khoản 2",
        false,
    ),
    // TT 06/2014 Art 4: the persistent case gets the written notice (Mẫu 01-TCD).
    law(
        RefusalGround::Persistent,
        "Luật Tiếp công dân 2013, Điều 9 khoản 3",
        true,
    ),
    Ground {
        needs_note: true,
        ..law(
            RefusalGround::OtherByLaw,
            "Luật Tiếp công dân 2013, Điều 9 khoản 4",
            false,
        )
    },
    nd154(RefusalGround::Weapon, "NĐ 154/2026, Điều 4(1)(a)", false),
    nd154(
        RefusalGround::SecurityCheck,
        "NĐ 154/2026, Điều 4(1)(b)",
        false,
    ),
    nd154(RefusalGround::Recording, "NĐ 154/2026, Điều 4(1)(c)", false),
    nd154(
        RefusalGround::Incitement,
        "NĐ 154/2026, Điều 4(1)(d)",
        false,
    ),
    nd154(
        RefusalGround::NoCapacity,
        "NĐ 154/2026, Điều 4(1)(đ)",
        false,
    ),
    nd154(
        RefusalGround::NoProofOfRepresentation,
        "NĐ 154/2026, Điều 4(1)(e)",
        false,
    ),
    nd154(
        RefusalGround::OutOfScope,
        "NĐ 154/2026, Điều 4(1)(g)",
        false,
    ),
    // NĐ 154/2026 Art 4(3): Art 9(3) and point (h) get the written notice.
    nd154(
        RefusalGround::RepeatedNothingNew,
        "NĐ 154/2026, Điều 4(1)(h)",
        true,
    ),
    nd154(
        RefusalGround::CourtJudgment,
        "NĐ 154/2026, Điều 4(1)(i)",
        false,
    ),
    nd154(
        RefusalGround::HandledElsewhere,
        "NĐ 154/2026, Điều 4(1)(k)",
        false,
    ),
];

impl RefusalGround {
    /// The ground's line of the table.
    pub fn rule(self) -> &'static Ground {
        GROUNDS
            .iter()
            .find(|g| g.ground == self)
            .expect("every ground has a line (tested)")
    }

    /// The grounds that can be used on `day` (NĐ 154/2026's only from its effective date).
    pub fn offered_on(day: NaiveDate) -> Vec<RefusalGround> {
        GROUNDS
            .iter()
            .filter(|g| g.from <= day)
            .map(|g| g.ground)
            .collect()
    }

    /// Does a refusal on this ground owe the written notice (Mẫu 01/TCD)?
    pub fn written_notice(self) -> bool {
        self.rule().written_notice
    }
}

/// What a refusal recorded on `day` on `ground` is missing (None: nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroundProblem {
    /// The ground is not yet in force on that day (NĐ 154/2026 before 01/7/2026).
    NotYetInForce { from: NaiveDate },
    /// Art 9(4): the note must name the law.
    NeedsNote,
}

/// Check a ground for a refusal on `day`, with the visit's note.
pub fn check_ground(ground: RefusalGround, day: NaiveDate, note: &str) -> Option<GroundProblem> {
    let g = ground.rule();
    if day < g.from {
        return Some(GroundProblem::NotYetInForce { from: g.from });
    }
    if g.needs_note && note.trim().is_empty() {
        return Some(GroundProblem::NeedsNote);
    }
    None
}

/// The written notice of a refusal (Thông báo từ chối tiếp công dân, Mẫu 01/TCD), as
/// recorded: its number and the day it was issued. What i29p's papers print with the visit
/// (the citizen, the day, the ground and its article) comes from the visit itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RefusalNotice {
    /// Số / ký hiệu of the notice (may be empty when the paper is numbered by the printer).
    pub number: String,
    pub issued_on: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ground_has_one_line() {
        for g in RefusalGround::ALL {
            assert_eq!(
                GROUNDS.iter().filter(|x| x.ground == *g).count(),
                1,
                "{g:?}"
            );
        }
        assert_eq!(GROUNDS.len(), RefusalGround::ALL.len());
    }

    /// Luật TCD Art 9 from 01/7/2014; NĐ 154/2026 Art 4(1) from 01/7/2026 only, UNVERIFIED.
    #[test]
    fn the_decree_adds_its_grounds_from_its_day() {
        let before = RefusalGround::offered_on(day(2026, 6, 30));
        assert_eq!(
            before,
            vec![
                RefusalGround::Impaired,
                RefusalGround::Threatening,
                RefusalGround::Persistent,
                RefusalGround::OtherByLaw
            ]
        );
        let after = RefusalGround::offered_on(day(2026, 7, 1));
        assert_eq!(after.len(), RefusalGround::ALL.len());
        assert!(RefusalGround::Weapon.rule().unverified);
        assert!(!RefusalGround::Persistent.rule().unverified);
        assert_eq!(
            check_ground(RefusalGround::Weapon, day(2026, 6, 30), ""),
            Some(GroundProblem::NotYetInForce { from: ND154_FROM })
        );
    }

    /// TT 06/2014 Art 4 and NĐ 154/2026 Art 4(3): the written notice for Art 9(3) and
    /// point (h) only; the others are explained in person (Art 4(2)).
    #[test]
    fn the_written_notice_is_owed_for_the_persistent_cases() {
        let written: Vec<RefusalGround> = RefusalGround::ALL
            .iter()
            .copied()
            .filter(|g| g.written_notice())
            .collect();
        assert_eq!(
            written,
            vec![RefusalGround::Persistent, RefusalGround::RepeatedNothingNew]
        );
    }

    #[test]
    fn other_cases_by_law_name_the_law() {
        let d = day(2026, 3, 2);
        assert_eq!(
            check_ground(RefusalGround::OtherByLaw, d, " "),
            Some(GroundProblem::NeedsNote)
        );
        assert_eq!(
            check_ground(RefusalGround::OtherByLaw, d, "Luật X Điều 5"),
            None
        );
        assert_eq!(check_ground(RefusalGround::Impaired, d, ""), None);
    }
}
