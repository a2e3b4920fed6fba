//! Shared helpers: libraries with an organisation, a course with media,
//! packages exported from them, the folder hash, and the `juntos` binary.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use juntos::model::{
    Bilingual, Lang, LessonField, NewCourse, Question, QuestionKind, Quiz, QuizOption,
};
use juntos::package::{ExportOptions, ImportOptions, ImportReport, Languages, Progress};
use juntos::Library;
use tempfile::TempDir;

#[path = "../common/zip_entries.rs"]
mod zip_entries;
pub use zip_entries::read_entries;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/media");

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

/// A bilingual course with two modules, a quiz, a stale translation, a
/// video with captions in both languages and an image.
pub fn rich_course(lib: &mut Library) -> String {
    let course = lib
        .create_course(NewCourse {
            title: "Direitos da criança".into(),
            lang: Some(Lang::Pt),
            slug: Some("direitos-crianca".into()),
            organisation: Some("Liga".into()),
        })
        .unwrap();
    let id = course.id.clone();
    lib.set_course_text(&id, juntos::CourseField::Title, Lang::En, "Children's rights").unwrap();
    lib.set_course_text(&id, juntos::CourseField::Summary, Lang::Pt, "Um curso curto.").unwrap();
    let m1 = lib.add_module(&id, "Conhecer", Lang::Pt, None).unwrap();
    let m2 = lib.add_module(&id, "Agir", Lang::Pt, None).unwrap();
    lib.set_module_title(&m1.id, Lang::En, "Knowing").unwrap();
    let l1 = lib.add_lesson(&m1.id, "O que são direitos", Lang::Pt, None).unwrap();
    let l2 = lib.add_lesson(&m1.id, "Quem protege", Lang::Pt, None).unwrap();
    let l3 = lib.add_lesson(&m2.id, "Denunciar", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Title, Lang::En, "What rights are").unwrap();
    lib.set_lesson_text(
        &l1.id,
        LessonField::Body,
        Lang::Pt,
        "# Direitos\n\n![Entrevista](media:entrevista.mp4)\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    )
    .unwrap();
    lib.set_lesson_text(
        &l1.id,
        LessonField::Body,
        Lang::En,
        "# Rights\n\n![Interview](media:entrevista.mp4)",
    )
    .unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Body, Lang::Pt, "Veja ![Foto](media:foto.png)")
        .unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Body, Lang::En, "See the text.").unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Notes, Lang::Pt, "Notas para o facilitador.").unwrap();
    // A stale translation: the source changed after the English was written.
    lib.set_lesson_text(&l3.id, LessonField::Body, Lang::Pt, "Primeiro").unwrap();
    lib.set_lesson_text(&l3.id, LessonField::Body, Lang::En, "First").unwrap();
    lib.set_lesson_text(&l3.id, LessonField::Body, Lang::Pt, "Primeiro texto mudado").unwrap();
    lib.set_lesson_minutes(&l3.id, 35).unwrap();
    let option = |id: &str, pt: &str, en: &str, correct| QuizOption {
        id: id.into(),
        text: Bilingual::new(pt, en, Lang::Pt),
        correct,
        feedback: Bilingual::default(),
    };
    lib.set_quiz(
        &l2.id,
        Some(Quiz {
            pass_mark: 60,
            questions: vec![Question {
                id: "q1".into(),
                kind: QuestionKind::SingleChoice,
                prompt: Bilingual::new("Quem protege?", "Who protects?", Lang::Pt),
                options: vec![
                    option("a", "Todos", "Everyone", true),
                    option("b", "Ninguém", "No one", false),
                ],
                feedback: Bilingual::new("Todos nós.", "All of us.", Lang::Pt),
            }],
        }),
    )
    .unwrap();
    let video = Path::new(FIXTURES).join("h264-aac-faststart.mp4");
    lib.attach_media(&id, &video, Some("entrevista.mp4"), |_| ControlFlow::Continue(())).unwrap();
    lib.attach_media(&id, &Path::new(FIXTURES).join("testsrc.png"), Some("foto.png"), |_| {
        ControlFlow::Continue(())
    })
    .unwrap();
    lib.set_captions(&id, "entrevista.mp4", Lang::Pt, &Path::new(FIXTURES).join("legendas-pt.srt"))
        .unwrap();
    lib.set_captions(&id, "entrevista.mp4", Lang::En, &Path::new(FIXTURES).join("captions-en.vtt"))
        .unwrap();
    id
}

pub fn export_to(lib: &mut Library, course_id: &str, to: &Path, languages: Languages) -> PathBuf {
    let options = ExportOptions { to: Some(to.to_path_buf()), languages, overwrite: false };
    lib.export_course(course_id, &options, go).unwrap().path
}

pub fn import(lib: &mut Library, package: &Path, trust: bool) -> juntos::Result<ImportReport> {
    lib.import_package(package, &ImportOptions { trust, ..Default::default() }, go)
}

/// A partner library ("Liga dos Direitos") with the rich course, and its package.
pub struct Partner {
    pub dir: TempDir,
    pub lib: Library,
    pub course_id: String,
    pub package: PathBuf,
}

pub fn partner() -> Partner {
    let (dir, mut lib) = library("Liga dos Direitos");
    let course_id = rich_course(&mut lib);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let package = export_to(&mut lib, &course_id, &out, Languages::Both);
    Partner { dir, lib, course_id, package }
}

/// The partner's Ed25519 signing key, for tests that re-sign a changed manifest.
pub fn signing_key(root: &Path) -> ed25519_dalek::SigningKey {
    let text = std::fs::read_to_string(root.join("keys/org.key")).unwrap();
    let seed: [u8; 32] = hex::decode(text.lines().nth(1).unwrap()).unwrap().try_into().unwrap();
    ed25519_dalek::SigningKey::from_bytes(&seed)
}

pub fn sign(key: &ed25519_dalek::SigningKey, manifest: &[u8]) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let sig = key.sign(&juntos::package::manifest::signing_message(manifest));
    hex::encode(sig.to_bytes()).into_bytes()
}

#[path = "../common/tree.rs"]
mod tree;
pub use tree::hash_tree;

/// The `juntos` binary on a library folder, speaking English.
pub fn juntos(library: &Path) -> Command {
    let mut cmd = Command::cargo_bin("juntos").unwrap();
    cmd.env("JUNTOS_LIBRARY", library)
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}
