//! Learners' results (issue 17) through the core on real libraries and real
//! files written like the player writes them (`fixture.rs`): import, every
//! figure of the dashboard against numbers worked out by hand from the
//! fixture below, re-import, another revision, merge, delete, CSV; and each
//! kind of bad file refused with its own code, the library unchanged.

mod bad_input;
mod cli;
mod fixture;

use std::path::PathBuf;

use fixture::{attempt, id, learner, lesson, Fixture};
use juntos::results::{ResultsDashboard, ResultsFilter};
use serde_json::json;

/// Device 1 (a facilitator's "collect from this computer"): Ana (CSO X),
/// a name with markup (CSO X) and an anonymous learner. Device 2: another
/// Ana (CSO Y) saving her own results.
pub fn two_devices(f: &Fixture) -> (PathBuf, PathBuf) {
    let (a, b, q, c) = (&f.a, &f.b, &f.q, &f.c);
    let one = f.body(
        1,
        "device",
        "2026-11-26T10:00:00.000Z",
        json!([
            learner(1, Some("Ana"), Some("CSO X"), "2026-11-20T08:00:00.000Z"),
            learner(
                2,
                Some("<script>alert(1)</script>"),
                Some("CSO X"),
                "2026-11-22T08:00:00.000Z"
            ),
            learner(3, None, None, "2026-11-25T08:00:00.000Z"),
        ]),
        json!([
            lesson(1, a, "2026-11-20T09:00:00.000Z", Some("2026-11-20T09:05:00.000Z"), 300),
            lesson(1, b, "2026-11-20T09:10:00.000Z", Some("2026-11-20T09:14:00.000Z"), 200),
            lesson(1, q, "2026-11-21T09:00:00.000Z", Some("2026-11-21T09:02:00.000Z"), 100),
            lesson(1, c, "2026-11-21T09:10:00.000Z", None, 50),
            lesson(2, a, "2026-11-22T09:00:00.000Z", Some("2026-11-22T09:02:00.000Z"), 120),
            lesson(2, q, "2026-11-22T10:00:00.000Z", Some("2026-11-22T10:01:00.000Z"), 80),
            lesson(3, a, "2026-11-25T09:00:00.000Z", None, 30),
        ]),
        json!([
            attempt(
                11,
                1,
                q,
                "2026-11-21T09:01:00.000Z",
                "pt",
                &[("q1", true), ("q2", false), ("q3", false)]
            ),
            attempt(
                12,
                1,
                q,
                "2026-11-21T09:02:00.000Z",
                "pt",
                &[("q1", true), ("q2", true), ("q3", true)]
            ),
            attempt(
                13,
                2,
                q,
                "2026-11-22T10:01:00.000Z",
                "en",
                &[("q1", true), ("q2", true), ("q3", false)]
            ),
        ]),
    );
    let two = f.body(
        2,
        "learner",
        "2026-11-29T18:00:00.000Z",
        json!([learner(4, Some("ana "), Some("CSO Y"), "2026-11-28T08:00:00.000Z")]),
        json!([
            lesson(4, a, "2026-11-28T09:00:00.000Z", Some("2026-11-28T09:07:00.000Z"), 400),
            lesson(4, b, "2026-11-28T10:00:00.000Z", Some("2026-11-28T10:02:00.000Z"), 100),
            lesson(4, q, "2026-11-29T09:00:00.000Z", Some("2026-11-29T09:01:00.000Z"), 60),
            lesson(4, c, "2026-11-29T10:00:00.000Z", Some("2026-11-29T10:02:00.000Z"), 90),
        ]),
        json!([attempt(
            14,
            4,
            q,
            "2026-11-29T09:01:00.000Z",
            "pt",
            &[("q1", false), ("q2", false), ("q3", true)]
        )]),
    );
    (f.file("device1.juntos-results", &one), f.file("ana-device2.juntos-results", &two))
}

fn all() -> ResultsFilter {
    ResultsFilter::default()
}

/// (opened, completed) per lesson, in course order.
fn lessons(d: &ResultsDashboard) -> Vec<(u32, u32)> {
    d.modules.iter().flat_map(|m| m.lessons.iter().map(|l| (l.opened, l.completed))).collect()
}

/// The median seconds per lesson, in course order.
fn lesson_times(d: &ResultsDashboard) -> Vec<u64> {
    d.modules.iter().flat_map(|m| m.lessons.iter().map(|l| l.median_seconds)).collect()
}

#[test]
fn every_figure_of_two_devices_matches_the_hand_count() {
    let mut f = fixture::course();
    let (one, two) = two_devices(&f);
    let report = f.lib.import_results(&[one, two]).unwrap();
    assert_eq!((report.new_learners, report.new_attempts), (4, 4));
    assert!(report.files.iter().all(|file| !file.already_imported));

    let d = f.lib.results_dashboard(&f.course, &all()).unwrap();
    assert_eq!(d.learners, 4);
    assert_eq!(d.anonymous_learners, 1);
    assert_eq!(d.groups, ["CSO X", "CSO Y"]);
    assert_eq!(d.first_day.as_deref(), Some("2026-11-20"));
    assert_eq!(d.last_day.as_deref(), Some("2026-11-29"));
    // a: all four opened, three completed; b: Ana and Ana; q: three; c: two opened, one done.
    assert_eq!(lessons(&d), [(4, 3), (2, 2), (3, 3), (2, 1)]);
    // Module 1 done by both Anas; module 2 (q and c) only by the second.
    assert_eq!(d.modules.iter().map(|m| m.completed).collect::<Vec<_>>(), [2, 1]);
    assert!(d.modules[1].lessons[0].is_quiz && !d.modules[1].lessons[1].is_quiz);

    let quiz = &d.quizzes[0];
    assert_eq!(d.quizzes.len(), 1);
    assert_eq!((quiz.attempts, quiz.takers, quiz.passed, quiz.pass_mark), (4, 3, 2, 60));
    assert!((quiz.pass_rate - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!((d.quiz_takers, d.quiz_passes), (3, 2));
    assert!((d.pass_rate - 2.0 / 3.0).abs() < 1e-9);
    // Best scores: 3/3 (bin 9), 2/3 (bin 6), 1/3 (bin 3).
    let mut bins = vec![0; 10];
    for best in [3 * 10 / 3, 2 * 10 / 3, 10 / 3] {
        bins[usize::min(best, 9)] += 1;
    }
    assert_eq!(d.score_histogram, bins);
    assert_eq!(quiz.score_histogram, bins);

    // q1 right 3 of 4; q2 and q3 right 2 of 4 (q2 first: course order).
    let qs: Vec<(&str, u32, u32)> =
        d.questions.iter().map(|q| (q.question_id.as_str(), q.right, q.answered)).collect();
    assert_eq!(qs, [("q2", 2, 4), ("q3", 2, 4), ("q1", 3, 4)]);
    assert_eq!(d.questions[0].right_share, 0.5);
    assert_eq!(d.questions[1].prompt.as_ref().unwrap().en, "<b>Data</b> & sources?");
    assert_eq!(d.questions[0].prompt.as_ref().unwrap().pt, "A linha de base vem antes?");
    assert!(d.removed_questions.is_empty());
    assert_eq!((d.attempts_pt, d.attempts_en), (3, 1));
    // Seconds per learner: 650, 200, 30, 650.
    assert_eq!(d.total_seconds, 650 + 200 + 30 + 650);
    assert_eq!(d.median_seconds, (200 + 650) / 2);
    // Per lesson, over those who opened it: a 300, 120, 30, 400; b 200, 100;
    // q 100, 80, 60; c 50, 90.
    assert_eq!(lesson_times(&d), [(120 + 300) / 2, (100 + 200) / 2, 80, (50 + 90) / 2]);
    assert_eq!(d.file_revisions, [f.revision]);
}

#[test]
fn group_and_date_filters_count_only_what_they_name() {
    let mut f = fixture::course();
    let (one, two) = two_devices(&f);
    f.lib.import_results(&[one, two]).unwrap();
    let x = ResultsFilter { group: Some("CSO X".into()), ..all() };
    let d = f.lib.results_dashboard(&f.course, &x).unwrap();
    assert_eq!((d.learners, d.anonymous_learners), (2, 0));
    assert_eq!(lessons(&d), [(2, 2), (1, 1), (2, 2), (1, 0)]);
    assert_eq!((d.quiz_takers, d.quiz_passes, d.attempts_pt, d.attempts_en), (2, 2, 2, 1));
    assert_eq!(d.total_seconds, 850);
    assert_eq!(d.groups, ["CSO X", "CSO Y"], "the filter's choices stay whole");

    let days = ResultsFilter {
        from: Some("2026-11-22".into()),
        to: Some("2026-11-25".into()),
        group: None,
    };
    let d = f.lib.results_dashboard(&f.course, &days).unwrap();
    assert_eq!(d.learners, 2, "the markup name (22nd) and the anonymous learner (25th)");
    assert_eq!(lessons(&d), [(2, 1), (0, 0), (1, 1), (0, 0)]);
    assert_eq!((d.quiz_takers, d.quiz_passes, d.attempts_pt, d.attempts_en), (1, 1, 0, 1));
    assert_eq!((d.total_seconds, d.median_seconds), (230, 115));
    assert_eq!(lesson_times(&d), [(120 + 30) / 2, 0, 80, 0], "lessons opened in range only");
    assert_eq!(d.first_day.as_deref(), Some("2026-11-20"), "the range offered is all of it");

    let bad = ResultsFilter { from: Some("22/11/2026".into()), ..all() };
    let e = f.lib.results_dashboard(&f.course, &bad).unwrap_err();
    assert_eq!(e.code(), "results_filter_date_invalid");
}

#[test]
fn importing_again_changes_nothing() {
    let mut f = fixture::course();
    let (one, two) = two_devices(&f);
    f.lib.import_results(&[one.clone(), two.clone()]).unwrap();
    let before = f.lib.results_dashboard(&f.course, &all()).unwrap();
    let dump = bad_input::dump(&f);
    let again = f.lib.import_results(&[two, one.clone(), one]).unwrap();
    assert!(again.files.iter().all(|file| file.already_imported));
    assert_eq!((again.new_learners, again.new_attempts), (0, 0));
    assert_eq!(f.lib.results_dashboard(&f.course, &all()).unwrap(), before);
    assert_eq!(bad_input::dump(&f), dump);

    // A later file from the same device carries the same attempts again
    // (same ids, same content): only the new one counts.
    let body = f.body(
        1,
        "device",
        "2026-11-27T10:00:00.000Z",
        json!([
            learner(
                2,
                Some("<script>alert(1)</script>"),
                Some("CSO X"),
                "2026-11-22T08:00:00.000Z"
            ),
            learner(3, Some("Rui"), None, "2026-11-25T08:00:00.000Z"),
        ]),
        json!([lesson(3, &f.a, "2026-11-25T09:00:00.000Z", Some("2026-11-27T09:00:00.000Z"), 90)]),
        json!([
            attempt(
                13,
                2,
                &f.q,
                "2026-11-22T10:01:00.000Z",
                "en",
                &[("q1", true), ("q2", true), ("q3", false)]
            ),
            attempt(
                15,
                3,
                &f.q,
                "2026-11-27T09:30:00.000Z",
                "pt",
                &[("q1", true), ("q2", true), ("q3", true)]
            ),
        ]),
    );
    let later = f.file("later.juntos-results", &body);
    let report = f.lib.import_results(&[later]).unwrap();
    assert_eq!((report.new_learners, report.new_attempts), (0, 1));
    let d = f.lib.results_dashboard(&f.course, &all()).unwrap();
    assert_eq!(d.anonymous_learners, 0, "the newer file gave the learner a name");
    assert_eq!(lessons(&d)[0], (4, 4));
    assert_eq!(d.total_seconds, 650 + 200 + 90 + 650, "time is the largest count, not a sum");
}

#[test]
fn results_of_another_revision_are_mapped_by_id() {
    let mut f = fixture::course();
    let old = f.body_at(
        1,
        3,
        "learner",
        "2026-11-10T10:00:00.000Z",
        json!([learner(5, Some("Zé"), None, "2026-11-10T08:00:00.000Z")]),
        json!([
            lesson(5, &f.a, "2026-11-10T09:00:00.000Z", Some("2026-11-10T09:01:00.000Z"), 60),
            lesson(
                5,
                "gone-lesson",
                "2026-11-10T09:10:00.000Z",
                Some("2026-11-10T09:20:00.000Z"),
                600
            ),
        ]),
        json!([
            attempt(21, 5, &f.q, "2026-11-10T09:30:00.000Z", "en", &[("q0", true), ("q1", false)]),
            attempt(22, 5, "gone-quiz", "2026-11-10T09:40:00.000Z", "en", &[("x1", false)]),
        ]),
    );
    let path = f.file("old.juntos-results", &old);
    f.lib.import_results(&[path]).unwrap();
    let d = f.lib.results_dashboard(&f.course, &all()).unwrap();
    assert_eq!(d.file_revisions, [1]);
    assert_eq!(lessons(&d), [(1, 1), (0, 0), (0, 0), (0, 0)]);
    let qs: Vec<(&str, u32, u32)> =
        d.questions.iter().map(|q| (q.question_id.as_str(), q.right, q.answered)).collect();
    assert_eq!(qs, [("q1", 0, 1)]);
    let removed: Vec<(&str, &str, u32, u32)> = d
        .removed_questions
        .iter()
        .map(|q| (q.lesson_id.as_str(), q.question_id.as_str(), q.right, q.answered))
        .collect();
    assert_eq!(removed, [("gone-quiz", "x1", 0, 1), (f.q.as_str(), "q0", 1, 1)]);
    assert!(d.removed_questions.iter().all(|q| q.prompt.is_none()));
    assert_eq!((d.quiz_takers, d.quiz_passes), (1, 0));
    assert_eq!(d.total_seconds, 660, "time in a removed lesson is still time");
    let rows = f.lib.results_rows(&f.course, &all()).unwrap();
    assert_eq!(rows.len(), 4 + 2, "four lessons, and the two the course no longer has");
    assert!(rows[4..].iter().all(|r| r.module.is_none() && r.lesson_title_pt.is_empty()));
}

#[test]
fn merged_learners_count_once_and_deleted_ones_stay_deleted() {
    let mut f = fixture::course();
    let (one, two) = two_devices(&f);
    f.lib.import_results(&[one.clone(), two]).unwrap();
    let learners = f.lib.results_learners(&f.course).unwrap();
    assert_eq!(learners.len(), 4);
    let ana = learners.iter().find(|l| l.id == id(1)).unwrap();
    assert_eq!(ana.same_name, [id(4)], "the same name, spaces and case aside, on another device");
    assert_eq!((ana.lessons_completed, ana.attempts), (3, 2));

    let kept = f.lib.merge_learners(&f.course, &id(1)[..], &id(4)).unwrap();
    assert_eq!(kept, id(1));
    let d = f.lib.results_dashboard(&f.course, &all()).unwrap();
    assert_eq!(d.learners, 3);
    assert_eq!(lessons(&d), [(3, 2), (1, 1), (2, 2), (1, 1)]);
    assert_eq!(d.modules.iter().map(|m| m.completed).collect::<Vec<_>>(), [1, 1]);
    assert_eq!((d.quiz_takers, d.quiz_passes), (2, 2));
    assert_eq!(d.score_histogram, [0, 0, 0, 0, 0, 0, 1, 0, 0, 1]);
    assert_eq!(d.total_seconds, 1530, "time of both devices, summed");
    // Ana's two devices are one learner: a 300 + 400, b 200 + 100, q 100 + 60, c 50 + 90.
    assert_eq!(lesson_times(&d), [120, 300, (80 + 160) / 2, 140]);
    assert_eq!(d.groups, ["CSO X"], "the kept learner's group");
    let list = f.lib.results_learners(&f.course).unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].merged, [id(4)]);
    let e = f.lib.merge_learners(&f.course, &id(1), &id(4)).unwrap_err();
    assert_eq!(e.code(), "results_learner_not_found", "a merged learner is no longer one to pick");
    let e = f.lib.merge_learners(&f.course, &id(2), &id(2)).unwrap_err();
    assert_eq!(e.code(), "results_merge_same");
    let e = f.lib.merge_learners(&f.course, "0000", &id(2)).unwrap_err();
    assert_eq!(e.code(), "results_learner_ambiguous");

    // Deleting the kept learner deletes the merged one too, for good.
    let deleted = f.lib.delete_learner(&f.course, &id(1)).unwrap();
    assert_eq!(deleted.len(), 2);
    let d = f.lib.results_dashboard(&f.course, &all()).unwrap();
    assert_eq!((d.learners, d.attempts_pt + d.attempts_en), (2, 1));
    let dump = bad_input::dump(&f);
    assert!(!dump.contains("Ana"), "no trace of the name is left");
    // The same file again: nothing; a new file still carrying her: skipped.
    assert!(f.lib.import_results(&[one]).unwrap().files[0].already_imported);
    let body = f.body(
        1,
        "device",
        "2026-11-30T10:00:00.000Z",
        json!([learner(1, Some("Ana"), Some("CSO X"), "2026-11-20T08:00:00.000Z")]),
        json!([lesson(1, &f.a, "2026-11-20T09:00:00.000Z", Some("2026-11-20T09:05:00.000Z"), 300)]),
        json!([]),
    );
    let path = f.file("again.juntos-results", &body);
    let report = f.lib.import_results(&[path]).unwrap();
    assert_eq!(report.files[0].skipped_deleted_learners, 1);
    assert_eq!(f.lib.results_dashboard(&f.course, &all()).unwrap().learners, 2);
}

#[test]
fn the_csv_has_a_bom_a_row_per_learner_and_lesson_and_names_verbatim() {
    let mut f = fixture::course();
    let (one, two) = two_devices(&f);
    f.lib.import_results(&[one, two]).unwrap();
    let out = f.files.path().join("results.csv");
    let n = f.lib.export_results_csv(&f.course, &all(), &out).unwrap();
    assert_eq!(n, 4 * 4);
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 16);
    assert!(lines[0].starts_with("learner_id,name,group,device_id,module,lesson,lesson_id"));
    let ana_quiz = format!("{},Ana,CSO X,{},2,1,{},Teste,,quiz,", id(1), id(1), f.q);
    let row = lines.iter().find(|l| l.starts_with(&ana_quiz)).expect(&ana_quiz);
    assert!(row.ends_with(",100,2,3,3,yes,2026-11-21T09:02:00.000Z"), "{row}");
    assert!(text.contains(&format!("{},<script>alert(1)</script>,CSO X,", id(2))));
    let anonymous: Vec<&&str> =
        lines.iter().filter(|l| l.starts_with(&format!("{},,,", id(3)))).collect();
    assert_eq!(anonymous.len(), 4);
    // The dashboard and the learners list carry the markup as text too.
    let list = f.lib.results_learners(&f.course).unwrap();
    assert!(list.iter().any(|l| l.name.as_deref() == Some("<script>alert(1)</script>")));
    // Filtered like the dashboard.
    let x = ResultsFilter { group: Some("CSO Y".into()), ..all() };
    assert_eq!(f.lib.results_rows(&f.course, &x).unwrap().len(), 4);
}

/// The figures are kept between calls while the results do not change
/// (`src/results/snapshot.rs`); a change made through another connection to
/// the same library (the CLI beside the app) is seen at the next call.
#[test]
fn kept_figures_follow_changes_made_through_another_connection() {
    let mut f = fixture::course();
    let (one, two) = two_devices(&f);
    f.lib.import_results(&[one]).unwrap();
    let first = f.lib.results_dashboard(&f.course, &all()).unwrap();
    assert_eq!(first.learners, 3);
    assert_eq!(f.lib.results_dashboard(&f.course, &all()).unwrap(), first);

    let mut other = juntos::Library::open(f._dir.path()).unwrap();
    let same = |f: &fixture::Fixture, learners: u32| {
        for filter in [all(), ResultsFilter { group: Some("CSO X".into()), ..all() }] {
            let kept = f.lib.results_dashboard(&f.course, &filter).unwrap();
            assert_eq!(kept, f.lib.results_dashboard_fresh(&f.course, &filter).unwrap());
            if filter.group.is_none() {
                assert_eq!(kept.learners, learners);
            }
            let list = f.lib.results_learners(&f.course).unwrap();
            assert_eq!(list.len() as u32, learners, "the learners list is kept the same way");
        }
    };
    other.import_results(&[two]).unwrap();
    same(&f, 4);
    other.merge_learners(&f.course, &id(1), &id(4)).unwrap();
    same(&f, 3);
    other.delete_learner(&f.course, &id(2)).unwrap();
    same(&f, 2);
    // And through the same connection.
    f.lib.delete_learner(&f.course, &id(3)).unwrap();
    same(&f, 1);
    assert_eq!(f.lib.results_dashboard(&f.course, &all()).unwrap().anonymous_learners, 0);
}
