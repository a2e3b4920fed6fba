//! The offline player as export writes it: the files, their data, the
//! unpacked folder, and the sample course the browser tests open.
//!
//! With `JUNTOS_PLAYER_SAMPLE=DIR` set, `writes_the_sample_for_the_browser_tests`
//! exports the sample course unpacked into `DIR/sample` (and a one-language
//! copy into `DIR/sample-en`) for `tests/player/*.test.mjs`
//! (`scripts/test-player.sh` does both).

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use juntos::model::Lang;
use juntos::package::{ExportOptions, Languages, Progress};
use juntos::Library;

#[path = "../common/zip_entries.rs"]
mod zip_entries_file;

/// The entries of a zip by name.
fn zip_entries(package: &Path) -> BTreeMap<String, Vec<u8>> {
    zip_entries_file::read_entries(package).into_iter().collect()
}

mod quiz_scoring;
// The sign-language interpreter sample (issue 16).
mod sign_sample;

#[path = "../common/civic_course.rs"]
mod civic_course;
use civic_course::sample;
fn go(_: Progress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

fn unpacked(lib: &mut Library, course: &str, to: &Path, languages: Languages) -> PathBuf {
    let options = ExportOptions { to: Some(to.to_path_buf()), languages, overwrite: false };
    lib.export_unpacked(course, &options, go).unwrap().path
}

fn zipped(lib: &mut Library, course: &str, to: &Path, languages: Languages) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    let options = ExportOptions { to: Some(to.to_path_buf()), languages, overwrite: false };
    lib.export_course(course, &options, go).unwrap().path
}

/// Every file under `root`: relative path (with `/`) -> bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// `window.JUNTOS_COURSE` as JSON.
fn course_data(files: &BTreeMap<String, Vec<u8>>) -> serde_json::Value {
    let js = std::str::from_utf8(&files["player/course-data.js"]).unwrap();
    let start = js.find("window.JUNTOS_COURSE = ").unwrap() + "window.JUNTOS_COURSE = ".len();
    let json = js[start..].trim_end().strip_suffix(';').unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_package_carries_the_player_and_the_folder_holds_the_same_files() {
    let (dir, mut lib, course) = sample();
    let package = zipped(&mut lib, &course, &dir.path().join("zip"), Languages::Both);
    std::fs::create_dir(dir.path().join("pen")).unwrap();
    let folder = unpacked(&mut lib, &course, &dir.path().join("pen/curso"), Languages::Both);
    let zip = zip_entries(&package);
    let files = tree(&folder);
    assert_eq!(zip.keys().collect::<Vec<_>>(), files.keys().collect::<Vec<_>>());
    assert!(zip == files, "the folder's bytes differ from the package's");
    for name in [
        "index.html",
        "player/course-data.js",
        "player/player.css",
        "player/player.js",
        "course.json",
        "manifest.json",
        "manifest.sig",
    ] {
        assert!(files.contains_key(name), "{name} missing: {:?}", files.keys());
    }
    assert_eq!(files.keys().filter(|k| k.starts_with("media/")).count(), 2);
    assert!(!dir.path().join("pen/curso.partial").exists());
    // The folder is a package too: every file is in the signed manifest.
    let manifest: juntos::package::manifest::Manifest =
        serde_json::from_slice(&files["manifest.json"]).unwrap();
    let listed: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        listed,
        files
            .keys()
            .filter(|k| *k != "manifest.json" && *k != "manifest.sig")
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_player_is_deterministic() {
    let (dir, mut lib, course) = sample();
    let a = tree(&unpacked(&mut lib, &course, &dir.path().join("a"), Languages::Both));
    let b = tree(&unpacked(&mut lib, &course, &dir.path().join("b"), Languages::Both));
    assert!(a == b);
    let pc: juntos::package::course_file::PackageCourse =
        serde_json::from_slice(&a["course.json"]).unwrap();
    let once = juntos::player::player_files(&pc, "Org", &[Lang::Pt, Lang::En]);
    let twice = juntos::player::player_files(&pc, "Org", &[Lang::En, Lang::Pt]);
    assert_eq!(once, twice);
    let paths: Vec<&str> = once.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["index.html", "player/course-data.js", "player/player.css", "player/player.js"]
    );
}

#[test]
fn index_html_forbids_the_network_and_loads_only_classic_scripts() {
    let (dir, mut lib, course) = sample();
    let files = tree(&unpacked(&mut lib, &course, &dir.path().join("out"), Languages::Both));
    let html = std::str::from_utf8(&files["index.html"]).unwrap();
    let csp = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "media-src 'self'",
        "connect-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    assert!(!csp.contains("http") && !csp.contains("unsafe") && !csp.contains('*'), "{csp}");
    assert!(html.contains("<title>Educação cívica: votar em comunidade</title>"), "{html}");
    assert!(html.contains("<html lang=\"pt\">") && html.contains("lang=\"en\""));
    assert!(
        html.contains("<script src=\"player/course-data.js\"></script>")
            && html.contains("<script src=\"player/player.js\"></script>")
    );
    assert!(
        !html.contains("type=\"module\"")
            && !html.contains("<script>")
            && !html.contains(" style=\"")
    );
    assert!(!html.contains("{{"), "a placeholder was left: {html}");
    for name in ["index.html", "player/player.css", "player/player.js"] {
        let text = std::str::from_utf8(&files[name]).unwrap();
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{name} names a network address"
        );
    }
    let overhead: usize = ["index.html", "player/player.css", "player/player.js"]
        .iter()
        .map(|n| files[*n].len())
        .sum();
    assert!(overhead < 300 * 1024, "player overhead {overhead} bytes");
    assert!(juntos::player::overhead_bytes() < 300 * 1024);
}

#[test]
fn course_data_holds_rendered_lessons_media_paths_captions_notes_and_quizzes() {
    let (dir, mut lib, course) = sample();
    let files = tree(&unpacked(&mut lib, &course, &dir.path().join("out"), Languages::Both));
    let js = std::str::from_utf8(&files["player/course-data.js"]).unwrap();
    assert!(js.starts_with("/* Juntos Studio") && js.contains("\nwindow.JUNTOS_COURSE = {"));
    assert!(!js.contains('<'), "every < is escaped in the data script");
    let data = course_data(&files);
    assert_eq!(data["format"], 2);
    assert_eq!(data["id"], course.as_str());
    assert_eq!(data["languages"], serde_json::json!(["pt", "en"]));
    assert_eq!(data["organisation"], "Associação Kuyakana");
    assert_eq!(data["licence"], "CC BY-SA 4.0");
    assert!(data["summary"]["pt"]
        .as_str()
        .unwrap()
        .contains("<strong>grupos comunitários</strong>"));
    let video = files.keys().find(|k| k.starts_with("media/") && k.ends_with(".webm")).unwrap();
    let l1 = &data["modules"][0]["lessons"][0];
    let body = l1["body"]["pt"].as_str().unwrap();
    assert!(body.contains("<video ") && body.contains(&format!(" src=\"{video}\"")), "{body}");
    assert!(l1["notes"]["en"].as_str().unwrap().contains("Ask the group"));
    // Captions arrive as the cues of the core's one WebVTT parser: the
    // player parses no WebVTT.
    let captions = &data["media"][video.as_str()]["captions"];
    let package: juntos::package::course_file::PackageCourse =
        serde_json::from_slice(&files["course.json"]).unwrap();
    let stored = package.media.iter().find(|m| &m.path == video).unwrap();
    for (lang, want) in [("pt", "eleições"), ("en", "Good morning")] {
        let cues = captions[lang].as_array().unwrap();
        let vtt = &stored.captions[&Lang::parse(lang).unwrap()].vtt;
        let (_, parsed) =
            juntos::media::captions::parse_captions(vtt.as_bytes(), Path::new("c.vtt")).unwrap();
        assert_eq!(cues.len(), parsed.len(), "{lang}");
        for (cue, core) in cues.iter().zip(&parsed) {
            assert_eq!(cue["start_ms"], core.start_ms);
            assert_eq!(cue["end_ms"], core.end_ms);
            assert_eq!(cue["settings"], core.settings.as_str());
            assert_eq!(cue["text"], core.text.as_str());
        }
        assert!(cues.iter().any(|c| c["text"].as_str().unwrap().contains(want)), "{lang}");
        assert!(cues[0]["end_ms"].as_u64() > cues[0]["start_ms"].as_u64());
    }
    assert!(!js.contains("WEBVTT"), "no WebVTT text for the player to parse");
    let l2 = &data["modules"][0]["lessons"][1]["body"]["en"];
    assert!(
        l2.as_str().unwrap().contains("<img src=\"media/")
            && l2.as_str().unwrap().contains("<table>")
    );
    let quiz = &data["modules"][1]["lessons"][0]["quiz"];
    assert_eq!(quiz["pass_mark"], 60);
    assert_eq!(quiz["questions"].as_array().unwrap().len(), 3);
    assert_eq!(quiz["questions"][1]["kind"], "multiple_choice");
    assert_eq!(data["modules"][1]["lessons"][1]["body"]["en"], "");
    // HTML in the data comes only from the renderer: the sanitiser's output is stable.
    let html = body.to_string();
    let again = juntos::render::sanitize(&html, &std::collections::HashSet::from([video.clone()]));
    assert_eq!(again, html);
}

#[test]
fn a_one_language_package_plays_in_that_language_only() {
    let (dir, mut lib, course) = sample();
    let files = tree(&unpacked(&mut lib, &course, &dir.path().join("en"), Languages::En));
    let data = course_data(&files);
    assert_eq!(data["languages"], serde_json::json!(["en"]));
    assert_eq!(data["title"]["pt"], "");
    let html = std::str::from_utf8(&files["index.html"]).unwrap();
    assert!(
        html.contains("<html lang=\"en\">")
            && html.contains("<title>Civic education: voting in the community</title>")
    );
    let video = data["media"].as_object().unwrap().values().find(|m| m["kind"] == "video").unwrap();
    assert_eq!(video["captions"].as_object().unwrap().keys().collect::<Vec<_>>(), ["en"]);
}

#[test]
fn an_unpacked_export_never_replaces_other_files() {
    let (dir, mut lib, course) = sample();
    let target = dir.path().join("pen");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("fotos-da-familia.jpg"), b"precious").unwrap();
    let options =
        ExportOptions { to: Some(target.clone()), languages: Languages::Both, overwrite: true };
    let err = lib.export_unpacked(&course, &options, go).unwrap_err();
    // Said about a folder, and no offer to force what force would not do.
    assert_eq!(err.code(), "export_folder_not_empty");
    assert!(err.message(juntos::model::Lang::Pt).starts_with("A pasta"), "{err:?}");
    assert!(!matches!(err, juntos::Error::ExportFolderNotEmpty { earlier_package: true, .. }));
    assert_eq!(std::fs::read(target.join("fotos-da-familia.jpg")).unwrap(), b"precious");
    // An earlier package folder: refused without overwrite, replaced with it.
    let folder = unpacked(&mut lib, &course, &dir.path().join("curso"), Languages::Both);
    let options =
        ExportOptions { to: Some(folder.clone()), languages: Languages::En, overwrite: false };
    let err = lib.export_unpacked(&course, &options, go).unwrap_err();
    assert_eq!(err.code(), "export_folder_not_empty");
    assert!(matches!(err, juntos::Error::ExportFolderNotEmpty { earlier_package: true, .. }));
    let options =
        ExportOptions { to: Some(folder.clone()), languages: Languages::En, overwrite: true };
    lib.export_unpacked(&course, &options, go).unwrap();
    assert_eq!(course_data(&tree(&folder))["languages"], serde_json::json!(["en"]));
    assert!(!dir.path().join("curso.old").exists() && !dir.path().join("curso.partial").exists());
    // A cancel leaves nothing behind.
    let options = ExportOptions {
        to: Some(dir.path().join("cancelled")),
        languages: Languages::Both,
        overwrite: false,
    };
    let err = lib.export_unpacked(&course, &options, |_| ControlFlow::Break(())).unwrap_err();
    assert_eq!(err.code(), "cancelled");
    assert!(
        !dir.path().join("cancelled").exists() && !dir.path().join("cancelled.partial").exists()
    );
}

#[test]
fn the_cli_writes_the_unpacked_folder() {
    let (dir, mut lib, course) = sample();
    let package = zipped(&mut lib, &course, &dir.path().join("zip"), Languages::Both);
    drop(lib);
    let out = dir.path().join("stick");
    let assert = Command::cargo_bin("juntos")
        .unwrap()
        .env("JUNTOS_LIBRARY", dir.path())
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(["export", "educacao-civica", "--unpacked"])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("Folder written") && stdout.contains("index.html"), "{stdout}");
    assert!(zip_entries(&package) == tree(&out));
    // The folder imports like the zip would: same manifest, signed.
    let manifest = std::fs::read(out.join("manifest.json")).unwrap();
    assert_eq!(manifest, zip_entries(&package)["manifest.json"]);
}

/// A filmed-looking clip (720p H.264 + AAC, made by real ffmpeg from its
/// lavfi sources) attached as `depois.mp4`, prepared for learners by the
/// core (`juntos media prepare`: 480p, a poster frame) and shown in the last
/// lesson, so the browsers play a prepared video with its poster.
fn prepared_video(lib: &mut Library, course: &str, root: &Path) {
    let clip = root.join("filmed-clip.mp4");
    let status = std::process::Command::new("ffmpeg")
        .args([
            "-y",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=1280x720:rate=30:duration=3",
        ])
        .args(["-f", "lavfi", "-i", "sine=frequency=440:duration=3"])
        .args(["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"])
        .arg(&clip)
        .status()
        .expect("ffmpeg must be installed (scripts/setup.sh --test) to make the filmed clip");
    assert!(status.success(), "ffmpeg could not make the clip: {status}");
    lib.attach_media(course, &clip, Some("depois.mp4"), |_| ControlFlow::Continue(())).unwrap();
    std::fs::remove_file(&clip).unwrap();
    let report = lib
        .prepare_media(
            course,
            "depois.mp4",
            &juntos::media::prepare::PrepareOptions::default(),
            |_| ControlFlow::Continue(()),
        )
        .unwrap();
    assert_eq!(report.media.video_codec.as_deref(), Some("h264"), "{report:?}");
    // The last lesson stays untranslated (the English view shows the
    // Portuguese, marked): the video goes into its Portuguese text only.
    let lesson = lib.course(course).unwrap().modules[1].lessons[1].clone();
    let body = format!(
        "{}\n\n![Depois da votação](media:depois.mp4)\n",
        lesson.body.get(Lang::Pt).trim_end()
    );
    lib.set_lesson_text(&lesson.id, juntos::model::LessonField::Body, Lang::Pt, &body).unwrap();
}

/// Writes the sample for the browser tests when asked (`scripts/test-player.sh`).
#[test]
fn writes_the_sample_for_the_browser_tests() {
    let Some(root) = std::env::var_os("JUNTOS_PLAYER_SAMPLE") else {
        return;
    };
    let root = PathBuf::from(root);
    std::fs::create_dir_all(&root).unwrap();
    let (_dir, mut lib, course) = sample();
    // A task list ("- [ ]") in the second lesson, for the checkbox tests.
    let lesson = lib.course(&course).unwrap().modules[0].lessons[1].clone();
    for (lang, add) in [
        (
            Lang::Pt,
            "\n\nMarque cada ponto:\n\n- [ ] Levar o cartão de eleitor\n- [ ] Saber onde votar\n",
        ),
        (
            Lang::En,
            "\n\nTick each point:\n\n- [ ] Take your voter card\n- [ ] Know where to vote\n",
        ),
    ] {
        let body = format!("{}{add}", lesson.body.get(lang).trim_end());
        lib.set_lesson_text(&lesson.id, juntos::model::LessonField::Body, lang, &body).unwrap();
    }
    // The quiz lesson's text ends with its own "Quiz" section, as the
    // bundled sample's last lesson does: the handout must not say it twice.
    let quiz = lib
        .course(&course)
        .unwrap()
        .modules
        .iter()
        .flat_map(|m| m.lessons.clone())
        .find(|l| l.quiz.is_some())
        .unwrap();
    for (lang, add) in [
        (Lang::Pt, "\n\n## Questionário\n\nResponda às perguntas.\n"),
        (Lang::En, "\n\n## Quiz\n\nAnswer the questions.\n"),
    ] {
        let body = format!("{}{add}", quiz.body.get(lang).trim_end());
        lib.set_lesson_text(&quiz.id, juntos::model::LessonField::Body, lang, &body).unwrap();
    }
    // Topics in English mode (issue 16): the first translated, the second
    // not (the player shows it in Portuguese, marked as such).
    lib.update_course(
        &course,
        juntos::model::CourseChanges {
            topics_translation: Some(vec!["citizenship".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    // A long quiz question with a long unbreakable word, for the 360 px
    // test that its box does not cut it (issue 16, phones).
    let mut quiz_lesson = lib.lesson(&quiz.id).unwrap();
    let q = &mut quiz_lesson.quiz.as_mut().unwrap().questions[0];
    for (lang, long) in [
        (Lang::Pt, " Veja em https://www.comissaonacionaldeeleicoes.gov.mz/recenseamento-eleitoral-e-locais-de-votacao antes de responder, com calma e atenção a cada opção."),
        (Lang::En, " See https://www.comissaonacionaldeeleicoes.gov.mz/recenseamento-eleitoral-e-locais-de-votacao before answering, calmly and paying attention to every option."),
    ] {
        let text = format!("{}{long}", q.prompt.get(lang));
        q.prompt.set(lang, text, Lang::Pt);
    }
    lib.set_quiz(&quiz.id, quiz_lesson.quiz).unwrap();
    prepared_video(&mut lib, &course, &root);
    sign_sample::write(&root);
    for (name, languages) in [("sample", Languages::Both), ("sample-en", Languages::En)] {
        let target = root.join(name);
        if target.exists() {
            std::fs::remove_dir_all(&target).unwrap();
        }
        unpacked(&mut lib, &course, &target, languages);
    }
    // The same course as a package, for results.test.mjs to import into a
    // fresh library with the CLI before importing the results files (issue 17).
    let package = root.join("package");
    if package.exists() {
        std::fs::remove_dir_all(&package).unwrap();
    }
    zipped(&mut lib, &course, &package, Languages::Both);
}
