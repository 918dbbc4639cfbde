//! PINs and passphrases at rest: Argon2id, as a PHC string (`$argon2id$v=19$m=…,t=…,p=…$
//! salt$hash`), never the PIN itself. Verification reads its parameters from the string, so
//! a hash made at another cost still verifies; a sign-in rehashes one weaker than today's
//! cost (a book a test build touched is strengthened at its next real sign-in).
//!
//! The cost, and why (README "Sign-in"): m = 64 MiB, t = 3, p = 1 — about 0.2 s on the
//! 2-core CI machine (`cargo bench --bench sign_in`). The memory stays under the product's
//! 100 MB bound (PRODUCT.md §6) even with the app's own; 128 MiB would break it for a
//! moment on every sign-in, for a guessing cost that cannot save a 6-digit PIN anyway (a
//! million guesses at 0.2 s is 2–3 days on one core, hours on a few): the PIN guards the
//! desk, where the growing wait after wrong entries stops guessing, never the file.
//!
//! Tests need thousands of hashes: [`use_cheap_cost_in_tests`] makes them cost microseconds,
//! in debug builds only — a release binary, the only one that opens a real book, never
//! hashes below the production cost, whatever a test or an environment variable asks.

use std::sync::atomic::{AtomicBool, Ordering};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// An Argon2id cost: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

/// The production cost (see the module's doc for why).
pub const PRODUCTION: Cost = Cost {
    m_kib: 64 * 1024,
    t: 3,
    p: 1,
};

/// The tests' cost: the smallest Argon2 allows. Debug builds only.
const CHEAP: Cost = Cost {
    m_kib: 8,
    t: 1,
    p: 1,
};

static CHEAP_IN_TESTS: AtomicBool = AtomicBool::new(false);

/// Tests only: hash at the cheapest cost from now on, in this process. Has no effect in a
/// release build. (The binary calls it when `TIEPDAN_TEST_KDF=cheap` is set, again only
/// in a debug build, for the end-to-end tests.)
#[doc(hidden)]
pub fn use_cheap_cost_in_tests() {
    if cfg!(debug_assertions) {
        CHEAP_IN_TESTS.store(true, Ordering::Relaxed);
    }
}

/// The cost new hashes are made at.
pub fn current_cost() -> Cost {
    if cfg!(debug_assertions) && CHEAP_IN_TESTS.load(Ordering::Relaxed) {
        CHEAP
    } else {
        PRODUCTION
    }
}

fn argon(cost: Cost) -> Argon2<'static> {
    let params = Params::new(cost.m_kib, cost.t, cost.p, None).expect("valid Argon2 cost");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hash a PIN at `cost`, with a fresh random salt: the PHC string.
pub fn hash_at(pin: &str, cost: Cost) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon(cost)
        .hash_password(pin.as_bytes(), &salt)
        .expect("Argon2id hashes any input up to its bounds")
        .to_string()
}

/// Hash a PIN at the current cost.
pub fn hash(pin: &str) -> String {
    hash_at(pin, current_cost())
}

/// Does `pin` match the stored PHC string? (A string that cannot be read never matches.)
pub fn verify(pin: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    if parsed.algorithm.as_str() != "argon2id" {
        return false;
    }
    // The parameters are the string's own: Argon2's verification reads them from it.
    Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_ok()
}

/// Is the stored hash weaker than what the current cost makes (to be made again)?
pub fn is_weaker(phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return true;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return true;
    };
    let now = current_cost();
    params.m_cost() < now.m_kib || params.t_cost() < now.t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_a_phc_string_that_verifies_with_its_own_parameters() {
        let h = hash_at("246810", CHEAP);
        assert!(h.starts_with("$argon2id$v=19$m=8,t=1,p=1$"), "{h}");
        assert!(!h.contains("246810"));
        assert!(verify("246810", &h));
        assert!(!verify("246811", &h));
        assert!(!verify("246810", "not a hash"));
        // Two hashes of one PIN differ (a fresh salt each).
        assert_ne!(h, hash_at("246810", CHEAP));
    }

    #[test]
    fn the_production_cost_is_argon2id_64_mib_t3() {
        assert_eq!(
            PRODUCTION,
            Cost {
                m_kib: 65536,
                t: 3,
                p: 1
            }
        );
        // A release build never goes below it.
        if !cfg!(debug_assertions) {
            use_cheap_cost_in_tests();
            assert_eq!(current_cost(), PRODUCTION);
        }
    }
}
