//! Captions per language: SRT converted to WebVTT, VTT cleaned, every
//! broken file refused with its line, nothing stored on error.

use std::path::Path;

use juntos::model::Lang;
use juntos::Library;

use crate::support::{attach, fixture, library_with_course};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn video(lib: &mut Library, course: &str) -> String {
    attach(lib, course, "h264-aac-faststart.mp4").name
}

#[test]
fn portuguese_srt_becomes_webvtt_and_english_vtt_is_cleaned() {
    let (_dir, mut lib, course) = library_with_course();
    let name = video(&mut lib, &course);
    let info = lib.set_captions(&course, &name, Lang::Pt, &fixture("legendas-pt.srt")).unwrap();
    assert_eq!((info.cues, info.source_name.as_str(), info.lang), (2, "legendas-pt.srt", Lang::Pt));
    let vtt = lib.captions(&course, &name, Lang::Pt).unwrap().unwrap();
    assert_eq!(
        vtt,
        "WEBVTT\n\n00:00:00.000 --> 00:00:00.800\nBom dia! Hoje falamos de eleições.\n\n\
         00:00:00.800 --> 00:00:01.500\nA participação de todos é importante:\n<i>votação, educação cívica, ação.</i>\n"
    );
    lib.set_captions(&course, &name, Lang::En, &fixture("captions-en.vtt")).unwrap();
    let vtt = lib.captions(&course, &name, Lang::En).unwrap().unwrap();
    assert!(vtt.starts_with("WEBVTT\n\n00:00:00.000 --> 00:00:00.800\nGood morning!"), "{vtt}");
    assert!(vtt.contains("00:00:00.800 --> 00:00:01.500 align:start\nEveryone's"), "{vtt}");
    assert!(!vtt.contains("NOTE") && !vtt.contains("intro"), "{vtt}");
    assert_eq!(lib.media(&course, &name).unwrap().captions, [Lang::Pt, Lang::En]);

    // Replace, then remove.
    let dir = tempfile::tempdir().unwrap();
    let one = write(dir.path(), "uma.srt", b"1\n00:00:00,000 --> 00:00:01,000\nUma s\xc3\xb3\n");
    assert_eq!(lib.set_captions(&course, &name, Lang::Pt, &one).unwrap().cues, 1);
    assert!(lib.remove_captions(&course, &name, Lang::Pt).unwrap());
    assert!(!lib.remove_captions(&course, &name, Lang::Pt).unwrap());
    assert_eq!(lib.captions(&course, &name, Lang::Pt).unwrap(), None);
}

/// The Portuguese captions as trainers have them: saved by Windows tools in
/// "ANSI" (Windows-1252) or as Notepad's "Unicode" (UTF-16), read as the
/// same text as the UTF-8 file, saying what was assumed when it was guessed.
#[test]
fn captions_in_windows_1252_and_utf16_are_converted_and_say_what_was_assumed() {
    let (_dir, mut lib, course) = library_with_course();
    let name = video(&mut lib, &course);
    let utf8 = lib.set_captions(&course, &name, Lang::Pt, &fixture("legendas-pt.srt")).unwrap();
    assert_eq!((utf8.encoding.as_str(), utf8.encoding_assumed), ("UTF-8", false));
    let expected = lib.captions(&course, &name, Lang::Pt).unwrap().unwrap();
    assert!(expected.contains("eleições") && expected.contains("participação"));
    for (file, encoding, assumed) in [
        ("legendas-pt-windows1252.srt", "windows-1252", true),
        ("legendas-pt-utf16-notepad.srt", "UTF-16LE", false),
        ("legendas-pt-utf16le-sem-bom.srt", "UTF-16LE", true),
    ] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        assert!(std::str::from_utf8(&bytes).is_err(), "{file} is really not UTF-8");
        let info = lib.set_captions(&course, &name, Lang::Pt, &fixture(file)).unwrap();
        assert_eq!((info.encoding.as_str(), info.encoding_assumed), (encoding, assumed), "{file}");
        assert_eq!(info.cues, 2, "{file}");
        let vtt = lib.captions(&course, &name, Lang::Pt).unwrap().unwrap();
        assert_eq!(vtt, expected, "{file} reads as the same text");
    }
}

#[test]
fn broken_caption_files_are_refused_with_their_line_and_nothing_is_stored() {
    let (_dir, mut lib, course) = library_with_course();
    let name = video(&mut lib, &course);
    let dir = tempfile::tempdir().unwrap();
    let revision = lib.course(&course).unwrap().revision;
    let cases: Vec<(&str, &[u8], &str, usize, &str)> = vec![
        (
            "hora.srt",
            b"1\n00:00:00,000 --> 00:00:01,000\nUm\n\n2\n00:00:01,000 --> 00:00:xx,500\nDois\n",
            "caption_parse",
            6,
            "00:00:xx,500",
        ),
        ("seta.srt", b"1\n00:00:00,000 00:00:01,000\nUm\n", "caption_parse", 2, "-->"),
        (
            "ao-contrario.srt",
            b"1\n00:00:05,000 --> 00:00:04,000\nUm\n",
            "caption_parse",
            2,
            "antes de começar",
        ),
        (
            "ordem.srt",
            b"1\n00:00:05,000 --> 00:00:06,000\nUm\n\n2\n00:00:01,000 --> 00:00:02,000\nDois\n",
            "caption_parse",
            6,
            "por ordem",
        ),
        ("vazio.srt", b"\n\n", "caption_parse", 1, "não tem legendas"),
        (
            "sem-cabecalho.vtt",
            b"00:00.000 --> 00:01.000\nOl\xc3\xa1\n",
            "caption_parse",
            1,
            "WEBVTT",
        ),
        ("minutos.vtt", b"WEBVTT\n\n00:61.000 --> 01:02.000\nx\n", "caption_parse", 3, "00:61.000"),
    ];
    for (file, bytes, code, line, words) in cases {
        let path = write(dir.path(), file, bytes);
        let err = lib.set_captions(&course, &name, Lang::Pt, &path).unwrap_err();
        assert_eq!(err.code(), code, "{file}: {err:?}");
        let message = err.message(Lang::Pt);
        assert!(message.contains(&format!("linha {line}")), "{file}: {message}");
        assert!(message.contains(words), "{file}: {message}");
        assert!(message.contains(file), "{file}: the message names the file: {message}");
        assert!(err.message(Lang::En).contains(&format!("line {line}")));
    }
    let not_captions = write(dir.path(), "notas.txt", b"Apenas notas, sem tempos.\n");
    assert_eq!(
        lib.set_captions(&course, &name, Lang::Pt, &not_captions).unwrap_err().code(),
        "caption_unsupported_format"
    );
    assert_eq!(
        lib.set_captions(&course, &name, Lang::Pt, &dir.path().join("nada.srt"))
            .unwrap_err()
            .code(),
        "media_not_found"
    );
    assert_eq!(
        lib.set_captions(&course, &name, Lang::Pt, dir.path()).unwrap_err().code(),
        "media_is_directory"
    );
    assert_eq!(lib.captions(&course, &name, Lang::Pt).unwrap(), None);
    assert_eq!(lib.course(&course).unwrap().revision, revision);
}

#[test]
fn lenient_where_it_is_safe() {
    let (_dir, mut lib, course) = library_with_course();
    let name = video(&mut lib, &course);
    let dir = tempfile::tempdir().unwrap();
    // BOM, CRLF, no blank line between cues, overlapping cues, "-->" in text.
    let srt = b"\xef\xbb\xbf1\r\n00:00:00,000 --> 00:00:02,000\r\nA --> B\r\n2\r\n00:00:01,000 --> 00:00:03,000\r\nSegunda\r\n";
    let path = write(dir.path(), "desleixado.srt", srt);
    assert_eq!(lib.set_captions(&course, &name, Lang::Pt, &path).unwrap().cues, 2);
    let vtt = lib.captions(&course, &name, Lang::Pt).unwrap().unwrap();
    assert_eq!(vtt, "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nA -> B\n\n00:00:01.000 --> 00:00:03.000\nSegunda\n");
}

#[test]
fn images_have_no_captions() {
    let (_dir, mut lib, course) = library_with_course();
    let image = attach(&mut lib, &course, "testsrc.png");
    let err =
        lib.set_captions(&course, &image.name, Lang::Pt, &fixture("legendas-pt.srt")).unwrap_err();
    assert_eq!(err.code(), "captions_need_video");
    let err =
        lib.set_captions(&course, "nada.mp4", Lang::Pt, &fixture("legendas-pt.srt")).unwrap_err();
    assert_eq!(err.code(), "media_item_not_found");
}
