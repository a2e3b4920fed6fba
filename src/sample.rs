//! The bilingual sample course seeded into every new library, so a trainer
//! opening Juntos Studio for the first time sees what a finished course looks
//! like. Its text lives in `assets/sample/` and is embedded at build time.

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::library::{new_id, now};
use crate::model::{Bilingual, Course, Lang, Lesson, Module, Quiz};

const COURSE_JSON: &str = include_str!("../assets/sample/course.json");

/// Lesson bodies by key, `(key, pt, en)`.
const BODIES: &[(&str, &str, &str)] = &[
    (
        "1-1",
        include_str!("../assets/sample/lessons/1-1.pt.md"),
        include_str!("../assets/sample/lessons/1-1.en.md"),
    ),
    (
        "1-2",
        include_str!("../assets/sample/lessons/1-2.pt.md"),
        include_str!("../assets/sample/lessons/1-2.en.md"),
    ),
    (
        "2-1",
        include_str!("../assets/sample/lessons/2-1.pt.md"),
        include_str!("../assets/sample/lessons/2-1.en.md"),
    ),
    (
        "2-2",
        include_str!("../assets/sample/lessons/2-2.pt.md"),
        include_str!("../assets/sample/lessons/2-2.en.md"),
    ),
    (
        "2-3",
        include_str!("../assets/sample/lessons/2-3.pt.md"),
        include_str!("../assets/sample/lessons/2-3.en.md"),
    ),
];

#[derive(Deserialize)]
struct SampleCourse {
    slug: String,
    organisation: String,
    licence: String,
    topics: Vec<Bilingual>,
    title: Bilingual,
    summary: Bilingual,
    modules: Vec<SampleModule>,
}

#[derive(Deserialize)]
struct SampleModule {
    title: Bilingual,
    lessons: Vec<SampleLesson>,
}

#[derive(Deserialize)]
struct SampleLesson {
    key: String,
    title: Bilingual,
    minutes: u32,
    notes: Bilingual,
    quiz: Option<Quiz>,
}

/// The sample course with fresh ids, every translation marked current.
pub fn sample_course() -> Result<Course> {
    let sample: SampleCourse = serde_json::from_str(COURSE_JSON)
        .map_err(|e| Error::Internal(format!("sample course: {e}")))?;
    let source = Lang::Pt;
    let current = |mut text: Bilingual| {
        text.mark_reviewed(source);
        text
    };
    let mut modules = Vec::new();
    for module in sample.modules {
        let mut lessons = Vec::new();
        for lesson in module.lessons {
            let (_, pt, en) =
                BODIES.iter().find(|(key, _, _)| *key == lesson.key).ok_or_else(|| {
                    Error::Internal(format!("sample lesson {} has no body", lesson.key))
                })?;
            let mut quiz = lesson.quiz;
            if let Some(quiz) = &mut quiz {
                quiz.validate().map_err(|e| Error::Internal(format!("sample quiz: {e}")))?;
                quiz.texts_mut().into_iter().for_each(|t| t.mark_reviewed(source));
            }
            lessons.push(Lesson {
                id: new_id(),
                title: current(lesson.title),
                body: Bilingual::new(*pt, *en, source),
                notes: current(lesson.notes),
                minutes: lesson.minutes,
                quiz,
            });
        }
        modules.push(Module { id: new_id(), title: current(module.title), lessons });
    }
    let now = now();
    Ok(Course {
        id: new_id(),
        slug: sample.slug,
        revision: 1,
        source_lang: source,
        title: current(sample.title),
        summary: current(sample.summary),
        organisation: sample.organisation,
        licence: sample.licence,
        topics: sample.topics.into_iter().map(current).collect(),
        created_at: now.clone(),
        updated_at: now,
        derived_from: None,
        modules,
    })
}
