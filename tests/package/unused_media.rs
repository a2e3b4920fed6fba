//! Packages carry only what the course shows (issue 13 item 10): a video
//! attached but used in no lesson stays out of the `.juntos` package, the
//! unpacked folder, SCORM and HTML5, and the export pre-flight names it
//! (the app's dialog and the CLI say so).

use std::ops::ControlFlow;
use std::path::Path;

use juntos::model::{Lang, LessonField, NewCourse};
use juntos::package::{ExportOptions, Languages};
use juntos::scorm::LmsFormat;
use juntos::{ExportFormat, Library};

use crate::support::{self, go, juntos, FIXTURES};

fn read_entries(zip: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    support::read_entries(zip).into_iter().collect()
}

/// A course whose lesson shows `entrevista.mp4`; `sobra.mp4` (other bytes)
/// is attached and shown nowhere; `cover.png` is the course's cover.
fn course_with_an_unused_video(lib: &mut Library) -> (String, String, String) {
    let course = lib
        .create_course(NewCourse {
            title: "Curso".into(),
            lang: Some(Lang::Pt),
            slug: Some("curso".into()),
            ..Default::default()
        })
        .unwrap();
    let module = lib.add_module(&course.id, "Módulo", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Lição", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&lesson.id, LessonField::Body, Lang::Pt, "![Vídeo](media:entrevista.mp4)")
        .unwrap();
    let attach = |lib: &mut Library, file: &str, name: &str| {
        lib.attach_media(&course.id, &Path::new(FIXTURES).join(file), Some(name), |_| {
            ControlFlow::Continue(())
        })
        .unwrap()
        .sha256
    };
    let used = attach(lib, "h264-aac-faststart.mp4", "entrevista.mp4");
    let unused = attach(lib, "h264-aac-moov-at-end.mp4", "sobra.mp4");
    attach(lib, "testsrc.png", "cover.png");
    (course.id, used, unused)
}

#[test]
fn a_video_used_in_no_lesson_stays_out_of_every_export_and_the_preflight_names_it() {
    let (dir, mut lib) = support::library("Liga dos Direitos");
    let (course, used, unused) = course_with_an_unused_video(&mut lib);

    for format in [ExportFormat::Juntos, ExportFormat::Scorm12, ExportFormat::Html5] {
        let preflight = lib.export_preflight(&course, dir.path(), Languages::Both, format).unwrap();
        assert_eq!(preflight.unused_media.as_deref(), Some(&["sobra.mp4".to_string()][..]));
        assert!(preflight.problem.is_none(), "{preflight:?}");
    }
    assert_eq!(lib.unused_media(&course).unwrap(), ["sobra.mp4"]);

    // The package: the shown video and the cover, never the unused one.
    let out = dir.path().join("juntos");
    std::fs::create_dir(&out).unwrap();
    let package = support::export_to(&mut lib, &course, &out, Languages::Both);
    let entries = read_entries(&package);
    let names: Vec<&String> = entries.keys().collect();
    assert!(names.iter().any(|n| n.contains(&used)), "{names:?}");
    assert!(!names.iter().any(|n| n.contains(&unused)), "the unused video stays out: {names:?}");
    let course_json: serde_json::Value = serde_json::from_slice(&entries["course.json"]).unwrap();
    let listed: Vec<&str> = course_json["media"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["cover.png", "entrevista.mp4"]);
    // Unpacked folder, SCORM 1.2 and HTML5: the same.
    let folder = dir.path().join("pasta");
    let options =
        ExportOptions { to: Some(folder.clone()), languages: Languages::Both, overwrite: false };
    lib.export_unpacked(&course, &options, go).unwrap();
    let media: Vec<String> = std::fs::read_dir(folder.join("media"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(media.iter().any(|n| n.contains(&used)) && !media.iter().any(|n| n.contains(&unused)));
    for (format, sub) in [(LmsFormat::Scorm12, "scorm"), (LmsFormat::Html5, "html5")] {
        let to = dir.path().join(sub);
        std::fs::create_dir(&to).unwrap();
        let options = ExportOptions { to: Some(to), languages: Languages::Both, overwrite: false };
        let report = lib.export_lms(&course, &options, format, go).unwrap();
        let entries = read_entries(&report.path);
        assert!(entries.keys().any(|n| n.contains(&used)), "{format:?}");
        assert!(!entries.keys().any(|n| n.contains(&unused)), "{format:?}: {:?}", entries.keys());
    }

    // Once a lesson shows it, it travels, counts in the size and the note goes.
    let before =
        lib.export_preflight(&course, dir.path(), Languages::Both, ExportFormat::Juntos).unwrap();
    let unused_size =
        lib.list_media(&course).unwrap().into_iter().find(|m| m.sha256 == unused).unwrap().size;
    let lesson = lib.resolve_lesson(&course, "1.1").unwrap();
    lib.set_lesson_text(&lesson, LessonField::Notes, Lang::En, "See ![x](media:sobra.mp4)")
        .unwrap();
    let preflight =
        lib.export_preflight(&course, dir.path(), Languages::Both, ExportFormat::Juntos).unwrap();
    assert_eq!(preflight.unused_media, None, "{preflight:?}");
    assert!(preflight.size >= before.size + unused_size, "{preflight:?} {before:?}");
}

#[test]
fn the_command_line_says_which_files_stay_out() {
    let (dir, mut lib) = support::library("Liga dos Direitos");
    let (_course, _, unused) = course_with_an_unused_video(&mut lib);
    drop(lib);
    let to = dir.path().join("out");
    std::fs::create_dir(&to).unwrap();
    let out = juntos(dir.path()).args(["export", "curso", "--to"]).arg(&to).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 file used in no lesson is left out: sobra.mp4"), "{stderr}");
    let package = to.join("curso.juntos");
    assert!(!read_entries(&package).keys().any(|n| n.contains(&unused)));
    // In Portuguese, as the issue words it.
    let out = juntos(dir.path())
        .env("LANG", "pt_PT.UTF-8")
        .args(["export", "curso", "--force", "--to"])
        .arg(&to)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 ficheiro não usado em nenhuma lição fica de fora: sobra.mp4"),
        "{stderr}"
    );
}
