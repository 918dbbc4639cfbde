//! A demo citizen: a Vietnamese name (surname by frequency, middle and given name by sex), a
//! birth year, a CCCD coded by province, sex and birth year, a mobile number.

use super::*;

/// A person: name, sex and birth year.
pub(super) struct Person {
    pub(super) name: String,
    pub(super) female: bool,
    pub(super) birth_year: i32,
}

pub(super) fn person(rng: &mut ChaCha8Rng, year_now: i32) -> Person {
    let female = rng.random_bool(0.42);
    let surname = weighted(rng, SURNAMES);
    let (middle, given) = if female {
        (MIDDLE_FEMALE, GIVEN_FEMALE)
    } else {
        (MIDDLE_MALE, GIVEN_MALE)
    };
    let name = format!(
        "{surname} {} {}",
        middle.choose(rng).expect("non-empty"),
        given.choose(rng).expect("non-empty")
    );
    Person {
        name,
        female,
        birth_year: year_now - rng.random_range(22..82),
    }
}

/// A CCCD that passes the domain checks: province code, century/sex digit, birth year.
pub(super) fn cccd(rng: &mut ChaCha8Rng, province: &str, p: &Person) -> String {
    let century = if p.birth_year >= 2000 { 2 } else { 0 } + u32::from(p.female);
    format!(
        "{province}{century}{:02}{:06}",
        p.birth_year.rem_euclid(100),
        rng.random_range(0..1_000_000)
    )
}

pub(super) fn mobile(rng: &mut ChaCha8Rng) -> String {
    let prefix = ["03", "05", "07", "08", "09"]
        .choose(rng)
        .expect("non-empty");
    format!(
        "{prefix}{}{:07}",
        rng.random_range(1..10),
        rng.random_range(0..10_000_000)
    )
}
