//! Every released schema, frozen with data, upgraded by the real open path.
//!
//! `tests/fixtures/schemas/vN.sql` is a library database at schema version N
//! as that version wrote it: the DDL of the released migrations 0001..N
//! copied (not included: a later edit of a migration cannot change it) and a
//! small bilingual library (courses, modules, lessons with a quiz, the search
//! documents; media and captions from v2; identity, trust, imports and saved
//! revisions from v3; blob checksums from v4; a prepared video from v5; the
//! contentless search index from v6; a binned course and an XLIFF export
//! record from v7; learners' results from v8; a sign-language interpreter
//! from v9; bilingual topics from v10). Each is opened with
//! `Library::open`, which migrates it to `SCHEMA_VERSION`, and must then
//! - have the very schema of a fresh library: the same tables, columns,
//!   indexes and triggers (`sqlite_master`, `pragma table_info`,
//!   `index_list`/`index_info`, `foreign_key_list`);
//! - still hold every row it had (compared on the columns the table still
//!   has), pass SQLite's integrity and foreign key checks, and read back
//!   through the library's API, search included.
//!
//! Migrations added later are covered by the same test without a change
//! here: every fixture is upgraded through all of them. When one is
//! released, freeze the schema before the next as `v<N>.sql` (see
//! `src/store/migrations.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use juntos::media::blob::BlobStore;
use juntos::model::Lang;
use juntos::store::SCHEMA_VERSION;
use juntos::Library;
use rusqlite::types::Value;
use rusqlite::Connection;
use sha2::Digest;

/// `(table, column)` that a migration rewrites in place (so the old value
/// is not kept as it was): 0010 turns `courses.topics` from plain words into
/// bilingual texts; 0011 stores lesson bodies and notes deflated.
const REWRITTEN: &[(&str, &str)] = &[
    ("courses", "topics"),
    ("lessons", "body_pt"),
    ("lessons", "body_en"),
    ("lessons", "notes_pt"),
    ("lessons", "notes_en"),
];

/// The frozen schemas, `(version, path)`, oldest first.
fn fixtures() -> Vec<(i64, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas");
    let mut found: Vec<(i64, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let version = name.strip_prefix('v')?.strip_suffix(".sql")?.parse().ok()?;
            Some((version, p))
        })
        .collect();
    found.sort();
    found
}

/// Everything that makes up a schema, as comparable text, one entry per object.
fn schema(conn: &Connection) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stmt = conn
        .prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY name")
        .unwrap();
    let objects: Vec<(String, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (kind, name, table, sql) in objects {
        out.insert(format!("{kind} {name}"), format!("on {table}: {sql}"));
        if kind == "table" {
            for pragma in ["table_info", "index_list", "foreign_key_list"] {
                out.insert(format!("{pragma}({name})"), pragma_rows(conn, pragma, &name));
            }
        }
        if kind == "index" {
            out.insert(format!("index_info({name})"), pragma_rows(conn, "index_info", &name));
        }
    }
    out
}

fn pragma_rows(conn: &Connection, pragma: &str, arg: &str) -> String {
    let mut stmt = conn.prepare(&format!("SELECT * FROM pragma_{pragma}(?1)")).unwrap();
    let columns = stmt.column_count();
    let rows: Vec<String> = stmt
        .query_map([arg], |r| {
            Ok((0..columns).map(|i| format!("{:?}", r.get::<_, Value>(i).unwrap())).collect())
        })
        .unwrap()
        .map(|r: rusqlite::Result<Vec<String>>| r.unwrap().join(", "))
        .collect();
    rows.join("; ")
}

/// The ordinary tables (no virtual, shadow or internal ones) and their columns.
fn tables(conn: &Connection) -> BTreeMap<String, Vec<String>> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM pragma_table_list
              WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .unwrap();
    let names: Vec<String> =
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    names
        .into_iter()
        .map(|name| {
            let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)").unwrap();
            let columns = stmt.query_map([&name], |r| r.get(0)).unwrap().map(Result::unwrap);
            let columns = columns.collect();
            (name, columns)
        })
        .collect()
}

/// The rows of `table` on `columns`, as sorted text.
fn rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<String> {
    let list = columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let mut stmt = conn.prepare(&format!("SELECT {list} FROM \"{table}\"")).unwrap();
    let mut out: Vec<String> = stmt
        .query_map([], |r| {
            let values: Vec<String> = (0..columns.len())
                .map(|i| format!("{:?}", r.get::<_, Value>(i).unwrap()))
                .collect();
            Ok(values.join(" | "))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    out.sort();
    out
}

fn check_sound(conn: &Connection, what: &str) {
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok", "{what}");
    let broken: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "{what}: rows point at rows that are gone");
}

/// Puts the bytes the fixture's media rows name into the library's blob
/// store, as the version that wrote the rows had them.
fn store_blobs(library: &Path) {
    let media = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media");
    for name in ["testsrc.png", "h264-aac-faststart.mp4"] {
        let bytes = std::fs::read(media.join(name)).unwrap();
        let sha = hex::encode(sha2::Sha256::digest(&bytes));
        let path = BlobStore::new(library.join("media")).path_of(&sha);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

#[test]
fn every_released_schema_has_a_frozen_copy() {
    let versions: Vec<i64> = fixtures().into_iter().map(|(v, _)| v).collect();
    let expected: Vec<i64> = (1..=versions.last().copied().unwrap_or(0)).collect();
    assert_eq!(
        versions, expected,
        "a schema version between 1 and the newest frozen one is missing"
    );
    // Versions 1 to 10 are frozen here (v10 came with migration 0011).
    assert!(versions.len() >= 10, "{versions:?}");
    assert!(versions.iter().all(|v| *v < SCHEMA_VERSION), "a fixture newer than the program");
}

#[test]
fn each_frozen_schema_upgrades_to_the_fresh_one_with_its_data() {
    let fresh_dir = tempfile::tempdir().unwrap();
    drop(Library::open(fresh_dir.path()).unwrap());
    let fresh = Connection::open(fresh_dir.path().join("library.db")).unwrap();
    let fresh_schema = schema(&fresh);

    for (version, path) in fixtures() {
        let what = format!("schema v{version} upgraded to v{SCHEMA_VERSION}");
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.db");
        let (old_tables, old_rows) = {
            let conn = Connection::open(&db).unwrap();
            conn.execute_batch(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(found, version, "{} sets another user_version", path.display());
            check_sound(&conn, &format!("the frozen v{version}"));
            let tables = tables(&conn);
            let rows: BTreeMap<String, Vec<String>> =
                tables.iter().map(|(t, columns)| (t.clone(), rows(&conn, t, columns))).collect();
            (tables, rows)
        };
        if version >= 2 {
            store_blobs(dir.path());
        }

        let lib = Library::open(dir.path()).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        let conn = Connection::open(&db).unwrap();
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(found, SCHEMA_VERSION, "{what}");
        let upgraded = schema(&conn);
        for key in fresh_schema.keys().chain(upgraded.keys()) {
            assert_eq!(upgraded.get(key), fresh_schema.get(key), "{what}: {key} differs");
        }
        check_sound(&conn, &what);

        // Every row is still there, on the columns its table still has.
        let new_tables = tables(&conn);
        for (table, old_columns) in &old_tables {
            let new_columns = new_tables
                .get(table)
                .unwrap_or_else(|| panic!("{what}: table {table} is gone, with its rows"));
            let kept: Vec<String> =
                old_columns.iter().filter(|c| new_columns.contains(c)).cloned().collect();
            // Columns a migration rewrites in place are checked below instead.
            let kept: Vec<String> = kept
                .into_iter()
                .filter(|c| !REWRITTEN.contains(&(table.as_str(), c.as_str())))
                .collect();
            let before = &old_rows[table];
            let before: Vec<String> = if kept.len() == old_columns.len() {
                before.clone()
            } else {
                // Compare on the columns left: read the old rows again on those.
                let old = Connection::open_in_memory().unwrap();
                old.execute_batch(&std::fs::read_to_string(&path).unwrap()).unwrap();
                rows(&old, table, &kept)
            };
            let after = rows(&conn, table, &kept);
            for row in &before {
                assert!(after.contains(row), "{what}: a row of {table} is gone: {row}");
            }
        }

        // And the library reads it: courses, their content, media, search.
        let courses = lib.list_courses().unwrap();
        let slugs: Vec<&str> = courses.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs.len(), 2, "{what}: {slugs:?}");
        assert!(slugs.contains(&"agua-limpa") && slugs.contains(&"seed-saving"), "{what}");
        let water = courses.iter().find(|c| c.slug == "agua-limpa").unwrap();
        let course = lib.course(&water.id).unwrap();
        assert_eq!(course.title.get(Lang::En), "Clean water at home");
        let lessons: usize = course.modules.iter().map(|m| m.lessons.len()).sum();
        assert_eq!((course.modules.len(), lessons), (2, 3), "{what}");
        // Migration 0011: lesson text reads back as it was written, and is
        // stored deflated, not as plain text.
        let sand = &course.modules[0].lessons[0];
        assert_eq!(
            sand.body.get(Lang::Pt),
            "# O filtro de areia\n\nCamadas de **areia** e carvão.\n\n![Bomba](media:bomba.png)\n",
            "{what}"
        );
        assert_eq!(
            sand.body.get(Lang::En),
            "# The sand filter\n\nLayers of **sand** and charcoal.\n"
        );
        assert_eq!((sand.notes.get(Lang::Pt), sand.notes.get(Lang::En)), ("Levar um balde.", ""));
        let stored: (String, String, i64) = conn
            .query_row(
                "SELECT typeof(body_pt), typeof(notes_en), length(notes_en) FROM lessons WHERE id = ?1",
                [&sand.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            stored,
            ("blob".into(), "blob".into(), 0),
            "{what}: an empty text is an empty blob"
        );
        let quiz = course.modules[0].lessons[0].quiz.as_ref().expect("the quiz survived");
        assert_eq!(quiz.questions.len(), 1);
        // Migration 0010: the topics, plain words before, are now in the
        // course's source language, not translated yet, in their order.
        let topics = |c: &juntos::model::Course| -> Vec<(String, String)> {
            c.topics.iter().map(|t| (t.pt.clone(), t.en.clone())).collect()
        };
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter().map(|(pt, en)| (pt.to_string(), en.to_string())).collect()
        };
        assert_eq!(topics(&course), pairs(&[("saúde", ""), ("água", "")]), "{what}");
        let seeds = courses.iter().find(|c| c.slug == "seed-saving").unwrap();
        let seeds = lib.course(&seeds.id).unwrap();
        let expected: &[(&str, &str)] =
            if version >= 9 { &[("", "seeds"), ("", "drying")] } else { &[] };
        assert_eq!(topics(&seeds), pairs(expected), "{what}");
        let status = lib.translation_status(&water.id).unwrap();
        assert_eq!(
            status.state_of(&water.id, "topics", Lang::En),
            Some(juntos::model::FieldState::Missing),
            "{what}"
        );
        if version >= 9 {
            // The interpreter and the course's wish for one survived.
            let media = lib.list_media(&water.id).unwrap();
            assert!(media.iter().any(|m| m.name == "interprete.mp4"), "{what}");
        }
        if version >= 2 {
            let media = lib.list_media(&water.id).unwrap();
            let names: Vec<&str> = media.iter().map(|m| m.name.as_str()).collect();
            // v9 adds a sign-language interpreter video.
            let expected = if version >= 9 { 3 } else { 2 };
            assert_eq!(names.len(), expected, "{what}: {names:?}");
            let video = media.iter().find(|m| m.name == "entrevista.mp4").unwrap();
            assert_eq!(video.captions, vec![Lang::Pt], "{what}");
        }
        for word in ["areia", "charcoal", "beans"] {
            let hits = lib.search(word, 10).unwrap();
            assert!(!hits.is_empty(), "{what}: searching {word:?} finds nothing");
        }
        if version >= 5 {
            // The prepared interview still knows its recipe and poster.
            let prepared = lib.prepared_media(&water.id).unwrap();
            assert_eq!(prepared.len(), 1, "{what}");
            assert_eq!(prepared[0].name, "entrevista.mp4");
            assert_eq!(prepared[0].recipe.poster_ms, Some(500), "{what}");
            assert!(prepared[0].poster_sha256.is_some(), "{what}");
        }
        if version >= 8 {
            // Ana, with her second profile merged into her, one lesson done, one attempt.
            let learners = lib.results_learners(&water.id).unwrap();
            assert_eq!(learners.len(), 1, "{what}: {learners:?}");
            assert_eq!(learners[0].name.as_deref(), Some("Ana Machava"));
            assert_eq!(learners[0].merged.len(), 1, "{what}");
            assert_eq!((learners[0].lessons_completed, learners[0].attempts), (1, 1), "{what}");
        }
        let mut lib = lib;
        if version >= 7 {
            // The binned course is listed, and its saved content restores whole.
            let binned = lib.binned_courses().unwrap();
            let slugs: Vec<&str> = binned.iter().map(|b| b.slug.as_str()).collect();
            assert_eq!(slugs, ["hortas-escolares"], "{what}");
            let garden = lib.restore_deleted_course(&binned[0].course_id).unwrap();
            assert_eq!(garden.title.get(Lang::En), "School gardens", "{what}");
            // Saved before migration 0010 with plain topics: read as source-language ones.
            assert_eq!(garden.topics_in(Lang::Pt), ["agricultura"], "{what}");
            assert_eq!(garden.topics[0].en, "", "{what}");
            assert_eq!(garden.modules[0].lessons.len(), 1, "{what}");
            let media = lib.list_media(&garden.id).unwrap();
            assert_eq!(media.len(), 1, "{what}");
            assert!(lib.binned_courses().unwrap().is_empty(), "{what}");
            assert!(!lib.search("horta", 10).unwrap().is_empty(), "{what}");
        }
    }
}
