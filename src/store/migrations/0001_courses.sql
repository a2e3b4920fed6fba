-- Courses, modules and lessons. Every bilingual field is three columns:
-- <name>_pt, <name>_en and <name>_hash (hash of the source-language text the
-- translation was made from; see model/text.rs).
CREATE TABLE courses (
    id            TEXT PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    revision      INTEGER NOT NULL DEFAULT 1,
    source_lang   TEXT NOT NULL CHECK (source_lang IN ('pt', 'en')),
    title_pt      TEXT NOT NULL DEFAULT '',
    title_en      TEXT NOT NULL DEFAULT '',
    title_hash    TEXT,
    summary_pt    TEXT NOT NULL DEFAULT '',
    summary_en    TEXT NOT NULL DEFAULT '',
    summary_hash  TEXT,
    organisation  TEXT NOT NULL DEFAULT '',
    licence       TEXT NOT NULL,
    topics        TEXT NOT NULL DEFAULT '[]',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    derived_from  TEXT
) STRICT;

CREATE TABLE modules (
    id          TEXT PRIMARY KEY,
    course_id   TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title_pt    TEXT NOT NULL DEFAULT '',
    title_en    TEXT NOT NULL DEFAULT '',
    title_hash  TEXT
) STRICT;
CREATE INDEX modules_by_course ON modules(course_id, position);

CREATE TABLE lessons (
    id          TEXT PRIMARY KEY,
    module_id   TEXT NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title_pt    TEXT NOT NULL DEFAULT '',
    title_en    TEXT NOT NULL DEFAULT '',
    title_hash  TEXT,
    body_pt     TEXT NOT NULL DEFAULT '',
    body_en     TEXT NOT NULL DEFAULT '',
    body_hash   TEXT,
    notes_pt    TEXT NOT NULL DEFAULT '',
    notes_en    TEXT NOT NULL DEFAULT '',
    notes_hash  TEXT,
    minutes     INTEGER NOT NULL DEFAULT 10,
    quiz        TEXT
) STRICT;
CREATE INDEX lessons_by_module ON lessons(module_id, position);

-- Full-text search over both languages. One document per (owner, language),
-- so a hit says which language matched. `remove_diacritics 2` folds accents:
-- "educacao" finds "educação".
CREATE TABLE search_docs (
    rowid       INTEGER PRIMARY KEY,
    course_id   TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    owner_kind  TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    lang        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL
) STRICT;
CREATE INDEX search_docs_by_course ON search_docs(course_id);

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = 'search_docs', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
