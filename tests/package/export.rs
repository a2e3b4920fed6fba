//! Export: deterministic bytes, entry layout, one language, atomic writes,
//! cancel, pre-flight (FAT32, free space), progress, ZIP64.

use std::io::Read;
use std::ops::ControlFlow;
use std::path::Path;

use juntos::package::fsinfo::{check_target, FsInfo, WriteEstimate, FAT32_MAX_FILE};
use juntos::package::{ExportOptions, Languages, Phase, Progress};
use juntos::Library;
use predicates::prelude::*;
use rusqlite::OptionalExtension;

use crate::support::{self, export_to, juntos, read_entries};

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_same_course_gives_the_same_bytes() {
    let (dir, mut lib) = support::library("Liga");
    let course = support::rich_course(&mut lib);
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let first = std::fs::read(export_to(&mut lib, &course, &a, Languages::Both)).unwrap();
    drop(lib);
    // Another process, another day: reopened, exported again.
    let mut lib = Library::open(dir.path()).unwrap();
    let second = std::fs::read(export_to(&mut lib, &course, &b, Languages::Both)).unwrap();
    assert_eq!(first, second);
    // A change to the course changes the package.
    lib.set_course_text(
        &course,
        juntos::CourseField::Summary,
        juntos::model::Lang::Pt,
        "Outro resumo",
    )
    .unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir_all(&c).unwrap();
    assert_ne!(std::fs::read(export_to(&mut lib, &course, &c, Languages::Both)).unwrap(), first);
}

#[test]
fn entries_are_sorted_stored_or_deflated_with_fixed_metadata() {
    let partner = support::partner();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&partner.package).unwrap()).unwrap();
    let mut listed = Vec::new();
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).unwrap();
        let name = f.name().to_string();
        let last = f.last_modified().unwrap();
        assert_eq!(
            (last.year(), last.month(), last.day(), last.hour(), last.minute()),
            (1980, 1, 1, 0, 0),
            "{name}"
        );
        assert_eq!(f.unix_mode().unwrap() & 0o777, 0o644, "{name}");
        let stored = name.starts_with("media/") || name == "manifest.sig";
        let method =
            if stored { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        assert_eq!(f.compression(), method, "{name}");
        assert!(f.extra_data().is_none_or(|e| e.is_empty()), "no extra fields in {name}");
        listed.push(name);
    }
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted);
    assert_eq!(&listed[..4], ["course.json", "index.html", "manifest.json", "manifest.sig"]);
    assert_eq!(listed.iter().filter(|n| n.starts_with("media/")).count(), 2);
    let mut html = String::new();
    zip.by_name("index.html").unwrap().read_to_string(&mut html).unwrap();
    assert!(
        html.contains("<title>Direitos da criança</title>")
            && html.contains("Children&#39;s rights")
            || html.contains("Children's rights"),
        "{html}"
    );
    assert!(
        html.contains("Juntos Studio")
            && html.contains("lang=\"en\"")
            && !html.contains("http:")
            && !html.contains("https:"),
        "{html}"
    );
}

#[test]
fn the_manifest_lists_every_entry_with_size_and_sha256() {
    let partner = support::partner();
    let entries = read_entries(&partner.package);
    let manifest: juntos::package::manifest::Manifest =
        serde_json::from_slice(&entries.iter().find(|(n, _)| n == "manifest.json").unwrap().1)
            .unwrap();
    assert_eq!(manifest.format_version, "1.0");
    assert_eq!(manifest.organisation.name, "Liga dos Direitos");
    assert_eq!(manifest.course.id, partner.course_id);
    let others: Vec<_> =
        entries.iter().filter(|(n, _)| n != "manifest.json" && n != "manifest.sig").collect();
    assert_eq!(manifest.files.len(), others.len());
    for (name, bytes) in others {
        let file = manifest.file(name).unwrap();
        assert_eq!(file.size, bytes.len() as u64);
        assert_eq!(file.sha256, hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes)));
    }
}

#[test]
fn one_language_keeps_its_text_its_media_and_its_captions() {
    let (dir, mut lib) = support::library("Liga");
    let course = support::rich_course(&mut lib);
    let path = export_to(&mut lib, &course, dir.path(), Languages::En);
    assert_eq!(path.file_name().unwrap(), "direitos-crianca.en.juntos");
    let entries = read_entries(&path);
    let pc: juntos::package::course_file::PackageCourse =
        serde_json::from_slice(&entries.iter().find(|(n, _)| n == "course.json").unwrap().1)
            .unwrap();
    assert!(pc.course.lessons().all(|l| l.body.pt.is_empty() && l.title.pt.is_empty()));
    assert_eq!(pc.course.title.en, "Children's rights");
    // The English text shows only the video; the photo is in Portuguese only.
    assert_eq!(pc.media.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["entrevista.mp4"]);
    assert_eq!(pc.media[0].captions.keys().copied().collect::<Vec<_>>(), [juntos::model::Lang::En]);
    assert_eq!(entries.iter().filter(|(n, _)| n.starts_with("media/")).count(), 1);
    let manifest: serde_json::Value =
        serde_json::from_slice(&entries.iter().find(|(n, _)| n == "manifest.json").unwrap().1)
            .unwrap();
    assert_eq!(manifest["languages"], serde_json::json!(["en"]));
}

#[test]
fn an_existing_file_is_never_replaced_silently() {
    let (dir, mut lib) = support::library("Liga");
    let course = lib.list_courses().unwrap()[0].id.clone();
    let target = dir.path().join("curso.juntos");
    std::fs::write(&target, b"precious").unwrap();
    let options = ExportOptions { to: Some(target.clone()), ..Default::default() };
    assert_eq!(
        lib.export_course(&course, &options, support::go).unwrap_err().code(),
        "export_target_exists"
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");
    let options = ExportOptions { to: Some(target.clone()), overwrite: true, ..Default::default() };
    lib.export_course(&course, &options, support::go).unwrap();
    assert!(std::fs::read(&target).unwrap().starts_with(b"PK"));
}

#[test]
fn cancel_and_failure_leave_no_file_behind() {
    let (dir, mut lib) = support::library("Liga");
    let course = support::rich_course(&mut lib);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let options = ExportOptions { to: Some(out.clone()), ..Default::default() };
    let mut calls = 0;
    let err = lib
        .export_course(&course, &options, |_| {
            calls += 1;
            if calls > 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .unwrap_err();
    assert_eq!(err.code(), "cancelled");
    assert!(names(&out).is_empty(), "{:?}", names(&out));

    // A media file damaged in the store: the export stops, nothing is left.
    let video = lib.media(&course, "entrevista.mp4").unwrap();
    let blob = dir.path().join("media").join(&video.sha256[..2]).join(&video.sha256);
    let mut bytes = std::fs::read(&blob).unwrap();
    bytes[100] ^= 1;
    std::fs::write(&blob, bytes).unwrap();
    let err = lib.export_course(&course, &options, support::go).unwrap_err();
    assert_eq!(err.code(), "export_source_changed");
    assert!(names(&out).is_empty(), "{:?}", names(&out));

    // A missing target folder is a person's problem, reported as such.
    let options =
        ExportOptions { to: Some(dir.path().join("no/such/dir/x.juntos")), ..Default::default() };
    let err = lib.export_course(&course, &options, support::go).unwrap_err();
    assert_eq!(err.code(), "target_not_writable");
    assert!(err.is_user_error());
}

/// The CRC-32 the library keeps for a blob (`None`: none kept).
fn kept_crc32(library: &Path, sha256: &str) -> Option<u32> {
    let conn = rusqlite::Connection::open(library.join("library.db")).unwrap();
    conn.query_row("SELECT crc32 FROM blob_checksums WHERE sha256 = ?1", [sha256], |r| {
        r.get::<_, i64>(0)
    })
    .optional()
    .unwrap()
    .map(|crc| crc as u32)
}

/// Export checks each blob against the CRC-32 kept since it was attached
/// and, for a blob stored before CRC-32s were kept, against its SHA-256: a
/// damaged blob never ships either way, and an intact one exports the same
/// bytes either way.
#[test]
fn a_damaged_blob_never_ships_with_or_without_a_kept_crc32() {
    let (dir, mut lib) = support::library("Liga");
    let course = support::rich_course(&mut lib);
    let video = lib.media(&course, "entrevista.mp4").unwrap();
    let blob = dir.path().join("media").join(&video.sha256[..2]).join(&video.sha256);
    let original = std::fs::read(&blob).unwrap();
    assert_eq!(
        kept_crc32(dir.path(), &video.sha256),
        Some(crc32fast::hash(&original)),
        "attach keeps the CRC-32"
    );

    let with_crc = dir.path().join("with-crc");
    let without_crc = dir.path().join("without-crc");
    for out in [&with_crc, &without_crc] {
        std::fs::create_dir(out).unwrap();
    }
    let package = export_to(&mut lib, &course, &with_crc, Languages::Both);
    // A library from before CRC-32s were kept has no rows: SHA-256 then,
    // which catches a damaged blob too…
    rusqlite::Connection::open(dir.path().join("library.db"))
        .unwrap()
        .execute("DELETE FROM blob_checksums", [])
        .unwrap();
    let mut damaged = original.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x40;
    std::fs::write(&blob, &damaged).unwrap();
    let options = ExportOptions { to: Some(without_crc.clone()), ..Default::default() };
    let err = lib.export_course(&course, &options, support::go).unwrap_err();
    assert_eq!(err.code(), "export_source_changed");
    assert_eq!(
        kept_crc32(dir.path(), &video.sha256),
        None,
        "nothing is learnt from a failed check"
    );
    // …and exports the intact one to the same bytes, learning its CRC-32
    // for the next export.
    std::fs::write(&blob, &original).unwrap();
    let again = export_to(&mut lib, &course, &without_crc, Languages::Both);
    assert_eq!(std::fs::read(&package).unwrap(), std::fs::read(&again).unwrap());
    assert_eq!(
        kept_crc32(dir.path(), &video.sha256),
        Some(crc32fast::hash(&original)),
        "learnt by the export"
    );
    // The zips for platforms and the unpacked folder learn it the same way.
    let forget = || {
        rusqlite::Connection::open(dir.path().join("library.db"))
            .unwrap()
            .execute("DELETE FROM blob_checksums", [])
            .unwrap()
    };
    forget();
    let options = ExportOptions { to: Some(without_crc.clone()), ..Default::default() };
    lib.export_lms(&course, &options, juntos::scorm::LmsFormat::Scorm12, support::go).unwrap();
    assert_eq!(
        kept_crc32(dir.path(), &video.sha256),
        Some(crc32fast::hash(&original)),
        "learnt by the SCORM export"
    );
    forget();
    let options = ExportOptions { to: Some(without_crc.join("unpacked")), ..Default::default() };
    lib.export_unpacked(&course, &options, support::go).unwrap();
    assert_eq!(
        kept_crc32(dir.path(), &video.sha256),
        Some(crc32fast::hash(&original)),
        "learnt by the unpacked export"
    );

    // The CRC-32 kept by an import of the same bytes catches the damage too.
    let (receiver_dir, mut receiver) = support::library("Outra");
    support::import(&mut receiver, &package, true).unwrap();
    let received = receiver
        .list_courses()
        .unwrap()
        .into_iter()
        .find(|c| c.slug == "direitos-crianca")
        .unwrap()
        .id;
    assert_eq!(
        kept_crc32(receiver_dir.path(), &video.sha256),
        Some(crc32fast::hash(&original)),
        "import keeps the CRC-32"
    );
    let received_blob =
        receiver_dir.path().join("media").join(&video.sha256[..2]).join(&video.sha256);
    std::fs::write(&received_blob, &damaged).unwrap();
    let out = receiver_dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let options = ExportOptions { to: Some(out.clone()), ..Default::default() };
    let err = receiver.export_course(&received, &options, support::go).unwrap_err();
    assert_eq!(err.code(), "export_source_changed");
    assert!(names(&out).is_empty(), "{:?}", names(&out));
    // A blob that grew by a byte is refused too.
    let mut longer = original.clone();
    longer.push(0);
    std::fs::write(&received_blob, &longer).unwrap();
    let err = receiver.export_course(&received, &options, support::go).unwrap_err();
    assert_eq!(err.code(), "export_source_changed");
    assert!(names(&out).is_empty(), "{:?}", names(&out));
}

/// On the command line, a damaged blob fails the export with one message in
/// our words (nothing from the zip library) and leaves no file.
#[test]
fn a_damaged_blob_fails_the_cli_export_with_one_message_and_no_file() {
    let (dir, mut lib) = support::library("Liga");
    let course = support::rich_course(&mut lib);
    let video = lib.media(&course, "entrevista.mp4").unwrap();
    drop(lib);
    let blob = dir.path().join("media").join(&video.sha256[..2]).join(&video.sha256);
    let mut bytes = std::fs::read(&blob).unwrap();
    bytes[7] ^= 1;
    std::fs::write(&blob, bytes).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let assert =
        juntos(dir.path()).args(["export", "direitos-crianca", "--to"]).arg(&out).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("[export_source_changed]"), "{stderr}");
    assert!(!stderr.contains("ZipWriter"), "{stderr}");
    assert_eq!(stderr.matches("[export_source_changed]").count(), 1, "{stderr}");
    assert!(names(&out).is_empty(), "{:?}", names(&out));
}

#[test]
fn a_leftover_partial_file_is_replaced_and_removed() {
    let (dir, mut lib) = support::library("Liga");
    let course = lib.list_courses().unwrap()[0].id.clone();
    std::fs::write(dir.path().join("apresentacoes-eficazes.juntos.partial"), b"half").unwrap();
    export_to(&mut lib, &course, dir.path(), Languages::Both);
    assert!(!dir.path().join("apresentacoes-eficazes.juntos.partial").exists());
    assert!(dir.path().join("apresentacoes-eficazes.juntos").exists());
}

#[test]
fn progress_goes_up_to_the_total() {
    let (dir, mut lib) = support::library("Liga");
    let course = support::rich_course(&mut lib);
    let mut seen: Vec<Progress> = Vec::new();
    let options = ExportOptions { to: Some(dir.path().to_path_buf()), ..Default::default() };
    let report = lib
        .export_course(&course, &options, |p| {
            seen.push(p);
            ControlFlow::Continue(())
        })
        .unwrap();
    assert!(seen.iter().all(|p| p.phase == Phase::Writing));
    assert!(seen.windows(2).all(|w| w[0].done <= w[1].done));
    let last = seen.last().unwrap();
    assert_eq!(last.done, last.total);
    assert!(seen.iter().any(|p| p.entry.starts_with("media/")));
    assert_eq!(report.media, 2);
}

#[test]
fn fat32_and_free_space_are_checked_before_writing() {
    let dir = Path::new("/media/stick");
    let roomy = FsInfo { available: 64 << 30, fat32: true };
    let small =
        WriteEstimate { package: 3 << 30, largest_entry: Some(("media/a.mp4".into(), 2 << 30)) };
    check_target(dir, "c.juntos", &roomy, &small).unwrap();
    let big_entry = WriteEstimate {
        package: 5 << 30,
        largest_entry: Some(("media/big.mp4".into(), FAT32_MAX_FILE + 1)),
    };
    let err = check_target(dir, "c.juntos", &roomy, &big_entry).unwrap_err();
    assert_eq!(err.code(), "export_too_big_for_fat32");
    let msg = err.message(juntos::model::Lang::En);
    assert!(
        msg.contains("media/big.mp4") && msg.contains("exFAT") && msg.contains("one language"),
        "{msg}"
    );
    let big_package = WriteEstimate {
        package: FAT32_MAX_FILE + 1,
        largest_entry: Some(("media/a.mp4".into(), 3 << 30)),
    };
    let err = check_target(dir, "c.juntos", &roomy, &big_package).unwrap_err();
    assert!(err.message(juntos::model::Lang::Pt).contains("c.juntos"));
    // The same package is fine on exFAT or NTFS…
    check_target(dir, "c.juntos", &FsInfo { fat32: false, ..roomy }, &big_package).unwrap();
    // …unless the disk is full.
    let full = FsInfo { available: 1 << 30, fat32: false };
    assert_eq!(
        check_target(dir, "c.juntos", &full, &small).unwrap_err().code(),
        "not_enough_space"
    );
    // The probe itself works on the disk we run on.
    let here = juntos::package::fsinfo::probe(Path::new(env!("CARGO_TARGET_TMPDIR"))).unwrap();
    assert!(here.available > 0 && !here.fat32);
}

#[test]
fn export_on_the_command_line() {
    let (dir, lib) = support::library("Liga");
    drop(lib);
    let out = dir.path().join("usb");
    std::fs::create_dir(&out).unwrap();
    juntos(dir.path())
        .args(["export", "apresentacoes-eficazes", "--lang", "pt", "--to"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("apresentacoes-eficazes.pt.juntos"));
    juntos(dir.path())
        .args(["export", "apresentacoes-eficazes", "--lang", "pt", "--to"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("[export_target_exists]")
                .and(predicate::str::contains("--force")),
        );
    juntos(dir.path())
        .args(["export", "apresentacoes-eficazes", "--lang", "pt", "--force", "--to"])
        .arg(&out)
        .assert()
        .success();
    juntos(dir.path())
        .args(["export", "nada"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[course_not_found]"));
    assert_eq!(names(&out), ["apresentacoes-eficazes.pt.juntos"]);
}

/// Writes more than 4 GiB (a sparse 4 GiB + 1 source file), so it is not
/// run by default: `cargo test --test package -- --ignored zip64`.
#[test]
#[ignore]
fn zip64_above_4_gib() {
    use juntos::package::writer::{write_archive, Entry, Source};
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let source = dir.path().join("big.bin");
    let size = FAT32_MAX_FILE + 2;
    let file = std::fs::File::create(&source).unwrap();
    file.set_len(size).unwrap();
    drop(file);
    let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
    let mut reader = std::fs::File::open(&source).unwrap();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        sha2::Digest::update(&mut hasher, &buf[..n]);
    }
    let sha = hex::encode(sha2::Digest::finalize(hasher));
    let mut entries = vec![
        Entry {
            path: "media/big.bin".into(),
            size,
            sha256: sha.clone(),
            source: Source::File { path: source.clone(), crc32: None },
            deflate: false,
        },
        Entry::bytes("z.txt", b"after the big one".to_vec(), true),
    ];
    let out = dir.path().join("big.juntos");
    write_archive(&out, &mut entries, &mut |_| ControlFlow::Continue(())).unwrap();
    std::fs::remove_file(&source).unwrap();
    let limits = juntos::package::Limits::default();
    let mut archive = juntos::package::archive::SafeArchive::open(&out, &limits).unwrap();
    let big = archive.get("media/big.bin").unwrap().clone();
    assert_eq!(big.size, size);
    let got =
        archive.copy_entry(&big, &mut std::io::sink(), &mut |_| ControlFlow::Continue(())).unwrap();
    assert_eq!(got, sha);
    let small = archive.get("z.txt").unwrap().clone();
    let mut text = Vec::new();
    archive.copy_entry(&small, &mut text, &mut |_| ControlFlow::Continue(())).unwrap();
    assert_eq!(text, b"after the big one");
}
