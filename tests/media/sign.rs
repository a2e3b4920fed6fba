//! Sign-language interpreters (issue 16): the link between a video and its
//! interpreter video, the course's "needs interpretation" setting and its
//! flags, and the link carried everywhere captions go — a duplicate, the
//! bin, a `.juntos` package, a saved revision, unpacked and SCORM exports —
//! on real SQLite and real media fixtures; then the `juntos` binary.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use juntos::media::{Interpreter, MediaWarning};
use juntos::model::Lang;
use juntos::package::{ExportOptions, ImportOptions, Languages};
use juntos::Library;
use serde_json::Value;

use crate::support::{attach, fixture, library_with_course, snapshot};

#[path = "../common/zip_entries.rs"]
mod zip_entries_file;

fn go<T>(_: T) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

/// A course with a video `aula.mp4`, an interpreter `interprete.mp4` (other
/// bytes) and an image.
fn course_with_videos() -> (tempfile::TempDir, Library, String) {
    let (dir, mut lib, course) = library_with_course();
    lib.attach_media(&course, &fixture("h264-aac-faststart.mp4"), Some("aula.mp4"), go).unwrap();
    lib.attach_media(&course, &fixture("h264-aac-moov-at-end.mp4"), Some("interprete.mp4"), go)
        .unwrap();
    attach(&mut lib, &course, "testsrc.png");
    lib.set_org_name("Televisão Gestual").unwrap();
    (dir, lib, course)
}

fn links(lib: &Library, course: &str, name: &str) -> Vec<Interpreter> {
    lib.media(course, name).unwrap().interpreters
}

fn both(offset_ms: i64) -> Vec<Interpreter> {
    vec![Interpreter { lang: None, media: "interprete.mp4".into(), offset_ms }]
}

#[test]
fn a_video_gets_an_interpreter_per_language_or_for_both() {
    let (_dir, mut lib, course) = course_with_videos();
    let revision = lib.course(&course).unwrap().revision;
    let item = lib.set_interpreter(&course, "AULA.mp4", "interprete.mp4", None, 500).unwrap();
    assert_eq!(item.interpreters, both(500));
    assert_eq!(lib.course(&course).unwrap().revision, revision + 1, "a link is a change");
    // English gets its own; Portuguese keeps the one for both.
    lib.attach_media(&course, &fixture("vp9-opus.webm"), Some("interprete-en.webm"), go).unwrap();
    lib.set_interpreter(&course, "aula.mp4", "interprete-en.webm", Some(Lang::En), -500).unwrap();
    let item = lib.media(&course, "aula.mp4").unwrap();
    assert_eq!(
        juntos::media::sign::interpreter_for(&item, Lang::Pt).unwrap().media,
        "interprete.mp4"
    );
    let en = juntos::media::sign::interpreter_for(&item, Lang::En).unwrap();
    assert_eq!((en.media.as_str(), en.offset_ms), ("interprete-en.webm", -500));
    // The list shows the links too.
    let listed = lib.list_media(&course).unwrap();
    assert_eq!(
        listed.iter().find(|m| m.name == "aula.mp4").unwrap().interpreters,
        item.interpreters
    );
    // One for both replaces the per-language ones.
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, 0).unwrap();
    assert_eq!(links(&lib, &course, "aula.mp4"), both(0));
    // Unsign: per language (nothing there), then all.
    assert!(!lib.remove_interpreter(&course, "aula.mp4", Some(Lang::En)).unwrap());
    assert!(lib.remove_interpreter(&course, "aula.mp4", None).unwrap());
    assert!(links(&lib, &course, "aula.mp4").is_empty());
    assert!(lib.media(&course, "interprete.mp4").is_ok(), "the interpreter stays in the course");
    // Detaching the interpreter takes the link with it.
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, 0).unwrap();
    lib.detach_media(&course, "interprete.mp4").unwrap();
    assert!(links(&lib, &course, "aula.mp4").is_empty());
}

#[test]
fn bad_links_are_refused_and_change_nothing() {
    let (_dir, mut lib, course) = course_with_videos();
    let before = snapshot(&lib);
    let code = |r: juntos::Result<juntos::media::MediaItem>| r.unwrap_err().code();
    assert_eq!(
        code(lib.set_interpreter(&course, "aula.mp4", "testsrc.png", None, 0)),
        "sign_not_a_video"
    );
    assert_eq!(
        code(lib.set_interpreter(&course, "testsrc.png", "aula.mp4", None, 0)),
        "sign_not_a_video"
    );
    assert_eq!(
        code(lib.set_interpreter(&course, "aula.mp4", "aula.mp4", None, 0)),
        "sign_same_video"
    );
    assert_eq!(
        code(lib.set_interpreter(&course, "aula.mp4", "nada.mp4", None, 0)),
        "media_item_not_found"
    );
    // An offset beyond the interpreter (positive) or the video (negative).
    let long = lib.media(&course, "interprete.mp4").unwrap().duration_ms.unwrap() as i64;
    let err = lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, long).unwrap_err();
    assert_eq!(err.code(), "sign_offset_outside");
    assert!(err.message(Lang::Pt).contains("interprete.mp4"), "{}", err.message(Lang::Pt));
    assert_eq!(err.fields()["name"], "interprete.mp4");
    let err =
        lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, -3_600_000).unwrap_err();
    assert_eq!(err.code(), "sign_offset_outside");
    assert_eq!(snapshot(&lib), before, "nothing changed");
    // Attaching a file that is not a video as an interpreter keeps nothing.
    let items = lib.list_media(&course).unwrap();
    let err = lib
        .attach_interpreter(&course, "aula.mp4", &fixture("testsrc.jpg"), None, None, 0, go)
        .unwrap_err();
    assert_eq!(err.code(), "sign_not_a_video");
    assert_eq!(lib.list_media(&course).unwrap(), items);
}

/// Every blob file in the library's media store.
fn blobs(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join("media"), &mut out);
    out.sort();
    out
}

#[test]
fn an_interpreter_file_is_probed_before_a_byte_is_copied() {
    let (dir, mut lib, course) = course_with_videos();
    let before = snapshot(&lib);
    let stored = blobs(dir.path());
    assert!(!stored.is_empty());
    // A sound, not a video: refused with the name it would have had.
    let err = lib
        .attach_interpreter(&course, "aula.mp4", &fixture("sine.m4a"), Some("lgp.m4a"), None, 0, go)
        .unwrap_err();
    assert_eq!(err.code(), "sign_not_a_video");
    assert_eq!(err.fields()["name"], "lgp.m4a");
    // An offset beyond the interpreter file's own length (known by probing it).
    let err = lib
        .attach_interpreter(
            &course,
            "aula.mp4",
            &fixture("vp9-opus.webm"),
            None,
            None,
            3_600_000,
            go,
        )
        .unwrap_err();
    assert_eq!(err.code(), "sign_offset_outside");
    assert_eq!(err.fields()["name"], "vp9-opus.webm");
    assert!(err.message(Lang::En).contains("vp9-opus.webm"), "{}", err.message(Lang::En));
    // Nothing was copied into the library, nothing changed.
    assert_eq!(blobs(dir.path()), stored, "no blob was written");
    assert_eq!(snapshot(&lib), before);
}

#[test]
fn notes_say_a_different_length_and_a_sound_without_refusing() {
    let (_dir, mut lib, course) = course_with_videos();
    let item = lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, 0).unwrap();
    let main = lib.media(&course, "aula.mp4").unwrap();
    let interp = lib.media(&course, "interprete.mp4").unwrap();
    assert_eq!(item.interpreters.len(), 1, "linked");
    let mut longer = interp.clone();
    longer.duration_ms = main.duration_ms.map(|d| d + 5_000);
    longer.audio_codec = None;
    let notes = juntos::media::sign::notes(&main, &longer);
    let codes: Vec<&str> = notes.iter().map(|n| n.code()).collect();
    assert_eq!(codes, ["sign_length_differs"]);
    assert!(notes[0].message(Lang::Pt).contains("durações diferentes"));
    assert!(notes[0].message(Lang::En).contains("differ in length"));
    let mut same = interp.clone();
    same.duration_ms = main.duration_ms;
    same.audio_codec = Some("mp4a.40.2".into());
    let codes: Vec<&str> =
        juntos::media::sign::notes(&main, &same).iter().map(|n| n.code()).collect();
    assert_eq!(codes, ["sign_has_audio"]);
    same.audio_codec = None;
    assert!(juntos::media::sign::notes(&main, &same).is_empty());
}

#[test]
fn a_course_that_needs_interpretation_flags_videos_without_one() {
    let (_dir, mut lib, course) = course_with_videos();
    let status = lib.media_status(&course).unwrap();
    assert!(!status.sign_required);
    let flagged = |lib: &Library| -> Vec<(String, Lang)> {
        lib.media_status(&course)
            .unwrap()
            .items
            .into_iter()
            .flat_map(|i| {
                let name = i.name.clone();
                i.warnings.into_iter().filter_map(move |w| match w {
                    MediaWarning::MissingInterpreter { lang } => Some((name.clone(), lang)),
                    _ => None,
                })
            })
            .collect()
    };
    assert!(flagged(&lib).is_empty(), "not asked for: nothing flagged");
    assert!(lib.set_sign_required(&course, true).unwrap());
    assert!(lib.media_status(&course).unwrap().sign_required);
    // Both videos are flagged in both languages until one is the other's interpreter.
    assert_eq!(flagged(&lib).len(), 4);
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", Some(Lang::Pt), 0).unwrap();
    assert_eq!(flagged(&lib), vec![("aula.mp4".to_string(), Lang::En)]);
    let status = lib.translation_status(&course).unwrap();
    let missing = status.missing_interpreters.expect("translation status says it");
    assert_eq!((missing[0].name.as_str(), missing[0].langs.clone()), ("aula.mp4", vec![Lang::En]));
    // The interpreter itself wants no captions nor interpreter.
    let status = lib.media_status(&course).unwrap();
    let interp = status.items.iter().find(|i| i.name == "interprete.mp4").unwrap();
    assert!(interp.warnings.iter().all(|w| !matches!(w, MediaWarning::MissingCaptions { .. })));
    assert_eq!((status.videos, status.videos_interpreted), (1, 0));
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, 0).unwrap();
    assert!(flagged(&lib).is_empty());
    assert_eq!(lib.media_status(&course).unwrap().videos_interpreted, 1);
    assert!(lib.translation_status(&course).unwrap().missing_interpreters.is_none());
    assert!(lib.set_sign_required(&course, false).unwrap());
    assert!(!lib.sign_status(&course).unwrap().required);
}

#[test]
fn a_duplicate_and_the_bin_keep_the_links_and_the_setting() {
    let (_dir, mut lib, course) = course_with_videos();
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, 250).unwrap();
    lib.set_sign_required(&course, true).unwrap();
    let copy = lib.duplicate_course(&course).unwrap();
    assert_eq!(links(&lib, &copy.id, "aula.mp4"), both(250));
    assert!(lib.sign_status(&copy.id).unwrap().required);
    lib.delete_course(&course).unwrap();
    lib.restore_deleted_course(&course).unwrap();
    assert_eq!(links(&lib, &course, "aula.mp4"), both(250));
    assert!(lib.sign_status(&course).unwrap().required);
}

fn export(lib: &mut Library, course: &str, to: &Path, languages: Languages) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    let options = ExportOptions { to: Some(to.to_path_buf()), languages, overwrite: false };
    lib.export_course(course, &options, go).unwrap().path
}

fn import(lib: &mut Library, package: &Path) -> juntos::package::ImportReport {
    lib.import_package(package, &ImportOptions { trust: true, ..Default::default() }, go).unwrap()
}

#[test]
fn a_package_carries_the_link_and_a_saved_revision_keeps_it() {
    let (dir, mut lib, course) = course_with_videos();
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", Some(Lang::Pt), 1200).unwrap();
    lib.set_sign_required(&course, true).unwrap();
    // A package carries only what lessons show (issue 13 item 10): a lesson shows the video.
    let module = lib.add_module(&course, "Módulo", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Aula", Lang::Pt, None).unwrap();
    let body = "![Aula](media:aula.mp4)";
    lib.set_lesson_text(&lesson.id, juntos::model::LessonField::Body, Lang::Pt, body).unwrap();
    let package = export(&mut lib, &course, &dir.path().join("out"), Languages::Both);
    // course.json says it, the interpreter's bytes are an entry.
    let entries: BTreeMap<String, Vec<u8>> =
        zip_entries_file::read_entries(&package).into_iter().collect();
    let course_json: Value = serde_json::from_slice(&entries["course.json"]).unwrap();
    assert_eq!(course_json["sign_language"], true);
    let aula =
        course_json["media"].as_array().unwrap().iter().find(|m| m["name"] == "aula.mp4").unwrap();
    assert_eq!(
        aula["interpreters"],
        serde_json::json!([{ "lang": "pt", "media": "interprete.mp4", "offset_ms": 1200 }])
    );
    let interp = lib.media(&course, "interprete.mp4").unwrap();
    assert!(entries.contains_key(&format!("media/{}.mp4", interp.sha256)));

    // Into another library: the link and the setting arrive.
    let other = tempfile::tempdir().unwrap();
    let mut theirs = Library::open(other.path()).unwrap();
    let report = import(&mut theirs, &package);
    assert_eq!(links(&theirs, &report.course_id, "aula.mp4")[0].offset_ms, 1200);
    assert!(theirs.sign_status(&report.course_id).unwrap().required);

    // A newer revision replaces it there: the replaced one is saved with
    // its link, and restoring it brings the link back.
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, 0).unwrap();
    let newer = export(&mut lib, &course, &dir.path().join("out2"), Languages::Both);
    let updated = import(&mut theirs, &newer);
    assert!(
        matches!(updated.outcome, juntos::package::ImportOutcome::Updated { .. }),
        "{updated:?}"
    );
    assert_eq!(links(&theirs, &course, "aula.mp4"), both(0));
    let saved = theirs.saved_revisions(&course).unwrap();
    theirs.restore_revision(&course, saved[0].revision).unwrap();
    assert_eq!(links(&theirs, &course, "aula.mp4")[0].lang, Some(Lang::Pt));
    assert_eq!(links(&theirs, &course, "aula.mp4")[0].offset_ms, 1200);
}

/// A lesson in a new module that shows `aula.mp4` in both languages.
fn lesson_showing_the_video(lib: &mut Library, course: &str) {
    let module = lib.add_module(course, "Módulo", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Lição", Lang::Pt, None).unwrap();
    for lang in Lang::ALL {
        let body = "![Aula](media:aula.mp4)\n";
        lib.set_lesson_text(&lesson.id, juntos::model::LessonField::Body, lang, body).unwrap();
    }
}

#[test]
fn one_language_unpacked_and_scorm_exports_carry_the_interpreter() {
    let (dir, mut lib, course) = course_with_videos();
    lesson_showing_the_video(&mut lib, &course);
    lib.attach_media(&course, &fixture("vp9-opus.webm"), Some("interprete-en.webm"), go).unwrap();
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, 700).unwrap();
    lib.set_interpreter(&course, "aula.mp4", "interprete-en.webm", Some(Lang::En), -300).unwrap();
    let interp = lib.media(&course, "interprete.mp4").unwrap();
    let interp_en = lib.media(&course, "interprete-en.webm").unwrap();
    let aula = lib.media(&course, "aula.mp4").unwrap();
    let pt_path = format!("media/{}.mp4", interp.sha256);
    let en_path = format!("media/{}.webm", interp_en.sha256);

    // Unpacked: the player's data names each language's interpreter, and the files are there.
    let options = ExportOptions {
        to: Some(dir.path().join("pen/curso")),
        languages: Languages::Both,
        overwrite: false,
    };
    std::fs::create_dir_all(dir.path().join("pen")).unwrap();
    let folder = lib.export_unpacked(&course, &options, go).unwrap().path;
    let data = player_data(&std::fs::read(folder.join("player/course-data.js")).unwrap());
    let video = &data["media"][format!("media/{}.mp4", aula.sha256)];
    assert_eq!(video["interpreter"]["pt"], serde_json::json!({ "src": pt_path, "offset_ms": 700 }));
    assert_eq!(
        video["interpreter"]["en"],
        serde_json::json!({ "src": en_path, "offset_ms": -300 })
    );
    assert!(folder.join(&pt_path).is_file() && folder.join(&en_path).is_file());

    // A Portuguese-only package: the Portuguese interpreter and its file only.
    let package = export(&mut lib, &course, &dir.path().join("pt"), Languages::Pt);
    let entries: BTreeMap<String, Vec<u8>> =
        zip_entries_file::read_entries(&package).into_iter().collect();
    assert!(
        entries.contains_key(&pt_path) && !entries.contains_key(&en_path),
        "{:?}",
        entries.keys()
    );
    let course_json: Value = serde_json::from_slice(&entries["course.json"]).unwrap();
    let item =
        course_json["media"].as_array().unwrap().iter().find(|m| m["name"] == "aula.mp4").unwrap();
    assert_eq!(
        item["interpreters"],
        serde_json::json!([{ "lang": null, "media": "interprete.mp4", "offset_ms": 700 }])
    );

    // SCORM 1.2: the interpreter's file and the player's data, listed in imsmanifest.xml.
    std::fs::create_dir_all(dir.path().join("lms")).unwrap();
    let report = lib
        .export_lms(
            &course,
            &ExportOptions { to: Some(dir.path().join("lms")), ..Default::default() },
            juntos::scorm::LmsFormat::Scorm12,
            go,
        )
        .unwrap();
    let entries: BTreeMap<String, Vec<u8>> =
        zip_entries_file::read_entries(&report.path).into_iter().collect();
    assert!(entries.contains_key(&pt_path) && entries.contains_key(&en_path));
    let manifest = String::from_utf8(entries["imsmanifest.xml"].clone()).unwrap();
    assert!(manifest.contains(&pt_path), "imsmanifest.xml lists the interpreter");
    let data = player_data(&entries["player/course-data.js"]);
    assert_eq!(
        data["media"][format!("media/{}.mp4", aula.sha256)]["interpreter"]["pt"]["src"],
        pt_path
    );
}

/// `window.JUNTOS_COURSE` of a `player/course-data.js`.
fn player_data(js: &[u8]) -> Value {
    let js = std::str::from_utf8(js).unwrap();
    let start = js.find("window.JUNTOS_COURSE = ").unwrap() + "window.JUNTOS_COURSE = ".len();
    serde_json::from_str(js[start..].trim_end().strip_suffix(';').unwrap()).unwrap()
}

#[test]
fn a_package_whose_link_names_no_video_of_the_course_is_invalid() {
    let (_dir, mut lib, course) = course_with_videos();
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, 0).unwrap();
    let mut pc: juntos::package::course_file::PackageCourse = serde_json::from_value(
        serde_json::json!({ "course": lib.course(&course).unwrap(), "media": [] }),
    )
    .unwrap();
    let item = lib.media(&course, "aula.mp4").unwrap();
    pc.media.push(juntos::package::import::package_media(item, Vec::new()));
    let err = juntos::package::course_file::validate(&pc).unwrap_err();
    assert!(err.contains("interprete.mp4"), "{err}");
    let interp = lib.media(&course, "interprete.mp4").unwrap();
    pc.media.push(juntos::package::import::package_media(interp, Vec::new()));
    juntos::package::course_file::validate(&pc).unwrap();
    pc.media[0].interpreters[0].media = "testsrc.png".into();
    assert!(juntos::package::course_file::validate(&pc).is_err());
}

fn juntos(library: &Path) -> Command {
    let mut cmd = Command::cargo_bin("juntos").unwrap();
    cmd.env("JUNTOS_LIBRARY", library)
        .env("LANG", "pt_MZ.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd.arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_cli_signs_lists_and_unsigns() {
    let (dir, lib, course) = course_with_videos();
    let slug = lib.course(&course).unwrap().slug;
    drop(lib);
    let root = dir.path();
    // An existing media name, for both languages.
    juntos(root)
        .args(["media", "sign", &slug, "aula.mp4", "interprete.mp4", "--offset", "1"])
        .assert()
        .success();
    // A file, for Portuguese, with a negative offset: attached and linked.
    let out = json(
        juntos(root)
            .args(["media", "sign", &slug, "aula.mp4"])
            .arg(fixture("vp9-opus.webm"))
            .args(["--offset", "-0.5", "--lang", "pt", "--name", "lgp.webm"]),
    );
    assert_eq!(out["interpreter"]["name"], "lgp.webm");
    // Bad input that does not stop the link is said, with its code: the
    // interpreter's sound (Opus) is muted in the player.
    let notes: Vec<&str> =
        out["notes"].as_array().unwrap().iter().map(|n| n["code"].as_str().unwrap()).collect();
    assert!(notes.contains(&"sign_has_audio"), "{out}");
    let has_audio = out["notes"].as_array().unwrap().iter().find(|n| n["code"] == "sign_has_audio");
    assert!(has_audio.unwrap()["message"].as_str().unwrap().contains("sem volume"), "{out}");
    assert_eq!(
        out["media"]["interpreters"],
        serde_json::json!([
            { "lang": null, "media": "interprete.mp4", "offset_ms": 1000 },
            { "lang": "pt", "media": "lgp.webm", "offset_ms": -500 }
        ])
    );
    juntos(root).args(["media", "sign-required", &slug]).assert().success();
    let list = json(juntos(root).args(["media", "list", &slug]));
    let aula = list["items"].as_array().unwrap().iter().find(|m| m["name"] == "aula.mp4").unwrap();
    assert_eq!(aula["interpreters"].as_array().unwrap().len(), 2);
    assert_eq!(list["sign"]["required"], true);
    assert_eq!(list["sign"]["missing"], serde_json::json!([]));
    let text = juntos(root).args(["media", "list", &slug]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("intérprete de língua gestual (PT+EN): interprete.mp4  +1.0 s"),
        "{text}"
    );
    assert!(text.contains("Vídeos com intérprete de língua gestual: 1/1"), "{text}");
    // Unsign both: flagged in list and translation-status, warned before export.
    juntos(root).args(["media", "unsign", &slug, "aula.mp4"]).assert().success();
    let text = juntos(root).args(["media", "list", &slug]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("SEM INTÉRPRETE DE LÍNGUA GESTUAL: aula.mp4 (PT, EN)"), "{text}");
    let status = json(juntos(root).args(["translation-status", &slug]));
    assert_eq!(status["missing_interpreters"][0]["name"], "aula.mp4");
    std::fs::create_dir_all(root.join("out")).unwrap();
    let export =
        juntos(root).args(["export", &slug, "--to"]).arg(root.join("out")).output().unwrap();
    assert!(export.status.success());
    assert!(String::from_utf8_lossy(&export.stderr)
        .contains("sem intérprete de língua gestual: aula.mp4"));
    // Bad input: exit 1, a code, CLI advice.
    let out = juntos(root)
        .args([
            "media",
            "sign",
            &slug,
            "aula.mp4",
            "interprete.mp4",
            "--offset",
            "-99999",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| serde_json::from_slice(&out.stderr).unwrap());
    assert_eq!(err["error"]["code"], "sign_offset_outside", "{err}");
    let out =
        juntos(root).args(["media", "sign", &slug, "aula.mp4", "testsrc.png"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("juntos media list"));
}
