-- 0015_event_facts: what a corrected visit carried to its case, as facts (JSON, see
-- src/domain/case/facts.rs) beside the timeline event, worded when shown in the viewer's
-- language. Events written before keep the Vietnamese note they were given (NULL facts).
-- Append-only: once released, this file is never edited.

ALTER TABLE case_events ADD COLUMN facts TEXT;
