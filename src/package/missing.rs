//! Lessons that refer to media the course does not have.
//!
//! Such a lesson shows learners "[ficheiro em falta…]". It is flagged
//! where the trainer looks (`media list`, `translation-status` and the
//! app's status, the export pre-flight), and an export refuses it by
//! default (`media_missing_in_lessons`): the CLI's `--allow-missing-media`
//! is the explicit override. References are found by the renderer's own
//! finder, so what is flagged is exactly what learners would see missing.

use crate::error::{Error, Result};
use crate::model::{Course, MissingMedia};
use crate::render::media_reference_spans;
use crate::Library;

/// Every media name the lessons of `course` (body and notes, both
/// languages) refer to that is not in `names`, with the lessons, in course order.
pub fn missing_media(course: &Course, names: &[String]) -> Vec<MissingMedia> {
    let mut out: Vec<MissingMedia> = Vec::new();
    for (m, module) in course.modules.iter().enumerate() {
        for (l, lesson) in module.lessons.iter().enumerate() {
            let title = lesson.title.get_or_other(course.source_lang);
            let at = format!("{}.{} {title}", m + 1, l + 1);
            for text in [&lesson.body.pt, &lesson.body.en, &lesson.notes.pt, &lesson.notes.en] {
                for name in
                    media_reference_spans(text).into_iter().filter(|r| r.shown).map(|r| r.name)
                {
                    if names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                        continue;
                    }
                    match out.iter_mut().find(|x| x.name.eq_ignore_ascii_case(&name)) {
                        Some(x) if !x.lessons.contains(&at) => x.lessons.push(at.clone()),
                        Some(_) => {}
                        None => out.push(MissingMedia { name, lessons: vec![at.clone()] }),
                    }
                }
            }
        }
    }
    out
}

impl Library {
    /// Media that the course's lessons show but the course does not have.
    pub fn missing_media(&self, course_id: &str) -> Result<Vec<MissingMedia>> {
        let course = self.course(course_id)?;
        let names: Vec<String> = self.list_media(course_id)?.into_iter().map(|m| m.name).collect();
        Ok(missing_media(&course, &names))
    }

    /// Refuses (`media_missing_in_lessons`) when a lesson refers to media the
    /// course does not have: what an export checks unless the person overrides it.
    pub fn check_media_references(&self, course_id: &str) -> Result<()> {
        let missing = self.missing_media(course_id)?;
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::MediaMissingInLessons {
            names: missing
                .into_iter()
                .map(|m| format!("{} ({})", m.name, m.lessons.join(", ")))
                .collect(),
        })
    }
}
