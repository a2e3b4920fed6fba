-- Packages: who we are, whom we trust, where imported courses came from,
-- and the revisions an import replaced (so they can be restored).

-- Our own organisation. One row. The Ed25519 key itself is a file in the
-- library folder (keys/org.key); the id survives renaming and lets partners
-- tell "same organisation, new key" from "another organisation".
CREATE TABLE org_identity (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    id          TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT ''
) STRICT;

-- Organisations whose packages we accept, pinned to one key each.
-- name_key is the name folded for case and Unicode normalisation: a package
-- claiming a known id or name with another key is refused.
CREATE TABLE trusted_orgs (
    fingerprint  TEXT PRIMARY KEY CHECK (length(fingerprint) = 64),
    public_key   TEXT NOT NULL CHECK (length(public_key) = 64),
    org_id       TEXT NOT NULL,
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    trusted_at   TEXT NOT NULL
) STRICT;
CREATE INDEX trusted_orgs_by_id ON trusted_orgs(org_id);
CREATE INDEX trusted_orgs_by_name ON trusted_orgs(name_key);

-- Courses that arrived in a package: from whom, which revision of theirs,
-- and our revision right after the import. Our revision moving past
-- local_revision means someone edited the course here since it arrived.
CREATE TABLE course_imports (
    course_id           TEXT PRIMARY KEY REFERENCES courses(id) ON DELETE CASCADE,
    origin_fingerprint  TEXT NOT NULL,
    origin_course_id    TEXT NOT NULL,
    package_revision    INTEGER NOT NULL,
    local_revision      INTEGER NOT NULL,
    imported_at         TEXT NOT NULL
) STRICT;

-- A course as it was before an import replaced it (course.json of the
-- package format, media list included), newest last.
CREATE TABLE course_revisions (
    id          INTEGER PRIMARY KEY,
    course_id   TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    content     TEXT NOT NULL
) STRICT;
CREATE INDEX course_revisions_by_course ON course_revisions(course_id, id);
