-- 0004_lookup: the lookup index (tra cứu), FTS5 over the folded text of citizens, visits and
-- cases (NFC → lowercase → no diacritics → đ→d, folded by tiepdan before writing, since FTS5's
-- remove_diacritics does not fold đ). Contentless: only the index is stored.
-- Row ids: citizen id × 4, visit id × 4 + 1, case id × 4 + 2. Kept in step with the data in
-- the same transaction as each write; denouncers are never indexed with a denunciation.
-- Append-only: once released, this file is never edited.

CREATE VIRTUAL TABLE search USING fts5(
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5'
);
