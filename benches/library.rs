//! Library benchmark: a generated library of 1,000 courses x 20 lessons
//! (bilingual, ~2 KB per language per lesson), then
//! - open + list courses (the library view's first paint),
//! - search latency p50/p95 over 50 queries, with and without accents,
//! - peak resident memory of the process.
//!
//! Run: `cargo bench --bench library` (add `-- --courses 200` for a quick run).
//! Not a timed test: it prints figures for docs/performance.md.

use std::time::{Duration, Instant};

use juntos::model::{Bilingual, Course, Lang, Lesson, LessonField, Module};
use juntos::Library;

const PT_WORDS: &[&str] = &[
    "comunidade",
    "educação",
    "participação",
    "saúde",
    "água",
    "eleições",
    "direitos",
    "mulheres",
    "associação",
    "formação",
    "distrito",
    "reunião",
    "cidadania",
    "orçamento",
    "escola",
    "agricultura",
    "mercado",
    "rádio",
    "jovens",
    "líderes",
    "projeto",
    "relatório",
    "transparência",
    "violência",
    "prevenção",
    "nutrição",
    "crianças",
    "família",
    "trabalho",
    "poupança",
    "crédito",
    "segurança",
    "ambiente",
    "clima",
    "chuva",
    "estrada",
    "hospital",
    "professor",
    "aprender",
    "partilhar",
];
const EN_WORDS: &[&str] = &[
    "community",
    "education",
    "participation",
    "health",
    "water",
    "elections",
    "rights",
    "women",
    "association",
    "training",
    "district",
    "meeting",
    "citizenship",
    "budget",
    "school",
    "farming",
    "market",
    "radio",
    "youth",
    "leaders",
    "project",
    "report",
    "transparency",
    "violence",
    "prevention",
    "nutrition",
    "children",
    "family",
    "work",
    "savings",
    "credit",
    "safety",
    "environment",
    "climate",
    "rain",
    "road",
    "hospital",
    "teacher",
    "learn",
    "share",
];

/// A tiny deterministic generator, so every run builds the same library.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    /// Text with a natural, skewed vocabulary: a course is about a few
    /// topics (`focus`, 8 of the 40 topic words), which are common in it; the
    /// rest is a long tail of generated words (syllable triples), most of them rare.
    fn text(&mut self, words: &[&str], focus: &[usize], bytes: usize) -> String {
        const SYLLABLES: &[&str] =
            &["ma", "ku", "ta", "ni", "so", "ve", "lo", "ra", "pe", "zi", "mbo", "nha"];
        let mut s = String::with_capacity(bytes + 16);
        while s.len() < bytes {
            if self.next() % 4 == 0 {
                s.push_str(words[focus[self.next() % focus.len()] % words.len()]);
            } else {
                // Zipf-like: small ranks are much more likely.
                let u = (self.next() % 10_000) as f64 / 10_000.0;
                let rank = (u * u * u * 1728.0) as usize;
                for k in 0..3 {
                    s.push_str(SYLLABLES[(rank / 12usize.pow(k)) % SYLLABLES.len()]);
                }
            }
            s.push(if self.next() % 12 == 0 { '.' } else { ' ' });
        }
        s
    }
}

fn course(n: usize, rng: &mut Lcg) -> Course {
    sized_course(n, 4, 5, rng)
}

fn sized_course(n: usize, module_count: usize, lessons_per_module: usize, rng: &mut Lcg) -> Course {
    let focus: Vec<usize> = (0..8).map(|_| rng.next() % PT_WORDS.len()).collect();
    let text = |rng: &mut Lcg, bytes| {
        Bilingual::new(
            rng.text(PT_WORDS, &focus, bytes),
            rng.text(EN_WORDS, &focus, bytes),
            Lang::Pt,
        )
    };
    let modules = (0..module_count)
        .map(|m| Module {
            id: format!("{n:05}-m{m}"),
            title: text(rng, 30),
            lessons: (0..lessons_per_module)
                .map(|l| Lesson {
                    id: format!("{n:05}-m{m}-l{l}"),
                    title: text(rng, 40),
                    body: text(rng, 2048),
                    notes: Bilingual::default(),
                    minutes: 15,
                    quiz: None,
                })
                .collect(),
        })
        .collect();
    Course {
        id: format!("{n:05}-course"),
        slug: format!("curso-{n}"),
        revision: 1,
        source_lang: Lang::Pt,
        title: text(rng, 40),
        summary: text(rng, 200),
        organisation: "Bench".into(),
        licence: "CC BY-SA 4.0".into(),
        topics: vec![],
        created_at: "2026-01-01T00:00:00Z".into(),
        updated_at: format!("2026-01-01T00:{:02}:{:02}Z", (n / 60) % 60, n % 60),
        derived_from: None,
        modules,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let courses = args
        .iter()
        .position(|a| a == "--courses")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000usize);
    let dir = tempfile::tempdir().expect("temp dir");
    let keep = args.iter().position(|a| a == "--keep").and_then(|i| args.get(i + 1)).cloned();

    let started = Instant::now();
    {
        let mut lib = Library::open(dir.path()).expect("open");
        let mut rng = Lcg(42);
        for n in 0..courses {
            lib.insert_course(&course(n, &mut rng)).expect("insert");
        }
    }
    let generate = started.elapsed();
    let db_size = std::fs::metadata(dir.path().join("library.db")).map(|m| m.len()).unwrap_or(0);

    // Open + list, as the app does at start; repeated, median reported.
    let mut open_list = Vec::new();
    let mut listed = 0;
    for _ in 0..15 {
        let t = Instant::now();
        let lib = Library::open(dir.path()).expect("open");
        listed = lib.list_courses().expect("list").len();
        open_list.push(t.elapsed());
    }
    open_list.sort();

    let lib = Library::open(dir.path()).expect("open");
    let mut queries: Vec<String> = Vec::new();
    for i in 0..50 {
        let q = match i % 5 {
            0 => PT_WORDS[i % PT_WORDS.len()].to_string(),
            1 => fold(PT_WORDS[(i * 7) % PT_WORDS.len()]),
            2 => EN_WORDS[(i * 3) % EN_WORDS.len()].to_string(),
            3 => format!(
                "{} {}",
                fold(PT_WORDS[i % PT_WORDS.len()]),
                PT_WORDS[(i + 5) % PT_WORDS.len()]
            ),
            _ => PT_WORDS[(i * 11) % PT_WORDS.len()][..4].to_string(),
        };
        queries.push(q);
    }
    let mut search_times = Vec::new();
    let mut hits = 0;
    for q in &queries {
        let t = Instant::now();
        hits += lib.search(q, 20).expect("search").len();
        search_times.push(t.elapsed());
    }
    search_times.sort();

    // Autosave: one lesson body saved, as the editor does 600 ms after
    // typing stops, in a course of the usual size and in a very large one.
    drop(lib);
    let mut lib = Library::open(dir.path()).expect("open");
    let mut rng = Lcg(7);
    let big = sized_course(courses + 1, 10, 20, &mut rng);
    lib.insert_course(&big).expect("insert the large course");
    let mut autosave = Vec::new();
    let big_lesson = format!("{:05}-m5-l10", courses + 1);
    for (label, lesson_id) in [("20 lessons", "00000-m1-l2"), ("200 lessons", big_lesson.as_str())]
    {
        let mut times = Vec::new();
        for i in 0..30 {
            let text = format!("{}\n\nEdição {i}.", rng.text(PT_WORDS, &[0, 1, 2], 2048));
            let t = Instant::now();
            lib.set_lesson_text(lesson_id, LessonField::Body, Lang::Pt, &text).expect("autosave");
            times.push(t.elapsed());
        }
        times.sort();
        autosave.push((label, percentile(&times, 0.5), percentile(&times, 0.95)));
    }
    let lib = lib;

    println!(
        "library benchmark: {courses} courses x 20 lessons, db {:.1} MiB",
        db_size as f64 / 1048576.0
    );
    println!("  generate (insert, one transaction per course): {:.1} s", generate.as_secs_f64());
    println!(
        "  open + list {listed} courses: median {}  max {}",
        ms(percentile(&open_list, 0.5)),
        ms(open_list[open_list.len() - 1])
    );
    println!(
        "  search ({} queries, {hits} hits): p50 {}  p95 {}  max {}",
        queries.len(),
        ms(percentile(&search_times, 0.5)),
        ms(percentile(&search_times, 0.95)),
        ms(search_times[search_times.len() - 1])
    );
    for (label, p50, p95) in &autosave {
        println!(
            "  autosave one lesson body, course of {label}: p50 {}  p95 {}",
            ms(*p50),
            ms(*p95)
        );
    }
    println!("  peak RSS: {:.1} MiB", peak_rss_mib());
    if let Some(keep) = keep {
        drop(lib);
        let _ = std::fs::remove_dir_all(&keep);
        std::fs::rename(dir.path(), &keep).expect("keep the generated library");
    }
}

/// Drops Portuguese accents, as a person typing without them would.
fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' => 'a',
            'é' | 'ê' => 'e',
            'í' => 'i',
            'ó' | 'ô' | 'õ' => 'o',
            'ú' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}
