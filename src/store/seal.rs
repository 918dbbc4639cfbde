//! Sealing at rest (issue 26, `docs/keys.md`): a denouncer's identity is stored only as
//! ciphertext to the unit's X25519 key and to the receiving officer's own, and matched by a
//! keyed blind index (HMAC-SHA-256), never by plaintext.
//!
//! The envelope follows the `age` X25519 recipient stanza, without `age`'s dependencies:
//! a random 32-byte file key encrypts the payload (ChaCha20-Poly1305, a random nonce, the
//! header as associated data); for each recipient an ephemeral X25519 key agrees a secret
//! with the recipient's public key, HKDF-SHA-256 makes it a wrapping key, and the file key
//! is wrapped under it.
//!
//! ```text
//! "TDS1" | n:u8 | n × (tag[8] | ephemeral[32] | wrapped file key[48]) | nonce[12] | ct
//! ```
//!
//! A symmetric wrap (`wrap`/`unwrap`: nonce | ct) holds a secret under a key derived from a
//! PIN, a passphrase or a recovery code.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};

const MAGIC: &[u8; 4] = b"TDS1";
const STANZA: usize = 8 + 32 + 48;

/// 32 random bytes from the OS.
pub fn random32() -> [u8; 32] {
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    b
}

/// An X25519 key pair.
#[derive(Clone)]
pub struct KeyPair {
    pub secret: StaticSecret,
    pub public: [u8; 32],
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "KeyPair({})",
            crate::domain::journal::hex(&self.public[..4])
        )
    }
}

impl KeyPair {
    pub fn generate() -> KeyPair {
        KeyPair::from_secret(random32())
    }

    pub fn from_secret(bytes: [u8; 32]) -> KeyPair {
        let secret = StaticSecret::from(bytes);
        let public = PublicKey::from(&secret).to_bytes();
        KeyPair { secret, public }
    }

    pub fn secret_bytes(&self) -> [u8; 32] {
        self.secret.to_bytes()
    }
}

fn tag_of(public: &[u8; 32]) -> [u8; 8] {
    let d = Sha256::digest(public);
    let mut t = [0u8; 8];
    t.copy_from_slice(&d[..8]);
    t
}

fn stanza_key(shared: &[u8; 32], eph: &[u8; 32], recipient: &[u8; 32]) -> [u8; 32] {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(eph);
    salt[32..].copy_from_slice(recipient);
    let hk = Hkdf::<Sha256>::new(Some(&salt), shared);
    let mut k = [0u8; 32];
    hk.expand(b"tiepdan seal v1 X25519", &mut k)
        .expect("32 bytes is a valid HKDF length");
    k
}

/// Seal `plain` to every public key of `recipients` (at least one).
pub fn seal(plain: &[u8], recipients: &[[u8; 32]]) -> Vec<u8> {
    assert!(!recipients.is_empty() && recipients.len() < 256);
    let file_key = random32();
    let mut out = Vec::with_capacity(5 + recipients.len() * STANZA + 12 + plain.len() + 16);
    out.extend_from_slice(MAGIC);
    out.push(recipients.len() as u8);
    for r in recipients {
        let eph = StaticSecret::from(random32());
        let eph_pub = PublicKey::from(&eph).to_bytes();
        let shared = eph.diffie_hellman(&PublicKey::from(*r)).to_bytes();
        let k = stanza_key(&shared, &eph_pub, r);
        let wrapped = ChaCha20Poly1305::new(Key::from_slice(&k))
            .encrypt(Nonce::from_slice(&[0u8; 12]), file_key.as_slice())
            .expect("ChaCha20-Poly1305 encrypts 32 bytes");
        out.extend_from_slice(&tag_of(r));
        out.extend_from_slice(&eph_pub);
        out.extend_from_slice(&wrapped);
    }
    let mut nonce = [0u8; 12];
    rand::rng().fill_bytes(&mut nonce);
    let header_len = out.len();
    let ct = ChaCha20Poly1305::new(Key::from_slice(&file_key))
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: &out[..header_len],
            },
        )
        .expect("ChaCha20-Poly1305 encrypts");
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    out
}

/// Open an envelope with one of `keys` (None: not sealed to any of them, or damaged).
pub fn open(sealed: &[u8], keys: &[&KeyPair]) -> Option<Vec<u8>> {
    if sealed.len() < 5 || &sealed[..4] != MAGIC {
        return None;
    }
    let n = sealed[4] as usize;
    let header_len = 5 + n * STANZA;
    if sealed.len() < header_len + 12 + 16 {
        return None;
    }
    for key in keys {
        let tag = tag_of(&key.public);
        for i in 0..n {
            let s = &sealed[5 + i * STANZA..5 + (i + 1) * STANZA];
            if s[..8] != tag {
                continue;
            }
            let eph: [u8; 32] = s[8..40].try_into().ok()?;
            let shared = key.secret.diffie_hellman(&PublicKey::from(eph)).to_bytes();
            let k = stanza_key(&shared, &eph, &key.public);
            let Ok(file_key) = ChaCha20Poly1305::new(Key::from_slice(&k))
                .decrypt(Nonce::from_slice(&[0u8; 12]), &s[40..])
            else {
                continue;
            };
            let nonce = &sealed[header_len..header_len + 12];
            return ChaCha20Poly1305::new(Key::from_slice(&file_key))
                .decrypt(
                    Nonce::from_slice(nonce),
                    Payload {
                        msg: &sealed[header_len + 12..],
                        aad: &sealed[..header_len],
                    },
                )
                .ok();
        }
    }
    None
}

/// `plain` under a symmetric key: nonce | ct.
pub fn wrap(key: &[u8; 32], plain: &[u8]) -> Vec<u8> {
    let mut nonce = [0u8; 12];
    rand::rng().fill_bytes(&mut nonce);
    let mut out = nonce.to_vec();
    out.extend(
        ChaCha20Poly1305::new(Key::from_slice(key))
            .encrypt(Nonce::from_slice(&nonce), plain)
            .expect("ChaCha20-Poly1305 encrypts"),
    );
    out
}

/// What [`wrap`] wrapped (None: another key, or damaged).
pub fn unwrap(key: &[u8; 32], wrapped: &[u8]) -> Option<Vec<u8>> {
    if wrapped.len() < 12 + 16 {
        return None;
    }
    ChaCha20Poly1305::new(Key::from_slice(key))
        .decrypt(Nonce::from_slice(&wrapped[..12]), &wrapped[12..])
        .ok()
}

/// A key made from a high-entropy secret (a recovery code): HKDF, no slow hash needed.
pub fn key_from_code(code: &str, salt: &[u8]) -> [u8; 32] {
    let hk = Hkdf::<Sha256>::new(Some(salt), code.as_bytes());
    let mut k = [0u8; 32];
    hk.expand(b"tiepdan recovery code v1", &mut k)
        .expect("32 bytes is a valid HKDF length");
    k
}

/// The blind index of a value under the unit's blind key: HMAC-SHA-256 of a domain and the
/// value, its first 16 bytes in hex.
pub fn blind(key: &[u8; 32], domain: &str, value: &str) -> String {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    m.update(domain.as_bytes());
    m.update(&[0]);
    m.update(value.as_bytes());
    crate::domain::journal::hex(&m.finalize().into_bytes()[..16])
}

/// A recovery code: 25 characters of Crockford base32 (125 bits) in groups of five.
pub fn new_recovery_code() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bytes = random32();
    let mut out = String::new();
    for (i, b) in bytes.iter().take(25).enumerate() {
        if i > 0 && i % 5 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[(*b & 31) as usize] as char);
    }
    out
}

/// Whether what was typed has the shape of a recovery code (five groups of five letters and
/// digits, spaces or dashes between), not of a passphrase.
pub fn looks_like_code(typed: &str) -> bool {
    typed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
        && typed.chars().filter(char::is_ascii_alphanumeric).count() == 25
}

/// A recovery code as typed: upper case, no spaces, I/L → 1, O → 0, groups of five.
pub fn normalize_code(typed: &str) -> String {
    let chars: Vec<char> = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        })
        .collect();
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_envelope_opens_for_each_recipient_and_nobody_else() {
        let (a, b, c) = (
            KeyPair::generate(),
            KeyPair::generate(),
            KeyPair::generate(),
        );
        let s = seal(b"Tr\xe1\xba\xa7n", &[a.public, b.public]);
        assert_eq!(open(&s, &[&a]).as_deref(), Some(&b"Tr\xe1\xba\xa7n"[..]));
        assert_eq!(
            open(&s, &[&c, &b]).as_deref(),
            Some(&b"Tr\xe1\xba\xa7n"[..])
        );
        assert_eq!(open(&s, &[&c]), None);
        let mut bad = s.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert_eq!(open(&bad, &[&a]), None);
        assert_ne!(s, seal(b"Tr\xe1\xba\xa7n", &[a.public, b.public]));
    }

    #[test]
    fn a_wrap_opens_with_its_key_only_and_a_blind_index_is_keyed() {
        let k = random32();
        let w = wrap(&k, b"secret");
        assert_eq!(unwrap(&k, &w).as_deref(), Some(&b"secret"[..]));
        assert_eq!(unwrap(&random32(), &w), None);
        let b1 = blind(&k, "id", "001203004567");
        assert_eq!(b1, blind(&k, "id", "001203004567"));
        assert_ne!(b1, blind(&random32(), "id", "001203004567"));
        assert_ne!(b1, blind(&k, "np", "001203004567"));
        assert!(!b1.contains("4567"));
    }

    #[test]
    fn a_recovery_code_reads_back_as_typed_loosely() {
        let c = new_recovery_code();
        assert_eq!(c.len(), 29);
        assert_eq!(normalize_code(&c.to_lowercase().replace('-', " ")), c);
        assert_eq!(normalize_code("abcio"), "ABC10");
    }
}
