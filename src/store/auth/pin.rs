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

/// Hash a PIN at `cost`, with a fresh random salt: the PHC string (the form of the books
/// made before sealing; still verified, and rehashed keyed at the next sign-in).
pub fn hash_at_unkeyed(pin: &str, cost: Cost) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon(cost)
        .hash_password(pin.as_bytes(), &salt)
        .expect("Argon2id hashes any input up to its bounds")
        .to_string()
}

/// The mark of a keyed hash (see [`hash_keyed_at`]).
const KEYED: &str = "$k1";

/// The one Argon2id run of a sign-in, split in two (issue 26, `docs/keys.md`): 64 bytes of
/// output, the first half checks the PIN (stored as its SHA-256, so the stored string tells
/// nothing of the second half), the second half is the key the officer's own X25519 secret
/// is wrapped under. One slow derivation gives both.
fn keyed_run(pin: &str, salt: &[u8], cost: Cost) -> ([u8; 32], [u8; 32]) {
    use sha2::{Digest, Sha256};
    let mut out = [0u8; 64];
    argon(cost)
        .hash_password_into(pin.as_bytes(), salt, &mut out)
        .expect("Argon2id hashes any input up to its bounds");
    let mut check = [0u8; 32];
    check.copy_from_slice(&Sha256::digest(&out[..32]));
    let mut key = [0u8; 32];
    key.copy_from_slice(&out[32..]);
    (check, key)
}

/// Hash a PIN at `cost`, keyed: `$argon2id$v=19$m=…,t=…,p=…$<salt>$<check>$k1` (hex), and
/// the wrapping key the same run made.
pub fn hash_keyed_at(pin: &str, cost: Cost) -> (String, [u8; 32]) {
    use crate::domain::journal::hex;
    let salt = &crate::store::seal::random32()[..16];
    let (check, key) = keyed_run(pin, salt, cost);
    (
        format!(
            "$argon2id$v=19$m={},t={},p={}${}${}{KEYED}",
            cost.m_kib,
            cost.t,
            cost.p,
            hex(salt),
            hex(&check)
        ),
        key,
    )
}

/// The current cost as stored beside a passphrase's wrap: `m=…,t=…,p=…`.
pub(crate) fn kdf_params() -> String {
    let c = current_cost();
    format!("m={},t={},p={}", c.m_kib, c.t, c.p)
}

/// A cost as `kdf_params` writes it (`m=…,t=…,p=…`), within Argon2's own limits.
fn parse_cost(params: &str) -> Option<Cost> {
    let mut cost = Cost {
        m_kib: 0,
        t: 0,
        p: 0,
    };
    for kv in params.split(',') {
        let (k, v) = kv.split_once('=')?;
        let v: u32 = v.parse().ok()?;
        match k {
            "m" => cost.m_kib = v,
            "t" => cost.t = v,
            "p" => cost.p = v,
            _ => return None,
        }
    }
    Params::new(cost.m_kib, cost.t, cost.p, None).ok()?;
    Some(cost)
}

/// The key a passphrase makes (Argon2id at `kdf`, 32 bytes): a leader's, for the unit key.
pub(crate) fn derive_key(passphrase: &str, salt: &[u8], kdf: &str) -> Option<[u8; 32]> {
    let cost = parse_cost(kdf)?;
    let mut out = [0u8; 32];
    argon(cost)
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .ok()?;
    Some(out)
}

/// Hash a PIN at `cost` (keyed; the key is dropped).
pub fn hash_at(pin: &str, cost: Cost) -> String {
    hash_keyed_at(pin, cost).0
}

/// Hash a PIN at the current cost.
pub fn hash(pin: &str) -> String {
    hash_at(pin, current_cost())
}

pub(crate) fn unhex(s: &str) -> Option<Vec<u8>> {
    s.len()
        .is_multiple_of(2)
        .then(|| {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
                .collect()
        })
        .flatten()
}

/// A keyed hash's parts: cost, salt, check.
fn keyed_parts(s: &str) -> Option<(Cost, Vec<u8>, Vec<u8>)> {
    let body = s.strip_suffix(KEYED)?.strip_prefix("$argon2id$v=19$")?;
    let mut it = body.split('$');
    let params = it.next()?;
    let salt = unhex(it.next()?)?;
    let check = unhex(it.next()?)?;
    let cost = parse_cost(params)?;
    Some((cost, salt, check))
}

/// Does `pin` match the stored hash, and with what wrapping key? `None`: it does not;
/// `Some(None)`: it does, but the hash is of the older, unkeyed form (rehash it keyed);
/// `Some(Some(key))`: it does, and here is the key.
pub fn verify_keyed(pin: &str, stored: &str) -> Option<Option<[u8; 32]>> {
    if stored.ends_with(KEYED) {
        let (cost, salt, check) = keyed_parts(stored)?;
        let (c, key) = keyed_run(pin, &salt, cost);
        return (c.as_slice() == check.as_slice()).then_some(Some(key));
    }
    verify_unkeyed(pin, stored).then_some(None)
}

/// Does `pin` match the stored hash (either form)? (A string that cannot be read never
/// matches.)
pub fn verify(pin: &str, stored: &str) -> bool {
    verify_keyed(pin, stored).is_some()
}

fn verify_unkeyed(pin: &str, phc: &str) -> bool {
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
    match keyed_parts(phc) {
        Some((cost, _, _)) => {
            let now = current_cost();
            cost.m_kib < now.m_kib || cost.t < now.t
        }
        // The older, unkeyed form (or an unreadable one) is made again, keyed.
        None => true,
    }
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
        // The same run gives the wrapping key, which the stored string does not hold.
        let (h, key) = hash_keyed_at("246810", CHEAP);
        assert_eq!(verify_keyed("246810", &h), Some(Some(key)));
        assert_eq!(verify_keyed("246811", &h), None);
        assert!(!h.contains(&crate::domain::journal::hex(&key)));
        // A hash of the older form verifies, with no key, and is made again.
        let old = hash_at_unkeyed("246810", CHEAP);
        assert_eq!(verify_keyed("246810", &old), Some(None));
        assert!(is_weaker(&old));
        assert!(!is_weaker(&hash_at("246810", current_cost())));
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
