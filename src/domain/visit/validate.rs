//! Validation of a visit's draft: every finding attached to its field, the visit normalized
//! (NFC, canonical ID and phone) when there is no error.

use chrono::NaiveDate;

use super::*;
use crate::domain::date::parse_date;
use crate::domain::ident;
use crate::domain::refusal::check_ground;
use crate::domain::text::{clean_line, nfc};

/// Every text of the draft longer than its input holds.
fn too_long(d: &VisitDraft, problems: &mut Vec<(FormField, Problem)>) {
    let texts = [
        (FormField::FullName, &d.full_name),
        (FormField::IdNumber, &d.id_number),
        (FormField::Phone, &d.phone),
        (FormField::Address, &d.address),
        (FormField::People, &d.people),
        (FormField::Representatives, &d.representatives),
        (FormField::Presiding, &d.presiding),
        (FormField::Content, &d.content),
        (FormField::PriorAgencies, &d.prior_agencies),
        (FormField::TransferAgency, &d.transfer_agency),
        (FormField::Note, &d.note),
        (FormField::Requests, &d.requests),
        (FormField::Documents, &d.documents),
        (FormField::Petitions, &d.petitions),
        (FormField::Day, &d.day),
        (FormField::Time, &d.time),
    ];
    for (field, text) in texts {
        let text = text.trim();
        let max = field.max_len();
        if crate::domain::limits::too_long(text, max) {
            // Said first: the other findings of an endless text say little.
            problems.retain(|(f, _)| *f != field);
            problems.push((
                field,
                Problem::TooLong {
                    max,
                    got: crate::domain::limits::length(text),
                },
            ));
        }
    }
}

/// The result of validating a draft: the visit if there is no error, and every finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validation {
    pub visit: Option<ValidVisit>,
    pub problems: Vec<(FormField, Problem)>,
}

impl Validation {
    pub fn errors(&self) -> impl Iterator<Item = &(FormField, Problem)> {
        self.problems.iter().filter(|(_, p)| p.is_error())
    }
}

/// Largest group size accepted (a guard against a typo such as 5000).
pub const MAX_PEOPLE: u32 = 10_000;

/// Validate a draft. `field_codes` are the active field codes; `threshold` the group size.
pub fn validate(
    d: &VisitDraft,
    today: NaiveDate,
    threshold: u32,
    field_codes: &[String],
) -> Validation {
    let mut problems = Vec::new();
    let full_name = clean_line(&d.full_name);
    if full_name.is_empty() {
        problems.push((FormField::FullName, Problem::Required));
    }
    let id_number = if d.id_number.trim().is_empty() {
        None
    } else {
        match ident::check_id_number(&d.id_number, today) {
            Ok(id) => {
                for w in &id.warnings {
                    problems.push((FormField::IdNumber, Problem::IdWarn(w.clone())));
                }
                Some(id)
            }
            Err(e) => {
                problems.push((FormField::IdNumber, Problem::Id(e)));
                None
            }
        }
    };
    let phone = if d.phone.trim().is_empty() {
        None
    } else {
        match ident::check_phone(&d.phone) {
            Ok(p) => {
                if p.landline {
                    problems.push((FormField::Phone, Problem::PhoneLandline));
                }
                Some(p)
            }
            Err(e) => {
                problems.push((FormField::Phone, Problem::Phone(e)));
                None
            }
        }
    };
    let people = parse_count(&d.people, 1, FormField::People, &mut problems);
    if people == 0 {
        problems.push((FormField::People, Problem::ZeroPeople));
    }
    let petitions = parse_count(&d.petitions, 0, FormField::Petitions, &mut problems);
    let representatives = split_names(&d.representatives);
    if let Some((min, max)) = representatives_allowed(people, threshold) {
        let got = representatives.len();
        if got < min || got > max {
            problems.push((
                FormField::Representatives,
                Problem::RepresentativesCount { min, max, got },
            ));
        }
    }
    let form = choice(
        &d.form,
        ReceptionForm::from_code,
        FormField::Form,
        &mut problems,
    );
    let presiding = clean_line(&d.presiding);
    let presided = form.is_some_and(ReceptionForm::needs_presiding);
    if presided && presiding.is_empty() {
        problems.push((FormField::Presiding, Problem::Required));
    }
    let presider_role = if presided {
        choice(
            &d.presider_role,
            PresiderRole::from_code,
            FormField::PresiderRole,
            &mut problems,
        )
    } else {
        None
    };
    let petition_type = choice(
        &d.petition_type,
        PetitionType::from_code,
        FormField::PetitionType,
        &mut problems,
    );
    let field_code = d.field.trim().to_owned();
    if field_code.is_empty() {
        problems.push((FormField::Field, Problem::Required));
    } else if !field_codes.contains(&field_code) {
        problems.push((FormField::Field, Problem::NotAnOption));
    }
    let content = nfc(d.content.trim());
    if content.is_empty() {
        problems.push((FormField::Content, Problem::Required));
    }
    let handling = choice(
        &d.handling,
        Handling::from_code,
        FormField::Handling,
        &mut problems,
    );
    let transfer_agency = clean_line(&d.transfer_agency);
    if handling == Some(Handling::ChuyenDon) && transfer_agency.is_empty() {
        problems.push((FormField::TransferAgency, Problem::Required));
    }
    let account_read = if d.account_read.trim().is_empty() {
        None
    } else {
        choice(
            &d.account_read,
            AccountRead::from_code,
            FormField::AccountRead,
            &mut problems,
        )
    };
    let day = match parse_date(&d.day, today) {
        Ok(day) if day > today => {
            problems.push((FormField::Day, Problem::FutureDay));
            None
        }
        Ok(day) => Some(day),
        Err(e) => {
            problems.push((FormField::Day, Problem::BadDate(e)));
            None
        }
    };
    let time = d.time.trim();
    let time = match chrono::NaiveTime::parse_from_str(time, "%H:%M") {
        Ok(t) => Some(t.format("%H:%M").to_string()),
        Err(_) => {
            problems.push((FormField::Time, Problem::BadTime));
            None
        }
    };
    let refusal_ground = if handling == Some(Handling::TuChoi) {
        let g = choice(
            &d.refusal_ground,
            RefusalGround::from_code,
            FormField::RefusalGround,
            &mut problems,
        );
        if let (Some(g), Some(day)) = (g, day) {
            match check_ground(g, day, &d.note) {
                Some(GroundProblem::NotYetInForce { from }) => {
                    problems.push((FormField::RefusalGround, Problem::GroundNotInForce { from }))
                }
                Some(GroundProblem::NeedsNote) => {
                    problems.push((FormField::Note, Problem::NameTheLaw))
                }
                None => {}
            }
        }
        g
    } else {
        None
    };
    let documents = match documents::parse_documents(&nfc(&d.documents)) {
        Ok(docs) => docs,
        Err(e) => {
            problems.push((FormField::Documents, Problem::Document(e)));
            vec![]
        }
    };
    too_long(d, &mut problems);
    if id_number.is_none() && phone.is_none() && !problems.iter().any(|(_, p)| p.is_error()) {
        // Without an ID or a phone a returning citizen cannot be recognized.
        problems.push((FormField::IdNumber, Problem::NeedIdOrPhone));
    }
    let has_error = problems.iter().any(|(_, p)| p.is_error());
    let visit = match (form, petition_type, handling, day, time) {
        (Some(form), Some(petition_type), Some(handling), Some(day), Some(time)) if !has_error => {
            Some(ValidVisit {
                full_name,
                id_number,
                phone,
                address: clean_line(&d.address),
                people,
                representatives: if representatives_allowed(people, threshold).is_some() {
                    representatives
                } else {
                    vec![]
                },
                form,
                presiding: if form.needs_presiding() {
                    presiding
                } else {
                    String::new()
                },
                presider_role,
                petition_type,
                field_code,
                content,
                prior_agencies: clean_line(&d.prior_agencies),
                handling,
                transfer_agency: if handling == Handling::ChuyenDon {
                    transfer_agency
                } else {
                    String::new()
                },
                note: nfc(d.note.trim()),
                documents,
                petitions,
                requests: nfc(d.requests.trim()),
                account_read,
                refusal_ground: if handling == Handling::TuChoi {
                    refusal_ground
                } else {
                    None
                },
                day,
                time,
            })
        }
        _ => None,
    };
    Validation { visit, problems }
}

fn parse_count(
    s: &str,
    default: u32,
    field: FormField,
    problems: &mut Vec<(FormField, Problem)>,
) -> u32 {
    let t = s.trim();
    if t.is_empty() {
        return default;
    }
    match t.parse::<u32>() {
        Ok(n) if n > MAX_PEOPLE => {
            problems.push((field, Problem::TooLarge { max: MAX_PEOPLE }));
            default
        }
        Ok(n) => n,
        Err(_) => {
            problems.push((field, Problem::NotANumber));
            default
        }
    }
}

fn choice<T>(
    code: &str,
    parse: fn(&str) -> Option<T>,
    field: FormField,
    problems: &mut Vec<(FormField, Problem)>,
) -> Option<T> {
    if code.trim().is_empty() {
        problems.push((field, Problem::Required));
        return None;
    }
    let v = parse(code.trim());
    if v.is_none() {
        problems.push((field, Problem::NotAnOption));
    }
    v
}
