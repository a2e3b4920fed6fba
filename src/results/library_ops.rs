//! Learners' results as methods of `Library`: import files, list, merge and
//! delete learners, the dashboard and the export.
//!
//! Import reads and checks every file first (nothing is written while a
//! file is being judged), then writes them all in one transaction: one bad
//! file in a batch leaves the library exactly as it was.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::dashboard::{self, People};
use super::parse::{self, ParsedFile};
use super::snapshot;
use super::{
    export, rows, ExportRow, ImportedResultsFile, ResultsDashboard, ResultsError, ResultsFilter,
    ResultsImportReport, ResultsLearner,
};
use crate::error::{Error, Result};
use crate::library::Library;

impl Library {
    /// Imports results files (see `docs/results-format.md`). All are
    /// checked before anything is written; then one transaction. A file
    /// whose bytes were imported before changes nothing and is reported
    /// as `already_imported`.
    pub fn import_results(&mut self, paths: &[PathBuf]) -> Result<ResultsImportReport> {
        self.import_results_at(paths, OffsetDateTime::now_utc())
    }

    /// [`Library::import_results`] with the time that decides what is "in the
    /// future" (for tests and the benchmark).
    pub fn import_results_at(
        &mut self,
        paths: &[PathBuf],
        now: OffsetDateTime,
    ) -> Result<ResultsImportReport> {
        let files: Vec<ParsedFile> =
            paths.iter().map(|p| parse::read(p, now)).collect::<Result<_>>()?;
        for f in &files {
            if !rows::course_exists(self.conn(), &f.course_id)? {
                let title = if f.course_title.pt.is_empty() {
                    f.course_title.en.clone()
                } else {
                    f.course_title.pt.clone()
                };
                return Err(ResultsError::CourseUnknown {
                    path: f.path.clone(),
                    course_id: f.course_id.clone(),
                    title: title.chars().take(100).collect(),
                }
                .into());
            }
        }
        let imported_at = parse::iso(now);
        self.write(|tx| {
            let mut report =
                ResultsImportReport { files: Vec::new(), new_learners: 0, new_attempts: 0 };
            let mut this_batch = HashSet::new();
            for f in &files {
                let done =
                    !this_batch.insert(f.sha256.clone()) || rows::file_imported(tx, &f.sha256)?;
                let mut line = ImportedResultsFile {
                    path: f.path.clone(),
                    course_id: f.course_id.clone(),
                    course_title: f.course_title.clone(),
                    course_revision: f.course_revision,
                    device_id: f.device_id.clone(),
                    already_imported: done,
                    learners: f.learners.len() as u32,
                    new_learners: 0,
                    attempts: f.attempts.len() as u32,
                    new_attempts: 0,
                    skipped_deleted_learners: 0,
                };
                if !done {
                    store_file(tx, f, &imported_at, &mut line)?;
                }
                report.new_learners += line.new_learners;
                report.new_attempts += line.new_attempts;
                report.files.push(line);
            }
            Ok(report)
        })
    }

    /// The figures of a course's results for a filter.
    pub fn results_dashboard(
        &self,
        course_id: &str,
        filter: &ResultsFilter,
    ) -> Result<ResultsDashboard> {
        let course = self.course(course_id)?;
        dashboard::compute(self.conn(), &course, filter)
    }

    /// [`Library::results_dashboard`] reading every row again, even when
    /// the results have not changed since the last call (the benchmark's
    /// "first view after an import").
    #[doc(hidden)]
    pub fn results_dashboard_fresh(
        &self,
        course_id: &str,
        filter: &ResultsFilter,
    ) -> Result<ResultsDashboard> {
        let course = self.course(course_id)?;
        dashboard::compute_fresh(self.conn(), &course, filter)
    }

    /// The course's learners (those merged into another are listed under it).
    pub fn results_learners(&self, course_id: &str) -> Result<Vec<ResultsLearner>> {
        self.course(course_id)?;
        let snap = snapshot::get(self.conn(), course_id)?;
        let rows = &snap.learner_rows;
        let people = People::new(rows);
        let mut merged: Vec<Vec<String>> = vec![Vec::new(); people.kept.len()];
        for r in rows {
            if r.merged_into.is_some() {
                if let Some(&i) = people.index.get(r.id.as_str()) {
                    merged[i].push(r.id.clone());
                }
            }
        }
        let key = |name: &str| name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in people.kept.iter().enumerate() {
            if let Some(name) = &r.name {
                by_name.entry(key(name)).or_default().push(i);
            }
        }
        let out = people
            .kept
            .iter()
            .enumerate()
            .map(|(i, r)| ResultsLearner {
                id: r.id.clone(),
                name: r.name.clone(),
                group: r.group.clone(),
                device_id: r.device_id.clone(),
                created_at: r.created_at.clone(),
                merged: std::mem::take(&mut merged[i]),
                lessons_completed: snap.activity[i].lessons_completed,
                attempts: snap.activity[i].attempts,
                last_activity: snap.activity[i].last.clone(),
                same_name: r
                    .name
                    .as_ref()
                    .and_then(|n| by_name.get(&key(n)))
                    .into_iter()
                    .flatten()
                    .filter(|&&j| j != i && people.kept[j].device_id != r.device_id)
                    .map(|&j| people.kept[j].id.clone())
                    .collect(),
            })
            .collect();
        Ok(out)
    }

    /// Counts learner `merge` (and those merged into it) as learner `keep`
    /// from now on; both named by id or a unique start of it (4+ characters).
    /// Returns the kept learner's id.
    pub fn merge_learners(&mut self, course_id: &str, keep: &str, merge: &str) -> Result<String> {
        let keep = self.resolve_learner(course_id, keep)?;
        let merge = self.resolve_learner(course_id, merge)?;
        if keep == merge {
            return Err(ResultsError::MergeSame { learner: keep }.into());
        }
        let at = crate::library::now();
        self.write(|tx| rows::merge(tx, course_id, &keep, &merge, &at))?;
        Ok(keep)
    }

    /// Deletes a learner's results for good (and those merged into them).
    /// Their ids are remembered so that files still carrying them do not
    /// bring them back. Returns the ids deleted.
    pub fn delete_learner(&mut self, course_id: &str, learner: &str) -> Result<Vec<String>> {
        let learner = self.resolve_learner(course_id, learner)?;
        let at = crate::library::now();
        self.write(|tx| rows::delete(tx, course_id, &learner, &at))
    }

    /// One row per learner × lesson (see `export.rs`).
    pub fn results_rows(&self, course_id: &str, filter: &ResultsFilter) -> Result<Vec<ExportRow>> {
        let course = self.course(course_id)?;
        export::rows(self.conn(), &course, filter)
    }

    /// Writes the rows as CSV (UTF-8 with BOM) to `path`, whole or not at all.
    /// Returns the number of rows.
    pub fn export_results_csv(
        &self,
        course_id: &str,
        filter: &ResultsFilter,
        path: &Path,
    ) -> Result<usize> {
        let rows = self.results_rows(course_id, filter)?;
        crate::atomic_file::write(path, export::csv_text(&rows).as_bytes())?;
        Ok(rows.len())
    }

    /// A learner of the course (not merged into another) by id or start of id.
    fn resolve_learner(&self, course_id: &str, query: &str) -> Result<String> {
        self.course(course_id)?;
        let query = query.trim().to_lowercase();
        let rows = rows::learners(self.conn(), course_id)?;
        let kept = || rows.iter().filter(|r| r.merged_into.is_none());
        if let Some(r) = kept().find(|r| r.id == query) {
            return Ok(r.id.clone());
        }
        let found: Vec<&str> = match query.len() >= 4 {
            true => kept().filter(|r| r.id.starts_with(&query)).map(|r| r.id.as_str()).collect(),
            false => Vec::new(),
        };
        match found.as_slice() {
            [one] => Ok(one.to_string()),
            [] => Err(ResultsError::LearnerNotFound { query }.into()),
            _ => Err(ResultsError::LearnerAmbiguous { query }.into()),
        }
    }
}

/// Writes one checked file (not seen before) inside the import's transaction.
fn store_file(
    tx: &rusqlite::Transaction,
    f: &ParsedFile,
    imported_at: &str,
    line: &mut ImportedResultsFile,
) -> Result<()> {
    let course = &f.course_id;
    rows::insert_file(tx, f, imported_at)?;
    rows::upsert_device(tx, &f.device_id, &f.saved_at)?;
    let mut skipped = HashSet::new();
    for l in &f.learners {
        if rows::is_deleted(tx, course, &l.id)? {
            skipped.insert(l.id.as_str());
            continue;
        }
        line.new_learners +=
            u32::from(rows::upsert_learner(tx, course, &f.device_id, &f.saved_at, l)?);
    }
    line.skipped_deleted_learners = skipped.len() as u32;
    for l in f.lessons.iter().filter(|l| !skipped.contains(l.learner.as_str())) {
        rows::upsert_lesson(tx, course, l)?;
    }
    let mut numbers: HashMap<(&str, &str), u32> = HashMap::new();
    for a in f.attempts.iter().filter(|a| !skipped.contains(a.attempt.learner.as_str())) {
        let t = &a.attempt;
        match rows::attempt_hash(tx, course, &t.id)? {
            Some(hash) if hash == a.content_sha256 => continue,
            Some(_) => {
                let (path, attempt) = (f.path.clone(), t.id.clone());
                return Err(Error::from(ResultsError::AttemptConflict { path, attempt }));
            }
            None => {}
        }
        let mut marks = Vec::with_capacity(t.answers.len() * 5);
        for answer in &t.answers {
            let key = (t.lesson.as_str(), answer.question.as_str());
            let number = match numbers.get(&key) {
                Some(n) => *n,
                None => {
                    let n = rows::question_number(tx, course, &t.lesson, &answer.question)?;
                    numbers.insert(key, n);
                    n
                }
            };
            marks.extend_from_slice(&number.to_le_bytes());
            marks.push(u8::from(answer.correct));
        }
        rows::insert_attempt(tx, course, f.course_revision, a, &marks)?;
        line.new_attempts += 1;
    }
    Ok(())
}
