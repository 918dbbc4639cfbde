-- Row level security per district (issue 30). A district's officers reach the hub with a
-- token of their district (kept here as its SHA-256 only); for their requests the service
-- takes the role tiepdan_district and sets tiepdan.district, inside the request's
-- transaction (SET LOCAL), and the policies below let that role see its district's desks
-- and their rows only. The province's token keeps the service's own role (the tables'
-- owner: every row). Without the setting the role sees nothing.

CREATE TABLE tokens (
    id         bigserial PRIMARY KEY,
    -- NULL: the province's token (every district).
    district   text,
    sha256     text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The role may exist already (created by the database's administrator, docs/hub.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tiepdan_district') THEN
        CREATE ROLE tiepdan_district NOLOGIN;
    END IF;
    IF NOT pg_has_role(current_user, 'tiepdan_district', 'MEMBER') THEN
        EXECUTE format('GRANT tiepdan_district TO %I', current_user);
    END IF;
END
$$;

-- The district of the request ('' or unset: none).
CREATE FUNCTION hub_district() RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('tiepdan.district', true), '') $$;

GRANT SELECT ON desks, entries, records, conflicts, forks, fields TO tiepdan_district;
GRANT EXECUTE ON FUNCTION hub_district() TO tiepdan_district;

ALTER TABLE desks ENABLE ROW LEVEL SECURITY;
ALTER TABLE entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE records ENABLE ROW LEVEL SECURITY;
ALTER TABLE conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE forks ENABLE ROW LEVEL SECURITY;

CREATE POLICY district_desks ON desks FOR SELECT TO tiepdan_district
    USING (district = hub_district());
CREATE POLICY district_entries ON entries FOR SELECT TO tiepdan_district
    USING (desk IN (SELECT code FROM desks WHERE district = hub_district()));
-- A record is the district's when one of its desks sent it, or when it names one of them
-- (a session or a case another desk took by package and sent first).
CREATE POLICY district_records ON records FOR SELECT TO tiepdan_district
    USING (desk IN (SELECT code FROM desks WHERE district = hub_district())
           OR fields->>'desk' IN (SELECT code FROM desks WHERE district = hub_district()));
CREATE POLICY district_conflicts ON conflicts FOR SELECT TO tiepdan_district
    USING (desk IN (SELECT code FROM desks WHERE district = hub_district()));
CREATE POLICY district_forks ON forks FOR SELECT TO tiepdan_district
    USING (desk IN (SELECT code FROM desks WHERE district = hub_district()));
