//! Shared helpers: libraries with an organisation, courses sharing a video,
//! a stick written from them, and a look at what is on the stick.

#![allow(dead_code)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use juntos::model::{Lang, LessonField, NewCourse};
use juntos::package::{Languages, Progress};
use juntos::stick::{Catalogue, StickOptions, StickWriteReport};
use juntos::Library;
use tempfile::TempDir;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/media");
pub const JUNTOS: &str = env!("CARGO_BIN_EXE_juntos");

#[path = "../common/sparse_mp4.rs"]
mod sparse_mp4;
pub use sparse_mp4::sparse_mp4;

#[path = "../common/small_disk.rs"]
pub mod small_disk;

pub fn go(_: Progress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

/// A library whose organisation is called `name`.
pub fn library(name: &str) -> (TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.set_org_name(name).unwrap();
    (dir, lib)
}

/// A bilingual course of two lessons; the first shows `video` (attached
/// as `video.mp4`), the second a photo. Returns its id and its second
/// lesson's id.
pub fn course(lib: &mut Library, slug: &str, title: &str, video: &Path) -> (String, String) {
    let c = lib
        .create_course(NewCourse {
            title: title.into(),
            lang: Some(Lang::Pt),
            slug: Some(slug.into()),
            organisation: Some("Liga".into()),
        })
        .unwrap();
    let id = c.id.clone();
    lib.set_course_text(&id, juntos::CourseField::Title, Lang::En, &format!("{title} (en)"))
        .unwrap();
    lib.set_course_text(
        &id,
        juntos::CourseField::Summary,
        Lang::Pt,
        "Um curso sobre **educação**.",
    )
    .unwrap();
    let m = lib.add_module(&id, "Módulo", Lang::Pt, None).unwrap();
    let l1 = lib.add_lesson(&m.id, "Ver o vídeo", Lang::Pt, None).unwrap();
    let l2 = lib.add_lesson(&m.id, "Ler", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Body, Lang::Pt, "![Vídeo](media:video.mp4)").unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Body, Lang::En, "![Video](media:video.mp4)").unwrap();
    lib.set_lesson_text(
        &l2.id,
        LessonField::Body,
        Lang::Pt,
        "Participação e ![Foto](media:foto.png)",
    )
    .unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Body, Lang::En, "Participation").unwrap();
    lib.attach_media(&id, video, Some("video.mp4"), |_| ControlFlow::Continue(())).unwrap();
    lib.attach_media(&id, &Path::new(FIXTURES).join("testsrc.png"), Some("foto.png"), |_| {
        ControlFlow::Continue(())
    })
    .unwrap();
    (id, l2.id)
}

/// A library ("Liga") with three courses sharing one video of `video_size`
/// bytes (the real fixture when 0). Returns the course ids and their second lessons.
pub struct Three {
    pub dir: TempDir,
    pub lib: Library,
    pub courses: Vec<String>,
    pub lessons: Vec<String>,
    pub video: PathBuf,
}

pub fn three_courses(video_size: u64) -> Three {
    let (dir, mut lib) = library("Liga dos Direitos");
    let video = dir.path().join("partilhado.mp4");
    if video_size == 0 {
        std::fs::copy(Path::new(FIXTURES).join("h264-aac-faststart.mp4"), &video).unwrap();
    } else {
        sparse_mp4(&video, video_size, 7);
    }
    let mut courses = Vec::new();
    let mut lessons = Vec::new();
    for (slug, title) in [("agua", "Água limpa"), ("escola", "Educação"), ("saude", "Saúde")] {
        let (c, l) = course(&mut lib, slug, title, &video);
        courses.push(c);
        lessons.push(l);
    }
    Three { dir, lib, courses, lessons, video }
}

pub fn options(to: &Path, courses: &[String]) -> StickOptions {
    StickOptions { to: to.to_path_buf(), courses: courses.to_vec(), languages: Languages::Both }
}

pub fn write(lib: &mut Library, to: &Path, courses: &[String]) -> StickWriteReport {
    lib.write_stick(&options(to, courses), go).unwrap()
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), &path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out.sort();
    out
}

/// The catalogue data on the stick.
pub fn catalogue(root: &Path) -> Catalogue {
    let bytes = std::fs::read(root.join("catalogue/data.js")).unwrap();
    Catalogue::from_script(&bytes).expect("catalogue/data.js reads back")
}

/// The catalogue is complete: every course page it links to is there, and
/// every media file a course page names.
pub fn assert_catalogue_complete(root: &Path) {
    let c = catalogue(root);
    assert!(!c.courses.is_empty());
    for course in &c.courses {
        let page = root.join(&course.href);
        assert!(page.is_file(), "{} links to a missing page", course.href);
        let folder = page.parent().unwrap();
        let data = std::fs::read_to_string(folder.join("course-data.js")).unwrap();
        for part in data.split("../../../media/").skip(1) {
            let name: String =
                part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
            assert!(root.join("media").join(&name).is_file(), "{} needs media/{name}", course.slug);
        }
    }
    assert!(root.join("index.html").is_file());
    assert!(root.join("player/player.js").is_file());
}
