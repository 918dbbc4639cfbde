-- 0023_journal: one journal of every change, chained, instead of the audit's snapshots
-- (issue 26). Append-only: once released, this file is never edited.
--
-- Each entry is one record changed (or one read that matters: a sign-in, a wrong PIN, a
-- denouncer revealed, an export), with facts only — the officer's uid, the desk, the entity,
-- the record's uid, the versions before and after, the fields changed (references written as
-- the other record's uid) — and the SHA-256 of the previous entry's hash and its own
-- canonical bytes (src/domain/journal.rs). The entries of a book upgraded to this version
-- (one per existing record, `baseline`) and the desk's signing key are written by the
-- upgrade itself (src/store/migrate.rs), which needs the canonical encoding.

CREATE TABLE journal (
    seq      INTEGER PRIMARY KEY,          -- 1, 2, 3… without a gap
    at       TEXT NOT NULL,                -- RFC 3339 with the UTC offset
    officer  TEXT,                         -- the officer's uid (NULL: nobody signed in)
    desk     TEXT NOT NULL,                -- the desk's code
    op       TEXT NOT NULL,                -- create | update | void | delete | baseline | sign_in | …
    entity   TEXT NOT NULL,                -- citizen | session | visit | case | case_event | …
    record   TEXT NOT NULL,                -- the record's uid (a setting's key, a day, a year)
    v_before INTEGER,
    v_after  INTEGER,
    before   TEXT NOT NULL,                -- canonical JSON: the changed fields before
    after    TEXT NOT NULL,                -- canonical JSON: the changed fields after
    state    TEXT,                         -- SHA-256 (hex) of the record's whole state after
    hash     TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE INDEX journal_by_record ON journal (entity, record, seq);

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

-- The desk's Ed25519 key, made at the first start or at this upgrade: it signs a checkpoint
-- of the chain each day. Its secret half is kept here, in the book (a limit, README "The
-- journal"): it shows a careless or partial edit of the file, not one by someone who
-- rewrites the whole chain with it.
CREATE TABLE desk_keys (
    public     TEXT PRIMARY KEY CHECK (length(public) = 64),   -- hex
    secret     BLOB NOT NULL CHECK (length(secret) = 32),
    created_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER desk_keys_no_update BEFORE UPDATE ON desk_keys
BEGIN SELECT RAISE(ABORT, 'a desk key is never changed'); END;
CREATE TRIGGER desk_keys_no_delete BEFORE DELETE ON desk_keys
BEGIN SELECT RAISE(ABORT, 'a desk key is never changed'); END;

-- The audit of the books made before: kept as it was, under its old rows' own words, and
-- sealed into the journal by one `legacy` entry (its count and digest) at the upgrade.
ALTER TABLE audit RENAME TO audit_legacy;

-- A case's status changes only with its step: the newest event of the case (inserted just
-- before, in the same transaction) leads to the new status.
CREATE TRIGGER cases_status_with_step BEFORE UPDATE OF status ON cases
WHEN NEW.status IS NOT OLD.status
BEGIN
    SELECT RAISE(ABORT, 'a case changes status only with its step')
    WHERE (SELECT e.to_status FROM case_events e WHERE e.case_id = NEW.id
           ORDER BY e.id DESC LIMIT 1) IS NOT NEW.status;
END;
