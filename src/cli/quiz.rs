//! `juntos quiz show|add|edit|rm COURSE LESSON …`: a lesson's quiz from the
//! command line, one question at a time, each from a small JSON file with
//! both languages (the format is in the README's CLI section).

use std::path::PathBuf;

use clap::Subcommand;
use juntos::model::{Bilingual, Lang, Question, QuestionKind, Quiz, QuizOption};
use juntos::{Error, Library, Result};
use serde::Deserialize;

use super::output::Out;

#[derive(Subcommand)]
pub enum QuizCommand {
    /// The lesson's quiz (questions numbered from 1).
    Show {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Lesson: position (2.1), id or title.
        lesson: String,
    },
    /// Add a question from a JSON file (creates the quiz if the lesson has none).
    Add {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Lesson: position (2.1), id or title.
        lesson: String,
        /// The question's JSON file.
        file: PathBuf,
        /// Percentage needed to pass (default 70 for a new quiz).
        #[arg(long)]
        pass_mark: Option<u8>,
    },
    /// Replace question QUESTION (its number or id) with the one in a JSON file.
    Edit {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Lesson: position (2.1), id or title.
        lesson: String,
        /// Question: its number (from 1) or id.
        question: String,
        /// The question's JSON file.
        file: PathBuf,
    },
    /// Remove question QUESTION (its number or id); the last one removes the quiz.
    Rm {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Lesson: position (2.1), id or title.
        lesson: String,
        /// Question: its number (from 1) or id.
        question: String,
    },
}

/// One question as a person writes it in a file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    kind: QuestionKind,
    prompt: Texts,
    #[serde(default)]
    feedback: Texts,
    options: Vec<OptionFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionFile {
    #[serde(default)]
    pt: String,
    #[serde(default)]
    en: String,
    #[serde(default)]
    correct: bool,
    #[serde(default)]
    feedback: Texts,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Texts {
    #[serde(default)]
    pt: String,
    #[serde(default)]
    en: String,
}

impl Texts {
    fn bilingual(self, source: Lang) -> Bilingual {
        Bilingual::new(self.pt, self.en, source)
    }
}

fn read_question(file: &PathBuf, id: String, source: Lang) -> Result<Question> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|source| Error::ReadInput { path: name, source })?;
    let q: QuestionFile = serde_json::from_slice(&bytes)
        .map_err(|e| Error::QuizFileInvalid { reason: e.to_string() })?;
    let options = q
        .options
        .into_iter()
        .enumerate()
        .map(|(i, o)| QuizOption {
            id: format!("o{}", i + 1),
            text: Texts { pt: o.pt, en: o.en }.bilingual(source),
            correct: o.correct,
            feedback: o.feedback.bilingual(source),
        })
        .collect();
    Ok(Question {
        id,
        kind: q.kind,
        prompt: q.prompt.bilingual(source),
        options,
        feedback: q.feedback.bilingual(source),
    })
}

/// The index of a question named by its number (from 1) or id.
fn question_index(quiz: &Quiz, query: &str) -> Result<usize> {
    let by_number = query.parse::<usize>().ok().filter(|n| *n >= 1 && *n <= quiz.questions.len());
    by_number.map(|n| n - 1).or_else(|| quiz.questions.iter().position(|q| q.id == query)).ok_or(
        Error::InvalidPosition { position: query.parse().unwrap_or(0), max: quiz.questions.len() },
    )
}

/// A question id not used in the quiz yet.
fn free_id(quiz: &Quiz) -> String {
    (1..)
        .map(|n| format!("q{n}"))
        .find(|id| quiz.questions.iter().all(|q| q.id != *id))
        .expect("a free id")
}

pub fn run(lib: &mut Library, out: &Out, command: QuizCommand) -> Result<()> {
    let (course, lesson) = match &command {
        QuizCommand::Show { course, lesson }
        | QuizCommand::Add { course, lesson, .. }
        | QuizCommand::Edit { course, lesson, .. }
        | QuizCommand::Rm { course, lesson, .. } => (course.clone(), lesson.clone()),
    };
    let course_id = lib.resolve_course(&course)?;
    let source = lib.course(&course_id)?.source_lang;
    let lesson_id = lib.resolve_lesson(&course_id, &lesson)?;
    let current = lib.lesson(&lesson_id)?.quiz;
    let quiz = match command {
        QuizCommand::Show { .. } => {
            out.emit(&current, || match &current {
                None => println!(
                    "{}",
                    out.t("A lição não tem questionário.", "The lesson has no quiz.")
                ),
                Some(quiz) => print_quiz(out, quiz),
            });
            return Ok(());
        }
        QuizCommand::Add { file, pass_mark, .. } => {
            let mut quiz = current.unwrap_or(Quiz { pass_mark: 70, questions: Vec::new() });
            if let Some(mark) = pass_mark {
                quiz.pass_mark = mark;
            }
            let question = read_question(&file, free_id(&quiz), source)?;
            quiz.questions.push(question);
            Some(quiz)
        }
        QuizCommand::Edit { question, file, .. } => {
            let mut quiz = current.ok_or(Error::InvalidPosition { position: 1, max: 0 })?;
            let at = question_index(&quiz, &question)?;
            quiz.questions[at] = read_question(&file, quiz.questions[at].id.clone(), source)?;
            Some(quiz)
        }
        QuizCommand::Rm { question, .. } => {
            let mut quiz = current.ok_or(Error::InvalidPosition { position: 1, max: 0 })?;
            let at = question_index(&quiz, &question)?;
            quiz.questions.remove(at);
            (!quiz.questions.is_empty()).then_some(quiz)
        }
    };
    let lesson = lib.set_quiz(&lesson_id, quiz)?;
    out.emit(&lesson.quiz, || match &lesson.quiz {
        None => println!("{}", out.t("Questionário removido.", "Quiz removed.")),
        Some(quiz) => print_quiz(out, quiz),
    });
    Ok(())
}

fn print_quiz(out: &Out, quiz: &Quiz) {
    println!("{}: {}%", out.t("Nota mínima", "Pass mark"), quiz.pass_mark);
    for (i, q) in quiz.questions.iter().enumerate() {
        println!("{}. [{}] {}", i + 1, q.id, out.text(&q.prompt));
        for o in &q.options {
            let mark = if o.correct { "*" } else { " " };
            println!("   {mark} {}", out.text(&o.text));
        }
    }
}
