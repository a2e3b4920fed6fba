//! Bad input and faults: each gives its own clear error, the temp file is
//! gone, nothing is registered, and the library is as it was.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use juntos::media::no_progress;
use juntos::model::Lang;
use juntos::{Error, Library};

use crate::support::{
    cannot_run, fixture, is_root, large_mp4, library_with_course, open_with_course, snapshot,
    temp_files, FailingReader, SmallDisk,
};

/// Runs `attempt`, checks its error code and that nothing changed.
fn refused(
    lib: &mut Library,
    code: &str,
    attempt: impl FnOnce(&mut Library) -> juntos::Result<juntos::MediaItem>,
) -> Error {
    let before = snapshot(lib);
    let err = attempt(lib).unwrap_err();
    assert_eq!(err.code(), code, "{err:?}");
    assert!(err.is_user_error(), "{code} is something the person can fix");
    assert_eq!(snapshot(lib), before, "{code} changed the library");
    assert!(temp_files(lib).is_empty(), "{code} left a temp file");
    err
}

fn attach_path<'a>(
    course: &str,
    path: &'a Path,
) -> impl FnOnce(&mut Library) -> juntos::Result<juntos::MediaItem> + 'a {
    let course = course.to_string();
    move |lib| lib.attach_media(&course, path, None, no_progress)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The messages name the file and say what to do, in both languages.
fn names_file_and_fix(err: &Error, file: &str, fix_pt: &str, fix_en: &str) {
    let (pt, en) = (err.message(Lang::Pt), err.message(Lang::En));
    assert!(pt.contains(file) && en.contains(file), "{pt} / {en}");
    assert!(pt.contains(fix_pt), "{pt}");
    assert!(en.contains(fix_en), "{en}");
}

#[test]
fn missing_directory_empty_and_unreadable_files() {
    let (dir, mut lib, course) = library_with_course();
    let missing = dir.path().join("nao-existe.mp4");
    let err = refused(&mut lib, "media_not_found", attach_path(&course, &missing));
    names_file_and_fix(&err, "nao-existe.mp4", "Verifique o caminho", "Check the path");
    refused(&mut lib, "media_is_directory", attach_path(&course, dir.path()));
    let empty = write(dir.path(), "vazio.mp4", b"");
    let err = refused(&mut lib, "media_empty_file", attach_path(&course, &empty));
    names_file_and_fix(&err, "vazio.mp4", "0 bytes", "0 bytes");

    // Root reads any file, except write-only kernel settings.
    let unreadable = if is_root() {
        PathBuf::from("/proc/sys/vm/compact_memory")
    } else {
        use std::os::unix::fs::PermissionsExt;
        let path = std::fs::canonicalize(write(dir.path(), "fechado.mp4", b"x")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        path
    };
    if std::fs::File::open(&unreadable).is_err() && unreadable.exists() {
        let err = refused(&mut lib, "media_unreadable", attach_path(&course, &unreadable));
        names_file_and_fix(&err, &unreadable.display().to_string(), "permissões", "permissions");
    } else {
        cannot_run("the unreadable case: no unreadable file on this machine");
    }
}

#[test]
fn files_that_are_not_what_they_claim() {
    let (dir, mut lib, course) = library_with_course();
    let text = write(
        dir.path(),
        "video.mp4",
        b"Isto nao e um video, e um ficheiro de texto com a extensao errada.",
    );
    let err = refused(&mut lib, "media_unknown_format", attach_path(&course, &text));
    names_file_and_fix(&err, "video.mp4", "extensão .mp4", "extension .mp4");
    // An MP4 header followed by garbage.
    let mut fake = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2".to_vec();
    fake.extend(b"\0\0\0\x01\xff\xff\xff\xff\xff\xff\xff\xffgarbage");
    let fake = write(dir.path(), "falso.mp4", &fake);
    refused(&mut lib, "media_truncated", attach_path(&course, &fake));
    let no_index =
        write(dir.path(), "so-dados.mp4", b"\0\0\0\x10ftypisom\0\0\x02\0\0\0\0\x10mdat12345678");
    let err = refused(&mut lib, "media_truncated", attach_path(&course, &no_index));
    assert!(
        err.message(Lang::Pt).contains("gravação foi interrompida"),
        "{}",
        err.message(Lang::Pt)
    );
    let tiny_box = write(dir.path(), "caixa.mp4", b"\0\0\0\x04ftypisom\0\0\0\0");
    refused(&mut lib, "media_corrupt", attach_path(&course, &tiny_box));
}

#[test]
fn truncated_mp4s_are_refused() {
    let (dir, mut lib, course) = library_with_course();
    for (fixture_name, cut_to, words) in [
        // Index first, data cut short: a copy that stopped half-way.
        ("h264-aac-faststart.mp4", 0.6, "acabam antes"),
        // Data first, index cut off: the phone died while saving.
        ("h264-aac-moov-at-end.mp4", 0.9, "índice (moov) está cortado"),
    ] {
        let bytes = std::fs::read(fixture(fixture_name)).unwrap();
        let cut = write(
            dir.path(),
            &format!("cortado-{fixture_name}"),
            &bytes[..(bytes.len() as f64 * cut_to) as usize],
        );
        let err = refused(&mut lib, "media_truncated", attach_path(&course, &cut));
        names_file_and_fix(&err, "cortado-", words, "Copy the file again");
    }
    let bytes = std::fs::read(fixture("vp9-opus.webm")).unwrap();
    let cut = write(dir.path(), "cortado.webm", &bytes[..bytes.len() / 2]);
    refused(&mut lib, "media_truncated", attach_path(&course, &cut));
}

#[test]
fn svg_and_formats_browsers_cannot_play() {
    let (dir, mut lib, course) = library_with_course();
    let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let err = refused(
        &mut lib,
        "media_svg_refused",
        attach_path(&course, &write(dir.path(), "logo.svg", svg)),
    );
    names_file_and_fix(&err, "logo.svg", "PNG", "PNG");
    refused(
        &mut lib,
        "media_svg_refused",
        attach_path(&course, &write(dir.path(), "disfarce.png", svg)),
    );
    for (file, format) in [("mpeg4.avi", "AVI"), ("sorenson.flv", "FLV"), ("h264.mkv", "MKV")] {
        let err =
            refused(&mut lib, "media_unsupported_format", attach_path(&course, &fixture(file)));
        names_file_and_fix(&err, file, format, "H.264/AAC");
    }
    let wmv = write(
        dir.path(),
        "antigo.wmv",
        &[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0, 0xAA],
    );
    refused(&mut lib, "media_unsupported_format", attach_path(&course, &wmv));
}

#[test]
fn a_cancelled_copy_leaves_nothing() {
    let (dir, mut lib, course) = library_with_course();
    let big = large_mp4(dir.path(), 32 * 1024 * 1024);
    let err = refused(&mut lib, "cancelled", |lib| {
        lib.attach_media(&course, &big, None, |p| {
            if p.done >= 8 * 1024 * 1024 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
    });
    assert!(err.message(Lang::Pt).contains("Nada foi guardado"));
    refused(&mut lib, "cancelled", |lib| {
        lib.attach_media(&course, &big, None, |_| ControlFlow::Break(()))
    });
}

#[test]
fn an_io_error_mid_read_leaves_nothing() {
    let (_dir, mut lib, course) = library_with_course();
    let mut data = std::fs::read(fixture("h264-aac-faststart.mp4")).unwrap();
    data.resize(5 * 1024 * 1024, 0);
    let err = refused(&mut lib, "media_read_failed", |lib| {
        let mut reader = FailingReader { data, pos: 0, fail_after: 3 * 1024 * 1024 + 17 };
        lib.attach_media_reader(
            &course,
            &mut reader,
            Path::new("/media/pen/entrevista.mp4"),
            Some(5 << 20),
            None,
            no_progress,
        )
    });
    names_file_and_fix(&err, "/media/pen/entrevista.mp4", "pen USB", "USB stick");
    assert!(err.message(Lang::En).contains("device removed"));
    // Bytes that arrive whole but are not media are also cleaned up after the copy.
    refused(&mut lib, "media_unknown_format", |lib| {
        let mut reader = std::io::Cursor::new(vec![b'x'; 3 * 1024 * 1024]);
        lib.attach_media_reader(
            &course,
            &mut reader,
            Path::new("pipe.mp4"),
            None,
            None,
            no_progress,
        )
    });
    refused(&mut lib, "media_empty_file", |lib| {
        lib.attach_media_reader(
            &course,
            &mut std::io::empty(),
            Path::new("pipe.mp4"),
            None,
            None,
            no_progress,
        )
    });
}

#[test]
fn a_full_disk_leaves_nothing() {
    let Some(disk) = SmallDisk::new("2m") else { return };
    let (mut lib, course) = open_with_course(disk.dir.path());
    let source = tempfile::tempdir().unwrap();
    let big = large_mp4(source.path(), 4 * 1024 * 1024);
    let err =
        refused(&mut lib, "disk_full", |lib| lib.attach_media(&course, &big, None, no_progress));
    // The core says what happened and what to do in plain words; the CLI adds
    // `juntos gc` itself (src/cli/advice.rs), the app its own sentence.
    assert!(
        err.message(Lang::Pt).contains("cheio")
            && err.message(Lang::En).contains("Free some space")
    );
    // The library still works: a small file fits.
    lib.attach_media(&course, &fixture("testsrc.png"), None, no_progress).unwrap();
    drop(lib);
}
