-- Issue 15, a lean database: lesson bodies and notes are stored deflated
-- (src/store/packed_text.rs says the stored form and why). Plain, the
-- lesson rows alone took 1.09x the text they hold, and with the search
-- index (which keeps positions for bm25) the library came to 1.65x.
--
-- A STRICT table cannot hold a blob in a TEXT column, so `lessons` is
-- rebuilt with the four columns as BLOB, keeping every other column, each
-- row's rowid and the index. Nothing references `lessons` and no trigger is
-- on it, so dropping the old table touches no other row. The text is packed
-- by `juntos_pack_text`, which the program registers before it migrates;
-- the whole migration is one transaction with the others (store/open.rs).
CREATE TABLE lessons_v11 (
    id          TEXT PRIMARY KEY,
    module_id   TEXT NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title_pt    TEXT NOT NULL DEFAULT '',
    title_en    TEXT NOT NULL DEFAULT '',
    title_hash  TEXT,
    body_pt     BLOB NOT NULL DEFAULT x'',
    body_en     BLOB NOT NULL DEFAULT x'',
    body_hash   TEXT,
    notes_pt    BLOB NOT NULL DEFAULT x'',
    notes_en    BLOB NOT NULL DEFAULT x'',
    notes_hash  TEXT,
    minutes     INTEGER NOT NULL DEFAULT 10,
    quiz        TEXT
) STRICT;

INSERT INTO lessons_v11 (rowid, id, module_id, position, title_pt, title_en, title_hash,
                         body_pt, body_en, body_hash, notes_pt, notes_en, notes_hash,
                         minutes, quiz)
    SELECT rowid, id, module_id, position, title_pt, title_en, title_hash,
           juntos_pack_text(body_pt), juntos_pack_text(body_en), body_hash,
           juntos_pack_text(notes_pt), juntos_pack_text(notes_en), notes_hash,
           minutes, quiz
      FROM lessons;

DROP TABLE lessons;
ALTER TABLE lessons_v11 RENAME TO lessons;
CREATE INDEX lessons_by_module ON lessons(module_id, position);
