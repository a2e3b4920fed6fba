//! Results benchmark (issue 17): a course of 4 modules × 5 lessons, 5 of
//! them quizzes of 5 questions; 250 devices, each saving one "collect from
//! this computer" file with 20 learners (5,000 learners), every learner
//! having opened every lesson and made 20 quiz attempts (100,000 attempts,
//! 500,000 answers, 100,000 lesson rows). Then:
//! - the files' size and the import time (10 batches of 25 files, each batch
//!   checked whole, then one transaction), and importing them all again
//!   (nothing changes: every file is recognised by its checksum);
//! - the dashboard, unfiltered, by group and by dates (target: under
//!   100 ms): first call, then p50/p95 of 20 calls reading the rows again
//!   (the first view after an import) and of 20 calls with the results
//!   unchanged (a refresh, another filter: the kept snapshot);
//! - the learners list and the CSV export;
//! - the size of `library.db` and the process's peak resident memory;
//! - the import of a stick of 50 files (1 and 5 learners each) in one batch.
//!
//! Run: `cargo bench --bench results` (add `-- --devices 50` for a quick run).
//! Not a timed test: it prints figures for docs/performance.md.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use juntos::model::{Bilingual, Lang, NewCourse, Question, QuestionKind, Quiz, QuizOption};
use juntos::results::ResultsFilter;
use juntos::Library;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const LEARNERS_PER_DEVICE: u32 = 20;
const ATTEMPTS_PER_LEARNER: u32 = 20;

fn option(id: &str, correct: bool) -> QuizOption {
    QuizOption {
        id: id.into(),
        text: Bilingual::new(format!("Opção {id}"), format!("Option {id}"), Lang::Pt),
        correct,
        feedback: Bilingual::default(),
    }
}

/// The course: returns (library, course id, revision, lesson ids, quiz lesson ids).
fn course(dir: &std::path::Path) -> (Library, String, i64, Vec<String>, Vec<String>) {
    let mut lib = Library::open(dir).unwrap();
    let course = lib
        .create_course(NewCourse {
            title: "Monitoria e avaliação".into(),
            lang: Some(Lang::Pt),
            slug: Some("monitoria".into()),
            organisation: None,
        })
        .unwrap();
    let (mut lessons, mut quizzes) = (Vec::new(), Vec::new());
    for m in 1..=4 {
        let module = lib.add_module(&course.id, &format!("Módulo {m}"), Lang::Pt, None).unwrap();
        for l in 1..=5 {
            let id =
                lib.add_lesson(&module.id, &format!("Lição {m}.{l}"), Lang::Pt, None).unwrap().id;
            if l == 5 || (m == 1 && l == 3) {
                let questions = (1..=5)
                    .map(|q| Question {
                        id: format!("q{q}"),
                        kind: QuestionKind::SingleChoice,
                        prompt: Bilingual::new(
                            format!("Pergunta {q}?"),
                            format!("Question {q}?"),
                            Lang::Pt,
                        ),
                        options: vec![option("o1", true), option("o2", false), option("o3", false)],
                        feedback: Bilingual::default(),
                    })
                    .collect();
                lib.set_quiz(&id, Some(Quiz { pass_mark: 60, questions })).unwrap();
                quizzes.push(id.clone());
            }
            lessons.push(id);
        }
    }
    let revision = lib.course(&course.id).unwrap().revision;
    (lib, course.id, revision, lessons, quizzes)
}

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn at(day: u64, second: u64) -> String {
    format!(
        "2026-11-{:02}T{:02}:{:02}:{:02}.000Z",
        1 + day,
        second / 3600 % 24,
        second / 60 % 60,
        second % 60
    )
}

fn device_file(
    device: u32,
    per_file: u32,
    course: &str,
    revision: i64,
    lessons: &[String],
    quizzes: &[String],
    rng: &mut Rng,
) -> String {
    let mut learners = Vec::new();
    let mut rows = Vec::new();
    let mut attempts = Vec::new();
    for n in 0..per_file {
        let learner = format!("{:016x}{:016x}", device, n);
        let day = rng.next(28);
        learners.push(json!({"id": learner, "name": format!("Participante {device}-{n}"),
            "group": format!("Grupo {}", device % 12), "created_at": at(day, 0)}));
        for (i, lesson) in lessons.iter().enumerate() {
            let done = rng.next(10) < 8;
            rows.push(json!({"learner": learner, "lesson": lesson, "opened_at": at(day, 60 * i as u64),
                "completed_at": if done { Value::from(at(day, 60 * i as u64 + 30)) } else { Value::Null },
                "seconds": 60 + rng.next(900)}));
        }
        for k in 0..ATTEMPTS_PER_LEARNER {
            let quiz = &quizzes[(k as usize) % quizzes.len()];
            let answers: Vec<Value> = (1..=5)
                .map(|q| {
                    let right = rng.next(10) < 5 + q / 2;
                    json!({"question": format!("q{q}"), "chosen": [if right { "o1" } else { "o2" }], "correct": right})
                })
                .collect();
            let score = answers.iter().filter(|a| a["correct"] == true).count();
            let id = format!("{:08x}{:08x}{:016x}", device, n, k);
            attempts.push(json!({"id": id, "learner": learner, "lesson": quiz,
                "started_at": at(day, 3000 + 60 * k as u64), "finished_at": at(day, 3030 + 60 * k as u64),
                "lang": if rng.next(4) == 0 { "en" } else { "pt" }, "score": score, "max_score": 5,
                "passed": score >= 3, "answers": answers}));
        }
    }
    let body = json!({"course": {"id": course, "revision": revision, "slug": "monitoria",
            "title": {"pt": "Monitoria e avaliação", "en": "Monitoring and evaluation"}},
        "device": {"id": format!("{device:032x}")}, "saved_at": at(28, 0),
        "scope": if per_file == 1 { "learner" } else { "device" },
        "learners": learners, "lessons": rows, "attempts": attempts});
    let text = serde_json::to_string(&body).unwrap();
    let sum = hex::encode(Sha256::digest(text.as_bytes()));
    format!(r#"{{"format":"juntos-results","version":1,"checksum":"{sum}","body":{text}}}"#)
}

/// CPU time of this thread so far (user + system): on a shared machine the
/// wall time also counts other programs' turns on the cores, this does not.
fn thread_cpu() -> Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let devices: u32 = args
        .iter()
        .position(|a| a == "--devices")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(250);
    let dir = tempfile::tempdir().unwrap();
    let files_dir = tempfile::tempdir().unwrap();
    let (mut lib, course, revision, lessons, quizzes) = course(dir.path());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = Instant::now();
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut bytes = 0u64;
    for device in 0..devices {
        let text = device_file(
            device,
            LEARNERS_PER_DEVICE,
            &course,
            revision,
            &lessons,
            &quizzes,
            &mut rng,
        );
        bytes += text.len() as u64;
        let path = files_dir.path().join(format!("device-{device}.juntos-results"));
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    let learners = devices * LEARNERS_PER_DEVICE;
    println!(
        "generated {devices} files, {learners} learners, {} attempts, {:.1} MiB ({:.0} KiB per file) in {:.1} s",
        learners * ATTEMPTS_PER_LEARNER,
        bytes as f64 / common::MIB as f64,
        bytes as f64 / 1024.0 / f64::from(devices),
        started.elapsed().as_secs_f64()
    );
    let now = time::OffsetDateTime::parse(
        "2026-12-02T12:00:00Z",
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();

    let started = Instant::now();
    let mut new_attempts = 0;
    for batch in paths.chunks(25) {
        new_attempts += lib.import_results_at(batch, now).unwrap().new_attempts;
    }
    let import = started.elapsed();
    println!(
        "import: {:.2} s ({:.1} ms per file, {new_attempts} attempts stored)",
        import.as_secs_f64(),
        import.as_secs_f64() * 1000.0 / f64::from(devices)
    );
    let started = Instant::now();
    for batch in paths.chunks(25) {
        let report = lib.import_results_at(batch, now).unwrap();
        assert!(report.files.iter().all(|f| f.already_imported));
    }
    println!("import again (all already imported): {:.2} s", started.elapsed().as_secs_f64());

    let filters = [
        ("all", ResultsFilter::default()),
        ("one group", ResultsFilter { group: Some("Grupo 3".into()), ..Default::default() }),
        (
            "one week",
            ResultsFilter {
                from: Some("2026-11-08".into()),
                to: Some("2026-11-14".into()),
                group: None,
            },
        ),
    ];
    // Each call timed by the wall clock and by this thread's CPU time.
    let timed = |call: &dyn Fn()| -> (Vec<Duration>, Vec<Duration>) {
        (0..20)
            .map(|_| {
                let (t, c) = (Instant::now(), thread_cpu());
                call();
                (t.elapsed(), thread_cpu() - c)
            })
            .unzip()
    };
    let line = |what: &str, (mut wall, mut cpu): (Vec<Duration>, Vec<Duration>)| {
        println!(
            "  {what}: p50 {:.1} ms, p95 {:.1} ms (CPU p50 {:.1} ms, p95 {:.1} ms)",
            percentile(&mut wall, 0.5),
            percentile(&mut wall, 0.95),
            percentile(&mut cpu, 0.5),
            percentile(&mut cpu, 0.95)
        );
    };
    for (name, filter) in &filters {
        let started = Instant::now();
        let first = lib.results_dashboard(&course, filter).unwrap();
        let first_ms = started.elapsed().as_secs_f64() * 1000.0;
        assert_eq!(lib.results_dashboard_fresh(&course, filter).unwrap(), first);
        println!("dashboard ({name}: {} learners): first call {first_ms:.1} ms", first.learners);
        // The first view after an import (the rows read again), then a
        // refresh or another filter with no import in between.
        line("rows read again", timed(&|| drop(lib.results_dashboard_fresh(&course, filter))));
        line("results unchanged", timed(&|| drop(lib.results_dashboard(&course, filter))));
    }
    let started = Instant::now();
    let list = lib.results_learners(&course).unwrap();
    println!("learners list ({}): {:.1} ms", list.len(), started.elapsed().as_secs_f64() * 1000.0);
    let csv = files_dir.path().join("results.csv");
    let started = Instant::now();
    let rows = lib.export_results_csv(&course, &ResultsFilter::default(), &csv).unwrap();
    println!(
        "CSV export: {rows} rows, {:.1} MiB, {:.2} s",
        std::fs::metadata(&csv).unwrap().len() as f64 / common::MIB as f64,
        started.elapsed().as_secs_f64()
    );
    drop(lib);

    // A trainer's stick: 50 files made by learners (one learner each, the
    // whole course: 20 lesson rows and 20 attempts), and 50 files collected
    // from shared laptops (5 learners each), each set imported in one batch
    // (as the app does) into a library holding only the course.
    for per_file in [1, 5] {
        let dir = tempfile::tempdir().unwrap();
        let (mut lib, course, revision, lessons, quizzes) = self::course(dir.path());
        let paths: Vec<PathBuf> = (0..50)
            .map(|device| {
                let text =
                    device_file(device, per_file, &course, revision, &lessons, &quizzes, &mut rng);
                let path =
                    files_dir.path().join(format!("stick-{per_file}-{device}.juntos-results"));
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        let (t, c) = (Instant::now(), thread_cpu());
        let report = lib.import_results_at(&paths, now).unwrap();
        println!(
            "import of a stick of 50 files of {per_file} learner(s) ({} attempts): {:.0} ms wall, \
             {:.0} ms CPU",
            report.new_attempts,
            t.elapsed().as_secs_f64() * 1000.0,
            (thread_cpu() - c).as_secs_f64() * 1000.0
        );
    }
    let db = std::fs::metadata(dir.path().join(juntos::DATABASE_FILE)).unwrap().len();
    println!("library.db: {:.1} MiB", db as f64 / common::MIB as f64);
    println!("peak RSS: {} KiB", common::vm_hwm());
}
