//! SCORM 1.2 and Kolibri HTML5 exports: what the zips hold, the manifest
//! against our own SCORM 1.2 checker (`checker.rs`), stable identifiers,
//! deterministic and atomic writing, the CLI.
//!
//! With `JUNTOS_SCORM_SAMPLE=DIR` set, `writes_the_samples_for_the_browser_tests`
//! unzips into `DIR` the packages that `tests/scorm/*.test.mjs` open in
//! Chromium (`scripts/test-scorm.sh` does both): `scorm` (the course with
//! media as SCORM 1.2), `html5` (the same as a Kolibri HTML5 zip) and `big`
//! (a first module of 2,000 lessons with quizzes, for the
//! `cmi.suspend_data` limit of one module's SCO, and a second of 100).

mod checker;
#[path = "../common/civic_course.rs"]
mod civic_course;
use civic_course::option;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use juntos::model::{
    Bilingual, Lang, Lesson, LessonField, Module, NewCourse, Question, QuestionKind, Quiz,
};
use juntos::package::{ExportOptions, Languages, Progress};
use juntos::scorm::LmsFormat;
use juntos::Library;

#[path = "../common/zip_entries.rs"]
mod zip_entries_file;

/// The entries of a zip by name.
fn zip_entries(package: &Path) -> BTreeMap<String, Vec<u8>> {
    zip_entries_file::read_entries(package).into_iter().collect()
}

fn go(_: Progress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

/// A new library: it holds the bundled sample course ("Apresentações eficazes").
fn seeded() -> (tempfile::TempDir, Library, String) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    let id = lib.list_courses().unwrap()[0].id.clone();
    (dir, lib, id)
}

fn export(
    lib: &mut Library,
    course: &str,
    to: &Path,
    languages: Languages,
    format: LmsFormat,
) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    let options = ExportOptions { to: Some(to.to_path_buf()), languages, overwrite: false };
    lib.export_lms(course, &options, format, go).unwrap().path
}

fn check(package: &Path) -> checker::Summary {
    let files = zip_entries(package);
    let names: BTreeSet<String> = files.keys().cloned().collect();
    let xml = std::str::from_utf8(&files["imsmanifest.xml"]).unwrap();
    match checker::check(xml, &names) {
        Ok(summary) => summary,
        Err(problems) => panic!(
            "{} is not a valid SCORM 1.2 package:\n{}\n{xml}",
            package.display(),
            problems.join("\n")
        ),
    }
}

const PLAYER: [&str; 4] =
    ["index.html", "player/course-data.js", "player/player.css", "player/player.js"];

/// The module ids the player reads back from `?module=…` (the test's own
/// percent-decoding, as a browser's `decodeURIComponent`).
fn module_of(parameters: &str) -> String {
    let value = parameters
        .strip_prefix("?module=")
        .unwrap_or_else(|| panic!("{parameters:?} is not ?module=…"));
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The manifest's items are the course's modules with lessons, in order,
/// titled in `lang` (in both, source first, when `lang` is `None`), each launching the player as a SCO
/// with `?module=<its id>`; the identifiers are unique.
fn assert_module_items(
    summary: &checker::Summary,
    course: &juntos::model::Course,
    lang: Option<Lang>,
) {
    let modules: Vec<&Module> = course.modules.iter().filter(|m| !m.lessons.is_empty()).collect();
    assert!(!modules.is_empty());
    assert_eq!(summary.items.len(), modules.len(), "{:?}", summary.items);
    for (item, module) in summary.items.iter().zip(&modules) {
        let title = match lang {
            Some(lang) => module.title.get(lang).to_string(),
            None => format!(
                "{} / {}",
                module.title.get(course.source_lang),
                module.title.get(course.source_lang.other())
            ),
        };
        assert_eq!(item.title, title, "{item:?}");
        let parameters = item.parameters.as_deref().expect("a module item has parameters");
        assert!(parameters.starts_with('?'), "{parameters}");
        assert_eq!(module_of(parameters), module.id);
        assert_eq!(item.scormtype.as_deref(), Some("sco"));
        assert_eq!(item.href.as_deref(), Some("index.html"));
        assert!(item.identifier.starts_with("MOD-"), "{}", item.identifier);
    }
    let unique: BTreeSet<&String> = summary.identifiers.iter().collect();
    assert_eq!(unique.len(), summary.identifiers.len(), "{:?}", summary.identifiers);
    assert_eq!(summary.launches.len(), modules.len());
}

#[test]
fn the_sample_course_as_scorm_passes_the_checker() {
    let (dir, mut lib, course) = seeded();
    let package =
        export(&mut lib, &course, &dir.path().join("out"), Languages::Both, LmsFormat::Scorm12);
    assert_eq!(package.file_name().unwrap(), "apresentacoes-eficazes.scorm12.zip");
    let summary = check(&package);
    let sample = lib.course(&course).unwrap();
    // Titles in the source language; in both when the course is completely translated.
    if juntos::model::course_status(&sample).is_complete() {
        assert_eq!(summary.organization_title, "Apresentações eficazes / Effective presentations");
        assert_module_items(&summary, &sample, None);
    } else {
        assert_eq!(summary.organization_title, "Apresentações eficazes");
        assert_module_items(&summary, &sample, Some(sample.source_lang));
    }
    assert!(!summary.items.iter().any(|i| i.title == summary.organization_title));
    assert!(sample.modules.len() > 1, "the sample has modules");
    let files = zip_entries(&package);
    for name in PLAYER {
        assert!(files.contains_key(name), "{name} in {:?}", files.keys());
    }
    for name in ["course.json", "manifest.json", "manifest.sig"] {
        assert!(!files.contains_key(name), "{name} is only for .juntos packages");
    }
    assert!(!dir.path().join("out/apresentacoes-eficazes.scorm12.zip.partial").exists());
}

#[test]
fn a_course_with_media_as_scorm_lists_every_file() {
    let (dir, mut lib, course) = civic_course::sample();
    let package =
        export(&mut lib, &course, &dir.path().join("out"), Languages::Both, LmsFormat::Scorm12);
    let summary = check(&package);
    assert_module_items(&summary, &lib.course(&course).unwrap(), Some(Lang::Pt));
    assert_eq!(
        summary.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
        ["Porquê votar", "No dia da eleição"]
    );
    let media: Vec<&String> = summary.files.iter().filter(|f| f.starts_with("media/")).collect();
    assert_eq!(media.len(), 2, "{media:?}");
    assert!(
        media.iter().any(|m| m.ends_with(".webm")) && media.iter().any(|m| m.ends_with(".png"))
    );
    // The files are those of the .juntos package, byte for byte.
    let juntos_pkg = {
        let to = dir.path().join("juntos");
        std::fs::create_dir_all(&to).unwrap();
        let options = ExportOptions { to: Some(to), languages: Languages::Both, overwrite: false };
        lib.export_course(&course, &options, go).unwrap().path
    };
    let ours = zip_entries(&package);
    let theirs = zip_entries(&juntos_pkg);
    for (name, bytes) in &ours {
        if name != "imsmanifest.xml" {
            assert!(theirs.get(name) == Some(bytes), "{name} differs from the .juntos package's");
        }
    }
    // Media stays stored (playable straight from the unzipped folder), text is deflated.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&package).unwrap()).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let stored = f.compression() == zip::CompressionMethod::Stored;
        assert_eq!(stored, f.name().starts_with("media/"), "{}", f.name());
    }
    // The manifest names the SCORM 1.2 namespaces and no schema files.
    let xml = String::from_utf8(ours["imsmanifest.xml"].clone()).unwrap();
    assert!(
        xml.contains("adlcp:scormtype=\"sco\"")
            && !xml.contains("schemaLocation")
            && !xml.contains("masteryscore")
    );
}

#[test]
fn identifiers_stay_and_bytes_repeat_across_exports() {
    let (dir, mut lib, course) = civic_course::sample();
    let a = export(&mut lib, &course, &dir.path().join("a"), Languages::Both, LmsFormat::Scorm12);
    let b = export(&mut lib, &course, &dir.path().join("b"), Languages::Both, LmsFormat::Scorm12);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "same course, same bytes");
    let h1 = export(&mut lib, &course, &dir.path().join("h1"), Languages::Both, LmsFormat::Html5);
    let h2 = export(&mut lib, &course, &dir.path().join("h2"), Languages::Both, LmsFormat::Html5);
    assert_eq!(std::fs::read(&h1).unwrap(), std::fs::read(&h2).unwrap());

    // A new revision of the course: new bytes, the same identifiers.
    let first = check(&a);
    let lesson = lib.course(&course).unwrap().modules[0].lessons[0].id.clone();
    lib.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, "Votar é participar nas decisões.")
        .unwrap();
    lib.add_lesson(
        &lib.course(&course).unwrap().modules[1].id.clone(),
        "Uma lição nova",
        Lang::Pt,
        None,
    )
    .unwrap();
    let c = export(&mut lib, &course, &dir.path().join("c"), Languages::Both, LmsFormat::Scorm12);
    assert_ne!(std::fs::read(&a).unwrap(), std::fs::read(&c).unwrap());
    let again = check(&c);
    assert_eq!(first.identifiers, again.identifiers);
    assert_eq!(first.items, again.items);
    assert!(first.identifiers.iter().all(|id| id.contains(&course)), "{:?}", first.identifiers);
    // A module added (first in the course): the other modules keep their
    // items' identifiers, the new one comes first in the contents.
    let added = lib.add_module(&course, "Antes de tudo", Lang::Pt, Some(1)).unwrap();
    lib.add_lesson(&added.id, "Boas-vindas", Lang::Pt, None).unwrap();
    let e = export(&mut lib, &course, &dir.path().join("e"), Languages::Both, LmsFormat::Scorm12);
    let grown = check(&e);
    assert_module_items(&grown, &lib.course(&course).unwrap(), Some(Lang::Pt));
    assert_eq!(grown.items[0].title, "Antes de tudo");
    assert_eq!(grown.items[1..], first.items[..]);
    assert!(first.identifiers.iter().all(|id| grown.identifiers.contains(id)));
    // Another course has other identifiers.
    let copy = lib.duplicate_course(&course).unwrap();
    let d = export(&mut lib, &copy.id, &dir.path().join("d"), Languages::Both, LmsFormat::Scorm12);
    let other = check(&d);
    assert!(other.identifiers.iter().all(|id| !first.identifiers.contains(id)));
}

#[test]
fn the_html5_zip_is_the_player_and_media_with_index_html_at_the_root() {
    let (dir, mut lib, course) = civic_course::sample();
    let package =
        export(&mut lib, &course, &dir.path().join("out"), Languages::Both, LmsFormat::Html5);
    assert_eq!(package.file_name().unwrap(), "educacao-civica.html5.zip");
    let files = zip_entries(&package);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names.iter().filter(|n| !n.starts_with("media/")).copied().collect::<Vec<_>>(),
        PLAYER
    );
    assert_eq!(names.iter().filter(|n| n.starts_with("media/")).count(), 2);
    let html = std::str::from_utf8(&files["index.html"]).unwrap();
    assert!(html.contains("connect-src 'none'") && html.contains("default-src 'none'"));
    for name in PLAYER {
        let text = std::str::from_utf8(&files[name]).unwrap();
        assert!(
            !text.contains("http://") && !text.contains("https://www.")
                || name == "player/course-data.js",
            "{name} names the network"
        );
    }
}

#[test]
fn one_language_exports_are_named_and_titled_in_it() {
    let (dir, mut lib, course) = civic_course::sample();
    let package =
        export(&mut lib, &course, &dir.path().join("out"), Languages::En, LmsFormat::Scorm12);
    assert_eq!(package.file_name().unwrap(), "educacao-civica.en.scorm12.zip");
    let summary = check(&package);
    assert_eq!(summary.organization_title, "Civic education: voting in the community");
    assert_module_items(&summary, &lib.course(&course).unwrap(), Some(Lang::En));
    assert_eq!(
        summary.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
        ["Why vote", "On election day"]
    );
    let html5 = export(&mut lib, &course, &dir.path().join("out"), Languages::Pt, LmsFormat::Html5);
    assert_eq!(html5.file_name().unwrap(), "educacao-civica.pt.html5.zip");
}

#[test]
fn lms_exports_are_atomic_and_never_replace_a_file_unasked() {
    let (dir, mut lib, course) = civic_course::sample();
    let out = dir.path().join("out");
    let package = export(&mut lib, &course, &out, Languages::Both, LmsFormat::Scorm12);
    let before = std::fs::read(&package).unwrap();
    let options =
        ExportOptions { to: Some(out.clone()), languages: Languages::Both, overwrite: false };
    let err = lib.export_lms(&course, &options, LmsFormat::Scorm12, go).unwrap_err();
    assert_eq!(err.code(), "export_target_exists");
    assert_eq!(std::fs::read(&package).unwrap(), before);
    let options =
        ExportOptions { to: Some(out.clone()), languages: Languages::Both, overwrite: true };
    lib.export_lms(&course, &options, LmsFormat::Scorm12, go).unwrap();
    // A cancel leaves nothing, under either name.
    let target = out.join("cancelled.zip");
    let options =
        ExportOptions { to: Some(target.clone()), languages: Languages::Both, overwrite: false };
    let err = lib
        .export_lms(&course, &options, LmsFormat::Html5, |_| ControlFlow::Break(()))
        .unwrap_err();
    assert_eq!(err.code(), "cancelled");
    assert!(!target.exists() && !out.join("cancelled.zip.partial").exists());
    let mut left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["educacao-civica.scorm12.zip"]);
}

#[test]
fn the_cli_exports_scorm_and_html5() {
    let (dir, lib, _course) = civic_course::sample();
    drop(lib);
    let out = dir.path().join("lms");
    std::fs::create_dir(&out).unwrap();
    let juntos = || {
        let mut cmd = Command::cargo_bin("juntos").unwrap();
        cmd.env("JUNTOS_LIBRARY", dir.path())
            .env("LANG", "en_GB.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        cmd
    };
    let assert = juntos()
        .args(["export", "educacao-civica", "--format", "scorm12", "--to"])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("SCORM 1.2 package written")
            && stdout.contains("educacao-civica.scorm12.zip"),
        "{stdout}"
    );
    check(&out.join("educacao-civica.scorm12.zip"));
    let assert = juntos()
        .args(["--json", "export", "educacao-civica", "--format", "html5", "--to"])
        .arg(&out)
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(report["media"], 2);
    assert!(report["path"].as_str().unwrap().ends_with("educacao-civica.html5.zip"));
    // Again without --force: refused, with the stable code.
    let assert = juntos()
        .args(["export", "educacao-civica", "--format", "html5", "--to"])
        .arg(&out)
        .assert()
        .code(1);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("export_target_exists"));
    // A folder is only for .juntos packages.
    juntos()
        .args(["export", "educacao-civica", "--format", "scorm12", "--unpacked"])
        .arg(dir.path().join("x"))
        .assert()
        .failure();
    assert!(!dir.path().join("x").exists());
}

#[test]
fn the_cli_chooses_what_a_failed_quiz_reports() {
    let (dir, lib, _course) = civic_course::sample();
    drop(lib);
    let manifest_of = |folder: &str, extra: &[&str]| {
        let out = dir.path().join(folder);
        std::fs::create_dir(&out).unwrap();
        Command::cargo_bin("juntos")
            .unwrap()
            .env("JUNTOS_LIBRARY", dir.path())
            .args(["export", "educacao-civica", "--format", "scorm12"])
            .args(extra)
            .arg("--to")
            .arg(&out)
            .assert()
            .success();
        let zip = out.join("educacao-civica.scorm12.zip");
        check(&zip);
        String::from_utf8(zip_entries(&zip).remove("imsmanifest.xml").unwrap()).unwrap()
    };
    // By default a failed quiz reports "incomplete" (Moodle lets the learner retry).
    let default = manifest_of("default", &[]);
    assert!(default.contains("?module=") && !default.contains("failed=failed"), "{default}");
    assert_eq!(default, manifest_of("incomplete", &["--failed-status", "incomplete"]));
    // Asked for, every module item's launch parameters say so.
    let failed = manifest_of("failed", &["--failed-status", "failed"]);
    let modules = failed.matches("?module=").count();
    assert!(modules >= 1);
    assert_eq!(failed.matches("&amp;failed=failed").count(), modules, "{failed}");
    // A status the player does not know is a parse error, nothing written.
    Command::cargo_bin("juntos")
        .unwrap()
        .env("JUNTOS_LIBRARY", dir.path())
        .args(["export", "educacao-civica", "--format", "scorm12", "--failed-status", "passed"])
        .arg("--to")
        .arg(dir.path())
        .assert()
        .failure();
    assert!(!dir.path().join("educacao-civica.scorm12.zip").exists());
}

#[test]
fn the_checker_finds_what_is_wrong() {
    let (dir, mut lib, course) = civic_course::sample();
    let package =
        export(&mut lib, &course, &dir.path().join("out"), Languages::Both, LmsFormat::Scorm12);
    let files = zip_entries(&package);
    let names: BTreeSet<String> = files.keys().cloned().collect();
    let xml = String::from_utf8(files["imsmanifest.xml"].clone()).unwrap();
    assert!(checker::check(&xml, &names).is_ok());
    let ids = juntos::scorm::manifest::Identifiers::of(&course);
    let modules = lib.course(&course).unwrap().modules;
    let (first, second) = (ids.module_item(&modules[0].id), ids.module_item(&modules[1].id));
    assert!(xml.contains(&first) && xml.contains(&second));
    let media = names.iter().find(|n| n.starts_with("media/")).unwrap().clone();

    let broken = |xml: String, names: &BTreeSet<String>, expect: &str| {
        let problems = checker::check(&xml, names).expect_err(expect);
        assert!(problems.iter().any(|p| p.contains(expect)), "expected {expect:?} in {problems:?}");
    };
    let mut fewer = names.clone();
    fewer.remove(&media);
    broken(xml.clone(), &fewer, "is not in the zip");
    let mut more = names.clone();
    more.insert("player/extra.js".into());
    broken(xml.clone(), &more, "no resource lists it");
    broken(
        xml.replace(
            &format!("identifierref=\"{}\"", ids.resource),
            "identifierref=\"RES-nowhere\"",
        ),
        &names,
        "which is no resource",
    );
    broken(xml.replace(&second, &first), &names, "is used twice");
    broken(
        xml.replacen(&format!(" identifierref=\"{}\"", ids.resource), "", 1),
        &names,
        "launches nothing",
    );
    broken(
        xml.replace("parameters=\"?module=", "parameters=\"?module= "),
        &names,
        "with whitespace",
    );
    broken(xml.replace("parameters=", "parameter="), &names, "unknown attribute");
    let (from, to) = (xml.find("      <item ").unwrap(), xml.find("    </organization>").unwrap());
    broken(format!("{}{}", &xml[..from], &xml[to..]), &names, "holds no item");
    // The course's title once: no item may repeat it (Moodle shows the organisation above them).
    let org_title = checker::check(&xml, &names).unwrap().organization_title;
    let first_title = checker::check(&xml, &names).unwrap().items[0].title.clone();
    broken(
        xml.replacen(
            &format!("<title>{}</title>", first_title),
            &format!("<title>{}</title>", org_title),
            1,
        ),
        &names,
        "repeats the organization's title",
    );
    broken(
        xml.replace("adlcp:scormtype=\"sco\"", "adlcp:scormtype=\"asset\""),
        &names,
        "not a SCO",
    );
    broken(
        xml.replace(
            "<schemaversion>1.2</schemaversion>",
            "<schemaversion>2004 4th Edition</schemaversion>",
        ),
        &names,
        "schemaversion",
    );
    broken(
        xml.replace("imscp_rootv1p1p2", "imscp_v1p1"),
        &names,
        "not {http://www.imsproject.org/xsd/imscp_rootv1p1p2}manifest",
    );
    broken(xml.replace("adlcp_rootv1p2", "adlcp_v1p3"), &names, "adlcp prefix");
    broken(xml.replace("identifier=\"JUNTOS-", "identifier=\"1JUNTOS-"), &names, "NCName");
    broken(
        xml.replace("href=\"index.html\">", "href=\"../index.html\">"),
        &names,
        ". or .. component",
    );
    broken(
        xml.replace("href=\"index.html\">", "href=\"https://example.org/index.html\">"),
        &names,
        "not a relative path",
    );
    broken(xml.replace("</manifest>", "<extra/></manifest>"), &names, "unknown IMS CP element");
    broken(
        xml.replace("<title>", "<title> ").replace("</title>", "").replace("<title> ", "<title>"),
        &names,
        "not well-formed",
    );
    let mut without = names.clone();
    without.remove("imsmanifest.xml");
    broken(xml.clone(), &without, "not at the root");
}

/// A course of modules of `sizes` lessons, each lesson with a one-question
/// quiz (pass mark 50), built in memory from a real course (ids are made
/// up, stable).
fn big_course(lib: &Library, base: &str, sizes: &[usize]) -> juntos::model::Course {
    let mut course = lib.course(base).unwrap();
    let starts: Vec<usize> = sizes
        .iter()
        .scan(0, |at, n| {
            let s = *at;
            *at += n;
            Some(s)
        })
        .collect();
    course.modules = sizes
        .iter()
        .zip(starts)
        .enumerate()
        .map(|(m, (&n, start))| Module {
            id: format!("{:08x}-0000-4000-8000-{:012x}", 0xb16_0000 + m, m),
            title: Bilingual::new(
                format!("Módulo {}", m + 1),
                format!("Module {}", m + 1),
                Lang::Pt,
            ),
            lessons: (start..start + n)
                .map(|l| Lesson {
                    id: format!("{:08x}-1111-4000-8000-{:012x}", 0xb16_0000 + l, l),
                    title: Bilingual::new(
                        format!("Lição {}", l + 1),
                        format!("Lesson {}", l + 1),
                        Lang::Pt,
                    ),
                    body: Bilingual::new(
                        format!("Texto da lição {}.", l + 1),
                        format!("Text of lesson {}.", l + 1),
                        Lang::Pt,
                    ),
                    notes: Bilingual::default(),
                    minutes: 1,
                    quiz: Some(Quiz {
                        pass_mark: 50,
                        questions: vec![Question {
                            id: "q1".into(),
                            kind: QuestionKind::TrueFalse,
                            prompt: Bilingual::new("Certo?", "Right?", Lang::Pt),
                            options: vec![
                                option("t", "Verdadeiro", "True", true, "", ""),
                                option("f", "Falso", "False", false, "", ""),
                            ],
                            feedback: Bilingual::default(),
                        }],
                    }),
                })
                .collect(),
        })
        .collect();
    course
}

#[test]
fn a_big_course_is_still_a_valid_package() {
    let (dir, mut lib, course) = civic_course::sample();
    let big = big_course(&lib, &course, &[100; 20]);
    let target = dir.path().join("big.zip");
    write_in_memory(&mut lib, &big, &target);
    let summary = check(&target);
    // Every text of the big course is in both languages: so are the titles.
    assert!(juntos::model::course_status(&big).is_complete());
    assert_module_items(&summary, &big, None);
    assert_eq!(summary.items[0].title, "Módulo 1 / Module 1");
    let both = format!("{} / {}", big.title.get(Lang::Pt), big.title.get(Lang::En));
    assert_eq!(summary.organization_title, both);
    // One text left untranslated: the source language only.
    let mut partial = big.clone();
    partial.modules[0].lessons[0].body = Bilingual::new("Só em português.", "", Lang::Pt);
    let target = dir.path().join("partial.zip");
    write_in_memory(&mut lib, &partial, &target);
    let summary = check(&target);
    assert_eq!(summary.organization_title, big.title.get(Lang::Pt));
    assert_module_items(&summary, &partial, Some(Lang::Pt));
    assert_eq!(summary.launches.len(), 20);
}

/// Writes a course built in memory as a SCORM package at `target`.
fn write_in_memory(lib: &mut Library, course: &juntos::model::Course, target: &Path) {
    let org = lib.org_identity().unwrap();
    let key = juntos::org::OrgKey::load_or_create(lib.root()).unwrap();
    let mut entries =
        juntos::scorm::entries(course, Vec::new(), &org, &key, Languages::Both, LmsFormat::Scorm12);
    juntos::scorm::write_zip(target, &mut entries, false, &mut go).unwrap();
}

#[test]
fn a_course_without_lessons_is_one_course_wide_sco_and_empty_modules_get_no_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let course = lib
        .create_course(NewCourse {
            title: "Curso vazio".into(),
            lang: Some(Lang::Pt),
            slug: Some("vazio".into()),
            organisation: None,
        })
        .unwrap();
    assert!(lib.course(&course.id).unwrap().modules.is_empty());
    let ids = juntos::scorm::manifest::Identifiers::of(&course.id);
    let course_wide = |summary: &checker::Summary| {
        assert_eq!(summary.items.len(), 1, "{:?}", summary.items);
        let item = &summary.items[0];
        assert_eq!(item.identifier, ids.course_item);
        assert_eq!(item.title, "Curso vazio");
        assert_eq!(item.parameters, None, "the whole course: no module");
        assert_eq!(
            (item.scormtype.as_deref(), item.href.as_deref()),
            (Some("sco"), Some("index.html"))
        );
    };
    // No module at all.
    course_wide(&check(&export(
        &mut lib,
        &course.id,
        &dir.path().join("a"),
        Languages::Both,
        LmsFormat::Scorm12,
    )));
    // Only empty modules.
    let empty = lib.add_module(&course.id, "Ainda vazio", Lang::Pt, None).unwrap();
    lib.add_module(&course.id, "Também vazio", Lang::Pt, None).unwrap();
    course_wide(&check(&export(
        &mut lib,
        &course.id,
        &dir.path().join("b"),
        Languages::Both,
        LmsFormat::Scorm12,
    )));
    // One module gets a lesson: it is the only item, the empty one is skipped.
    let full = lib.add_module(&course.id, "Com lições", Lang::Pt, Some(2)).unwrap();
    lib.add_lesson(&full.id, "Primeira lição", Lang::Pt, None).unwrap();
    let summary = check(&export(
        &mut lib,
        &course.id,
        &dir.path().join("c"),
        Languages::Both,
        LmsFormat::Scorm12,
    ));
    assert_module_items(&summary, &lib.course(&course.id).unwrap(), Some(Lang::Pt));
    assert_eq!(summary.items.len(), 1);
    assert_eq!(summary.items[0].identifier, ids.module_item(&full.id));
    assert!(
        !summary.identifiers.contains(&ids.module_item(&empty.id))
            && !summary.identifiers.contains(&ids.course_item)
    );
}

#[test]
fn module_ids_that_collapse_in_an_ncname_keep_distinct_items() {
    let (dir, mut lib, course) = civic_course::sample();
    let mut odd = big_course(&lib, &course, &[1, 1, 1, 1, 1, 1]);
    let ids = ["m 1", "m_1", "m:1", "m_201", "m/1", "módulo&1"];
    for (module, id) in odd.modules.iter_mut().zip(ids) {
        module.id = id.to_string();
    }
    let target = dir.path().join("odd.zip");
    write_in_memory(&mut lib, &odd, &target);
    let summary = check(&target);
    assert_module_items(&summary, &odd, None);
    let items: BTreeSet<&String> = summary.items.iter().map(|i| &i.identifier).collect();
    assert_eq!(items.len(), ids.len(), "{items:?}");
    // The same course again: the same identifiers.
    let again = dir.path().join("odd-again.zip");
    write_in_memory(&mut lib, &odd, &again);
    assert_eq!(check(&again).identifiers, summary.identifiers);
    assert_eq!(std::fs::read(&target).unwrap(), std::fs::read(&again).unwrap());
}

/// Unzips the packages for the browser tests when asked (`scripts/test-scorm.sh`).
#[test]
fn writes_the_samples_for_the_browser_tests() {
    let Some(root) = std::env::var_os("JUNTOS_SCORM_SAMPLE") else {
        return;
    };
    let root = PathBuf::from(root);
    std::fs::create_dir_all(&root).unwrap();
    let (dir, mut lib, course) = civic_course::sample();
    let zips = dir.path().join("zips");
    let scorm = export(&mut lib, &course, &zips, Languages::Both, LmsFormat::Scorm12);
    let html5 = export(&mut lib, &course, &zips, Languages::Both, LmsFormat::Html5);
    let big = {
        let big = big_course(&lib, &course, &[2000, 100]);
        let target = zips.join("big.scorm12.zip");
        write_in_memory(&mut lib, &big, &target);
        target
    };
    for (name, package) in [("scorm", scorm), ("html5", html5), ("big", big)] {
        let target = root.join(name);
        if target.exists() {
            std::fs::remove_dir_all(&target).unwrap();
        }
        for (path, bytes) in zip_entries(&package) {
            let file = path.split('/').fold(target.clone(), |p, part| p.join(part));
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
    }
}
