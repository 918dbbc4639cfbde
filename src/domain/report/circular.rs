//! The reporting circulars and their dates: which one's forms a period is reported in.

use super::*;

/// A reporting circular of the Government Inspectorate (chế độ thông tin, báo cáo), with its
/// own set of forms. The periods and their cut-offs are the same in both (DOMAIN.md §5.1,
/// §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Circular {
    /// TT 01/2024/TT-TTCP (20/01/2024, in force 05/3/2024).
    Tt01_2024,
    /// TT 06/2025/TT-TTCP (29/9/2025, in force 30/9/2025; its Art 11 replaced TT 01/2024).
    Tt06_2025,
}

impl Circular {
    pub const ALL: [Circular; 2] = [Circular::Tt01_2024, Circular::Tt06_2025];

    /// The stable code (JSON, stored closings).
    pub fn code(self) -> &'static str {
        match self {
            Circular::Tt01_2024 => "tt01_2024",
            Circular::Tt06_2025 => "tt06_2025",
        }
    }

    pub fn from_code(s: &str) -> Option<Circular> {
        Circular::ALL.into_iter().find(|c| c.code() == s.trim())
    }

    /// Its number as printed.
    pub fn number(self) -> &'static str {
        match self {
            Circular::Tt01_2024 => "01/2024/TT-TTCP",
            Circular::Tt06_2025 => "06/2025/TT-TTCP",
        }
    }

    /// The day it took effect.
    pub fn in_force_from(self) -> NaiveDate {
        match self {
            Circular::Tt01_2024 => ymd(2024, 3, 5),
            Circular::Tt06_2025 => ymd(2025, 9, 30),
        }
        .expect("valid date")
    }

    /// Rule "biểu mẫu áp dụng": a period is reported in the forms of the circular in force on
    /// its last day — one ending on or after 30/9/2025 in TT 06/2025's, one ending before in
    /// TT 01/2024's (also for a period before 05/3/2024: no older set is kept).
    pub fn for_period(p: &Period) -> Circular {
        if p.to >= Circular::Tt06_2025.in_force_from() {
            Circular::Tt06_2025
        } else {
            Circular::Tt01_2024
        }
    }

    /// Its forms, in the order they are printed.
    pub fn forms(self) -> &'static [Form] {
        match self {
            Circular::Tt01_2024 => &[
                Form::Tcd01,
                Form::Tcd02,
                Form::Xld01,
                Form::Xld02,
                Form::Xld03,
                Form::Xld04,
                Form::Kqgq01,
                Form::Kqgq03,
            ],
            Circular::Tt06_2025 => &[
                Form::T6Tcd01,
                Form::T6Xld02,
                Form::T6Gqkn03,
                Form::T6Gqtc04,
                Form::T6Kqth05,
                Form::T6Qlkntc06,
            ],
        }
    }

    /// The day a commune's report of `p` is due at the province: TT 06/2025 has communes
    /// (and provincial departments) report by the 17th of the period's last month. None for
    /// TT 01/2024 (its deadline is not in DOMAIN.md) and for a calendar month or a range.
    pub fn due_on(self, p: &Period) -> Option<NaiveDate> {
        let official = matches!(
            p.kind,
            PeriodKind::Quarter(_)
                | PeriodKind::SixMonths
                | PeriodKind::NineMonths
                | PeriodKind::Year
        );
        (self == Circular::Tt06_2025 && official)
            .then(|| ymd(p.to.year(), p.to.month(), 17))
            .flatten()
    }
}
