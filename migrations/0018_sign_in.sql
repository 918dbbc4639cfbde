-- 0018_sign_in: officers sign in with a PIN or passphrase, and hold roles the store enforces
-- (domain/role.rs: tiep_dan receives, lanh_dao decides, quan_tri keeps the officers, the rules,
-- the calendar and the settings).
-- pin_hash is an Argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash): never the PIN.
-- NULL: no PIN yet — the officer sets one at their first sign-in (a book made before this
-- file, or an officer an administrator added).
-- Wrong entries in a row and the time the next try must wait are kept in the book, so a
-- restart does not reset them.
-- A book made before this file upgrades without loss: every officer receives; an officer
-- marked as a leader leads; the first officer (the first still active) administers, and also
-- leads when no officer was a leader, so a desk of one keeps deciding its cases.
-- Append-only: once released, this file is never edited.

ALTER TABLE officers ADD COLUMN pin_hash TEXT;
ALTER TABLE officers ADD COLUMN sign_in_failures INTEGER NOT NULL DEFAULT 0
    CHECK (sign_in_failures >= 0);
ALTER TABLE officers ADD COLUMN sign_in_wait_until TEXT;

CREATE TABLE officer_roles (
    officer_id INTEGER NOT NULL REFERENCES officers(id),
    role       TEXT NOT NULL CHECK (role IN ('tiep_dan', 'lanh_dao', 'quan_tri')),
    PRIMARY KEY (officer_id, role)
) STRICT, WITHOUT ROWID;

INSERT INTO officer_roles (officer_id, role) SELECT id, 'tiep_dan' FROM officers;
INSERT INTO officer_roles (officer_id, role) SELECT id, 'lanh_dao' FROM officers WHERE is_leader = 1;
INSERT INTO officer_roles (officer_id, role)
    SELECT id, 'quan_tri' FROM officers ORDER BY active DESC, id LIMIT 1;
INSERT OR IGNORE INTO officer_roles (officer_id, role)
    SELECT id, 'lanh_dao' FROM officers
    WHERE NOT EXISTS (SELECT 1 FROM officers WHERE is_leader = 1)
    ORDER BY active DESC, id LIMIT 1;

INSERT INTO audit (at, officer_id, action, tbl, record_uid, before, after)
SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), NULL, 'roles_at_upgrade', 'officers',
       o.uid, NULL,
       json_object('roles', (SELECT group_concat(role, ',') FROM officer_roles r WHERE r.officer_id = o.id))
FROM officers o;
