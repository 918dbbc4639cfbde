-- A case's second round is found by its link to the first (`previous_case_id`): every step of
-- a case asks whether it was reopened, so the link is indexed (without it each step read the
-- whole cases table: a million-visit demo took hours, a desk's step grew with the book).
CREATE INDEX cases_by_previous ON cases (previous_case_id) WHERE previous_case_id IS NOT NULL;
