-- Sign-language interpretation (issue 16): a video may have an interpreter
-- video beside it, per language or one for both ('all'), shown by the
-- player as a picture-in-picture window kept in sync. The interpreter is a
-- media item of the same course (attached, prepared, packaged like any
-- video); the link goes with either item (ON DELETE CASCADE).
--
-- offset_ms: where the interpreter is when the main video is at 0, in the
-- interpreter's own time (interpreter time = main time + offset); negative
-- when the interpreter starts later than the main video.
CREATE TABLE media_interpreters (
    media_id        TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
    lang            TEXT NOT NULL CHECK (lang IN ('pt', 'en', 'all')),
    interpreter_id  TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
    offset_ms       INTEGER NOT NULL,
    PRIMARY KEY (media_id, lang),
    CHECK (media_id != interpreter_id)
) STRICT;
CREATE INDEX media_interpreters_by_interpreter ON media_interpreters(interpreter_id);

-- A course whose videos must all have an interpreter (a row = yes): `media
-- list`, translation status and the export pre-flight flag a video without
-- one, as they flag missing captions.
CREATE TABLE course_sign_language (
    course_id  TEXT PRIMARY KEY REFERENCES courses(id) ON DELETE CASCADE
) STRICT;
