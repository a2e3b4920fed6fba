//! The translatable fields of a course, each with a stable unit id, and
//! applying translated units back onto a course.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{text_hash, Bilingual, Course, FieldState, Lang};

use super::read::XliffDocument;

/// Calls `f` with the unit id and text of every translatable field, in course order.
pub(crate) fn for_each_field(course: &mut Course, f: &mut dyn FnMut(String, &mut Bilingual)) {
    f("course/title".into(), &mut course.title);
    f("course/summary".into(), &mut course.summary);
    // One unit per topic, by position (issue 16).
    for (i, topic) in course.topics.iter_mut().enumerate() {
        f(format!("course/topic/{}", i + 1), topic);
    }
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
    /// Units the translator changed whose local text changed too since the
    /// export: the local text was kept.
    pub conflicts: Vec<Conflict>,
    /// Units marked as needing review that would have replaced a current
    /// translation: the current one was kept.
    pub kept_reviewed: Vec<String>,
    /// The revision saved before the import (restorable), when it changed anything.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub revision_saved: Option<i64>,
}

/// A unit changed both here and by the translator since the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "XliffConflict"))]
pub struct Conflict {
    pub id: String,
    /// The text in the library, kept.
    pub local: String,
    /// The translator's text, not applied.
    pub theirs: String,
}

/// What the person chose for conflicts (after seeing them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Units whose translator's text replaces the local one.
    pub take_theirs: Vec<String>,
    /// Every conflict takes the translator's text.
    pub take_all_theirs: bool,
}

impl Choices {
    fn takes(&self, id: &str) -> bool {
        self.take_all_theirs || self.take_theirs.iter().any(|t| t == id)
    }
}

/// States that say the translator is not done with a unit.
fn needs_work(state: Option<&str>) -> bool {
    state.is_some_and(|s| s.starts_with("needs-"))
}

/// Applies the translated units of `doc` to `course` (already checked to be
/// the document's course). `exported` is the hash of each unit's target at
/// export, from the library's record (`None` when the file's export is not
/// on record). Refuses, changing nothing, when a unit id is unknown.
pub fn apply(
    course: &mut Course,
    doc: &XliffDocument,
    exported: Option<&BTreeMap<String, String>>,
    choices: &Choices,
) -> Result<ImportReport, Vec<String>> {
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
        conflicts: Vec::new(),
        kept_reviewed: Vec::new(),
        revision_saved: None,
    };
    for_each_field(course, &mut |id, text| {
        let Some(unit) = doc.units.iter().find(|u| u.id == id) else { return };
        let Some(theirs) = &unit.target else {
            report.unchanged += 1;
            return;
        };
        let ours = text.get(target);
        let at_export = exported.and_then(|e| e.get(&id));
        let unsure = needs_work(unit.state.as_deref());
        let marked_done =
            matches!(unit.state.as_deref(), Some("translated" | "final" | "signed-off"));
        let current = text.state(target, source) == Some(FieldState::Complete);
        if theirs.trim().is_empty() {
            report.unchanged += 1;
            return;
        }
        if theirs.trim() == ours.trim() {
            // An unchanged target counts only when the translator confirmed a
            // translation we consider missing or stale.
            if marked_done && !current {
                text.source_hash = Some(text_hash(&unit.source));
                if text_hash(text.get(source)) != text_hash(&unit.source) {
                    report.still_stale.push(id.clone());
                }
                report.updated.push(id);
            } else {
                report.unchanged += 1;
            }
            return;
        }
        // The translator did not touch it: ours is the same or newer.
        if at_export.is_some_and(|hash| *hash == text_hash(theirs)) {
            report.unchanged += 1;
            return;
        }
        let changed_here = match at_export {
            Some(hash) => *hash != text_hash(ours),
            None => !ours.trim().is_empty(),
        };
        if changed_here && !choices.takes(&id) {
            report.conflicts.push(Conflict { id, local: ours.to_string(), theirs: theirs.clone() });
            return;
        }
        if unsure && current && !choices.takes(&id) {
            report.kept_reviewed.push(id);
            return;
        }
        match target {
            Lang::Pt => text.pt = theirs.clone(),
            Lang::En => text.en = theirs.clone(),
        }
        if unsure {
            // Written, but not a finished translation: it stays stale.
            text.source_hash = None;
            report.still_stale.push(id.clone());
        } else {
            // Translated from the source text the file carried.
            text.source_hash = Some(text_hash(&unit.source));
            if text_hash(text.get(source)) != text_hash(&unit.source) {
                report.still_stale.push(id.clone());
            }
        }
        report.updated.push(id);
    });
    Ok(report)
}
