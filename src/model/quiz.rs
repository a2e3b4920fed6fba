//! Lesson quizzes: single choice, multiple choice and true/false questions
//! with bilingual prompts, options and feedback, scored against a pass mark.
//!
//! Validation lives here so that the CLI, the app and package import all
//! judge quizzes by the same rules. There are two levels: a quiz that is
//! *savable* may be a draft (a question still without a prompt or a right
//! answer), because a trainer writes a question in several sittings; a quiz
//! that is *complete* can be taken by learners, and only complete quizzes
//! are exported (the pre-flight says which lesson still holds a draft).

use serde::{Deserialize, Serialize};

use super::text::Bilingual;
use super::Lang;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Quiz {
    /// Percentage of questions answered right needed to pass (0–100).
    pub pass_mark: u8,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice,
    MultipleChoice,
    TrueFalse,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: Bilingual,
    pub options: Vec<QuizOption>,
    /// Shown after answering, right or wrong.
    #[serde(default)]
    pub feedback: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuizOption {
    pub id: String,
    pub text: Bilingual,
    pub correct: bool,
    /// Shown when this option is chosen.
    #[serde(default)]
    pub feedback: Bilingual,
}

/// Why a quiz is not ready for learners, or cannot be saved at all, in words
/// a trainer can act on (question numbers count from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizProblem {
    PassMarkOver100 { mark: u8 },
    NoQuestions,
    NoPrompt { question: usize },
    TooFewOptions { question: usize, have: usize, min: usize },
    TooManyOptions { question: usize, have: usize, max: usize },
    NoCorrectOption { question: usize },
    SeveralCorrectOptions { question: usize },
}

impl QuizProblem {
    pub fn message(&self, lang: Lang) -> String {
        use QuizProblem::*;
        match (self, lang) {
            (PassMarkOver100 { mark }, Lang::Pt) => {
                format!("a nota mínima ({mark}%) passa de 100%")
            }
            (PassMarkOver100 { mark }, Lang::En) => format!("the pass mark ({mark}%) is over 100%"),
            (NoQuestions, Lang::Pt) => "o questionário ainda não tem perguntas".into(),
            (NoQuestions, Lang::En) => "the quiz has no questions yet".into(),
            (NoPrompt { question }, Lang::Pt) => format!("a pergunta {question} não tem enunciado"),
            (NoPrompt { question }, Lang::En) => format!("question {question} has no prompt"),
            (TooFewOptions { question, have, min }, Lang::Pt) => {
                format!("a pergunta {question} tem {have} opções; precisa de pelo menos {min}")
            }
            (TooFewOptions { question, have, min }, Lang::En) => {
                format!("question {question} has {have} options; it needs at least {min}")
            }
            (TooManyOptions { question, have, max }, Lang::Pt) => {
                format!("a pergunta {question} tem {have} opções; o máximo é {max}")
            }
            (TooManyOptions { question, have, max }, Lang::En) => {
                format!("question {question} has {have} options; at most {max} are allowed")
            }
            (NoCorrectOption { question }, Lang::Pt) => {
                format!("a pergunta {question} não tem resposta certa marcada")
            }
            (NoCorrectOption { question }, Lang::En) => {
                format!("question {question} has no right answer marked")
            }
            (SeveralCorrectOptions { question }, Lang::Pt) => {
                format!("a pergunta {question} só pode ter uma resposta certa")
            }
            (SeveralCorrectOptions { question }, Lang::En) => {
                format!("question {question} can have only one right answer")
            }
        }
    }
}

impl std::fmt::Display for QuizProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl QuestionKind {
    /// How many options a question of this kind may have.
    fn option_range(self) -> (usize, usize) {
        match self {
            QuestionKind::TrueFalse => (2, 2),
            _ => (2, 10),
        }
    }
}

impl Quiz {
    /// What keeps this quiz from being saved at all. A draft may be
    /// incomplete (no prompt yet, no right answer marked, one option so far);
    /// it may not be contradictory: a pass mark over 100, more options than
    /// a question can have, or two right answers to a one-answer question.
    pub fn check_savable(&self) -> Result<(), QuizProblem> {
        if self.pass_mark > 100 {
            return Err(QuizProblem::PassMarkOver100 { mark: self.pass_mark });
        }
        for (n, q) in self.questions.iter().enumerate() {
            let question = n + 1;
            let (_, max) = q.kind.option_range();
            if q.options.len() > max {
                return Err(QuizProblem::TooManyOptions { question, have: q.options.len(), max });
            }
            let correct = q.options.iter().filter(|o| o.correct).count();
            if q.kind != QuestionKind::MultipleChoice && correct > 1 {
                return Err(QuizProblem::SeveralCorrectOptions { question });
            }
        }
        Ok(())
    }

    /// What is still missing before learners can take this quiz (empty when
    /// it is complete): the quiz editor's hints and the export pre-flight.
    pub fn missing(&self) -> Vec<QuizProblem> {
        let mut problems = Vec::new();
        if self.questions.is_empty() {
            problems.push(QuizProblem::NoQuestions);
        }
        for (n, q) in self.questions.iter().enumerate() {
            let question = n + 1;
            if q.prompt.pt.trim().is_empty() && q.prompt.en.trim().is_empty() {
                problems.push(QuizProblem::NoPrompt { question });
            }
            let (min, _) = q.kind.option_range();
            if q.options.len() < min {
                problems.push(QuizProblem::TooFewOptions { question, have: q.options.len(), min });
            }
            if !q.options.iter().any(|o| o.correct) {
                problems.push(QuizProblem::NoCorrectOption { question });
            }
        }
        problems
    }

    /// Saved drafts are allowed; a complete quiz is one learners can take.
    pub fn is_complete(&self) -> bool {
        self.check_savable().is_ok() && self.missing().is_empty()
    }

    /// Why this quiz is not both savable and complete (what a package must
    /// hold), in English, or `Ok`.
    pub fn validate(&self) -> Result<(), String> {
        self.check_savable().map_err(|p| p.to_string())?;
        match self.missing().first() {
            Some(problem) => Err(problem.to_string()),
            None => Ok(()),
        }
    }

    /// Every bilingual text in the quiz, for translation status and search.
    pub fn texts(&self) -> Vec<&Bilingual> {
        let mut texts = Vec::new();
        for q in &self.questions {
            texts.push(&q.prompt);
            texts.push(&q.feedback);
            for o in &q.options {
                texts.push(&o.text);
                texts.push(&o.feedback);
            }
        }
        texts
    }

    pub fn texts_mut(&mut self) -> Vec<&mut Bilingual> {
        let mut texts = Vec::new();
        for q in &mut self.questions {
            texts.push(&mut q.prompt);
            texts.push(&mut q.feedback);
            for o in &mut q.options {
                texts.push(&mut o.text);
                texts.push(&mut o.feedback);
            }
        }
        texts
    }

    /// Score in percent for a set of chosen option ids per question id;
    /// a question counts as right only when exactly the correct options are chosen.
    pub fn score(&self, answers: &[(String, Vec<String>)]) -> u8 {
        let right = self
            .questions
            .iter()
            .filter(|q| {
                let Some((_, chosen)) = answers.iter().find(|(id, _)| *id == q.id) else {
                    return false;
                };
                let mut want: Vec<&str> =
                    q.options.iter().filter(|o| o.correct).map(|o| o.id.as_str()).collect();
                let mut got: Vec<&str> = chosen.iter().map(String::as_str).collect();
                want.sort_unstable();
                got.sort_unstable();
                got.dedup();
                want == got
            })
            .count();
        ((right * 100) / self.questions.len().max(1)) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(id: &str, correct: bool) -> QuizOption {
        QuizOption {
            id: id.into(),
            text: Bilingual::new(id, id, Lang::Pt),
            correct,
            feedback: Bilingual::default(),
        }
    }

    fn quiz(kind: QuestionKind, options: Vec<QuizOption>) -> Quiz {
        Quiz {
            pass_mark: 50,
            questions: vec![Question {
                id: "q1".into(),
                kind,
                prompt: Bilingual::new("Pergunta", "Question", Lang::Pt),
                options,
                feedback: Bilingual::default(),
            }],
        }
    }

    #[test]
    fn validates_correct_option_counts() {
        assert!(quiz(QuestionKind::SingleChoice, vec![option("a", true), option("b", false)])
            .validate()
            .is_ok());
        assert!(quiz(QuestionKind::SingleChoice, vec![option("a", true), option("b", true)])
            .validate()
            .is_err());
        assert!(quiz(QuestionKind::MultipleChoice, vec![option("a", false), option("b", false)])
            .validate()
            .is_err());
        assert!(quiz(QuestionKind::TrueFalse, vec![option("a", true)]).validate().is_err());
    }

    #[test]
    fn an_unfinished_question_is_a_savable_draft_and_says_what_is_missing() {
        let mut draft = quiz(QuestionKind::SingleChoice, vec![option("a", false)]);
        draft.questions[0].prompt = Bilingual::default();
        assert_eq!(draft.check_savable(), Ok(()));
        assert!(!draft.is_complete());
        assert_eq!(
            draft.missing(),
            vec![
                QuizProblem::NoPrompt { question: 1 },
                QuizProblem::TooFewOptions { question: 1, have: 1, min: 2 },
                QuizProblem::NoCorrectOption { question: 1 },
            ]
        );
        assert_eq!(draft.missing()[0].message(Lang::Pt), "a pergunta 1 não tem enunciado");
        assert_eq!(draft.validate(), Err("question 1 has no prompt".into()));
        let empty = Quiz { pass_mark: 70, questions: vec![] };
        assert_eq!(empty.check_savable(), Ok(()));
        assert_eq!(empty.missing(), vec![QuizProblem::NoQuestions]);
    }

    #[test]
    fn a_contradictory_quiz_is_not_savable() {
        let two_right =
            quiz(QuestionKind::SingleChoice, vec![option("a", true), option("b", true)]);
        assert_eq!(
            two_right.check_savable(),
            Err(QuizProblem::SeveralCorrectOptions { question: 1 })
        );
        let options = (0..11).map(|i| option(&format!("o{i}"), i == 0)).collect();
        let many = quiz(QuestionKind::MultipleChoice, options);
        assert!(matches!(many.check_savable(), Err(QuizProblem::TooManyOptions { have: 11, .. })));
        let mut over = quiz(QuestionKind::TrueFalse, vec![option("a", true), option("b", false)]);
        over.pass_mark = 101;
        assert!(over.check_savable().is_err());
        over.pass_mark = 100;
        assert!(over.is_complete());
    }

    #[test]
    fn scores_only_exact_answers() {
        let q = quiz(
            QuestionKind::MultipleChoice,
            vec![option("a", true), option("b", true), option("c", false)],
        );
        assert_eq!(q.score(&[("q1".into(), vec!["a".into(), "b".into()])]), 100);
        assert_eq!(q.score(&[("q1".into(), vec!["a".into()])]), 0);
        assert_eq!(q.score(&[]), 0);
    }
}
