-- 0022_lookup_pending: records whose lookup index is still to be written. An import writes
-- its rows in one transaction (all or nothing) and lists them here in the same transaction;
-- their index is then written in small transactions that each take a fraction of a second,
-- so another desk's save never waits behind the whole index. What a crash leaves here is
-- indexed at the next start or import.
-- Append-only: once released, this file is never edited.

CREATE TABLE lookup_pending (
    kind TEXT NOT NULL CHECK (kind IN ('visit', 'citizen')),
    id   INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;
