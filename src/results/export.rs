//! Results as rows for monitoring and evaluation: one row per learner ×
//! lesson (quizzes included) of the current course, for the learners the
//! dashboard counts under the same filter, plus a row for each lesson the
//! course no longer has that a learner has results for. Names and groups
//! are written verbatim (markup is text to a spreadsheet).
//!
//! The CSV is written here rather than with the `csv` crate: it is one
//! quoting rule (RFC 4180) over strings, and the crate is not in the build.
//! It starts with a UTF-8 BOM so that spreadsheet programs read accents
//! right, and a cell that a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`,
//! as OWASP advises against CSV injection.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::dashboard::{days, People};
use super::rows;
use super::ResultsFilter;
use crate::error::Result;
use crate::model::Course;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportRow {
    pub learner_id: String,
    pub name: Option<String>,
    pub group: Option<String>,
    pub device_id: String,
    /// 1-based position of the module and lesson; `None` for a removed lesson.
    pub module: Option<u32>,
    pub lesson: Option<u32>,
    pub lesson_id: String,
    pub lesson_title_pt: String,
    pub lesson_title_en: String,
    pub is_quiz: bool,
    pub opened_at: Option<String>,
    pub completed_at: Option<String>,
    pub seconds: u64,
    pub attempts: u32,
    pub best_score: Option<u32>,
    pub max_score: Option<u32>,
    pub passed: Option<bool>,
    pub last_attempt_at: Option<String>,
}

#[derive(Default)]
struct Cell {
    opened_at: Option<String>,
    completed_at: Option<String>,
    seconds: u64,
    attempts: u32,
    best: Option<(u32, u32)>,
    passed: bool,
    last_attempt_at: Option<String>,
}

fn earliest(slot: &mut Option<String>, at: &str) {
    if slot.as_deref().is_none_or(|s| at < s) {
        *slot = Some(at.to_string());
    }
}

pub(crate) fn rows(
    conn: &rusqlite::Connection,
    course: &Course,
    filter: &ResultsFilter,
) -> Result<Vec<ExportRow>> {
    let (from, to) = days(filter)?;
    let in_range = |at: &str| {
        let day = &at[..at.len().min(10)];
        day >= from.as_str() && day <= to.as_str()
    };
    let dated = filter.from.is_some() || filter.to.is_some();
    let learner_rows = rows::learners(conn, &course.id)?;
    let people = People::new(&learner_rows);
    let in_group = |who: usize| {
        filter.group.as_ref().is_none_or(|g| people.kept[who].group.as_ref() == Some(g))
    };
    let mut cells: HashMap<(usize, String), Cell> = HashMap::new();
    rows::each_lesson(conn, &course.id, |row| {
        let Some(&who) = people.index.get(row.learner) else { return };
        let done = row.completed_at.filter(|d| in_range(d));
        if !in_group(who) || (!in_range(row.opened_at) && done.is_none()) {
            return;
        }
        let cell = cells.entry((who, row.lesson.to_string())).or_default();
        if in_range(row.opened_at) {
            earliest(&mut cell.opened_at, row.opened_at);
            cell.seconds += row.seconds as u64;
        }
        if let Some(done) = done {
            earliest(&mut cell.completed_at, done);
        }
    })?;
    rows::each_attempt(conn, &course.id, |a| {
        let Some(&who) = people.index.get(a.learner) else { return };
        if !in_group(who) || !in_range(a.finished_at) {
            return;
        }
        let cell = cells.entry((who, a.lesson.to_string())).or_default();
        cell.attempts += 1;
        cell.passed |= a.passed;
        let better = cell.best.is_none_or(|(s, m)| {
            u64::from(a.score) * u64::from(m) > u64::from(s) * u64::from(a.max_score)
        });
        if better {
            cell.best = Some((a.score, a.max_score));
        }
        if cell.last_attempt_at.as_deref().is_none_or(|l| a.finished_at > l) {
            cell.last_attempt_at = Some(a.finished_at.to_string());
        }
    })?;
    let known: HashSet<&str> = course.lessons().map(|l| l.id.as_str()).collect();
    // Lessons the course no longer has, per learner, by id.
    let mut removed: HashMap<usize, Vec<(&String, &Cell)>> = HashMap::new();
    for ((who, id), cell) in &cells {
        if !known.contains(id.as_str()) {
            removed.entry(*who).or_default().push((id, cell));
        }
    }
    let active: HashSet<usize> = cells.keys().map(|(w, _)| *w).collect();
    let mut out = Vec::new();
    for (who, learner) in people.kept.iter().enumerate() {
        if !in_group(who) || (dated && !active.contains(&who)) {
            continue;
        }
        let row = |lesson_id: &str, cell: Option<&Cell>| ExportRow {
            learner_id: learner.id.clone(),
            name: learner.name.clone(),
            group: learner.group.clone(),
            device_id: learner.device_id.clone(),
            module: None,
            lesson: None,
            lesson_id: lesson_id.to_string(),
            lesson_title_pt: String::new(),
            lesson_title_en: String::new(),
            is_quiz: false,
            opened_at: cell.and_then(|c| c.opened_at.clone()),
            completed_at: cell.and_then(|c| c.completed_at.clone()),
            seconds: cell.map_or(0, |c| c.seconds),
            attempts: cell.map_or(0, |c| c.attempts),
            best_score: cell.and_then(|c| c.best.map(|b| b.0)),
            max_score: cell.and_then(|c| c.best.map(|b| b.1)),
            passed: cell.filter(|c| c.attempts > 0).map(|c| c.passed),
            last_attempt_at: cell.and_then(|c| c.last_attempt_at.clone()),
        };
        for (m, module) in course.modules.iter().enumerate() {
            for (l, lesson) in module.lessons.iter().enumerate() {
                let key = (who, lesson.id.clone());
                let mut r = row(&lesson.id, cells.get(&key));
                r.module = Some(m as u32 + 1);
                r.lesson = Some(l as u32 + 1);
                r.lesson_title_pt = lesson.title.pt.clone();
                r.lesson_title_en = lesson.title.en.clone();
                r.is_quiz = lesson.quiz.is_some();
                out.push(r);
            }
        }
        let mut gone = removed.remove(&who).unwrap_or_default();
        gone.sort_by(|a, b| a.0.cmp(b.0));
        for (id, cell) in gone {
            let mut r = row(id, Some(cell));
            r.is_quiz = cell.attempts > 0;
            out.push(r);
        }
    }
    Ok(out)
}

const HEADER: [&str; 18] = [
    "learner_id",
    "name",
    "group",
    "device_id",
    "module",
    "lesson",
    "lesson_id",
    "lesson_title_pt",
    "lesson_title_en",
    "kind",
    "opened_at",
    "completed_at",
    "seconds",
    "attempts",
    "best_score",
    "max_score",
    "passed",
    "last_attempt_at",
];

/// The rows as CSV text: BOM, header, CRLF line ends (RFC 4180).
pub fn csv_text(rows: &[ExportRow]) -> String {
    let mut out = String::from("\u{feff}");
    push_line(&mut out, HEADER.iter().map(|h| h.to_string()));
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    for r in rows {
        push_line(
            &mut out,
            [
                r.learner_id.clone(),
                opt(&r.name),
                opt(&r.group),
                r.device_id.clone(),
                num(r.module),
                num(r.lesson),
                r.lesson_id.clone(),
                r.lesson_title_pt.clone(),
                r.lesson_title_en.clone(),
                if r.is_quiz { "quiz" } else { "lesson" }.to_string(),
                opt(&r.opened_at),
                opt(&r.completed_at),
                r.seconds.to_string(),
                r.attempts.to_string(),
                num(r.best_score),
                num(r.max_score),
                r.passed.map(|p| if p { "yes" } else { "no" }.to_string()).unwrap_or_default(),
                opt(&r.last_attempt_at),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_line(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&cell));
    }
    out.push_str("\r\n");
}

/// One cell: quoted when it holds a comma, quote or line break; a leading
/// `'` when a spreadsheet would take it for a formula.
fn quote(cell: &str) -> String {
    let guarded = match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(quote("Ana"), "Ana");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("=1+1"), "'=1+1");
        assert_eq!(quote("<b>Zé</b>"), "<b>Zé</b>");
    }
}
