-- Media attached to courses. The bytes live in the content-addressed blob
-- store (media/ab/abcdef…, named by SHA-256) and are shared between courses:
-- a row here is one course's use of a blob under a course-unique name. Rows
-- go with their course (ON DELETE CASCADE); blobs are removed only by `gc`
-- when no row references them.
CREATE TABLE media (
    id             TEXT PRIMARY KEY,
    course_id      TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    size           INTEGER NOT NULL CHECK (size > 0),
    kind           TEXT NOT NULL CHECK (kind IN ('video', 'audio', 'image')),
    format         TEXT NOT NULL,
    mime           TEXT NOT NULL,
    duration_ms    INTEGER,
    width          INTEGER,
    height         INTEGER,
    video_codec    TEXT,
    audio_codec    TEXT,
    faststart      INTEGER CHECK (faststart IN (0, 1)),
    original_name  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (course_id, name COLLATE NOCASE)
) STRICT;
CREATE INDEX media_by_blob ON media(sha256);

-- Captions of a video, one WebVTT text per language (converted from SRT
-- when needed, validated before it gets here).
CREATE TABLE media_captions (
    media_id     TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
    lang         TEXT NOT NULL CHECK (lang IN ('pt', 'en')),
    vtt          TEXT NOT NULL,
    cues         INTEGER NOT NULL,
    source_name  TEXT NOT NULL,
    PRIMARY KEY (media_id, lang)
) STRICT;
