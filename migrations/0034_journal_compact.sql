-- 0034_journal_compact: the journal in a third of the room (issue 28). The same entries and
-- the same chain — what is hashed is still each entry's canonical JSON — stored smaller:
-- `before` and `after` as BLOBs (the JSON itself when short, else compressed with zstd and a
-- fixed dictionary: src/store/journal/packed.rs), `state` and `hash` as their 32 bytes
-- instead of 64 hex digits. The old table is renamed here and its entries are copied in
-- order by the upgrade (src/store/migrate.rs, which compresses), then it is dropped.
-- Append-only: once released, this file is never edited.

DROP TRIGGER journal_no_update;
DROP TRIGGER journal_no_delete;
DROP INDEX journal_by_record;
ALTER TABLE journal RENAME TO journal_0023;

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
    before   BLOB NOT NULL,                -- the changed fields before: canonical JSON, packed
    after    BLOB NOT NULL,                -- the changed fields after: canonical JSON, packed
    state    BLOB CHECK (state IS NULL OR length(state) = 32), -- SHA-256 of the whole state
    hash     BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE INDEX journal_by_record ON journal (entity, record, seq);

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
