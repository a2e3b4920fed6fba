//! The translatable fields of a course, each with a stable unit id, and
//! applying translated units back onto a course.

use serde::{Deserialize, Serialize};

use crate::model::{text_hash, Bilingual, Course, Lang};

use super::read::XliffDocument;

/// Calls `f` with the unit id and text of every translatable field, in course order.
pub(crate) fn for_each_field(course: &mut Course, f: &mut dyn FnMut(String, &mut Bilingual)) {
    f("course/title".into(), &mut course.title);
    f("course/summary".into(), &mut course.summary);
    for module in &mut course.modules {
        f(format!("module/{}/title", module.id), &mut module.title);
        for lesson in &mut module.lessons {
            let id = lesson.id.clone();
            f(format!("lesson/{id}/title"), &mut lesson.title);
            f(format!("lesson/{id}/body"), &mut lesson.body);
            f(format!("lesson/{id}/notes"), &mut lesson.notes);
            if let Some(quiz) = &mut lesson.quiz {
                for q in &mut quiz.questions {
                    let base = format!("lesson/{id}/quiz/{}", q.id);
                    f(format!("{base}/prompt"), &mut q.prompt);
                    f(format!("{base}/feedback"), &mut q.feedback);
                    for o in &mut q.options {
                        f(format!("{base}/option/{}/text", o.id), &mut o.text);
                        f(format!("{base}/option/{}/feedback", o.id), &mut o.feedback);
                    }
                }
            }
        }
    }
}

/// What an import changed, for the person and for scripts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "XliffImportReport"))]
pub struct ImportReport {
    pub course_id: String,
    pub target: Lang,
    /// Units whose translation was written.
    pub updated: Vec<String>,
    /// Of those, units whose source changed since the file was made: still stale.
    pub still_stale: Vec<String>,
    /// Units that carried no new translation and were left alone.
    pub unchanged: usize,
}

/// Applies the translated units of `doc` to `course` (already checked to be
/// the document's course). Refuses, changing nothing, when a unit id is unknown.
pub fn apply(course: &mut Course, doc: &XliffDocument) -> Result<ImportReport, Vec<String>> {
    let mut known = Vec::new();
    for_each_field(course, &mut |id, _| known.push(id));
    let unknown: Vec<String> =
        doc.units.iter().filter(|u| !known.contains(&u.id)).map(|u| u.id.clone()).collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let source = course.source_lang;
    let target = doc.target;
    let mut report = ImportReport {
        course_id: course.id.clone(),
        target,
        updated: Vec::new(),
        still_stale: Vec::new(),
        unchanged: 0,
    };
    for_each_field(course, &mut |id, text| {
        let Some(unit) = doc.units.iter().find(|u| u.id == id) else { return };
        let Some(new_target) = &unit.target else {
            report.unchanged += 1;
            return;
        };
        let marked_done =
            matches!(unit.state.as_deref(), Some("translated" | "final" | "signed-off"));
        let differs = new_target.trim() != text.get(target).trim();
        // An unchanged target counts only when the translator confirmed a
        // translation we consider missing or stale.
        let confirms =
            marked_done && text.state(target, source) != Some(crate::model::FieldState::Complete);
        if new_target.trim().is_empty() || !(differs || confirms) {
            report.unchanged += 1;
            return;
        }
        match target {
            Lang::Pt => text.pt = new_target.clone(),
            Lang::En => text.en = new_target.clone(),
        }
        // Translated from the source text the file carried.
        text.source_hash = Some(text_hash(&unit.source));
        if text_hash(text.get(source)) != text_hash(&unit.source) {
            report.still_stale.push(id.clone());
        }
        report.updated.push(id);
    });
    Ok(report)
}
