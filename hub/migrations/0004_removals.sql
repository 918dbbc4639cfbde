-- Records a desk removes (a case's visit unlinked), removed at the hub too (issue 30): a
-- removal made from a state the hub no longer holds (another desk changed the record since)
-- is not applied but kept in `conflicts`, marked here (its desk_state is then '' and its
-- fields the record as the desk had it before removing it).

ALTER TABLE conflicts ADD COLUMN removed boolean NOT NULL DEFAULT false;
