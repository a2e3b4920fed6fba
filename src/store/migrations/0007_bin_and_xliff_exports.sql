-- Issue 14: nothing a trainer does may silently lose work.
--
-- A deleted course goes to the bin: its whole content (course.json of the
-- package format with its media list, where it came from, and the revisions
-- imports saved) is kept here until the person empties the bin, and the
-- course rows themselves are removed, so lists, search and export never see
-- it. `course_bin_blobs` names the blobs it still needs, so `gc` keeps them.
CREATE TABLE course_bin (
    course_id   TEXT PRIMARY KEY,
    slug        TEXT NOT NULL,
    title_pt    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    deleted_at  TEXT NOT NULL,
    content     TEXT NOT NULL
) STRICT;

CREATE TABLE course_bin_blobs (
    course_id   TEXT NOT NULL REFERENCES course_bin(course_id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    PRIMARY KEY (course_id, sha256)
) STRICT;

-- What each unit's target text was when an XLIFF file left the library, so
-- an import can tell a translator's change from a local edit made since.
-- `units` is JSON: {unit id: SHA-256 of the target text at export}. The
-- file names its export by `id`; a file is a claim, this row is the fact.
CREATE TABLE xliff_exports (
    id           TEXT PRIMARY KEY,
    course_id    TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    target_lang  TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    exported_at  TEXT NOT NULL,
    units        TEXT NOT NULL
) STRICT;
