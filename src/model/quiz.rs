//! Lesson quizzes: single choice, multiple choice and true/false questions
//! with bilingual prompts, options and feedback, scored against a pass mark.
//!
//! Validation lives here so that the CLI, the app and package import all
//! refuse the same broken quizzes with the same reasons.

use serde::{Deserialize, Serialize};

use super::text::Bilingual;

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

impl Quiz {
    /// Why this quiz cannot be saved, in plain words, or `Ok`.
    pub fn validate(&self) -> Result<(), String> {
        if self.pass_mark > 100 {
            return Err(format!("pass mark {} is over 100", self.pass_mark));
        }
        if self.questions.is_empty() {
            return Err("a quiz needs at least one question".into());
        }
        for (n, q) in self.questions.iter().enumerate() {
            let n = n + 1;
            if q.prompt.pt.trim().is_empty() && q.prompt.en.trim().is_empty() {
                return Err(format!("question {n} has no prompt"));
            }
            let correct = q.options.iter().filter(|o| o.correct).count();
            let (min, max) = match q.kind {
                QuestionKind::TrueFalse => (2, 2),
                _ => (2, 10),
            };
            if q.options.len() < min || q.options.len() > max {
                return Err(format!(
                    "question {n} has {} options; it needs {min} to {max}",
                    q.options.len()
                ));
            }
            match q.kind {
                QuestionKind::SingleChoice | QuestionKind::TrueFalse if correct != 1 => {
                    return Err(format!("question {n} needs exactly one correct option"));
                }
                QuestionKind::MultipleChoice if correct == 0 => {
                    return Err(format!("question {n} needs at least one correct option"));
                }
                _ => {}
            }
        }
        Ok(())
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
    use crate::model::Lang;

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
