-- A video prepared for learners (issue 12): `media` keeps describing what
-- lessons show (the prepared blob), and this row remembers where it came
-- from, so nothing is destroyed: the original blob stays in the store, the
-- trainer can prepare again from it with other settings or go back to it.
--
-- original_sha256 is NULL when the prepared video arrived in a package: the
-- recipe travels, the original never does (it stays with its author).
-- original_probe is the JSON of what the probe said about the original
-- (format, mime, duration, size, codecs…), to restore the `media` row when
-- the trainer goes back to it. recipe is the JSON of how the prepared blob
-- was made (profile, trim, poster time, ffmpeg version). poster_sha256 is
-- the poster frame, an image blob in the same store.
CREATE TABLE media_prepared (
    media_id         TEXT PRIMARY KEY REFERENCES media(id) ON DELETE CASCADE,
    original_sha256  TEXT CHECK (original_sha256 IS NULL OR length(original_sha256) = 64),
    original_probe   TEXT,
    recipe           TEXT NOT NULL,
    poster_sha256    TEXT CHECK (poster_sha256 IS NULL OR length(poster_sha256) = 64),
    prepared_at      TEXT NOT NULL
) STRICT;
CREATE INDEX media_prepared_by_original ON media_prepared(original_sha256);
CREATE INDEX media_prepared_by_poster ON media_prepared(poster_sha256);
