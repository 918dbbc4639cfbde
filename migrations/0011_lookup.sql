-- 0011_lookup: the lookup index, one FTS5 table per kind (citizens, cases, visits), readable
-- by every SQLite since 3.20 — Debian 12's 3.40 included: the table of 0004 used
-- `contentless_delete` (3.43) and could not be read there at all.
-- Each kind is searched on its own, so one kind never crowds out another and each count is
-- true. The text is folded by tiepdan (NFC → lowercase → no diacritics → đ→d) and carries
-- marker tokens that begin with `_` (src/domain/lookup/mod.rs), hence `tokenchars '_'` and no
-- diacritic removal by the tokenizer. `detail = none`: only which rows hold a token, the
-- smallest index; `prefix` 1–7: every prefix of a Vietnamese syllable is read from an index.
-- Regular tables (their text kept in the table), so a row is deleted by its rowid alone.
-- Row ids: a visit's or a case's id; a citizen's key grows with their most recent visit
-- (day × 2^20 + order within the day), kept in lookup_citizen_keys, so the newest come first.
-- Kept in step with the data in the same transaction as each write; built for the data that
-- existed before by the migration runner's backfill. Denouncers are never indexed with a
-- denunciation.
-- Append-only: once released, this file is never edited.

DROP TABLE IF EXISTS search;

CREATE VIRTUAL TABLE lookup_citizens USING fts5(
    body,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
    detail = none,
    columnsize = 0,
    prefix = '1 2 3 4 5 6 7'
);

CREATE VIRTUAL TABLE lookup_cases USING fts5(
    body,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
    detail = none,
    columnsize = 0,
    prefix = '1 2 3 4 5 6 7'
);

CREATE VIRTUAL TABLE lookup_visits USING fts5(
    body,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
    detail = none,
    columnsize = 0,
    prefix = '1 2 3 4 5 6 7'
);

-- A citizen's row in lookup_citizens.
CREATE TABLE lookup_citizen_keys (
    citizen_id INTEGER PRIMARY KEY REFERENCES citizens(id),
    key        INTEGER NOT NULL UNIQUE
) STRICT;
