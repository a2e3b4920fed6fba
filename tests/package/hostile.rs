//! Every hostile package the issue lists, each its own test, through the
//! real `juntos import`: exit code 1, a message naming the entry and the
//! reason, and the receiving library folder byte-for-byte as it was.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use juntos::Library;

use crate::rawzip::{self, RawEntry};
use crate::support::{self, hash_tree, juntos, read_entries};

/// The partner's package, made once per test run.
struct Fixture {
    package: PathBuf,
    partner_root: PathBuf,
    entries: Vec<(String, Vec<u8>)>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap().keep();
        let mut lib = Library::open(&dir.join("lib")).unwrap();
        lib.set_org_name("Liga dos Direitos").unwrap();
        let course = support::rich_course(&mut lib);
        let package = support::export_to(&mut lib, &course, &dir, juntos::package::Languages::Both);
        Fixture { entries: read_entries(&package), package, partner_root: dir.join("lib") }
    })
}

fn entries() -> Vec<RawEntry> {
    rawzip::from_package(&fixture().entries)
}

fn bytes_of(name: &str) -> Vec<u8> {
    fixture().entries.iter().find(|(n, _)| n == name).unwrap().1.clone()
}

fn index_of(entries: &[RawEntry], name: &str) -> usize {
    entries.iter().position(|e| e.name == name.as_bytes()).unwrap()
}

/// The manifest as JSON, changed by `f` and signed again with the partner's key.
fn resigned(entries: &mut [RawEntry], f: impl FnOnce(&mut serde_json::Value)) {
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&bytes_of("manifest.json")).unwrap();
    f(&mut manifest);
    let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap();
    bytes.push(b'\n');
    let sig = support::sign(&support::signing_key(&fixture().partner_root), &bytes);
    let m = index_of(entries, "manifest.json");
    entries[m] = RawEntry::deflated("manifest.json", &bytes);
    let s = index_of(entries, "manifest.sig");
    entries[s] = RawEntry::stored("manifest.sig", &sig);
}

fn set_file(manifest: &mut serde_json::Value, path: &str, size: Option<u64>, sha: Option<String>) {
    let files = manifest["files"].as_array_mut().unwrap();
    let file = files.iter_mut().find(|f| f["path"] == path).unwrap();
    if let Some(size) = size {
        file["size"] = size.into();
    }
    if let Some(sha) = sha {
        file["sha256"] = sha.into();
    }
}

/// Imports `bytes` as a package into a fresh library with the CLI and checks
/// the refusal: exit 1, `[code]`, the entry and a reason in the message,
/// nothing changed.
fn refused(bytes: &[u8], entry: &str, code: &str, reason: &str) {
    refused_in(None, bytes, entry, code, reason, true);
}

fn refused_in(
    library: Option<&Path>,
    bytes: &[u8],
    entry: &str,
    code: &str,
    reason: &str,
    trust: bool,
) {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("hostile.juntos");
    std::fs::write(&package, bytes).unwrap();
    let own;
    let library = match library {
        Some(path) => path,
        None => {
            own = dir.path().join("lib");
            drop(Library::open(&own).unwrap());
            &own
        }
    };
    let before = hash_tree(library);
    let mut cmd = juntos(library);
    cmd.arg("import").arg(&package);
    if trust {
        cmd.arg("--trust");
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr: {stderr}");
    assert!(stderr.contains(&format!("[{code}]")), "code {code} in: {stderr}");
    assert!(stderr.contains(entry), "entry {entry:?} in: {stderr}");
    assert!(stderr.contains(reason), "reason {reason:?} in: {stderr}");
    assert!(
        stderr.contains("The library was not changed") || !code.starts_with("package_"),
        "{stderr}"
    );
    assert_eq!(hash_tree(library), before, "the library folder changed");
    assert!(!library.join(".staging").exists());
}

fn with_entry(name: &[u8], data: &[u8]) -> Vec<u8> {
    let mut e = entries();
    e.push(RawEntry::stored(name, data));
    rawzip::build(&e)
}

macro_rules! bad_name {
    ($test:ident, $name:expr, $code:expr, $reason:expr) => {
        #[test]
        fn $test() {
            let name: &[u8] = $name;
            refused(&with_entry(name, b"x"), &String::from_utf8_lossy(name), $code, $reason);
        }
    };
}

bad_name!(path_traversal_dotdot, b"../x", "package_unsafe_path", "leaves the package folder");
bad_name!(path_traversal_backslash, b"..\\x", "package_unsafe_path", "backslash");
bad_name!(path_traversal_nested, b"a/../../x", "package_unsafe_path", "leaves the package folder");
bad_name!(absolute_path_slash, b"/x", "package_unsafe_path", "absolute");
bad_name!(absolute_path_drive, b"C:\\x", "package_unsafe_path", "absolute");
bad_name!(absolute_path_unc, b"\\\\srv\\x", "package_unsafe_path", "absolute");
bad_name!(windows_reserved_name, b"CON", "package_unsafe_path", "reserved name on Windows");
bad_name!(
    windows_reserved_name_with_extension,
    b"player/nul.txt",
    "package_unsafe_path",
    "reserved name on Windows"
);
bad_name!(windows_trailing_dot, b"a.", "package_unsafe_path", "ends in a dot or space");
bad_name!(windows_colon, b"a:b", "package_unsafe_path", "Windows forbids");
bad_name!(control_character, b"a\x01b", "package_unsafe_path", "control characters");

#[test]
fn symlink_entry() {
    let mut e = entries();
    let mut link = RawEntry::stored("player/link", b"../../../etc/passwd");
    link.external_attr = 0o120777 << 16;
    e.push(link);
    refused(&rawzip::build(&e), "player/link", "package_symlink", "symbolic link");
}

#[test]
fn duplicate_names() {
    let mut e = entries();
    e.push(RawEntry::stored("index.html", b"<script>evil()</script>"));
    refused(&rawzip::build(&e), "index.html", "package_duplicate_entry", "repeats");
}

#[test]
fn duplicate_names_after_case_folding() {
    refused(
        &with_entry(b"INDEX.HTML", b"x"),
        "INDEX.HTML",
        "package_duplicate_entry",
        "repeats 'index.html'",
    );
}

#[test]
fn duplicate_names_after_unicode_normalisation() {
    let mut e = entries();
    e.push(RawEntry::stored("player/ação.txt", b"composed"));
    e.push(RawEntry::stored("player/aça\u{0303}o.txt", b"decomposed"));
    refused(&rawzip::build(&e), "player/aça\u{0303}o.txt", "package_duplicate_entry", "repeats");
}

#[test]
fn a_file_that_is_also_a_folder() {
    refused(
        &with_entry(b"course.json/evil", b"x"),
        "course.json",
        "package_file_is_folder",
        "both a file and a folder",
    );
}

#[test]
fn encrypted_entry() {
    let mut e = entries();
    let i = index_of(&e, "index.html");
    e[i].flags |= 1;
    refused(&rawzip::build(&e), "index.html", "package_encrypted", "encrypted");
}

#[test]
fn unsupported_compression_method() {
    let mut e = entries();
    let i = index_of(&e, "index.html");
    e[i].method = 12; // bzip2
    refused(
        &rawzip::build(&e),
        "index.html",
        "package_unsupported_compression",
        "unsupported compression method (12)",
    );
}

#[test]
fn truncated_archive() {
    let bytes = std::fs::read(&fixture().package).unwrap();
    refused(&bytes[..bytes.len() / 2], "hostile.juntos", "package_not_a_zip", "truncated");
}

#[test]
fn crc_mismatch() {
    let mut e = entries();
    let i = index_of(&e, "index.html");
    e[i].crc ^= 0xDEAD_BEEF;
    refused(&rawzip::build(&e), "index.html", "package_crc_mismatch", "CRC");
}

#[test]
fn declared_size_that_lies() {
    // manifest.json is read first, before any signature exists to vouch for it.
    let mut e = entries();
    let i = index_of(&e, "manifest.json");
    e[i].size -= 10;
    refused(
        &rawzip::build(&e),
        "manifest.json",
        "package_declared_size_lies",
        "not the declared one",
    );
}

#[test]
fn declared_size_that_lies_upwards() {
    let mut e = entries();
    let i = index_of(&e, "manifest.json");
    e[i].size += 1000;
    refused(
        &rawzip::build(&e),
        "manifest.json",
        "package_declared_size_lies",
        "not the declared one",
    );
}

#[test]
fn zip_bomb() {
    let mut e = entries();
    e.push(RawEntry::deflated("media/bomb.bin", &vec![0u8; 48 << 20]));
    refused(&rawzip::build(&e), "media/bomb.bin", "package_zip_bomb", "zip bomb");
}

#[test]
fn zip_bomb_hiding_behind_a_small_declared_size() {
    // The central directory claims 1 KiB; the stream inflates to 48 MiB.
    let mut e = entries();
    let i = index_of(&e, "manifest.json");
    let mut bomb = RawEntry::deflated("manifest.json", &vec![b' '; 48 << 20]);
    bomb.size = 1024;
    e[i] = bomb;
    refused(
        &rawzip::build(&e),
        "manifest.json",
        "package_declared_size_lies",
        "not the declared one",
    );
}

#[test]
fn overlapping_entries() {
    let mut e = entries();
    assert_eq!(e[0].name, b"course.json");
    let bytes = bytes_of("course.json");
    let mut first = RawEntry::stored("course.json", &bytes);
    // Declares 40 bytes more than it has: its data runs into the next entry.
    first.size = bytes.len() as u64 + 40;
    first.compressed = Some(first.size);
    e[0] = first;
    let second = String::from_utf8(e[1].name.clone()).unwrap();
    refused(
        &rawzip::build(&e),
        &second,
        "package_overlapping_entries",
        "overlaps that of 'course.json'",
    );
}

#[test]
fn local_header_naming_another_file() {
    let mut bytes = rawzip::build(&entries());
    // The first local header's name is "course.json"; make it "course.jsoN".
    let at = 30 + "course.json".len() - 1;
    assert_eq!(bytes[at], b'n');
    bytes[at] = b'N';
    refused(&bytes, "course.json", "package_header_mismatch", "another name");
}

#[test]
fn entry_not_in_the_manifest() {
    refused(
        &with_entry(b"player/extra.js", b"alert(1)"),
        "player/extra.js",
        "package_entry_not_in_manifest",
        "not listed in the manifest",
    );
}

#[test]
fn manifest_entry_missing_from_the_archive() {
    let mut e = entries();
    e.retain(|x| x.name != b"index.html");
    refused(&rawzip::build(&e), "index.html", "package_entry_missing", "missing from the package");
}

#[test]
fn size_mismatch_with_the_manifest() {
    let mut e = entries();
    let size = bytes_of("index.html").len() as u64;
    resigned(&mut e, |m| set_file(m, "index.html", Some(size + 1), None));
    refused(&rawzip::build(&e), "index.html", "package_size_mismatch", "but the manifest says");
}

#[test]
fn sha256_mismatch_with_the_manifest() {
    let mut e = entries();
    let mut html = bytes_of("index.html");
    let at = html.len() - 10;
    html[at] ^= 0x20;
    let i = index_of(&e, "index.html");
    e[i] = RawEntry::deflated("index.html", &html);
    refused(&rawzip::build(&e), "index.html", "package_hash_mismatch", "SHA-256 does not match");
}

#[test]
fn one_byte_changed_in_a_lesson() {
    let mut e = entries();
    let mut course = bytes_of("course.json");
    let text = String::from_utf8(course.clone()).unwrap();
    let at = text.find("Notas para o facilitador").unwrap();
    course[at] = b'B';
    let i = index_of(&e, "course.json");
    e[i] = RawEntry::deflated("course.json", &course);
    refused(&rawzip::build(&e), "course.json", "package_hash_mismatch", "SHA-256 does not match");
}

#[test]
fn tampered_manifest() {
    let mut e = entries();
    let text = String::from_utf8(bytes_of("manifest.json"))
        .unwrap()
        .replace("Liga dos Direitos", "Liga dos Diretos");
    let i = index_of(&e, "manifest.json");
    e[i] = RawEntry::deflated("manifest.json", text.as_bytes());
    refused(
        &rawzip::build(&e),
        "manifest.sig",
        "package_signature_invalid",
        "signature is not valid",
    );
}

#[test]
fn missing_signature() {
    let mut e = entries();
    e.retain(|x| x.name != b"manifest.sig");
    refused(
        &rawzip::build(&e),
        "manifest.sig",
        "package_signature_missing",
        "signature (manifest.sig) is missing",
    );
}

#[test]
fn invalid_signature() {
    let mut e = entries();
    let other = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let i = index_of(&e, "manifest.sig");
    e[i] = RawEntry::stored("manifest.sig", &support::sign(&other, &bytes_of("manifest.json")));
    refused(
        &rawzip::build(&e),
        "manifest.sig",
        "package_signature_invalid",
        "signature is not valid",
    );
}

#[test]
fn garbage_signature() {
    let mut e = entries();
    let i = index_of(&e, "manifest.sig");
    e[i] = RawEntry::stored("manifest.sig", b"not a signature");
    refused(
        &rawzip::build(&e),
        "manifest.sig",
        "package_signature_invalid",
        "signature is not valid",
    );
}

#[test]
fn unknown_organisation_without_trust() {
    let bytes = std::fs::read(&fixture().package).unwrap();
    let dir = tempfile::tempdir().unwrap();
    drop(Library::open(dir.path()).unwrap());
    refused_in(Some(dir.path()), &bytes, "Liga dos Direitos", "org_not_trusted", "--trust", false);
    // The message shows the fingerprint people compare by phone.
    let key = support::signing_key(&fixture().partner_root);
    let fp = juntos::org::grouped(&juntos::org::fingerprint(&key.verifying_key().to_bytes()));
    let out = juntos(dir.path()).arg("import").arg(&fixture().package).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains(&fp));
}

#[test]
fn known_organisation_with_another_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut receiver = Library::open(dir.path()).unwrap();
    support::import(&mut receiver, &fixture().package, true).unwrap();
    drop(receiver);
    // An impostor: same organisation name, its own key.
    let (impostor_dir, mut impostor) = support::library("LIGA DOS DIREITOS");
    let course = impostor
        .create_course(juntos::model::NewCourse { title: "Falso".into(), ..Default::default() })
        .unwrap();
    let package = support::export_to(
        &mut impostor,
        &course.id,
        impostor_dir.path(),
        juntos::package::Languages::Both,
    );
    refused_in(
        Some(dir.path()),
        &std::fs::read(package).unwrap(),
        "manifest.json",
        "org_key_changed",
        "signed with another key",
        true,
    );
}

#[test]
fn unknown_format_version() {
    let mut e = entries();
    resigned(&mut e, |m| m["format_version"] = "2.0".into());
    refused(
        &rawzip::build(&e),
        "manifest.json",
        "package_version_unsupported",
        "package format 2.0",
    );
}

#[test]
fn huge_json() {
    let mut e = entries();
    let i = index_of(&e, "manifest.json");
    let mut huge = b"{\"pad\": \"".to_vec();
    let mut x = 1u64;
    while huge.len() < 9 << 20 {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        huge.extend_from_slice(format!("{x:016x}").as_bytes());
    }
    huge.extend_from_slice(b"\"}");
    e[i] = RawEntry::stored("manifest.json", &huge);
    refused(&rawzip::build(&e), "manifest.json", "package_json_too_large", "the JSON is");
}

#[test]
fn deeply_nested_json() {
    let mut e = entries();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes();
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&deep));
    let i = index_of(&e, "course.json");
    e[i] = RawEntry::stored("course.json", &deep);
    resigned(&mut e, |m| set_file(m, "course.json", Some(deep.len() as u64), Some(sha)));
    refused(
        &rawzip::build(&e),
        "course.json",
        "package_json_too_deep",
        "nests deeper than 64 levels",
    );
}

#[test]
fn media_that_is_not_what_the_course_says() {
    // A "photo" that is really a web page: hashes and signature are all valid.
    let mut e = entries();
    let html = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".to_vec();
    let png = fixture().entries.iter().find(|(n, _)| n.ends_with(".png")).unwrap().0.clone();
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&html));
    let new_path = format!("media/{sha}.png");
    let mut course: serde_json::Value = serde_json::from_slice(&bytes_of("course.json")).unwrap();
    for m in course["media"].as_array_mut().unwrap() {
        if m["path"] == png.as_str() {
            m["path"] = new_path.clone().into();
            m["sha256"] = sha.clone().into();
            m["size"] = html.len().into();
        }
    }
    let course = serde_json::to_vec_pretty(&course).unwrap();
    let course_sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&course));
    e.retain(|x| x.name != png.as_bytes());
    e.push(RawEntry::stored(&new_path, &html));
    let i = index_of(&e, "course.json");
    e[i] = RawEntry::deflated("course.json", &course);
    e.sort_by(|a, b| a.name.cmp(&b.name));
    resigned(&mut e, |m| {
        let files = m["files"].as_array_mut().unwrap();
        files.retain(|f| f["path"] != png.as_str());
        files.push(serde_json::json!({ "path": new_path, "size": html.len(), "sha256": sha }));
        files.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
        set_file(m, "course.json", Some(course.len() as u64), Some(course_sha));
    });
    refused(&rawzip::build(&e), &new_path, "package_content_invalid", "not a playable png");
}

#[test]
fn a_valid_package_passes_the_same_harness() {
    // The control: the untouched package, re-encoded by the raw writer, imports.
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("ok.juntos");
    std::fs::write(&package, rawzip::build(&entries())).unwrap();
    let lib = dir.path().join("lib");
    drop(Library::open(&lib).unwrap());
    juntos(&lib).arg("import").arg(&package).arg("--trust").assert().success();
}

/// A library that trusts "Associação Kuyakana", and a package of a new key
/// whose organisation name only looks like it (issue 14, item 6).
fn lookalike(name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (_kuyakana_dir, mut kuyakana) = support::library("Associação Kuyakana");
    let real = kuyakana
        .create_course(juntos::model::NewCourse {
            title: "Verdadeiro".into(),
            ..Default::default()
        })
        .unwrap();
    let real_package = support::export_to(
        &mut kuyakana,
        &real.id,
        _kuyakana_dir.path(),
        juntos::package::Languages::Both,
    );
    let mut receiver = Library::open(dir.path()).unwrap();
    support::import(&mut receiver, &real_package, true).unwrap();
    drop(receiver);

    let (impostor_dir, mut impostor) = support::library(name);
    let course = impostor
        .create_course(juntos::model::NewCourse { title: "Falso".into(), ..Default::default() })
        .unwrap();
    let package = support::export_to(
        &mut impostor,
        &course.id,
        impostor_dir.path(),
        juntos::package::Languages::Both,
    );
    let bytes = std::fs::read(&package).unwrap();
    // Refused even with --trust, naming the organisation it resembles and both fingerprints.
    refused_in(Some(dir.path()), &bytes, "Kuyakana", "org_lookalike", "looks like", true);
    let out = juntos(dir.path()).arg("import").arg(&package).arg("--trust").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let real_fp = juntos::org::grouped(&kuyakana.org_identity().unwrap().fingerprint);
    let new_fp = juntos::org::grouped(&impostor.org_identity().unwrap().fingerprint);
    assert!(stderr.contains(&real_fp) && stderr.contains(&new_fp), "{stderr}");
    assert!(stderr.contains("--trust-different-organisation"), "{stderr}");
    // In Portuguese too.
    let out = juntos(dir.path())
        .env("LANG", "pt_PT.UTF-8")
        .arg("import")
        .arg(&package)
        .arg("--trust")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("parece"), "Portuguese message");
    // A person who saw both fingerprints may accept the different organisation, by its fingerprint.
    let fp = impostor.org_identity().unwrap().fingerprint;
    juntos(dir.path())
        .arg("import")
        .arg(&package)
        .arg("--trust-different-organisation")
        .arg(juntos::org::grouped(&fp))
        .assert()
        .success();
}

#[test]
fn lookalike_organisation_with_two_spaces() {
    lookalike("Associação  Kuyakana");
}

#[test]
fn lookalike_organisation_without_accents() {
    lookalike("Associacao Kuyakana");
}

#[test]
fn lookalike_organisation_with_a_cyrillic_letter() {
    lookalike("\u{0410}ssociação Kuyakana");
}
