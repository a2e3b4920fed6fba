//! Translation status: for every bilingual field of a course, module or
//! lesson, whether each language is complete, missing or stale, and a
//! percentage per language. Derived from the texts alone, so it cannot go
//! out of date.

use serde::{Deserialize, Serialize};

use super::course::{Course, Lesson, Module};
use super::text::{Bilingual, FieldState, Lang};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TranslationStatus {
    pub source_lang: Lang,
    pub fields: Vec<FieldStatus>,
    /// Percentage of counted fields that are complete in Portuguese.
    pub pt_percent: u8,
    /// Percentage of counted fields that are complete in English.
    pub en_percent: u8,
    /// Media that lessons show but the course does not have (filled for a
    /// whole course by `Library::translation_status`; `None` when there are none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub missing_media: Option<Vec<MissingMedia>>,
    /// Videos without a sign-language interpreter in a course that asks
    /// for one (filled by `Library::translation_status`; `None` otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub missing_interpreters: Option<Vec<crate::media::MissingInterpreter>>,
}

/// A `media:NAME` that lessons refer to but the course has no media by that name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MissingMedia {
    pub name: String,
    /// The lessons that refer to it, as `1.2 Título`.
    pub lessons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldStatus {
    /// Where the field is, readable: `course`, `module 2`, `lesson 2.3`, `lesson 2.3 quiz`.
    pub location: String,
    /// Id of the course, module or lesson that holds the field.
    pub owner_id: String,
    /// `title`, `summary`, `topics`, `body`, `notes`, `quiz`.
    pub field: String,
    pub pt: FieldState,
    pub en: FieldState,
}

impl TranslationStatus {
    pub fn is_complete(&self) -> bool {
        self.pt_percent == 100 && self.en_percent == 100
    }

    pub fn state_of(&self, owner_id: &str, field: &str, lang: Lang) -> Option<FieldState> {
        self.fields.iter().find(|f| f.owner_id == owner_id && f.field == field).map(|f| {
            if lang == Lang::Pt {
                f.pt
            } else {
                f.en
            }
        })
    }
}

/// Collects field states and turns them into a status.
struct Collector {
    source: Lang,
    fields: Vec<FieldStatus>,
}

impl Collector {
    fn push(&mut self, location: &str, owner_id: &str, field: &str, text: &Bilingual) {
        if let (Some(pt), Some(en)) =
            (text.state(Lang::Pt, self.source), text.state(Lang::En, self.source))
        {
            self.fields.push(FieldStatus {
                location: location.to_string(),
                owner_id: owner_id.to_string(),
                field: field.to_string(),
                pt,
                en,
            });
        }
    }

    fn module(&mut self, number: usize, module: &Module) {
        self.push(&format!("module {number}"), &module.id, "title", &module.title);
        for (l, lesson) in module.lessons.iter().enumerate() {
            self.lesson(&format!("lesson {number}.{}", l + 1), lesson);
        }
    }

    fn lesson(&mut self, location: &str, lesson: &Lesson) {
        self.push(location, &lesson.id, "title", &lesson.title);
        self.push(location, &lesson.id, "body", &lesson.body);
        self.push(location, &lesson.id, "notes", &lesson.notes);
        if let Some(quiz) = &lesson.quiz {
            // A quiz counts as one field per language: its worst text decides.
            let states: Vec<(FieldState, FieldState)> = quiz
                .texts()
                .into_iter()
                .filter_map(|t| {
                    Some((t.state(Lang::Pt, self.source)?, t.state(Lang::En, self.source)?))
                })
                .collect();
            if !states.is_empty() {
                self.fields.push(FieldStatus {
                    location: location.to_string(),
                    owner_id: lesson.id.clone(),
                    field: "quiz".into(),
                    pt: worst(states.iter().map(|s| s.0)),
                    en: worst(states.iter().map(|s| s.1)),
                });
            }
        }
    }

    /// A course's topics count as one field per language, like a quiz: the
    /// worst topic decides.
    fn topics(&mut self, owner_id: &str, topics: &[Bilingual]) {
        let states: Vec<(FieldState, FieldState)> = topics
            .iter()
            .filter_map(|t| {
                Some((t.state(Lang::Pt, self.source)?, t.state(Lang::En, self.source)?))
            })
            .collect();
        if !states.is_empty() {
            self.fields.push(FieldStatus {
                location: "course".into(),
                owner_id: owner_id.to_string(),
                field: "topics".into(),
                pt: worst(states.iter().map(|s| s.0)),
                en: worst(states.iter().map(|s| s.1)),
            });
        }
    }

    fn finish(self) -> TranslationStatus {
        let percent = |lang: Lang| -> u8 {
            if self.fields.is_empty() {
                return 100;
            }
            let done = self
                .fields
                .iter()
                .filter(|f| (if lang == Lang::Pt { f.pt } else { f.en }) == FieldState::Complete)
                .count();
            ((done * 100) / self.fields.len()) as u8
        };
        TranslationStatus {
            source_lang: self.source,
            pt_percent: percent(Lang::Pt),
            en_percent: percent(Lang::En),
            fields: self.fields,
            missing_media: None,
            missing_interpreters: None,
        }
    }
}

fn worst(states: impl Iterator<Item = FieldState>) -> FieldState {
    states.fold(FieldState::Complete, |acc, s| match (acc, s) {
        (FieldState::Missing, _) | (_, FieldState::Missing) => FieldState::Missing,
        (FieldState::Stale, _) | (_, FieldState::Stale) => FieldState::Stale,
        _ => FieldState::Complete,
    })
}

pub fn course_status(course: &Course) -> TranslationStatus {
    let mut c = Collector { source: course.source_lang, fields: Vec::new() };
    c.push("course", &course.id, "title", &course.title);
    c.push("course", &course.id, "summary", &course.summary);
    c.topics(&course.id, &course.topics);
    for (m, module) in course.modules.iter().enumerate() {
        c.module(m + 1, module);
    }
    c.finish()
}

pub fn module_status(course: &Course, module_id: &str) -> Option<TranslationStatus> {
    let (m, module) = course.modules.iter().enumerate().find(|(_, m)| m.id == module_id)?;
    let mut c = Collector { source: course.source_lang, fields: Vec::new() };
    c.module(m + 1, module);
    Some(c.finish())
}

pub fn lesson_status(course: &Course, lesson_id: &str) -> Option<TranslationStatus> {
    for (m, module) in course.modules.iter().enumerate() {
        if let Some(l) = module.lessons.iter().position(|l| l.id == lesson_id) {
            let mut c = Collector { source: course.source_lang, fields: Vec::new() };
            c.lesson(&format!("lesson {}.{}", m + 1, l + 1), &module.lessons[l]);
            return Some(c.finish());
        }
    }
    None
}
