//! Opening libraries: migrations, refusals, and never touching a damaged file.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use juntos::store::{OpenOptions, SCHEMA_VERSION};
use juntos::Library;

use crate::support::{cannot_run, hash_tree, is_root, running};

fn user_version(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

#[test]
fn migrates_an_empty_database_and_reopens_without_reseeding() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    // An SQLite file with no schema at all: user_version 0.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0; VACUUM;")
        .unwrap();
    let lib = Library::open(dir.path()).unwrap();
    assert_eq!(user_version(&db), SCHEMA_VERSION);
    assert!(lib.list_courses().unwrap().is_empty(), "an existing database is not seeded");
    drop(lib);

    let fresh = tempfile::tempdir().unwrap();
    let lib = Library::open(fresh.path()).unwrap();
    assert_eq!(lib.list_courses().unwrap().len(), 1);
    drop(lib);
    let lib = Library::open(fresh.path()).unwrap();
    assert_eq!(lib.list_courses().unwrap().len(), 1, "reopening does not seed twice");
    let conn = rusqlite::Connection::open(fresh.path().join("library.db")).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn refuses_a_database_newer_than_the_program_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    drop(Library::open(dir.path()).unwrap());
    let db = dir.path().join("library.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    }
    let before = hash_tree(dir.path());
    let err = Library::open(dir.path()).err().unwrap();
    assert_eq!(err.code(), "library_too_new");
    assert!(err.is_user_error());
    assert!(err.message(juntos::model::Lang::Pt).contains("mais recente"));
    assert_eq!(hash_tree(dir.path()), before);
}

#[test]
fn a_garbage_database_is_reported_and_left_byte_for_byte() {
    for garbage in [
        b"this is not a database at all, just text".to_vec(),
        Vec::new(),
        [b"SQLite format 3\0".to_vec(), vec![0xAB; 8192]].concat(),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("library.db"), &garbage).unwrap();
        let before = hash_tree(dir.path());
        let err = Library::open(dir.path()).err().unwrap();
        assert_eq!(err.code(), "library_corrupt", "{err:?}");
        assert_eq!(hash_tree(dir.path()), before);
        assert_eq!(std::fs::read(dir.path().join("library.db")).unwrap(), garbage);
    }
}

#[test]
fn a_database_locked_by_another_process_is_reported_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    drop(Library::open(dir.path()).unwrap());
    let options = OpenOptions { busy_timeout: Duration::from_millis(200) };
    let mut lib = Library::open_with(dir.path(), &options).unwrap();
    let course = lib.list_courses().unwrap()[0].clone();

    let other = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Reading still works while another program writes…
    assert_eq!(lib.list_courses().unwrap().len(), 1);
    // …writing waits, then says who to blame.
    let err = lib.duplicate_course(&course.id).unwrap_err();
    assert_eq!(err.code(), "library_locked");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(lib.list_courses().unwrap().len(), 1);
    lib.duplicate_course(&course.id).unwrap();
}

/// A read-only folder: a tmpfs mounted read-only when running as root (as CI
/// does, where permission bits do not stop root), else permission bits.
struct ReadOnlyDir {
    dir: tempfile::TempDir,
    mounted: bool,
}

impl ReadOnlyDir {
    /// Makes `dir` read-only after `prepare` has filled it.
    fn new(prepare: impl FnOnce(&Path)) -> Option<ReadOnlyDir> {
        let dir = tempfile::tempdir().unwrap();
        let root = is_root();
        let mounted = root
            && Command::new("mount")
                .args(["-t", "tmpfs", "-o", "size=16m", "tmpfs"])
                .arg(dir.path())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
        if root && !mounted {
            cannot_run("running as root without permission to mount a tmpfs");
            return None;
        }
        if mounted {
            running();
        }
        prepare(dir.path());
        if mounted {
            let ok =
                Command::new("mount").args(["-o", "remount,ro"]).arg(dir.path()).status().unwrap();
            assert!(ok.success());
        } else {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        Some(ReadOnlyDir { dir, mounted })
    }
}

impl Drop for ReadOnlyDir {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(self.dir.path()).status();
        } else {
            use std::os::unix::fs::PermissionsExt;
            let _ =
                std::fs::set_permissions(self.dir.path(), std::fs::Permissions::from_mode(0o755));
        }
    }
}

#[test]
fn a_library_folder_that_is_not_writable_is_reported() {
    let Some(ro) = ReadOnlyDir::new(|_| {}) else { return };
    let err = Library::open(&ro.dir.path().join("new-library")).err().unwrap();
    assert_eq!(err.code(), "library_not_writable", "{err:?}");

    // An existing library on a read-only disk opens for reading; changes
    // are refused, and nothing is written (not even SQLite's -shm).
    let Some(ro) = ReadOnlyDir::new(|path| drop(Library::open(path).unwrap())) else { return };
    let before = hash_tree(ro.dir.path());
    let mut lib = Library::open(ro.dir.path()).unwrap();
    let course = lib.list_courses().unwrap()[0].id.clone();
    assert_eq!(lib.course(&course).unwrap().modules.len(), 2);
    let err = lib.duplicate_course(&course).unwrap_err();
    assert_eq!(err.code(), "library_not_writable", "{err:?}");
    drop(lib);
    assert_eq!(hash_tree(ro.dir.path()), before);
}

/// Issue 15: lesson text is stored deflated (migration 0011). An older
/// library full of plain text is moved over in one open, reads back the
/// same, and gives back the room the plain rows took.
#[test]
fn an_older_library_has_its_lesson_text_deflated_and_its_file_shrunk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas/v10.sql");
    let body = "Os participantes reúnem-se em grupo com o facilitador da sessão. ".repeat(60);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(&std::fs::read_to_string(fixture).unwrap()).unwrap();
        let mut insert = conn
            .prepare(
                "INSERT INTO lessons (id, module_id, position, title_pt, body_pt, body_en)
                 VALUES (?1, 'a1000000-0000-4000-8000-000000000002', ?2, 'Sessão', ?3, ?3)",
            )
            .unwrap();
        for n in 0..400 {
            insert.execute(rusqlite::params![format!("lesson-{n}"), n + 1, body]).unwrap();
        }
    }
    let before = std::fs::metadata(&db).unwrap().len();

    let lib = Library::open(dir.path()).unwrap();
    assert_eq!(user_version(&db), SCHEMA_VERSION);
    let course = lib.course("7f3c2a10-5b7e-4c1d-9a55-0d2e8e1f4a01").unwrap();
    let lessons: Vec<_> = course.modules.iter().flat_map(|m| &m.lessons).collect();
    assert_eq!(lessons.len(), 403);
    assert!(lessons[3..].iter().all(|l| l.body.pt == body && l.body.en == body));
    drop(lib);

    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
    assert_eq!(free, 0, "the pages the plain text took are given back");
    let after = std::fs::metadata(&db).unwrap().len();
    assert!(after * 3 < before, "{before} bytes before, {after} after");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}

/// A lesson whose stored text no longer inflates is a damaged library: the
/// person is told so (the same advice as a damaged file), nothing panics,
/// and the rest of the library still lists.
#[test]
fn lesson_text_that_no_longer_inflates_is_reported_as_a_damaged_library() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    let course = lib.list_courses().unwrap().remove(0);
    drop(lib);
    {
        let conn = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
        let changed = conn
            .execute(
                "UPDATE lessons SET body_pt = substr(body_pt, 1, length(body_pt) / 2)
                  WHERE rowid = (SELECT min(rowid) FROM lessons)",
                [],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }
    let lib = Library::open(dir.path()).unwrap();
    assert_eq!(lib.list_courses().unwrap().len(), 1);
    let err = lib.course(&course.id).expect_err("a damaged lesson is an error");
    assert_eq!(err.code(), "library_corrupt", "{err:?}");
    assert!(
        err.message(juntos::model::Lang::Pt).contains("danificad"),
        "{}",
        err.message(juntos::model::Lang::Pt)
    );
}
