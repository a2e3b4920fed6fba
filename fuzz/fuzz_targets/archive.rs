//! A structured archive builder: the fuzzer chooses entries (hostile and
//! ordinary names, duplicates, symlink and folder bits, lying CRCs and
//! sizes, a different local name, a Unicode-path field, overlapping
//! offsets, junk around the archive) and, when it likes, a consistent
//! `course.json` with media and a valid signature, so that the checks after
//! the signature — the manifest against the archive, the course, the media
//! probes and the commit — are reached too. Every archive goes through
//! `SafeArchive::open` (whose acceptance must imply the path rule and unique
//! names) and then through a real import (see `juntos_fuzz::Harness`).
#![no_main]

use arbitrary::Arbitrary;
use juntos::package::archive::SafeArchive;
use juntos::package::{paths, Limits};
use juntos_fuzz::rawzip::{build_with, RawEntry};
use juntos_fuzz::sha256_hex;
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "course.json",
    "index.html",
    "manifest.json",
    "manifest.sig",
    "media/",
    "player/app.js",
    "../evil",
    "/etc/passwd",
    "C:\\x",
    "C:/x",
    "a\\b",
    "CON",
    "aux.txt",
    "nul.mp4",
    "INDEX.HTML",
    "a//b",
    "a/./b",
    ".",
    "..",
    "course.json/x",
    "media/x.mp4",
    "caf\u{e9}.png",
    "cafe\u{301}.png",
    "\u{202e}gpj.exe",
    "a:b",
    "x ",
    "x.",
    "",
    "//host/share",
    "media/../../x",
    "a/b/c/d/e/f/g/h/i/j",
    "Course.JSON",
    "\u{200b}index.html",
    "lpt1",
    "COM\u{b9}",
];

const FORMATS: &[(&str, &str, &str)] = &[
    ("mp4", "video", "video/mp4"),
    ("webm", "video", "video/webm"),
    ("png", "image", "image/png"),
    ("jpeg", "image", "image/jpeg"),
    ("gif", "image", "image/gif"),
    ("webp", "image", "image/webp"),
    ("ogg", "audio", "audio/ogg"),
    ("mp3", "audio", "audio/mpeg"),
    ("m4a", "audio", "audio/mp4"),
];

const FIXTURES: &[&[u8]] = &[
    include_bytes!("../../tests/fixtures/media/h264-aac-faststart.mp4"),
    include_bytes!("../../tests/fixtures/media/vp9-opus.webm"),
    include_bytes!("../../tests/fixtures/media/testsrc.png"),
    include_bytes!("../../tests/fixtures/media/testsrc.jpg"),
    include_bytes!("../../tests/fixtures/media/testsrc.gif"),
    include_bytes!("../../tests/fixtures/media/testsrc.webp"),
    include_bytes!("../../tests/fixtures/media/sine.ogg"),
    include_bytes!("../../tests/fixtures/media/sine-cbr.mp3"),
    include_bytes!("../../tests/fixtures/media/sine.m4a"),
];

#[derive(Arbitrary, Debug)]
enum Name {
    Known(u8),
    Raw(Vec<u8>),
    Text(String),
    /// `media/<sha256 of the data>.<format>`, as a real package names media.
    Media(u8),
}

#[derive(Arbitrary, Debug)]
enum Data {
    Raw(Vec<u8>),
    Fixture(u8),
    /// A fixture with some bytes changed.
    Damaged(u8, u16, u8),
}

#[derive(Arbitrary, Debug)]
enum Mode {
    File,
    Symlink,
    Folder,
    Dos,
    Raw(u32),
}

#[derive(Arbitrary, Debug)]
struct Item {
    name: Name,
    data: Data,
    deflate: bool,
    flags: u16,
    crc: Option<u32>,
    size: Option<u32>,
    compressed: Option<u32>,
    mode: Mode,
    local_name: Option<Name>,
    unicode_path: Option<Vec<u8>>,
    offset_shift: Option<i16>,
    repeat: bool,
}

#[derive(Arbitrary, Debug)]
struct CourseSpec {
    revision: u8,
    lessons: Vec<String>,
    captions: Option<String>,
    /// Declare each media as another format than its entry name says.
    lie_format: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    items: Vec<Item>,
    course: Option<CourseSpec>,
    sign: bool,
    prefix: Vec<u8>,
    suffix: Vec<u8>,
}

fn bytes_of(data: &Data) -> Vec<u8> {
    match data {
        Data::Raw(b) => b.clone(),
        Data::Fixture(i) => FIXTURES[*i as usize % FIXTURES.len()].to_vec(),
        Data::Damaged(i, at, xor) => {
            let mut b = FIXTURES[*i as usize % FIXTURES.len()].to_vec();
            let at = *at as usize % b.len();
            b[at] ^= xor | 1;
            b
        }
    }
}

fn name_of(name: &Name, data: &[u8]) -> Vec<u8> {
    match name {
        Name::Known(i) => NAMES[*i as usize % NAMES.len()].as_bytes().to_vec(),
        Name::Raw(b) => b.clone(),
        Name::Text(s) => s.as_bytes().to_vec(),
        Name::Media(f) => {
            format!("media/{}.{}", sha256_hex(data), FORMATS[*f as usize % FORMATS.len()].0)
                .into_bytes()
        }
    }
}

fn course_json(spec: &CourseSpec, media: &[(String, Vec<u8>)]) -> Vec<u8> {
    let lessons: Vec<serde_json::Value> = spec
        .lessons
        .iter()
        .take(8)
        .enumerate()
        .map(|(i, body)| {
            serde_json::json!({
                "id": format!("l{i}"), "title": { "pt": format!("Lição {i}"), "en": "" },
                "body": { "pt": body, "en": body }, "notes": { "pt": "", "en": "" }, "minutes": 5, "quiz": null
            })
        })
        .collect();
    let media: Vec<serde_json::Value> = media
        .iter()
        .enumerate()
        .map(|(i, (path, bytes))| {
            let ext = path.rsplit('.').next().unwrap_or("");
            let (format, kind, mime) = FORMATS.iter().find(|f| f.0 == ext).copied().unwrap_or(FORMATS[0]);
            let (format, kind, mime) = if spec.lie_format {
                FORMATS[(FORMATS.iter().position(|f| f.0 == format).unwrap() + 2) % FORMATS.len()]
            } else {
                (format, kind, mime)
            };
            let captions = match (&spec.captions, kind) {
                (Some(vtt), "video" | "audio") => {
                    serde_json::json!({ "pt": { "vtt": vtt, "cues": 1, "source_name": "x.vtt" } })
                }
                _ => serde_json::json!({}),
            };
            serde_json::json!({
                "id": format!("m{i}"), "name": format!("f{i}.{format}"), "path": path, "kind": kind,
                "format": format, "mime": mime, "size": bytes.len(), "sha256": sha256_hex(bytes),
                "original_name": format!("f{i}"), "created_at": "2026-01-01T00:00:00Z", "captions": captions
            })
        })
        .collect();
    let course = serde_json::json!({
        "course": {
            "id": "c-fuzz", "slug": "curso-fuzz", "revision": spec.revision.max(1) as i64, "source_lang": "pt",
            "title": { "pt": "Curso", "en": "Course" }, "summary": { "pt": "", "en": "" },
            "organisation": "Parceiro", "licence": "CC BY 4.0", "topics": [],
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "derived_from": null,
            "modules": [{ "id": "m-1", "title": { "pt": "Módulo", "en": "Module" }, "lessons": lessons }]
        },
        "media": media
    });
    serde_json::to_vec_pretty(&course).unwrap()
}

fn entry(name: Vec<u8>, bytes: &[u8], deflate: bool) -> RawEntry {
    if deflate {
        RawEntry::deflated(&name, bytes)
    } else {
        RawEntry::stored(&name, bytes)
    }
}

fuzz_target!(|input: Input| {
    let mut entries = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut media: Vec<(String, Vec<u8>)> = Vec::new();
    for item in input.items.iter().take(12) {
        let bytes = bytes_of(&item.data);
        let name = name_of(&item.name, &bytes);
        let mut e = entry(name.clone(), &bytes, item.deflate);
        e.flags ^= item.flags & !(1 << 3);
        if let Some(crc) = item.crc {
            e.crc = crc;
        }
        if let Some(size) = item.size {
            e.size = size as u64;
        }
        if let Some(c) = item.compressed {
            e.compressed = Some(c as u64);
        }
        e.external_attr = match item.mode {
            Mode::File => e.external_attr,
            Mode::Symlink => 0o120777 << 16,
            Mode::Folder => (0o040755 << 16) | 0x10,
            Mode::Dos => {
                e.version_made_by = 20;
                0x20
            }
            Mode::Raw(a) => a,
        };
        e.local_name = item.local_name.as_ref().map(|n| name_of(n, &bytes));
        e.unicode_path = item.unicode_path.clone();
        e.offset_shift = item.offset_shift.unwrap_or(0) as i64;
        if let Ok(text) = String::from_utf8(name) {
            if matches!(item.name, Name::Media(_)) {
                media.push((text.clone(), bytes.clone()));
            }
            files.push((text, bytes.clone()));
        }
        if item.repeat {
            entries.push(e.clone());
        }
        entries.push(e);
    }
    if let Some(spec) = &input.course {
        let json = course_json(spec, &media);
        entries.push(RawEntry::deflated("course.json", &json));
        files.push(("course.json".into(), json));
    }
    if input.sign {
        let revision = input.course.as_ref().map(|c| c.revision.max(1) as i64).unwrap_or(1);
        let (manifest, sig) = juntos_fuzz::signed_manifest(&files, "c-fuzz", revision);
        entries.push(RawEntry::deflated("manifest.json", &manifest));
        entries.push(RawEntry::stored("manifest.sig", &sig));
    }
    let prefix = &input.prefix[..input.prefix.len().min(64)];
    let suffix = &input.suffix[..input.suffix.len().min(64)];
    let zip = build_with(&entries, prefix, suffix);

    // What the safe reader accepts obeys the path rule and has unique names.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.juntos");
    std::fs::write(&path, &zip).unwrap();
    if let Ok(archive) = SafeArchive::open(&path, &Limits::default()) {
        let mut keys = std::collections::HashSet::new();
        for e in archive.entries() {
            let trimmed = e.name.trim_end_matches('/');
            assert!(paths::check(trimmed.as_bytes()).is_ok(), "accepted {:?}", e.name);
            assert!(
                keys.insert(paths::collision_key(trimmed)),
                "accepted a duplicate {:?}",
                e.name
            );
        }
    }
    juntos_fuzz::with_harness(|h| h.import(&zip));
});
