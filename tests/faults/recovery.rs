//! What a crash leaves behind, made by hand, and what the next open does
//! with it (the crash harness, `tests/crash`, does the same with real kills):
//! staging folders, media temp files and blobs moved into place but never
//! registered are removed; blobs a row uses, bytes a detach keeps until `gc`,
//! and anything a living process is still working on are left alone.

use juntos::Library;

use crate::support::*;

const DEAD_PID: u32 = 999_999_999;

fn blob(root: &std::path::Path, sha: &str) -> std::path::PathBuf {
    root.join("media").join(&sha[..2]).join(sha)
}

#[test]
fn the_next_open_removes_exactly_what_a_crash_left() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (mut lib, course) = library_with_video(root, "Kuyakana", MIB, 1);
    let used = lib.list_media(&course).unwrap()[0].sha256.clone();
    // Bytes a detach keeps until gc.
    let scratch = tempfile::tempdir().unwrap();
    let kept = lib
        .attach_media(
            &course,
            &large_mp4(&scratch.path().join("b.mp4"), MIB, 2),
            Some("b.mp4"),
            |_| std::ops::ControlFlow::Continue(()),
        )
        .unwrap();
    lib.detach_media(&course, "b.mp4").unwrap();
    drop(lib);

    // A crashed import: its staging folder, and a blob it moved into place with its journal.
    let staging = root.join(".staging").join(format!("import-{DEAD_PID}-x"));
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join(".lock"), b"").unwrap();
    std::fs::write(staging.join("entry-3"), vec![1u8; 4096]).unwrap();
    let orphan = "ab".repeat(32);
    std::fs::create_dir_all(blob(root, &orphan).parent().unwrap()).unwrap();
    std::fs::write(blob(root, &orphan), b"bytes no row uses").unwrap();
    // The journal also names a blob that is in use (the crash came after the commit).
    std::fs::write(
        root.join("media").join(format!(".placing-{DEAD_PID}-a")),
        format!("{orphan}\n{used}"),
    )
    .unwrap();
    // A crashed attach: its temp file.
    std::fs::write(root.join("media").join(format!(".incoming-{DEAD_PID}-b")), vec![2u8; 4096])
        .unwrap();
    // Another process, alive, in the middle of the same: left alone.
    let busy = "cd".repeat(32);
    std::fs::create_dir_all(blob(root, &busy).parent().unwrap()).unwrap();
    std::fs::write(blob(root, &busy), b"being registered").unwrap();
    let live_journal = root.join("media").join(format!(".placing-{}-c", std::process::id()));
    std::fs::write(&live_journal, &busy).unwrap();
    let live_temp = root.join("media").join(format!(".incoming-{}-d", std::process::id()));
    std::fs::write(&live_temp, b"copying").unwrap();

    let lib = Library::open(root).unwrap();
    assert!(!root.join(".staging").exists(), "staging folder");
    assert!(!blob(root, &orphan).exists(), "unregistered blob");
    assert!(!root.join("media").join(format!(".placing-{DEAD_PID}-a")).exists(), "journal");
    assert!(!root.join("media").join(format!(".incoming-{DEAD_PID}-b")).exists(), "temp file");
    assert!(blob(root, &used).exists(), "a blob a row uses stays");
    assert!(blob(root, &kept.sha256).exists(), "detached bytes stay until gc");
    assert!(
        blob(root, &busy).exists() && live_journal.exists() && live_temp.exists(),
        "a living process's work stays"
    );
    assert!(lib.verify_library(|_| std::ops::ControlFlow::Continue(())).unwrap().is_ok());
    assert_sound(root);
    std::fs::remove_file(live_journal).unwrap();
    std::fs::remove_file(live_temp).unwrap();
}

#[test]
fn a_crash_leftover_on_a_read_only_library_does_not_stop_it_opening() {
    let Some(disk) = SmallDisk::new("16m") else { return };
    let root = disk.path().join("biblioteca");
    drop(Library::open(&root).unwrap());
    std::fs::write(root.join("media").join(format!(".incoming-{DEAD_PID}-b")), b"x").unwrap();
    disk.remount_read_only();
    // Opens for reading, leaves the leftover for a later open that can
    // write, and never crashes or half-cleans the folder.
    let before = hash_tree(&root);
    let lib = Library::open(&root).unwrap();
    assert_eq!(lib.list_courses().unwrap().len(), 1);
    drop(lib);
    assert_eq!(hash_tree(&root), before);
}
