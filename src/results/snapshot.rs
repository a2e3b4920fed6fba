//! What the dashboard and the learners list read of a course's results,
//! read once and kept in memory with numbers for ids: learners by their place in the list (a
//! merged learner already mapped to the one it counts as), lessons by their
//! place in a dictionary of the ids seen, days as 10 bytes. The figures for
//! any filter are then a pass over plain arrays (a few milliseconds for
//! 100,000 attempts) instead of SQLite stepping through 200,000 rows and
//! hashing their text ids (~100 ms; `benches/results.rs`).
//!
//! The snapshot of the last few courses is kept per database file and
//! stamped with the results tables' state: every write to them goes through
//! `rows.rs`, and each adds a row to one of `results_files` (an import of a
//! new file), `results_merges` (a merge) or `results_deleted_learners` (a
//! deletion, which also removes merges). Their row counts, largest rowids
//! and the newest file's checksum change with every such write, from this
//! process or another (the CLI beside the app), so a stale snapshot is never
//! used. The stamp and the rows are read in one read transaction.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension};

use super::dashboard::People;
use super::rows::{self, LearnerRow};
use crate::error::Result;

/// A day as the first 10 bytes of an ISO time (`YYYY-MM-DD`), zero padded:
/// comparing two compares their text.
pub(crate) type Day = [u8; 10];

pub(crate) fn day(at: &[u8]) -> Day {
    let mut d = [0u8; 10];
    let n = at.len().min(10);
    d[..n].copy_from_slice(&at[..n]);
    d
}

pub(crate) fn day_text(d: &Day) -> String {
    let n = d.iter().position(|b| *b == 0).unwrap_or(d.len());
    String::from_utf8_lossy(&d[..n]).into_owned()
}

/// A learner as the figures need them (those merged into another are not here).
pub(crate) struct Person {
    pub named: bool,
    pub group: Option<String>,
}

/// One stored lesson row of a counted learner.
pub(crate) struct LessonFact {
    /// Index into [`Snapshot::people`].
    pub who: u32,
    /// Index into [`Snapshot::lesson_ids`].
    pub lesson: u32,
    pub opened: Day,
    pub completed: Option<Day>,
    pub seconds: u64,
}

/// One stored attempt of a counted learner.
pub(crate) struct AttemptFact {
    pub who: u32,
    pub lesson: u32,
    pub finished: Day,
    pub lang_en: bool,
    pub passed: bool,
    pub score: u32,
    pub max_score: u32,
    /// Its answers in [`Snapshot::marks`]: `marks[start..end]`, 5 bytes each.
    pub marks: (u32, u32),
}

/// What the learners list shows of a learner's activity, all dates.
#[derive(Default)]
pub(crate) struct Activity {
    /// Lesson rows with a completion (lessons the course no longer has too).
    pub lessons_completed: u32,
    pub attempts: u32,
    /// The latest lesson opening or attempt finish (a full ISO time).
    pub last: Option<String>,
}

pub(crate) struct Snapshot {
    /// The learners as stored; [`People::new`] over them gives the same
    /// numbering as `people` and `activity`.
    pub learner_rows: Vec<LearnerRow>,
    pub people: Vec<Person>,
    /// Per counted learner, as `people`.
    pub activity: Vec<Activity>,
    pub lesson_ids: Vec<String>,
    pub lessons: Vec<LessonFact>,
    pub attempts: Vec<AttemptFact>,
    pub marks: Vec<u8>,
    /// The question dictionary: `(number, lesson id, question id)`.
    pub questions: Vec<(u32, String, String)>,
    /// First and last day of any row (learners not found included).
    pub first_day: Option<Day>,
    pub last_day: Option<Day>,
    /// Course revisions of every attempt.
    pub revisions: BTreeSet<i64>,
}

/// The state of the results tables (see the module's comment).
#[derive(Clone, PartialEq, Eq, Debug)]
struct Stamp([i64; 6], Option<String>);

fn stamp(conn: &Connection) -> Result<Stamp> {
    let counts = conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM results_files), \
             (SELECT coalesce(max(rowid), 0) FROM results_files), \
             (SELECT count(*) FROM results_merges), \
             (SELECT coalesce(max(rowid), 0) FROM results_merges), \
             (SELECT count(*) FROM results_deleted_learners), \
             (SELECT coalesce(max(rowid), 0) FROM results_deleted_learners)",
        )?
        .query_row([], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?])
        })?;
    let newest = conn
        .prepare_cached("SELECT sha256 FROM results_files ORDER BY rowid DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(Stamp(counts, newest))
}

struct Entry {
    db: PathBuf,
    course_id: String,
    stamp: Stamp,
    snapshot: Arc<Snapshot>,
}

/// Snapshots kept: a trainer looks at one course, maybe two.
const KEPT: usize = 4;

static CACHE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// The course's snapshot: the kept one when the results tables have not
/// changed since it was read, else read now (and kept).
pub(crate) fn get(conn: &Connection, course_id: &str) -> Result<Arc<Snapshot>> {
    let tx = conn.unchecked_transaction()?;
    let stamp = stamp(&tx)?;
    let db = PathBuf::from(conn.path().unwrap_or_default());
    {
        let cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        let found =
            cache.iter().find(|e| e.db == db && e.course_id == course_id && e.stamp == stamp);
        if let Some(e) = found {
            return Ok(e.snapshot.clone());
        }
    }
    let snapshot = Arc::new(read(&tx, course_id)?);
    drop(tx);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache.retain(|e| !(e.db == db && e.course_id == course_id));
    if cache.len() >= KEPT {
        cache.remove(0);
    }
    cache.push(Entry { db, course_id: course_id.to_string(), stamp, snapshot: snapshot.clone() });
    Ok(snapshot)
}

/// Reads the snapshot without looking at (or filling) the kept ones.
pub(crate) fn read(conn: &Connection, course_id: &str) -> Result<Snapshot> {
    let learner_rows = rows::learners(conn, course_id)?;
    let people = People::new(&learner_rows);
    // Stored id → counted learner, by bytes; rows come grouped by learner,
    // so the previous row's answer is usually this one's.
    let index: HashMap<&[u8], u32> =
        people.index.iter().map(|(id, i)| (id.as_bytes(), *i as u32)).collect();
    let mut last_learner: (Vec<u8>, Option<u32>) = (Vec::new(), None);
    let mut who = |learner: &[u8]| -> Option<u32> {
        if last_learner.0 != learner {
            last_learner = (learner.to_vec(), index.get(learner).copied());
        }
        last_learner.1
    };
    // Lesson id → number. Rows come sorted by learner, then lesson, so the
    // lesson is usually the previous row's or the one that followed it last
    // time: checking those two first spares hashing most ids.
    let mut lesson_ids: Vec<String> = Vec::new();
    let mut lesson_index: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut followed_by: Vec<Option<u32>> = Vec::new();
    let mut previous: Option<u32> = None;
    let mut lesson = |id: &[u8]| -> u32 {
        let guess = previous.into_iter().chain(previous.and_then(|p| followed_by[p as usize]));
        for i in guess {
            if lesson_ids[i as usize].as_bytes() == id {
                previous = Some(i);
                return i;
            }
        }
        let i = match lesson_index.get(id) {
            Some(&i) => i,
            None => {
                let i = lesson_ids.len() as u32;
                lesson_ids.push(String::from_utf8_lossy(id).into_owned());
                lesson_index.insert(id.to_vec(), i);
                followed_by.push(None);
                i
            }
        };
        if let Some(p) = previous {
            followed_by[p as usize] = Some(i);
        }
        previous = Some(i);
        i
    };
    let mut first_day: Option<Day> = None;
    let mut last_day: Option<Day> = None;
    let mut see = |d: Day| {
        if first_day.is_none_or(|f| d < f) {
            first_day = Some(d);
        }
        if last_day.is_none_or(|l| d > l) {
            last_day = Some(d);
        }
    };

    let mut activity: Vec<Activity> =
        std::iter::repeat_with(Activity::default).take(people.kept.len()).collect();
    let mut last: Vec<Vec<u8>> = vec![Vec::new(); people.kept.len()];
    let mut later = |who: u32, at: &[u8]| {
        let last = &mut last[who as usize];
        if at > last.as_slice() {
            last.clear();
            last.extend_from_slice(at);
        }
    };
    let mut lessons = Vec::new();
    rows::scan_lessons(conn, course_id, |row| {
        let opened = day(row.opened_at);
        see(opened);
        let Some(who) = who(row.learner) else { return };
        activity[who as usize].lessons_completed += u32::from(row.completed_at.is_some());
        later(who, row.opened_at);
        lessons.push(LessonFact {
            who,
            lesson: lesson(row.lesson),
            opened,
            completed: row.completed_at.map(day),
            seconds: row.seconds as u64,
        });
    })?;
    let mut attempts = Vec::new();
    let mut marks = Vec::new();
    let mut revisions = BTreeSet::new();
    rows::scan_attempts(conn, course_id, |a| {
        let finished = day(a.finished_at);
        see(finished);
        revisions.insert(a.course_revision);
        let Some(who) = who(a.learner) else { return };
        activity[who as usize].attempts += 1;
        later(who, a.finished_at);
        let start = marks.len() as u32;
        marks.extend_from_slice(a.marks);
        attempts.push(AttemptFact {
            who,
            lesson: lesson(a.lesson),
            finished,
            lang_en: a.lang_en,
            passed: a.passed,
            score: a.score,
            max_score: a.max_score,
            marks: (start, marks.len() as u32),
        });
    })?;
    for (a, at) in activity.iter_mut().zip(last) {
        a.last = (!at.is_empty()).then(|| String::from_utf8_lossy(&at).into_owned());
    }
    let people = people
        .kept
        .iter()
        .map(|r| Person { named: r.name.is_some(), group: r.group.clone() })
        .collect();
    Ok(Snapshot {
        learner_rows,
        people,
        activity,
        lesson_ids,
        lessons,
        attempts,
        marks,
        questions: rows::questions(conn, course_id)?,
        first_day,
        last_day,
        revisions,
    })
}
