-- 0024_sealing: a denouncer's identity sealed at rest (issue 26; docs/keys.md).
-- The unit's X25519 key pair: its public half here; its secret half (with the key of the
-- blind index) only wrapped — under each leader's passphrase, under the recovery code shown
-- once at setup, to a provincial escrow key. An officer's own X25519 secret (and their copy
-- of the blind-index key) is wrapped under the key their PIN's one Argon2id run makes.
-- The keys are made by the program (at the first start, or at the first open after this
-- upgrade), never here. Append-only: once released, this file is never edited.

CREATE TABLE unit_keys (
    public     BLOB PRIMARY KEY CHECK (length(public) = 32),
    created_at TEXT NOT NULL,
    retired_at TEXT                   -- a rotated key: still opens what was sealed to it
) STRICT;

CREATE TABLE unit_key_wraps (
    public     BLOB NOT NULL REFERENCES unit_keys(public),
    holder     TEXT NOT NULL,         -- 'leader:<officer uid>' | 'recovery' | 'escrow:<hex>'
    salt       BLOB NOT NULL,
    kdf        TEXT NOT NULL DEFAULT '',  -- 'm=…,t=…,p=…' (Argon2id) for a passphrase
    wrapped    BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (public, holder)
) STRICT;

CREATE TABLE officer_keys (
    officer_id  INTEGER PRIMARY KEY REFERENCES officers(id),
    public      BLOB NOT NULL CHECK (length(public) = 32),
    wrapped     BLOB NOT NULL,        -- secret (32) and, once given, the blind key (32)
    blind_grant BLOB,                 -- the blind key sealed to `public`, until taken
    created_at  TEXT NOT NULL
) STRICT;

-- A sealed citizen: the identity columns hold nothing ('' / NULL, the name a mark), the
-- identity is `sealed` (ciphertext), matched by `blind_id` / `blind_name_phone`.
ALTER TABLE citizens ADD COLUMN sealed BLOB;
ALTER TABLE citizens ADD COLUMN blind_id TEXT;
ALTER TABLE citizens ADD COLUMN blind_name_phone TEXT;
CREATE INDEX citizens_by_blind_id ON citizens (blind_id) WHERE blind_id IS NOT NULL;
CREATE INDEX citizens_by_blind_name_phone ON citizens (blind_name_phone)
    WHERE blind_name_phone IS NOT NULL;
