//! Words of `tiepdan import`: why a row of an old book is refused.

use super::{Lang, Msg};
use crate::domain::visit::Problem;
use crate::exchange::import::{Column, Reason};

/// The book's value a column holds, as the officer names it.
pub fn import_column(c: Column) -> Msg {
    match c {
        Column::NgayTiep => Msg::ImpDay,
        Column::HoTen | Column::HoTenDiaChi => Msg::LblFullName,
        Column::DiaChi => Msg::LblAddress,
        Column::GiayTo => Msg::LblIdNumber,
        Column::DienThoai => Msg::LblPhone,
        Column::NoiDung => Msg::LblContent,
        Column::LoaiDon | Column::PhanLoaiSoNguoi => Msg::LblPetitionType,
        Column::SoNguoi => Msg::LblPeople,
        Column::CoQuanDaGiaiQuyet => Msg::LblPriorAgencies,
        Column::LinhVuc => Msg::LblField,
        Column::GhiChu | Column::TheoDoiKetQua => Msg::LblNote,
        _ => Msg::LblHandling,
    }
}

/// Why a row is refused, in the officer's language.
pub fn import_reason(lang: Lang, r: &Reason) -> String {
    match r {
        Reason::NotABookRow => Msg::ImpNotABookRow.t(lang).into(),
        Reason::Missing(c) => {
            Msg::ImpMissing.fill(lang, &[&import_column(*c).t(lang).to_lowercase()])
        }
        Reason::BadDate(t) => Msg::ImpBadDate.fill(lang, &[t]),
        Reason::FutureDate => Msg::ImpFutureDate.t(lang).into(),
        Reason::NameNotSplit => Msg::ImpNameNotSplit.t(lang).into(),
        Reason::Pseudonym => Msg::ImpPseudonym.t(lang).into(),
        Reason::IdRounded(t) => Msg::ImpIdRounded.fill(lang, &[t]),
        Reason::Id(e) => super::problem(lang, &Problem::Id(e.clone())),
        Reason::Phone(e) => super::problem(lang, &Problem::Phone(e.clone())),
        Reason::UnknownType(t) => Msg::ImpUnknownType.fill(lang, &[t]),
        Reason::SeveralTypes(t) => Msg::ImpSeveralTypes.fill(lang, &[t]),
        Reason::UnknownHandling(t) => Msg::ImpUnknownHandling.fill(lang, &[t]),
        Reason::SeveralHandlings => Msg::ImpSeveralHandlings.t(lang).into(),
        Reason::Form(f, p) => format!(
            "{}: {}",
            super::form_field(*f).t(lang),
            super::problem(lang, p)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ident::{IdError, PhoneError};

    #[test]
    fn every_reason_has_words() {
        for r in [
            Reason::NotABookRow,
            Reason::Missing(Column::NgayTiep),
            Reason::BadDate("x".into()),
            Reason::FutureDate,
            Reason::NameNotSplit,
            Reason::Pseudonym,
            Reason::IdRounded("7,9E+10".into()),
            Reason::Id(IdError::NotDigits),
            Reason::Phone(PhoneError::NotVietnamese),
            Reason::UnknownType("x".into()),
            Reason::SeveralTypes("x".into()),
            Reason::UnknownHandling("x".into()),
            Reason::SeveralHandlings,
        ] {
            for lang in [Lang::Vi, Lang::En] {
                assert!(!import_reason(lang, &r).is_empty());
            }
        }
        assert_eq!(
            import_reason(Lang::Vi, &Reason::Missing(Column::NgayTiep)),
            "thiếu ngày tiếp"
        );
    }
}
