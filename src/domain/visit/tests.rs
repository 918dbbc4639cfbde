//! Validation of a visit as typed: every problem on its field, in the UI language.
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn fields() -> Vec<String> {
    vec!["dat_dai".into(), "khac".into()]
}

fn good() -> VisitDraft {
    VisitDraft {
        full_name: "  Nguyễn   Văn An ".into(),
        id_number: "001085012345".into(),
        phone: "0912 345 678".into(),
        address: "Phường Ba Đình, Hà Nội".into(),
        people: "1".into(),
        form: "thuong_xuyen".into(),
        petition_type: "khieu_nai".into(),
        field: "dat_dai".into(),
        content: "Khiếu nại quyết định thu hồi đất".into(),
        handling: "thu_ly".into(),
        day: "22/11/2026".into(),
        time: "08:15".into(),
        ..Default::default()
    }
}

#[test]
fn a_complete_visit_is_valid_and_normalized() {
    let v = validate(&good(), today(), 5, &fields());
    assert!(v.problems.is_empty(), "{:?}", v.problems);
    let visit = v.visit.unwrap();
    assert_eq!(visit.full_name, "Nguyễn Văn An");
    assert_eq!(visit.phone.unwrap().value, "0912345678");
    assert_eq!(visit.people, 1);
}

#[test]
fn name_and_content_are_required() {
    let mut d = good();
    d.full_name = " ".into();
    d.content = "\n".into();
    let v = validate(&d, today(), 5, &fields());
    assert!(v.visit.is_none());
    let fields: Vec<_> = v.errors().map(|(f, _)| *f).collect();
    assert_eq!(fields, vec![FormField::FullName, FormField::Content]);
}

#[test]
fn wrong_id_length_is_an_error_on_the_id_field() {
    let mut d = good();
    d.id_number = "0010850123".into();
    let v = validate(&d, today(), 5, &fields());
    assert_eq!(
        v.problems,
        vec![(
            FormField::IdNumber,
            Problem::Id(IdError::BadLength { digits: 10 })
        )]
    );
}

#[test]
fn landline_warns_but_saves() {
    let mut d = good();
    d.phone = "024 3825 3536".into();
    let v = validate(&d, today(), 5, &fields());
    assert!(v.visit.is_some());
    assert_eq!(v.problems, vec![(FormField::Phone, Problem::PhoneLandline)]);
}

#[test]
fn group_needs_representatives_within_article_29() {
    let mut d = good();
    d.people = "7".into();
    let v = validate(&d, today(), 5, &fields());
    assert_eq!(
        v.problems,
        vec![(
            FormField::Representatives,
            Problem::RepresentativesCount {
                min: 1,
                max: 2,
                got: 0
            }
        )]
    );
    d.representatives = "Nguyễn Văn An; Trần Thị Bình".into();
    assert!(validate(&d, today(), 5, &fields()).visit.is_some());
    d.representatives = "A; B; C".into();
    assert!(validate(&d, today(), 5, &fields()).visit.is_none());
    d.people = "30".into();
    d.representatives = "A; B; C; D; E".into();
    assert!(validate(&d, today(), 5, &fields()).visit.is_some());
    d.representatives = "A; B; C; D; E; F".into();
    assert!(validate(&d, today(), 5, &fields()).visit.is_none());
}

#[test]
fn threshold_is_a_setting() {
    let mut d = good();
    d.people = "5".into();
    assert!(validate(&d, today(), 6, &fields()).visit.is_some());
    assert!(validate(&d, today(), 5, &fields()).visit.is_none());
}

#[test]
fn periodic_reception_needs_the_presiding_leader() {
    let mut d = good();
    d.form = "dinh_ky".into();
    let v = validate(&d, today(), 5, &fields());
    assert_eq!(
        v.problems,
        vec![
            (FormField::Presiding, Problem::Required),
            (FormField::PresiderRole, Problem::Required)
        ]
    );
    d.presiding = "Chủ tịch Lê Văn Hùng".into();
    d.presider_role = "truc_tiep".into();
    let v = validate(&d, today(), 5, &fields()).visit.unwrap();
    assert_eq!(v.presiding, "Chủ tịch Lê Văn Hùng");
    assert_eq!(v.presider_role, Some(PresiderRole::InPerson));
    // Delegated (ủy quyền): recorded apart; a regular session has no presider at all.
    d.presider_role = "uy_quyen".into();
    let v = validate(&d, today(), 5, &fields()).visit.unwrap();
    assert_eq!(v.presider_role, Some(PresiderRole::Delegated));
    d.form = "thuong_xuyen".into();
    let v = validate(&d, today(), 5, &fields()).visit.unwrap();
    assert_eq!((v.presiding.as_str(), v.presider_role), ("", None));
}

#[test]
fn bad_numbers_and_unknown_choices() {
    let mut d = good();
    d.people = "năm".into();
    d.field = "vu_tru".into();
    let v = validate(&d, today(), 5, &fields());
    assert!(
        v.problems
            .contains(&(FormField::People, Problem::NotANumber))
    );
    assert!(
        v.problems
            .contains(&(FormField::Field, Problem::NotAnOption))
    );
}

#[test]
fn no_id_and_no_phone_warns() {
    let mut d = good();
    d.id_number.clear();
    d.phone.clear();
    let v = validate(&d, today(), 5, &fields());
    assert!(v.visit.is_some());
    assert_eq!(
        v.problems,
        vec![(FormField::IdNumber, Problem::NeedIdOrPhone)]
    );
}

#[test]
fn no_one_no_future_day_no_transfer_without_its_agency() {
    let mut d = good();
    d.people = "0".into();
    d.day = "23/11/2026".into();
    d.time = "8h".into();
    d.handling = "chuyen_don".into();
    let v = validate(&d, today(), 5, &fields());
    assert!(v.visit.is_none());
    let found: Vec<_> = v.problems.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        found,
        [
            FormField::People,
            FormField::TransferAgency,
            FormField::Day,
            FormField::Time
        ]
    );
    assert!(v.problems.contains(&(FormField::Day, Problem::FutureDay)));
    d.people = "1".into();
    d.day = "2026-11-20".into();
    d.time = "7:05".into();
    d.transfer_agency = " Sở  Xây dựng ".into();
    let v = validate(&d, today(), 5, &fields()).visit.unwrap();
    assert_eq!(v.day, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    assert_eq!(v.time, "07:05");
    assert_eq!(v.transfer_agency, "Sở Xây dựng");
}

#[test]
fn representatives_rule() {
    assert_eq!(representatives_allowed(4, 5), None);
    assert_eq!(representatives_allowed(5, 5), Some((1, 2)));
    assert_eq!(representatives_allowed(10, 5), Some((1, 2)));
    assert_eq!(representatives_allowed(11, 5), Some((1, 5)));
}

#[test]
fn online_form_only_from_july_2026() {
    let before = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    assert!(!ReceptionForm::offered_on(before).contains(&ReceptionForm::TrucTuyen));
    assert!(ReceptionForm::offered_on(today()).contains(&ReceptionForm::TrucTuyen));
}

/// Luật TCD Art 9; NĐ 154/2026 Art 4 (UNVERIFIED, from 01/7/2026): a refusal needs its
/// ground, the decree's grounds only from their day, and Art 9(4) names the law in the note.
#[test]
fn a_refusal_needs_its_ground_in_force() {
    let mut d = good();
    d.handling = "tu_choi".into();
    let v = validate(&d, today(), 5, &fields());
    assert_eq!(
        v.problems,
        vec![(FormField::RefusalGround, Problem::Required)]
    );
    d.refusal_ground = "tcd9_3".into();
    let v = validate(&d, today(), 5, &fields()).visit.unwrap();
    assert_eq!(v.handling, Handling::TuChoi);
    assert_eq!(v.refusal_ground, Some(RefusalGround::Persistent));
    // A decree's ground on 30/6/2026 is not yet law.
    d.refusal_ground = "nd154_4a".into();
    d.day = "30/06/2026".into();
    let v = validate(&d, today(), 5, &fields());
    assert_eq!(
        v.problems,
        vec![(
            FormField::RefusalGround,
            Problem::GroundNotInForce {
                from: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
            }
        )]
    );
    d.day = "01/07/2026".into();
    assert!(validate(&d, today(), 5, &fields()).visit.is_some());
    // Art 9(4): the note names the law.
    d.refusal_ground = "tcd9_4".into();
    let v = validate(&d, today(), 5, &fields());
    assert_eq!(v.problems, vec![(FormField::Note, Problem::NameTheLaw)]);
    d.note = "Luật Phòng, chống ma túy, Điều 3".into();
    assert!(validate(&d, today(), 5, &fields()).visit.is_some());
}

/// A ground typed for another handling is dropped: only a refusal keeps one.
#[test]
fn only_a_refusal_keeps_a_ground() {
    let mut d = good();
    d.refusal_ground = "tcd9_1".into();
    let v = validate(&d, today(), 5, &fields()).visit.unwrap();
    assert_eq!(v.refusal_ground, None);
}

/// Luật TCD Art 25(2), 30(1): the requests apart from the facts, and the account read back
/// and signed or fingerprinted (or not recorded).
#[test]
fn requests_and_the_account_read_back() {
    let mut d = good();
    d.requests = "  Đề nghị hủy quyết định thu hồi đất số 12 ".into();
    d.account_read = "diem_chi".into();
    let v = validate(&d, today(), 5, &fields()).visit.unwrap();
    assert_eq!(v.requests, "Đề nghị hủy quyết định thu hồi đất số 12");
    assert_eq!(v.account_read, Some(AccountRead::Fingerprinted));
    d.account_read = String::new();
    assert_eq!(
        validate(&d, today(), 5, &fields())
            .visit
            .unwrap()
            .account_read,
        None
    );
    d.account_read = "maybe".into();
    assert_eq!(
        validate(&d, today(), 5, &fields()).problems,
        vec![(FormField::AccountRead, Problem::NotAnOption)]
    );
}
