//! Learners' results (issue 17): the `*.juntos-results` files the offline
//! player saves come back to the trainer's library, are merged there, and
//! are shown as figures per course.
//!
//! - `parse.rs` reads a file as hostile input: size cap, envelope, checksum,
//!   then every field checked (ids, dates, numbers) before anything is written;
//! - `rows.rs` is every SQL statement on the results tables (migration 0008);
//! - `library_ops.rs` puts import, learners, merge, delete and export on
//!   [`crate::Library`]: a batch of files is validated whole, then written in
//!   one transaction, so a bad file leaves the library as it was;
//! - `snapshot.rs` reads what the figures need of a course's results into
//!   memory (ids as numbers) and keeps it until the results change;
//! - `dashboard.rs` computes the figures of one course for a filter;
//! - `export.rs` writes them as rows (CSV with a BOM, or JSON);
//! - `errors.rs` is what can go wrong, each with its own code and message.
//!
//! The format is described in `docs/results-format.md`; the figures' exact
//! definitions are on [`ResultsDashboard`]'s fields.

mod dashboard;
mod errors;
mod export;
mod library_ops;
mod parse;
mod rows;
mod snapshot;

use serde::{Deserialize, Serialize};

pub use errors::ResultsError;
pub use export::{csv_text, ExportRow};
pub use parse::{FORMAT, MAX_FILE_BYTES, VERSION};

/// A text in both languages, as shown (no translation state).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResultsText {
    pub pt: String,
    pub en: String,
}

/// What the dashboard and the export count: learners of one group (exact
/// name; `None` = all) and activity on days `from..=to` (`YYYY-MM-DD`, UTC;
/// either may be open).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResultsFilter {
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// What an import did, file by file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResultsImportReport {
    pub files: Vec<ImportedResultsFile>,
    /// Learners seen for the first time, over all files.
    pub new_learners: u32,
    /// Attempts stored for the first time, over all files.
    pub new_attempts: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportedResultsFile {
    pub path: String,
    pub course_id: String,
    pub course_title: ResultsText,
    /// The course revision the player had (may differ from the library's).
    pub course_revision: i64,
    pub device_id: String,
    /// The same bytes were imported before (or twice in this batch): nothing changed.
    pub already_imported: bool,
    pub learners: u32,
    pub new_learners: u32,
    pub attempts: u32,
    pub new_attempts: u32,
    /// Learners deleted on request earlier: their rows in this file were skipped.
    pub skipped_deleted_learners: u32,
}

/// A learner of a course, as the trainer sees them in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResultsLearner {
    pub id: String,
    /// `None`: the learner skipped the name (anonymous use).
    pub name: Option<String>,
    pub group: Option<String>,
    pub device_id: String,
    pub created_at: String,
    /// The ids merged into this learner (other devices, usually).
    pub merged: Vec<String>,
    pub lessons_completed: u32,
    pub attempts: u32,
    /// Last activity (lesson opened or attempt finished), if any.
    pub last_activity: Option<String>,
    /// Other learners of the course with the same name (ignoring case and
    /// spaces) on another device: candidates for a merge.
    pub same_name: Vec<String>,
}

/// Everything the Results view shows for a course under a filter. Learners
/// merged into another count as that one. "In range" means: a lesson row
/// whose `opened_at` day, an attempt whose `finished_at` day, is within the
/// filter's dates (every row when no date is given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResultsDashboard {
    pub course_id: String,
    pub course_title: ResultsText,
    /// The library's revision of the course, to which results are mapped.
    pub revision: i64,
    /// Revisions the imported files were made from (sorted).
    pub file_revisions: Vec<i64>,
    pub filter: ResultsFilter,
    /// Every group of the course's learners (sorted), for the filter.
    pub groups: Vec<String>,
    /// First and last day with activity (`YYYY-MM-DD`), over all learners.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// Learners of the group; with dates, only those with activity in range.
    pub learners: u32,
    /// Learners without a name (anonymous use).
    pub anonymous_learners: u32,
    pub modules: Vec<ModuleCompletion>,
    /// One per quiz lesson of the current course, in course order.
    pub quizzes: Vec<QuizResults>,
    /// Over every (learner, quiz) pair with an attempt in range: the share
    /// with at least one passed attempt (0–1; 0 when there is none).
    pub pass_rate: f64,
    pub quiz_takers: u32,
    pub quiz_passes: u32,
    /// Best score of each (learner, quiz) pair, in tenths of the maximum:
    /// `histogram[k]` counts `k/10 ≤ score/max < (k+1)/10`; 100 % is in the last.
    pub score_histogram: Vec<u32>,
    /// Questions of the current course answered in range, least often
    /// right first (ties in course order).
    pub questions: Vec<QuestionResults>,
    /// Answered questions (or whole quizzes) the current course no longer
    /// has: their ids only, least often right first.
    pub removed_questions: Vec<QuestionResults>,
    /// Attempts in range by the language the learner used.
    pub attempts_pt: u32,
    pub attempts_en: u32,
    /// Seconds in lessons in range, summed over the counted learners, and
    /// the median of each learner's sum (learners without time count as 0;
    /// for an even count the lower of the two middle values' mean, rounded down).
    pub total_seconds: u64,
    pub median_seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModuleCompletion {
    pub module_id: String,
    pub title: ResultsText,
    /// Counted learners who completed every lesson of the module.
    pub completed: u32,
    pub lessons: Vec<LessonCompletion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LessonCompletion {
    pub lesson_id: String,
    pub title: ResultsText,
    pub is_quiz: bool,
    /// Counted learners who opened the lesson (opened in range).
    pub opened: u32,
    /// Counted learners who completed it (completed on a day in range).
    pub completed: u32,
    /// Time spent in it: the median, over the learners who opened it in
    /// range, of each one's seconds in it (summed over the learners merged
    /// into them); for an even count the mean of the two middle values,
    /// rounded down; 0 when nobody opened it.
    pub median_seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuizResults {
    pub lesson_id: String,
    pub title: ResultsText,
    pub pass_mark: u8,
    pub attempts: u32,
    /// Counted learners with an attempt in range, and those with a pass.
    pub takers: u32,
    pub passed: u32,
    /// `passed / takers` (0 when nobody took it).
    pub pass_rate: f64,
    /// Best score per learner, as [`ResultsDashboard::score_histogram`].
    pub score_histogram: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuestionResults {
    pub lesson_id: String,
    pub question_id: String,
    /// The quiz lesson's title and the prompt; `None` for a removed question.
    pub lesson_title: Option<ResultsText>,
    pub prompt: Option<ResultsText>,
    /// Answers in range, and how many were right.
    pub answered: u32,
    pub right: u32,
    /// `right / answered`.
    pub right_share: f64,
}
