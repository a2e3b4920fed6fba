//! Reading one `*.juntos-results` file as hostile input, before anything is
//! written: the size cap first (the file is never read past it), then the
//! envelope (`format`, `version`, `checksum`), then the checksum over the
//! exact text of `body`, then every field of the body.
//!
//! The body's text is found by walking the outer object with serde_json's
//! stream deserializer (its byte offsets give where each value ends), so
//! the hash is taken over the bytes as written without enabling serde_json's
//! `raw_value` feature (which would rebuild every crate that uses serde_json).
//! The body is then parsed from that same text, so what is imported is
//! exactly what the checksum covered.

use std::io::Read;
use std::path::Path;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::errors::ResultsError;
use super::ResultsText;
use crate::error::{Error, Result};

/// The `format` value of a results file.
pub const FORMAT: &str = "juntos-results";
/// The newest version this program reads.
pub const VERSION: u64 = 1;
/// A results file larger than this is refused without being read (8 MiB:
/// about 20,000 quiz attempts; a device's file is a few kilobytes).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Dates later than now by more than this are refused (clock skew allowed).
const FUTURE_SLACK_SECONDS: i64 = 24 * 3600;
/// Earlier than this, a date comes from a device whose clock was never set.
const EARLIEST_YEAR: i32 = 2020;
/// A year of seconds in one lesson is not a measurement.
const MAX_LESSON_SECONDS: i64 = 366 * 24 * 3600;
const MAX_TEXT_CHARS: usize = 200;
const MAX_QUESTIONS: i64 = 1000;

#[derive(Deserialize)]
struct Body {
    course: CourseRef,
    device: DeviceRef,
    saved_at: String,
    scope: String,
    learners: Vec<LearnerIn>,
    lessons: Vec<LessonIn>,
    attempts: Vec<AttemptIn>,
}

#[derive(Deserialize)]
struct CourseRef {
    id: String,
    revision: i64,
    #[serde(default)]
    title: TitleIn,
}

#[derive(Deserialize, Default)]
struct TitleIn {
    #[serde(default)]
    pt: String,
    #[serde(default)]
    en: String,
}

#[derive(Deserialize)]
struct DeviceRef {
    id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct LearnerIn {
    pub id: String,
    pub name: Option<String>,
    pub group: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct LessonIn {
    pub learner: String,
    pub lesson: String,
    pub opened_at: String,
    pub completed_at: Option<String>,
    pub seconds: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AttemptIn {
    pub id: String,
    pub learner: String,
    pub lesson: String,
    pub started_at: String,
    pub finished_at: String,
    pub lang: String,
    pub score: i64,
    pub max_score: i64,
    pub passed: bool,
    pub answers: Vec<AnswerIn>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AnswerIn {
    pub question: String,
    pub chosen: Vec<String>,
    pub correct: bool,
}

/// An attempt checked, with its answers as stored and the hash of its content.
pub(crate) struct ParsedAttempt {
    pub attempt: AttemptIn,
    pub answers_json: String,
    pub content_sha256: String,
}

/// A results file, every field checked; dates normalised to UTC
/// (`YYYY-MM-DDTHH:MM:SS.mmmZ`), so that comparing text compares time.
pub(crate) struct ParsedFile {
    pub path: String,
    pub file_name: String,
    /// SHA-256 of the whole file's bytes: the same file imported twice.
    pub sha256: String,
    pub course_id: String,
    pub course_revision: i64,
    pub course_title: ResultsText,
    pub device_id: String,
    pub saved_at: String,
    pub scope: String,
    pub learners: Vec<LearnerIn>,
    pub lessons: Vec<LessonIn>,
    pub attempts: Vec<ParsedAttempt>,
}

/// Reads and checks the file at `path`; `now` decides what is "the future".
pub(crate) fn read(path: &Path, now: OffsetDateTime) -> Result<ParsedFile> {
    let shown = path.display().to_string();
    let unreadable = |source| Error::ReadInput { path: shown.clone(), source };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ResultsError::TooLarge { path: shown, size, limit: MAX_FILE_BYTES }.into());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = bytes.len() as u64;
        return Err(ResultsError::TooLarge { path: shown, size, limit: MAX_FILE_BYTES }.into());
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    parse(&shown, &file_name, &bytes, now)
}

/// Checks the bytes of a results file named `path` (for messages).
pub(crate) fn parse(
    path: &str,
    file_name: &str,
    bytes: &[u8],
    now: OffsetDateTime,
) -> Result<ParsedFile> {
    let p = || path.to_string();
    let damaged = |e: serde_json::Error| ResultsError::Damaged {
        path: p(),
        truncated: e.is_eof(),
        reason: e.to_string(),
    };
    let text = std::str::from_utf8(bytes).map_err(|e| ResultsError::Damaged {
        path: p(),
        truncated: e.error_len().is_none(),
        reason: "not UTF-8".into(),
    })?;
    let envelope: serde_json::Value = serde_json::from_str(text).map_err(damaged)?;
    let field = |key: &str| envelope.get(key);
    if field("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ResultsError::WrongFormat { path: p() }.into());
    }
    match field("version").and_then(|v| v.as_u64()) {
        Some(VERSION) => {}
        Some(version) if version > VERSION => {
            return Err(
                ResultsError::VersionTooNew { path: p(), version, supported: VERSION }.into()
            )
        }
        _ => return Err(ResultsError::WrongFormat { path: p() }.into()),
    }
    let checksum = field("checksum").and_then(|c| c.as_str()).unwrap_or_default();
    if !is_hex(checksum, 64) {
        return Err(invalid(path, "checksum is not 64 lowercase hex digits"));
    }
    let Some(span) = top_level_value(text, "body") else {
        return Err(invalid(path, "no body"));
    };
    let body_text = &text[span];
    if hex::encode(Sha256::digest(body_text.as_bytes())) != checksum {
        return Err(ResultsError::ChecksumMismatch { path: p() }.into());
    }
    let body: Body = serde_json::from_str(body_text).map_err(|e| invalid(path, &e.to_string()))?;
    let check = Checker { path, now };
    check.file(body, file_name, hex::encode(Sha256::digest(bytes)))
}

struct Checker<'a> {
    path: &'a str,
    now: OffsetDateTime,
}

impl Checker<'_> {
    fn file(&self, body: Body, file_name: &str, sha256: String) -> Result<ParsedFile> {
        let path = self.path;
        let course = body.course;
        if course.id.is_empty() || course.id.len() > 100 {
            return Err(invalid(path, "course.id is empty or too long"));
        }
        if course.revision < 1 {
            return Err(self.absurd("course.revision", course.revision));
        }
        if !is_hex(&body.device.id, 32) {
            return Err(invalid(path, "device.id is not 32 lowercase hex digits"));
        }
        if body.scope != "learner" && body.scope != "device" {
            return Err(invalid(path, "scope is neither \"learner\" nor \"device\""));
        }
        let saved_at = self.date("saved_at", &body.saved_at)?;
        let mut learners = body.learners;
        let mut ids = std::collections::HashSet::new();
        for l in &mut learners {
            if !is_hex(&l.id, 32) {
                return Err(invalid(path, "a learner id is not 32 lowercase hex digits"));
            }
            if !ids.insert(l.id.clone()) {
                return Err(invalid(path, &format!("learner {} is listed twice", l.id)));
            }
            l.name = self.text("learners.name", l.name.take())?;
            l.group = self.text("learners.group", l.group.take())?;
            l.created_at = self.date("learners.created_at", &l.created_at)?;
        }
        let known = |learner: &str| -> Result<()> {
            match ids.contains(learner) {
                true => Ok(()),
                false => Err(ResultsError::LearnerUnknown {
                    path: path.to_string(),
                    learner: learner.chars().take(40).collect(),
                }
                .into()),
            }
        };
        let mut lessons = body.lessons;
        for l in &mut lessons {
            known(&l.learner)?;
            check_id(path, "lessons.lesson", &l.lesson)?;
            l.opened_at = self.date("lessons.opened_at", &l.opened_at)?;
            if let Some(done) = &l.completed_at {
                l.completed_at = Some(self.date("lessons.completed_at", done)?);
            }
            if !(0..=MAX_LESSON_SECONDS).contains(&l.seconds) {
                return Err(self.absurd("lessons.seconds", l.seconds));
            }
        }
        let mut attempts: Vec<ParsedAttempt> = Vec::with_capacity(body.attempts.len());
        let mut seen = std::collections::HashMap::new();
        for mut a in body.attempts {
            if !is_hex(&a.id, 32) {
                return Err(invalid(path, "an attempt id is not 32 lowercase hex digits"));
            }
            known(&a.learner)?;
            check_id(path, "attempts.lesson", &a.lesson)?;
            a.started_at = self.date("attempts.started_at", &a.started_at)?;
            a.finished_at = self.date("attempts.finished_at", &a.finished_at)?;
            if a.finished_at < a.started_at {
                return Err(self.absurd("attempts.finished_at", &a.finished_at));
            }
            if a.lang != "pt" && a.lang != "en" {
                return Err(invalid(path, "attempts.lang is neither \"pt\" nor \"en\""));
            }
            if !(1..=MAX_QUESTIONS).contains(&a.max_score) {
                return Err(self.absurd("attempts.max_score", a.max_score));
            }
            if !(0..=a.max_score).contains(&a.score) {
                return Err(self.absurd("attempts.score", format!("{}/{}", a.score, a.max_score)));
            }
            if a.answers.len() as i64 > MAX_QUESTIONS {
                return Err(self.absurd("attempts.answers", a.answers.len()));
            }
            let mut questions = std::collections::HashSet::new();
            for answer in &a.answers {
                check_id(path, "answers.question", &answer.question)?;
                if !questions.insert(answer.question.as_str()) {
                    return Err(invalid(path, "an attempt answers a question twice"));
                }
                if answer.chosen.len() > 20 || answer.chosen.iter().any(|o| o.len() > 100) {
                    return Err(invalid(path, "answers.chosen is too long"));
                }
            }
            let content = serde_json::to_string(&a).map_err(|e| Error::Internal(e.to_string()))?;
            let content_sha256 = hex::encode(Sha256::digest(content.as_bytes()));
            match seen.get(&a.id) {
                Some(hash) if *hash == content_sha256 => continue,
                Some(_) => {
                    return Err(ResultsError::AttemptConflict {
                        path: path.to_string(),
                        attempt: a.id.clone(),
                    }
                    .into())
                }
                None => {
                    seen.insert(a.id.clone(), content_sha256.clone());
                }
            }
            let answers_json =
                serde_json::to_string(&a.answers).map_err(|e| Error::Internal(e.to_string()))?;
            attempts.push(ParsedAttempt { attempt: a, answers_json, content_sha256 });
        }
        Ok(ParsedFile {
            path: path.to_string(),
            file_name: file_name.to_string(),
            sha256,
            course_id: course.id,
            course_revision: course.revision,
            course_title: ResultsText { pt: course.title.pt, en: course.title.en },
            device_id: body.device.id,
            saved_at,
            scope: body.scope,
            learners,
            lessons,
            attempts,
        })
    }

    /// A valid date, not before 2020 nor more than a day ahead, in UTC.
    fn date(&self, field: &str, text: &str) -> Result<String> {
        let at = OffsetDateTime::parse(text, &Rfc3339)
            .map_err(|_| invalid(self.path, &format!("{field} is not a date ({})", clip(text))))?
            .to_offset(time::UtcOffset::UTC);
        if at.year() < EARLIEST_YEAR {
            return Err(self.absurd(field, clip(text)));
        }
        if (at - self.now).whole_seconds() > FUTURE_SLACK_SECONDS {
            let date = clip(text);
            return Err(ResultsError::DateInFuture { path: self.path.to_string(), date }.into());
        }
        Ok(iso(at))
    }

    /// A name or group: kept verbatim (markup is text), blank = none.
    fn text(&self, field: &str, text: Option<String>) -> Result<Option<String>> {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else { return Ok(None) };
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(invalid(
                self.path,
                &format!("{field} is over {MAX_TEXT_CHARS} characters"),
            ));
        }
        Ok(Some(text))
    }

    fn absurd(&self, field: &str, value: impl ToString) -> Error {
        let value = value.to_string();
        ResultsError::AbsurdValue { path: self.path.to_string(), field: field.into(), value }.into()
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, the shape of the player's `toISOString()`.
pub(crate) fn iso(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

fn check_id(path: &str, field: &str, id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 100 {
        return Err(invalid(path, &format!("{field} is empty or too long")));
    }
    Ok(())
}

fn invalid(path: &str, reason: &str) -> Error {
    ResultsError::Invalid { path: path.to_string(), reason: reason.to_string() }.into()
}

fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Where the value of `key` in the top-level object of `text` lies (the
/// first such key), as a byte range. `text` is already known to be JSON.
fn top_level_value(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let skip = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut i = skip(0);
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = skip(i);
        if bytes.get(i) == Some(&b'}') {
            return None;
        }
        let mut keys = serde_json::Deserializer::from_str(&text[i..]).into_iter::<String>();
        let name = keys.next()?.ok()?;
        i = skip(i + keys.byte_offset());
        if bytes.get(i) != Some(&b':') {
            return None;
        }
        i = skip(i + 1);
        let mut values = serde_json::Deserializer::from_str(&text[i..]).into_iter::<IgnoredAny>();
        values.next()?.ok()?;
        let end = i + values.byte_offset();
        if name == key {
            return Some(i..end);
        }
        i = skip(end);
        match bytes.get(i) {
            Some(b',') => i += 1,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_found_whatever_the_spacing() {
        let text = "{ \"format\" : \"x\", \"body\" :\n{\"a\": [1, \"}\"]} , \"z\": 2}";
        let span = top_level_value(text, "body").unwrap();
        assert_eq!(&text[span], "{\"a\": [1, \"}\"]}");
        assert_eq!(top_level_value("{\"a\":1}", "body"), None);
        let span = top_level_value("{\"n\":12,\"body\":3}", "body").unwrap();
        assert_eq!(span, 15..16);
    }
}
