-- The provincial hub (issue 30): desks enrolled with their Ed25519 keys, every desk's
-- journal by (desk, seq), the records as the desks wrote them, the conflicts and forks.
-- A landed file is never edited: a change is a new file (hub/src/schema.rs lists them).

CREATE TABLE desks (
    code        text PRIMARY KEY,
    unit        text NOT NULL,
    -- The desk's Ed25519 public key (hex): every batch is signed with it.
    key         text NOT NULL,
    enrolled_at timestamptz NOT NULL DEFAULT now()
);

-- Each desk's journal as the desk wrote it: one row an entry, chained by hash.
CREATE TABLE entries (
    desk     text   NOT NULL REFERENCES desks (code),
    seq      bigint NOT NULL,
    at       text   NOT NULL,
    officer  text,
    op       text   NOT NULL,
    entity   text   NOT NULL,
    record   text   NOT NULL,
    v_before bigint,
    v_after  bigint,
    before   jsonb  NOT NULL,
    after    jsonb  NOT NULL,
    state    text,
    hash     text   NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (desk, seq)
);

-- The records (officers, citizens, sessions, visits, cases, case steps, case visits) as
-- the desks' packages carry them: a sealed citizen's identity is its ciphertext, as it came.
CREATE TABLE records (
    entity  text NOT NULL,
    uid     text NOT NULL,
    -- The desk whose batch last wrote it.
    desk    text NOT NULL REFERENCES desks (code),
    version bigint,
    -- The digest of its state as the desk's journal gives it.
    state   text NOT NULL,
    fields  jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity, uid)
);

-- An edit made from a version the hub no longer holds: never applied over the hub's.
CREATE TABLE conflicts (
    id           bigserial PRIMARY KEY,
    desk         text NOT NULL REFERENCES desks (code),
    entity       text NOT NULL,
    uid          text NOT NULL,
    base_version bigint,
    hub_version  bigint,
    desk_version bigint,
    desk_state   text NOT NULL,
    fields       jsonb NOT NULL,
    batch_last   bigint NOT NULL,
    at           timestamptz NOT NULL DEFAULT now()
);

-- A batch naming an entry the hub holds with another hash: refused, and kept here.
CREATE TABLE forks (
    id        bigserial PRIMARY KEY,
    desk      text   NOT NULL REFERENCES desks (code),
    seq       bigint NOT NULL,
    held_hash text   NOT NULL,
    sent_hash text   NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
