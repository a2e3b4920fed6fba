//! Results files written exactly as the contract says
//! (`/work/briefs/results-contract.md`, `docs/results-format.md`): the body
//! is serialised once, its SHA-256 taken over those bytes, and the envelope
//! written around the same text. And the course the files are about.

use std::path::{Path, PathBuf};

use juntos::model::{Bilingual, Lang, NewCourse, Question, QuestionKind, Quiz, QuizOption};
use juntos::Library;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// A 32-hex id made from a small number (learners, devices, attempts).
pub fn id(n: u32) -> String {
    format!("{n:032x}")
}

/// The envelope around `body`, checksum computed over the body's text.
pub fn envelope(body: &Value) -> String {
    let text = serde_json::to_string(body).unwrap();
    envelope_text(&text)
}

pub fn envelope_text(body: &str) -> String {
    let sum = hex::encode(Sha256::digest(body.as_bytes()));
    format!(r#"{{"format":"juntos-results","version":1,"checksum":"{sum}","body":{body}}}"#)
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The course the files name: two modules, a quiz of three questions.
pub struct Fixture {
    pub _dir: tempfile::TempDir,
    pub lib: Library,
    pub course: String,
    pub revision: i64,
    /// Lesson ids: a, b (module 1), q (the quiz), c (module 2).
    pub a: String,
    pub b: String,
    pub q: String,
    pub c: String,
    pub files: tempfile::TempDir,
}

fn option(id: &str, pt: &str, en: &str, correct: bool) -> QuizOption {
    QuizOption {
        id: id.into(),
        text: Bilingual::new(pt, en, Lang::Pt),
        correct,
        feedback: Bilingual::default(),
    }
}

fn question(id: &str, pt: &str, en: &str) -> Question {
    Question {
        id: id.into(),
        kind: QuestionKind::SingleChoice,
        prompt: Bilingual::new(pt, en, Lang::Pt),
        options: vec![option("o1", "Sim", "Yes", true), option("o2", "Não", "No", false)],
        feedback: Bilingual::default(),
    }
}

pub fn course() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let course = lib
        .create_course(NewCourse {
            title: "Monitoria e avaliação".into(),
            lang: Some(Lang::Pt),
            slug: Some("monitoria".into()),
            organisation: None,
        })
        .unwrap();
    let m1 = lib.add_module(&course.id, "Começar", Lang::Pt, None).unwrap();
    let m2 = lib.add_module(&course.id, "Avaliar", Lang::Pt, None).unwrap();
    let a = lib.add_lesson(&m1.id, "Porquê medir", Lang::Pt, None).unwrap().id;
    let b = lib.add_lesson(&m1.id, "Indicadores", Lang::Pt, None).unwrap().id;
    let q = lib.add_lesson(&m2.id, "Teste", Lang::Pt, None).unwrap().id;
    let c = lib.add_lesson(&m2.id, "Relatório", Lang::Pt, None).unwrap().id;
    let quiz = Quiz {
        pass_mark: 60,
        questions: vec![
            question("q1", "Um indicador mede?", "Does an indicator measure?"),
            question("q2", "A linha de base vem antes?", "Does the baseline come first?"),
            question("q3", "<b>Dados</b> & fontes?", "<b>Data</b> & sources?"),
        ],
    };
    lib.set_quiz(&q, Some(quiz)).unwrap();
    let revision = lib.course(&course.id).unwrap().revision;
    Fixture {
        _dir: dir,
        lib,
        course: course.id,
        revision,
        a,
        b,
        q,
        c,
        files: tempfile::tempdir().unwrap(),
    }
}

impl Fixture {
    /// A body for this course with the given parts.
    pub fn body(
        &self,
        device: u32,
        scope: &str,
        saved_at: &str,
        learners: Value,
        lessons: Value,
        attempts: Value,
    ) -> Value {
        self.body_at(self.revision, device, scope, saved_at, learners, lessons, attempts)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn body_at(
        &self,
        revision: i64,
        device: u32,
        scope: &str,
        saved_at: &str,
        learners: Value,
        lessons: Value,
        attempts: Value,
    ) -> Value {
        json!({
            "course": {"id": self.course, "revision": revision, "slug": "monitoria",
                       "title": {"pt": "Monitoria e avaliação", "en": "Monitoring and evaluation"}},
            "device": {"id": id(device)},
            "saved_at": saved_at,
            "scope": scope,
            "learners": learners,
            "lessons": lessons,
            "attempts": attempts,
        })
    }

    pub fn file(&self, name: &str, body: &Value) -> PathBuf {
        write(self.files.path(), name, &envelope(body))
    }
}

pub fn learner(n: u32, name: Option<&str>, group: Option<&str>, created: &str) -> Value {
    json!({"id": id(n), "name": name, "group": group, "created_at": created})
}

pub fn lesson(
    learner: u32,
    lesson: &str,
    opened: &str,
    completed: Option<&str>,
    seconds: i64,
) -> Value {
    json!({"learner": id(learner), "lesson": lesson, "opened_at": opened,
           "completed_at": completed, "seconds": seconds})
}

/// An attempt at the quiz: `right[i]` says whether question i+1 was answered right.
pub fn attempt(
    n: u32,
    learner: u32,
    lesson: &str,
    at: &str,
    lang: &str,
    answers: &[(&str, bool)],
) -> Value {
    let score = answers.iter().filter(|(_, r)| *r).count();
    let answers: Vec<Value> = answers
        .iter()
        .map(|(q, right)| json!({"question": q, "chosen": [if *right { "o1" } else { "o2" }], "correct": right}))
        .collect();
    json!({"id": id(n), "learner": id(learner), "lesson": lesson, "started_at": at,
           "finished_at": at, "lang": lang, "score": score, "max_score": answers.len(),
           "passed": score * 100 >= answers.len() * 60, "answers": answers})
}
