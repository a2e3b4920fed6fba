//! Media rows follow their course: deleted with it, copied (not the bytes)
//! with a duplicate; blobs go only through gc. Also: upgrading a library
//! made before media existed.

use juntos::media::no_progress;
use juntos::model::Lang;
use juntos::Library;

use crate::support::{attach, files_under, fixture, library_with_course};

fn media_rows(lib: &Library) -> i64 {
    let conn = rusqlite::Connection::open(lib.root().join("library.db")).unwrap();
    conn.query_row("SELECT count(*) FROM media", [], |r| r.get(0)).unwrap()
}

#[test]
fn deleting_a_course_drops_its_media_rows_and_gc_frees_the_bytes() {
    let (_dir, mut lib, course) = library_with_course();
    let video = attach(&mut lib, &course, "h264-aac-faststart.mp4");
    lib.set_captions(&course, &video.name, Lang::Pt, &fixture("legendas-pt.srt")).unwrap();
    lib.delete_course(&course).unwrap();
    assert_eq!(media_rows(&lib), 0);
    assert!(lib.gc().unwrap().blobs.is_empty(), "a course in the bin keeps its bytes");
    lib.empty_bin().unwrap();
    assert_eq!(files_under(&lib.media_dir()).len(), 1, "bytes stay until gc");
    assert_eq!(lib.gc().unwrap().blobs, vec![video.sha256]);
    assert!(files_under(&lib.media_dir()).is_empty());
}

#[test]
fn duplicating_a_course_copies_media_rows_and_captions_not_bytes() {
    let (_dir, mut lib, course) = library_with_course();
    let video = attach(&mut lib, &course, "h264-aac-faststart.mp4");
    attach(&mut lib, &course, "testsrc.png");
    lib.set_captions(&course, &video.name, Lang::Pt, &fixture("legendas-pt.srt")).unwrap();
    let files = files_under(&lib.media_dir());

    let copy = lib.duplicate_course(&course).unwrap();
    let copied = lib.list_media(&copy.id).unwrap();
    let original = lib.list_media(&course).unwrap();
    assert_eq!(copied.len(), 2);
    for (a, b) in original.iter().zip(&copied) {
        assert_ne!(a.id, b.id);
        assert_eq!((&a.name, &a.sha256, &a.captions), (&b.name, &b.sha256, &b.captions));
    }
    assert_eq!(
        lib.captions(&copy.id, &video.name, Lang::Pt).unwrap(),
        lib.captions(&course, &video.name, Lang::Pt).unwrap()
    );
    assert_eq!(files_under(&lib.media_dir()), files, "no bytes copied");

    // The two are independent; the bytes live while either uses them.
    lib.detach_media(&copy.id, &video.name).unwrap();
    assert_eq!(lib.list_media(&course).unwrap().len(), 2);
    lib.delete_course(&course).unwrap();
    lib.empty_bin().unwrap();
    let report = lib.gc().unwrap();
    assert_eq!(report.blobs, vec![video.sha256.clone()]);
    assert_eq!(lib.list_media(&copy.id).unwrap().len(), 1);
    assert!(lib.verify_library(no_progress).unwrap().is_ok());
}

#[test]
fn a_library_from_before_media_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    {
        // Schema 1 exactly as released, with one course in it.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(include_str!("../../src/store/migrations/0001_courses.sql")).unwrap();
        conn.execute_batch(
            "INSERT INTO courses (id, slug, source_lang, title_pt, licence, created_at, updated_at)
             VALUES ('c1', 'antigo', 'pt', 'Curso antigo', 'CC BY-SA 4.0', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    std::fs::create_dir_all(dir.path().join("media")).unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let courses = lib.list_courses().unwrap();
    assert_eq!((courses.len(), courses[0].slug.as_str()), (1, "antigo"));
    let item = attach(&mut lib, "c1", "testsrc.png");
    assert_eq!(lib.list_media("c1").unwrap(), vec![item]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert!(version >= 2);
}
