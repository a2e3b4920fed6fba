//! Shared pieces of the fuzz targets: a zip writer that makes the archives no
//! zip library will (hostile names, duplicates, symlink bits, lying sizes),
//! a fixed "partner" key that signs whatever manifest a target builds, and a
//! library harness that imports a package and checks the two promises of
//! import: a refusal is an `Err` that leaves the library byte for byte as it
//! was, and an accepted package leaves a consistent database whose rows all
//! point at stored bytes.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ed25519_dalek::{Signer, SigningKey};
use juntos::package::{ImportOptions, Limits};
use juntos::Library;
use sha2::{Digest, Sha256};

pub mod probe_check;
pub mod rawzip;

/// The partner organisation every signed fuzz package claims to be.
pub const PARTNER_NAME: &str = "Parceiro Fuzz";
pub const PARTNER_ID: &str = "f0f0f0f0-0000-4000-8000-000000000001";

pub fn partner_key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// `manifest.json` for `files` (path, bytes), signed by the partner key:
/// returns (manifest bytes, signature file bytes). `course` gives the id and
/// revision the manifest names.
pub fn signed_manifest(
    files: &[(String, Vec<u8>)],
    course_id: &str,
    revision: i64,
) -> (Vec<u8>, Vec<u8>) {
    let key = partner_key();
    let public = key.verifying_key().to_bytes();
    let mut listed: Vec<serde_json::Value> = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for (path, bytes) in files {
        if path == "manifest.json" || path == "manifest.sig" {
            continue;
        }
        seen.entry(path.clone()).or_insert_with(|| (bytes.len(), sha256_hex(bytes)));
    }
    for (path, (size, sha)) in seen {
        listed.push(serde_json::json!({ "path": path, "size": size, "sha256": sha }));
    }
    let manifest = serde_json::json!({
        "format": "juntos-package",
        "format_version": "1.0",
        "course": {
            "id": course_id, "slug": "curso-fuzz", "revision": revision, "source_lang": "pt",
            "title_pt": "Curso", "title_en": "Course"
        },
        "languages": ["pt", "en"],
        "organisation": {
            "id": PARTNER_ID, "name": PARTNER_NAME,
            "public_key": hex::encode(public), "fingerprint": juntos::org::fingerprint(&public)
        },
        "files": listed,
    });
    let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap();
    bytes.push(b'\n');
    let sig = sign(&bytes);
    (bytes, sig)
}

/// The signature file for exactly these manifest bytes.
pub fn sign(manifest: &[u8]) -> Vec<u8> {
    let sig = partner_key().sign(&juntos::package::manifest::signing_message(manifest));
    hex::encode(sig.to_bytes()).into_bytes()
}

#[path = "../../tests/common/tree.rs"]
mod tree;
pub use tree::hash_tree;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A library made once (sample course, a key, an organisation name), copied
/// to a working folder that is renewed after every import that changed it.
pub struct Harness {
    _root: tempfile::TempDir,
    template: PathBuf,
    work: PathBuf,
    input: PathBuf,
    lib: Option<Library>,
}

static HARNESS: Mutex<Option<Harness>> = Mutex::new(None);

impl Harness {
    fn new() -> Harness {
        let root = tempfile::tempdir().unwrap();
        let template = root.path().join("template");
        {
            let mut lib = Library::open(&template).unwrap();
            lib.set_org_name("Biblioteca Local").unwrap();
        }
        let work = root.path().join("work");
        copy_dir(&template, &work);
        let lib = Some(Library::open(&work).unwrap());
        let input = root.path().join("input.juntos");
        Harness { template, work, input, lib, _root: root }
    }

    fn reset(&mut self) {
        self.lib = None;
        let _ = std::fs::remove_dir_all(&self.work);
        copy_dir(&self.template, &self.work);
        self.lib = Some(Library::open(&self.work).unwrap());
    }

    /// Imports `package` (bytes) with `--trust` and checks the promises.
    pub fn import(&mut self, package: &[u8]) {
        std::fs::write(&self.input, package).unwrap();
        let before = hash_tree(&self.work);
        let lib = self.lib.as_mut().unwrap();
        let options = ImportOptions {
            trust: true,
            as_copy: false,
            limits: Limits::default(),
            ..Default::default()
        };
        let result = lib.import_package(&self.input, &options, |_| ControlFlow::Continue(()));
        assert!(!self.work.join(".staging").exists(), "a staging folder outlived the import");
        match result {
            Err(e) => {
                // Every refusal has a stable code, and nothing changed.
                assert!(!e.code().is_empty());
                let _ = e.message(juntos::model::Lang::En);
                assert_eq!(
                    hash_tree(&self.work),
                    before,
                    "a refused import changed the library: {e:?}"
                );
            }
            Ok(report) => {
                check_consistent(lib, &self.work);
                let course = lib.course(&report.course_id).expect("the imported course exists");
                for lesson in course.lessons() {
                    let html = lib.render_lesson(&lesson.id, juntos::model::Lang::Pt).unwrap();
                    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
                }
                self.reset();
            }
        }
    }
}

/// Runs `f` with the one harness of this process.
pub fn with_harness(f: impl FnOnce(&mut Harness)) {
    let mut guard = HARNESS.lock().unwrap_or_else(|e| e.into_inner());
    let harness = guard.get_or_insert_with(Harness::new);
    f(harness);
}

/// The database is sound and every media row has its bytes.
pub fn check_consistent(lib: &Library, root: &Path) {
    let conn = rusqlite_open(root);
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let fk: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 0, "foreign key violations");
    let mut stmt = conn.prepare("SELECT DISTINCT sha256 FROM media").unwrap();
    let shas: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    for sha in shas {
        let blob = lib.media_dir().join(&sha[..2]).join(&sha);
        assert!(blob.is_file(), "media row points at a missing blob {sha}");
    }
}

fn rusqlite_open(root: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(
        root.join(juntos::DATABASE_FILE),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap()
}
