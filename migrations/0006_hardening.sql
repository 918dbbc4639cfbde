-- 0006_hardening: drafts belong to a window. Two windows of the same officer (two terminals,
-- two SSH sessions) each keep their own unsaved form; after a crash the next start offers
-- every one of them. Append-only: once released, this file is never edited.

CREATE TABLE drafts_new (
    officer_id INTEGER NOT NULL REFERENCES officers(id),
    kind       TEXT NOT NULL,
    window_id  TEXT NOT NULL DEFAULT '',         -- the window (app instance) that typed it
    payload    TEXT NOT NULL,                    -- JSON of the form as typed
    updated_at TEXT NOT NULL,
    PRIMARY KEY (officer_id, kind, window_id)
) STRICT;

INSERT INTO drafts_new (officer_id, kind, window_id, payload, updated_at)
    SELECT officer_id, kind, '', payload, updated_at FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_new RENAME TO drafts;
