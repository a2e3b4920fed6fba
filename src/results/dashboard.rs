//! The figures of one course for a filter, computed in one pass over the
//! course's results as `snapshot.rs` keeps them (ids as numbers, read once
//! and kept until the results change). The rows are counted in Rust rather
//! than by a dozen SQL aggregates: each figure needs the same two mappings
//! (a learner to the one they were merged into, an id to its place in the
//! current course), which the snapshot has made once. Reading the snapshot
//! costs ~100 ms at 100,000 attempts; the figures from it a few ms
//! (`benches/results.rs`, `docs/performance.md`).

use std::collections::{BTreeSet, HashMap};

use super::rows::LearnerRow;
use super::snapshot::{self, Day, Snapshot};
use super::{
    LessonCompletion, ModuleCompletion, QuestionResults, QuizResults, ResultsDashboard,
    ResultsError, ResultsFilter, ResultsText,
};
use crate::error::Result;
use crate::model::{Bilingual, Course};

pub(crate) fn text(b: &Bilingual) -> ResultsText {
    ResultsText { pt: b.pt.clone(), en: b.en.clone() }
}

/// The filter's days, checked: `(from, to)`, open ends as "" and "9".
pub(crate) fn days(filter: &ResultsFilter) -> Result<(String, String)> {
    let check = |d: &Option<String>, open: &str| -> Result<String> {
        let Some(d) = d.as_deref().map(str::trim).filter(|d| !d.is_empty()) else {
            return Ok(open.to_string());
        };
        let b = d.as_bytes();
        let digits = |r: std::ops::Range<usize>| r.clone().all(|i| b[i].is_ascii_digit());
        let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
        let valid = shaped && digits(0..4) && digits(5..7) && digits(8..10) && {
            let month = time::Month::try_from(d[5..7].parse::<u8>().unwrap_or(0));
            let (year, day) = (d[..4].parse().unwrap_or(0), d[8..].parse().unwrap_or(0));
            month.is_ok_and(|m| time::Date::from_calendar_date(year, m, day).is_ok())
        };
        if !valid {
            let date = d.chars().take(40).collect();
            return Err(ResultsError::FilterDateInvalid { date }.into());
        }
        Ok(d.to_string())
    };
    Ok((check(&filter.from, "")?, check(&filter.to, "9")?))
}

/// Learners as the figures see them: every stored id mapped to the index
/// of the learner it counts as (itself, or the one it was merged into).
pub(crate) struct People<'a> {
    pub kept: Vec<&'a LearnerRow>,
    pub index: HashMap<&'a str, usize>,
}

impl<'a> People<'a> {
    pub fn new(rows: &'a [LearnerRow]) -> People<'a> {
        let kept: Vec<&LearnerRow> = rows.iter().filter(|r| r.merged_into.is_none()).collect();
        let mut index: HashMap<&str, usize> =
            kept.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        for r in rows {
            if let Some(into) = &r.merged_into {
                if let Some(&i) = index.get(into.as_str()) {
                    index.insert(r.id.as_str(), i);
                }
            }
        }
        People { kept, index }
    }
}

/// Computes the dashboard (see [`ResultsDashboard`] for each definition)
/// from the course's snapshot, kept while the results do not change.
pub(crate) fn compute(
    conn: &rusqlite::Connection,
    course: &Course,
    filter: &ResultsFilter,
) -> Result<ResultsDashboard> {
    days(filter)?;
    let snapshot = snapshot::get(conn, &course.id)?;
    figures(&snapshot, course, filter)
}

/// [`compute`] reading the rows again whatever is kept (for the benchmark).
pub(crate) fn compute_fresh(
    conn: &rusqlite::Connection,
    course: &Course,
    filter: &ResultsFilter,
) -> Result<ResultsDashboard> {
    days(filter)?;
    let tx = conn.unchecked_transaction()?;
    let snapshot = snapshot::read(&tx, &course.id)?;
    figures(&snapshot, course, filter)
}

fn figures(snap: &Snapshot, course: &Course, filter: &ResultsFilter) -> Result<ResultsDashboard> {
    let (from, to) = days(filter)?;
    let (from, to) = (snapshot::day(from.as_bytes()), snapshot::day(to.as_bytes()));
    let in_range = |d: &Day| *d >= from && *d <= to;
    let dated = filter.from.is_some() || filter.to.is_some();
    let n = snap.people.len();
    let in_group: Vec<bool> = snap
        .people
        .iter()
        .map(|p| filter.group.as_ref().is_none_or(|g| p.group.as_ref() == Some(g)))
        .collect();
    let groups: BTreeSet<String> = snap.people.iter().filter_map(|p| p.group.clone()).collect();

    // The current course: lessons and questions by id, in course order; the
    // snapshot's lesson numbers mapped to their place in it.
    let lessons: Vec<_> = course.lessons().collect();
    let lesson_at: HashMap<&str, usize> =
        lessons.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    let place: Vec<Option<usize>> =
        snap.lesson_ids.iter().map(|id| lesson_at.get(id.as_str()).copied()).collect();
    let count = lessons.len();

    let mut active = vec![false; n];
    // Per lesson of the current course, per learner: opened, completed (in
    // range), seconds; at `who * count + lesson`.
    let mut opened = vec![false; n * count];
    let mut completed = vec![false; n * count];
    let mut lesson_seconds = vec![0u64; n * count];
    let mut seconds = vec![0u64; n];
    for row in &snap.lessons {
        let who = row.who as usize;
        if !in_group[who] {
            continue;
        }
        let lesson = place[row.lesson as usize];
        if in_range(&row.opened) {
            active[who] = true;
            seconds[who] += row.seconds;
            if let Some(l) = lesson {
                opened[who * count + l] = true;
                lesson_seconds[who * count + l] += row.seconds;
            }
        }
        if row.completed.as_ref().is_some_and(in_range) {
            active[who] = true;
            if let Some(l) = lesson {
                completed[who * count + l] = true;
            }
        }
    }

    // Attempts: languages, best score per (learner, quiz), answers per question.
    let mut attempts_pt = 0;
    let mut attempts_en = 0;
    let mut quiz_attempts = vec![0u32; count];
    // Best (score, max, passed) per learner × lesson, at `who * count + lesson`.
    let mut best: Vec<Option<(u32, u32, bool)>> = vec![None; n * count];
    // (answered, right) per question number of the course's dictionary.
    let mut answered: Vec<(u32, u32)> = Vec::new();
    for a in &snap.attempts {
        let who = a.who as usize;
        if !in_group[who] || !in_range(&a.finished) {
            continue;
        }
        active[who] = true;
        if a.lang_en {
            attempts_en += 1;
        } else {
            attempts_pt += 1;
        }
        for mark in snap.marks[a.marks.0 as usize..a.marks.1 as usize].chunks_exact(5) {
            let number = u32::from_le_bytes([mark[0], mark[1], mark[2], mark[3]]) as usize;
            if number >= answered.len() {
                answered.resize(number + 1, (0, 0));
            }
            let entry = &mut answered[number];
            entry.0 += 1;
            entry.1 += u32::from(mark[4] == 1);
        }
        let Some(l) = place[a.lesson as usize] else { continue };
        quiz_attempts[l] += 1;
        let entry = best[who * count + l].get_or_insert((a.score, a.max_score, a.passed));
        // Higher share wins (compared without division); a pass is kept.
        if u64::from(a.score) * u64::from(entry.1) > u64::from(entry.0) * u64::from(a.max_score) {
            (entry.0, entry.1) = (a.score, a.max_score);
        }
        entry.2 |= a.passed;
    }

    let counted: Vec<bool> = (0..n).map(|i| in_group[i] && (!dated || active[i])).collect();
    let learners = counted.iter().filter(|c| **c).count() as u32;
    let anonymous_learners = (0..n).filter(|&i| counted[i] && !snap.people[i].named).count() as u32;
    let mut times: Vec<u64> = (0..n).filter(|&i| counted[i]).map(|i| seconds[i]).collect();
    times.sort_unstable();
    let total_seconds = times.iter().sum();
    let median_seconds = median(&times);
    let count_of = |cells: &[bool], l: usize| (0..n).filter(|&i| cells[i * count + l]).count();

    let mut offset = 0;
    let modules = course
        .modules
        .iter()
        .map(|m| {
            let range = offset..offset + m.lessons.len();
            offset += m.lessons.len();
            let done = (0..n)
                .filter(|i| {
                    counted[*i]
                        && !range.is_empty()
                        && range.clone().all(|l| completed[*i * count + l])
                })
                .count() as u32;
            ModuleCompletion {
                module_id: m.id.clone(),
                title: text(&m.title),
                completed: done,
                lessons: range
                    .map(|l| LessonCompletion {
                        lesson_id: lessons[l].id.clone(),
                        title: text(&lessons[l].title),
                        is_quiz: lessons[l].quiz.is_some(),
                        opened: count_of(&opened, l) as u32,
                        completed: count_of(&completed, l) as u32,
                        median_seconds: {
                            let mut times: Vec<u64> = (0..n)
                                .filter(|&i| opened[i * count + l])
                                .map(|i| lesson_seconds[i * count + l])
                                .collect();
                            times.sort_unstable();
                            median(&times)
                        },
                    })
                    .collect(),
            }
        })
        .collect();

    // Per quiz lesson: (takers, passed, histogram).
    let mut per_quiz = vec![(0u32, 0u32, vec![0u32; 10]); count];
    for (at, &(score, max, pass)) in
        best.iter().enumerate().filter_map(|(at, b)| b.as_ref().map(|b| (at, b)))
    {
        let l = at % count;
        let bin = ((score * 10) / max.max(1)).min(9) as usize;
        let entry = &mut per_quiz[l];
        entry.0 += 1;
        entry.1 += u32::from(pass);
        entry.2[bin] += 1;
    }
    let mut score_histogram = vec![0u32; 10];
    let (mut quiz_takers, mut quiz_passes) = (0, 0);
    let mut quizzes = Vec::new();
    for (l, lesson) in lessons.iter().enumerate() {
        let Some(quiz) = &lesson.quiz else { continue };
        let (takers, passed, histogram) = std::mem::take(&mut per_quiz[l]);
        for (total, one) in score_histogram.iter_mut().zip(&histogram) {
            *total += one;
        }
        quiz_takers += takers;
        quiz_passes += passed;
        quizzes.push(QuizResults {
            lesson_id: lesson.id.clone(),
            title: text(&lesson.title),
            pass_mark: quiz.pass_mark,
            attempts: quiz_attempts[l],
            takers,
            passed,
            pass_rate: share(passed, takers),
            score_histogram: histogram,
        });
    }

    let (questions, removed_questions) = questions(&snap.questions, course, &lesson_at, &answered);
    Ok(ResultsDashboard {
        course_id: course.id.clone(),
        course_title: text(&course.title),
        revision: course.revision,
        file_revisions: snap.revisions.iter().copied().collect(),
        filter: filter.clone(),
        groups: groups.into_iter().collect(),
        first_day: snap.first_day.as_ref().map(snapshot::day_text),
        last_day: snap.last_day.as_ref().map(snapshot::day_text),
        learners,
        anonymous_learners,
        modules,
        quizzes,
        pass_rate: share(quiz_passes, quiz_takers),
        quiz_takers,
        quiz_passes,
        score_histogram,
        questions,
        removed_questions,
        attempts_pt,
        attempts_en,
        total_seconds,
        median_seconds,
    })
}

/// The middle of sorted `times`; for an even count, the mean of the two
/// middle values rounded down; 0 for none.
fn median(times: &[u64]) -> u64 {
    match times.len() {
        0 => 0,
        len if len % 2 == 1 => times[len / 2],
        len => (times[len / 2 - 1] + times[len / 2]) / 2,
    }
}

fn share(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        f64::from(part) / f64::from(whole)
    }
}

/// Per question: those of the current course (least often right first,
/// ties in course order) and those it no longer has.
fn questions(
    dictionary: &[(u32, String, String)],
    course: &Course,
    lesson_at: &HashMap<&str, usize>,
    answered: &[(u32, u32)],
) -> (Vec<QuestionResults>, Vec<QuestionResults>) {
    let lessons: Vec<_> = course.lessons().collect();
    let mut current = Vec::new();
    let mut removed = Vec::new();
    for (number, lesson_id, question_id) in dictionary.iter().cloned() {
        let Some(&(count, right)) = answered.get(number as usize).filter(|a| a.0 > 0) else {
            continue;
        };
        let found = lesson_at.get(lesson_id.as_str()).and_then(|&l| {
            let quiz = lessons[l].quiz.as_ref()?;
            let q = quiz.questions.iter().position(|q| q.id == question_id)?;
            Some((l, q, text(&lessons[l].title), text(&quiz.questions[q].prompt)))
        });
        let mut row = QuestionResults {
            lesson_id,
            question_id,
            lesson_title: None,
            prompt: None,
            answered: count,
            right,
            right_share: share(right, count),
        };
        match found {
            Some((l, q, lesson_title, prompt)) => {
                row.lesson_title = Some(lesson_title);
                row.prompt = Some(prompt);
                current.push(((l, q), row));
            }
            None => removed.push(row),
        }
    }
    current.sort_by(|(a_at, a), (b_at, b)| {
        a.right_share.total_cmp(&b.right_share).then_with(|| a_at.cmp(b_at))
    });
    removed.sort_by(|a, b| {
        a.right_share
            .total_cmp(&b.right_share)
            .then_with(|| (&a.lesson_id, &a.question_id).cmp(&(&b.lesson_id, &b.question_id)))
    });
    (current.into_iter().map(|(_, r)| r).collect(), removed)
}
