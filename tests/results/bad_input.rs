//! Each kind of bad results file: its own code, a message in both
//! languages, and the library exactly as it was (every results table
//! compared row by row before and after).

use std::path::PathBuf;

use juntos::model::Lang;
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::fixture::{self, attempt, envelope, envelope_text, learner, lesson, write, Fixture};

/// Every row of every results table, as text.
pub fn dump(f: &Fixture) -> String {
    let conn = Connection::open(f.lib.root().join("library.db")).unwrap();
    let mut out = String::new();
    for table in [
        "results_devices",
        "results_learners",
        "results_deleted_learners",
        "results_lessons",
        "results_questions",
        "results_attempts",
        "results_files",
        "results_merges",
    ] {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).unwrap();
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        out.push_str(&format!("{table}\n{}\n", rows.join("\n")));
    }
    out
}

/// A library with the two devices' results in it, and a good file not yet imported.
fn library() -> (Fixture, PathBuf) {
    let mut f = fixture::course();
    let (one, two) = crate::two_devices(&f);
    f.lib.import_results(&[one]).unwrap();
    (f, two)
}

fn good_body(f: &Fixture) -> Value {
    f.body(
        7,
        "learner",
        "2026-11-30T10:00:00.000Z",
        json!([learner(70, Some("Eva"), None, "2026-11-30T08:00:00.000Z")]),
        json!([lesson(70, &f.a, "2026-11-30T09:00:00.000Z", None, 10)]),
        json!([attempt(71, 70, &f.q, "2026-11-30T09:10:00.000Z", "pt", &[("q1", true)])]),
    )
}

/// Imports `bad` together with a good file: refused with `code`, nothing changed.
fn refused(f: &mut Fixture, good: PathBuf, bad: PathBuf, code: &str) -> juntos::Error {
    let before = dump(f);
    let e = f.lib.import_results(&[good, bad]).unwrap_err();
    assert_eq!(e.code(), code, "{e}");
    assert!(e.is_user_error());
    let (pt, en) = (e.message(Lang::Pt), e.message(Lang::En));
    assert!(pt.contains("a biblioteca não mudou") || pt.contains("participante"), "{pt}");
    assert_ne!(pt, en);
    assert_eq!(dump(f), before, "{code}: the library changed");
    e
}

fn with(f: &Fixture, name: &str, change: impl FnOnce(&mut Value)) -> PathBuf {
    let mut body = good_body(f);
    change(&mut body);
    f.file(name, &body)
}

#[test]
fn a_file_for_a_course_not_in_the_library() {
    let (mut f, good) = library();
    let bad = with(&f, "other.juntos-results", |b| b["course"]["id"] = json!("elsewhere"));
    let e = refused(&mut f, good, bad, "results_course_unknown");
    assert!(
        e.message(Lang::En).contains("Monitoring and evaluation")
            || e.message(Lang::En).contains("Monitoria")
    );
}

#[test]
fn not_json_and_truncated_files() {
    let (mut f, good) = library();
    let dir = f.files.path().to_path_buf();
    let bad = write(&dir, "photo.juntos-results", "\u{89}PNG not json");
    refused(&mut f, good.clone(), bad, "results_damaged");
    let whole = envelope(&good_body(&f));
    let bad = dir.join("cut.juntos-results");
    std::fs::write(&bad, &whole.as_bytes()[..whole.len() / 2]).unwrap();
    let e = refused(&mut f, good, bad, "results_damaged");
    assert!(e.message(Lang::Pt).contains("cortado"), "{}", e.message(Lang::Pt));
}

#[test]
fn wrong_format_and_newer_version() {
    let (mut f, good) = library();
    let dir = f.files.path().to_path_buf();
    let other = envelope(&good_body(&f)).replace("\"juntos-results\"", "\"juntos-package\"");
    let bad = write(&dir, "other.juntos-results", &other);
    refused(&mut f, good.clone(), bad, "results_wrong_format");
    let bad = write(&dir, "list.juntos-results", "[1, 2, 3]");
    refused(&mut f, good.clone(), bad, "results_wrong_format");
    let newer = envelope(&good_body(&f)).replace("\"version\":1", "\"version\":2");
    let bad = write(&dir, "newer.juntos-results", &newer);
    let e = refused(&mut f, good, bad, "results_version_too_new");
    assert!(e.message(Lang::En).contains("newer"));
    assert_eq!(e.fields()["version"], "2");
}

#[test]
fn a_body_that_does_not_match_its_checksum() {
    let (mut f, good) = library();
    let text = envelope(&good_body(&f)).replace("\"Eva\"", "\"Eve\"");
    let bad = write(f.files.path(), "changed.juntos-results", &text);
    refused(&mut f, good, bad, "results_checksum_mismatch");
}

#[test]
fn a_file_over_the_cap_is_refused_unread() {
    let (mut f, good) = library();
    let body = serde_json::to_string(&good_body(&f)).unwrap();
    let padded = format!("{}{}", body, " ".repeat(9 * 1024 * 1024));
    let bad = write(f.files.path(), "huge.juntos-results", &envelope_text(&padded));
    let e = refused(&mut f, good, bad, "results_too_large");
    assert!(e.message(Lang::En).contains("8.0 MiB"), "{}", e.message(Lang::En));
}

#[test]
fn dates_more_than_a_day_ahead_are_refused() {
    let (mut f, good) = library();
    let bad = with(&f, "future.juntos-results", |b| {
        b["attempts"][0]["finished_at"] = json!("2099-01-01T00:00:00.000Z")
    });
    refused(&mut f, good.clone(), bad, "results_date_in_future");
    let bad = with(&f, "never-set.juntos-results", |b| {
        b["learners"][0]["created_at"] = json!("1970-01-01T00:00:00.000Z")
    });
    refused(&mut f, good.clone(), bad, "results_absurd_value");
    let bad = with(&f, "not-a-date.juntos-results", |b| b["saved_at"] = json!("ontem"));
    refused(&mut f, good, bad, "results_invalid");
}

#[test]
fn the_same_attempt_id_with_other_content() {
    let (mut f, good) = library();
    // Attempt 11 is stored (learner 1, one right answer); here it has three.
    let bad = with(&f, "conflict.juntos-results", |b| {
        b["learners"] = json!([learner(1, Some("Ana"), Some("CSO X"), "2026-11-20T08:00:00.000Z")]);
        b["lessons"] = json!([]);
        b["attempts"] = json!([attempt(
            11,
            1,
            &f.q,
            "2026-11-21T09:01:00.000Z",
            "pt",
            &[("q1", true), ("q2", true), ("q3", true)]
        )]);
    });
    refused(&mut f, good.clone(), bad, "results_attempt_conflict");
    // Twice in one file, different.
    let bad = with(&f, "twice.juntos-results", |b| {
        let mut other = b["attempts"][0].clone();
        other["lang"] = json!("en");
        b["attempts"].as_array_mut().unwrap().push(other);
    });
    refused(&mut f, good, bad, "results_attempt_conflict");
}

#[test]
fn a_learner_the_file_does_not_list() {
    let (mut f, good) = library();
    let bad =
        with(&f, "who.juntos-results", |b| b["attempts"][0]["learner"] = json!(fixture::id(99)));
    refused(&mut f, good.clone(), bad, "results_learner_unknown");
    let bad =
        with(&f, "who2.juntos-results", |b| b["lessons"][0]["learner"] = json!(fixture::id(98)));
    refused(&mut f, good, bad, "results_learner_unknown");
}

#[test]
fn absurd_numbers() {
    let (mut f, good) = library();
    let bad = with(&f, "score.juntos-results", |b| b["attempts"][0]["score"] = json!(5));
    let e = refused(&mut f, good.clone(), bad, "results_absurd_value");
    assert_eq!(e.fields()["field"], "attempts.score");
    let bad = with(&f, "seconds.juntos-results", |b| b["lessons"][0]["seconds"] = json!(-3));
    let e = refused(&mut f, good.clone(), bad, "results_absurd_value");
    assert_eq!(e.fields()["value"], "-3");
    let bad = with(&f, "max.juntos-results", |b| b["attempts"][0]["max_score"] = json!(0));
    refused(&mut f, good, bad, "results_absurd_value");
}

#[test]
fn malformed_ids_and_fields() {
    let (mut f, good) = library();
    let bad = with(&f, "device.juntos-results", |b| b["device"]["id"] = json!("../../etc"));
    refused(&mut f, good.clone(), bad, "results_invalid");
    let bad = with(&f, "lang.juntos-results", |b| b["attempts"][0]["lang"] = json!("fr"));
    refused(&mut f, good.clone(), bad, "results_invalid");
    let bad =
        with(&f, "long.juntos-results", |b| b["learners"][0]["name"] = json!("x".repeat(500)));
    refused(&mut f, good.clone(), bad, "results_invalid");
    let bad = with(&f, "missing.juntos-results", |b| {
        b.as_object_mut().unwrap().remove("attempts");
    });
    refused(&mut f, good, bad, "results_invalid");
}

#[test]
fn a_missing_file_is_a_read_error() {
    let (mut f, good) = library();
    let before = dump(&f);
    let e = f.lib.import_results(&[good, f.files.path().join("nope.juntos-results")]).unwrap_err();
    assert_eq!(e.code(), "read_input_failed");
    assert_eq!(dump(&f), before);
}

#[test]
fn the_good_file_alone_imports() {
    let (mut f, good) = library();
    let report = f.lib.import_results(&[good]).unwrap();
    assert_eq!(report.new_learners, 1);
    let learners = f.lib.results_learners(&f.course).unwrap();
    assert_eq!(learners.len(), 4);
    let e = f.lib.results_dashboard("nope", &Default::default()).unwrap_err();
    assert_eq!(e.code(), "course_not_found");
}
