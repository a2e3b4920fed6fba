-- The search index keeps no second copy of the text (issue #15). Until v5
-- `search_docs` held every document's title and body, the lesson text once
-- more, bigger than the lessons themselves. Now the FTS5 table is
-- contentless (`content = ''`): it keeps only the index, and snippets are cut
-- from the course, module and lesson rows the documents were built from.
-- `search_docs` shrinks to the map from an index row to its owner; deleting
-- a map row deletes its index row (`contentless_delete`), so cascades from
-- deleted courses keep both in step as before.
--
-- `detail = full`: a contentless table with `detail = column` (smaller:
-- 16.7 MiB of index instead of 38.5 MiB on the 1,000-course bench library)
-- was tried first, but there FTS5's bm25 returns 0 for every row, so results
-- came back unranked (a title match no longer beat a passing mention); the
-- ranking test in src/store/search.rs keeps this from coming back.
-- `columnsize` stays on: bm25 needs each document's length, and a
-- contentless table cannot count it again.
DROP TRIGGER search_docs_ai;
DROP TRIGGER search_docs_ad;
DROP TABLE search_fts;

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    detail = full
);
INSERT INTO search_fts(rowid, title, body) SELECT rowid, title, body FROM search_docs;

CREATE TABLE search_docs_v6 (
    rowid       INTEGER PRIMARY KEY,
    course_id   TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    owner_kind  TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    lang        TEXT NOT NULL
) STRICT;
INSERT INTO search_docs_v6(rowid, course_id, owner_kind, owner_id, lang)
    SELECT rowid, course_id, owner_kind, owner_id, lang FROM search_docs;
DROP TABLE search_docs;
ALTER TABLE search_docs_v6 RENAME TO search_docs;
CREATE INDEX search_docs_by_course ON search_docs(course_id);

CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid;
END;
