//! Shared helpers: libraries with a large (sparse) video, the folder hash,
//! small tmpfs disks, read-only disks, and a disk filler.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use juntos::model::{Lang, LessonField, NewCourse};
use juntos::package::{ExportOptions, ImportOptions, Languages, Progress};
use juntos::Library;
use sha2::{Digest, Sha256};

pub const MIB: u64 = 1 << 20;

pub fn go(_: Progress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

/// A sparse "large video" of `size` bytes ending in `tag` (see
/// `tests/common/sparse_mp4.rs`); returns its path.
pub fn large_mp4(path: &Path, size: u64, tag: u64) -> PathBuf {
    sparse_mp4::sparse_mp4(path, size, tag);
    path.to_path_buf()
}

/// A library in `root` (organisation `org`) with one course holding a lesson
/// that shows a video of `video_size` bytes. Returns it and the course id.
pub fn library_with_video(root: &Path, org: &str, video_size: u64, tag: u64) -> (Library, String) {
    let mut lib = Library::open(root).unwrap();
    lib.set_org_name(org).unwrap();
    let course = lib
        .create_course(NewCourse {
            title: format!("Curso de {org}"),
            lang: Some(Lang::Pt),
            ..Default::default()
        })
        .unwrap();
    let module = lib.add_module(&course.id, "Módulo", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Lição", Lang::Pt, None).unwrap();
    lib.set_lesson_text(
        &lesson.id,
        LessonField::Body,
        Lang::Pt,
        "# Vídeo\n\n![Entrevista](media:entrevista.mp4)",
    )
    .unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let video = large_mp4(&scratch.path().join("entrevista.mp4"), video_size, tag);
    lib.attach_media(&course.id, &video, Some("entrevista.mp4"), |_| ControlFlow::Continue(()))
        .unwrap();
    (lib, course.id)
}

pub fn export(lib: &mut Library, course: &str, to: &Path) -> juntos::Result<PathBuf> {
    let options =
        ExportOptions { to: Some(to.to_path_buf()), languages: Languages::Both, overwrite: false };
    lib.export_course(course, &options, go).map(|r| r.path)
}

pub fn trust() -> ImportOptions {
    ImportOptions { trust: true, ..Default::default() }
}

/// A partner's package with a video of `video_size` bytes, written into `dir`.
pub fn partner_package(dir: &Path, video_size: u64) -> PathBuf {
    let root = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(root.path(), "Liga dos Direitos", video_size, 77);
    export(&mut lib, &course, dir).unwrap()
}

#[path = "../common/sparse_mp4.rs"]
mod sparse_mp4;
#[path = "../common/tree.rs"]
mod tree;
#[path = "../common/zip_entries.rs"]
mod zip_entries;
pub use tree::hash_tree;
pub use zip_entries::read_entries;

/// What a person could see of the library: every course tree and media list.
pub fn logical(lib: &Library) -> String {
    let mut out = String::new();
    for c in lib.list_courses().unwrap() {
        out.push_str(&format!(
            "{:?}\n{:?}\n",
            lib.course(&c.id).unwrap(),
            lib.list_media(&c.id).unwrap()
        ));
    }
    out
}

/// The database is sound and every media row has its bytes.
pub fn assert_sound(root: &Path) {
    let conn = rusqlite::Connection::open(root.join("library.db")).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let fk: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 0);
    let mut stmt = conn.prepare("SELECT sha256 FROM media").unwrap();
    for sha in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
        let sha = sha.unwrap();
        assert!(root.join("media").join(&sha[..2]).join(&sha).is_file(), "missing blob {sha}");
    }
}

#[path = "../common/small_disk.rs"]
mod small_disk;
pub use small_disk::{cannot_run, is_root, running, SmallDisk};

/// Fills the disk holding `dir` with a file called `.filler` until it is
/// full; returns the file's path.
pub fn fill(dir: &Path) -> PathBuf {
    let path = dir.join(".filler");
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path).unwrap();
    let chunk = vec![0xA5u8; 64 * 1024];
    loop {
        match file.write(&chunk) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
    // The last few bytes too.
    while file.write(&[0xA5]).is_ok_and(|n| n == 1) {}
    let _ = file.sync_all();
    path
}

/// Waits (up to 10 s) until the disk holding `dir` has `bytes` free.
pub fn wait_for_space(dir: &Path, bytes: u64) {
    for _ in 0..200 {
        if fs4::available_space(dir).unwrap_or(0) >= bytes {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("{} never had {bytes} bytes free again", dir.display());
}

/// Rebuilds a package whose `course.json` `edit` changed, with the manifest
/// updated and signed again by the partner in `partner_root` (a package the
/// partner really signed, carrying content of our choosing).
pub fn resigned(
    package: &Path,
    partner_root: &Path,
    edit: impl FnOnce(&mut serde_json::Value),
) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let mut entries = read_entries(package);
    let get = |entries: &[(String, Vec<u8>)], name: &str| {
        entries.iter().position(|(n, _)| n == name).unwrap()
    };
    let c = get(&entries, "course.json");
    let mut course: serde_json::Value = serde_json::from_slice(&entries[c].1).unwrap();
    edit(&mut course);
    entries[c].1 = serde_json::to_vec_pretty(&course).unwrap();
    let m = get(&entries, "manifest.json");
    let mut manifest: serde_json::Value = serde_json::from_slice(&entries[m].1).unwrap();
    for file in manifest["files"].as_array_mut().unwrap() {
        if file["path"] == "course.json" {
            file["size"] = entries[c].1.len().into();
            file["sha256"] = hex::encode(Sha256::digest(&entries[c].1)).into();
        }
    }
    entries[m].1 = serde_json::to_vec_pretty(&manifest).unwrap();
    let text = std::fs::read_to_string(partner_root.join("keys/org.key")).unwrap();
    let seed: [u8; 32] = hex::decode(text.lines().nth(1).unwrap()).unwrap().try_into().unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    let sig = key.sign(&juntos::package::manifest::signing_message(&entries[m].1));
    let s = get(&entries, "manifest.sig");
    entries[s].1 = hex::encode(sig.to_bytes()).into_bytes();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in &entries {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}
