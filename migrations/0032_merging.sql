-- 0032_merging: what another desk's package brought (issue 27, merging desks).
-- Append-only: once released, this file is never edited.
--
-- A record merged from another desk keeps where it came from: the desk and the key that
-- signed its package (a later package of that desk signed by another key is refused), that
-- unit's sealing key (a sealed citizen from another unit stays sealed to it: only a holder of that key can
-- open it, docs/keys.md), and the versions the merge last agreed on (theirs and ours), so
-- merging again adds nothing and a record edited on both sides since is a conflict.
CREATE TABLE merge_origins (
    entity        TEXT NOT NULL,
    record        TEXT NOT NULL,     -- the record's uid (a case's visit: case uid/visit uid)
    desk          TEXT NOT NULL,     -- the desk's code it came from
    desk_key      TEXT NOT NULL,     -- that desk's Ed25519 public key (hex): it signed it
    unit_key      TEXT,              -- that unit's X25519 public key (hex)
    their_version INTEGER,
    our_version   INTEGER,
    PRIMARY KEY (entity, record)
) STRICT;

-- One ID number is one citizen across desks: the other desk's citizen (its uid) is ours.
CREATE TABLE citizen_aliases (
    foreign_uid TEXT PRIMARY KEY,
    citizen_id  INTEGER NOT NULL REFERENCES citizens(id),
    desk        TEXT NOT NULL
) STRICT;
