//! Library benchmark: a generated library of 1,000 courses x 20 lessons
//! (bilingual, ~2 KB per language per lesson) whose words are shared the way
//! real courses share them: function words of both languages, a handful of
//! domain words ("participantes", "sessão", "grupo", "facilitador", …) in
//! nearly every lesson, a few topic words per course and a long tail of
//! rare words. Then:
//! - the size of `library.db` against the text it holds, table by table,
//! - open + list courses in process, and `juntos courses --json` as a whole
//!   process (wall and CPU time),
//! - search latency p50/p95 over 50 queries (single words with and without
//!   accents, two common words, 4-letter prefixes of the most common words),
//!   in process and as whole `juntos search` processes (open + query + print),
//! - search-as-you-type: every keystroke of a few typed queries, in process,
//! - autosave of one lesson body, and the process's peak resident memory.
//!
//! Run: `cargo bench --bench library` (add `-- --courses 200` for a quick run,
//! `-- --keep DIR` to keep the generated library).
//! Not a timed test: it prints figures for docs/performance.md.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use juntos::model::{Bilingual, Course, Lang, Lesson, LessonField, Module};
use juntos::Library;

/// Topic words: a course is about a few of them (its `focus`).
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
/// Words of a training course, whatever its topic, most frequent first:
/// present in nearly every lesson.
const PT_DOMAIN: &[&str] = &[
    "participantes",
    "sessão",
    "grupo",
    "facilitador",
    "atividade",
    "exemplo",
    "perguntas",
    "minutos",
    "discussão",
    "material",
    "participar",
    "parte",
];
const EN_DOMAIN: &[&str] = &[
    "participants",
    "session",
    "group",
    "facilitator",
    "activity",
    "example",
    "questions",
    "minutes",
    "discussion",
    "materials",
    "participate",
    "part",
];
/// Function words, most frequent first.
const PT_FUNCTION: &[&str] = &[
    "de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os", "no",
    "se", "na", "por", "mais", "as", "dos", "como", "mas", "ao", "ele", "das", "à", "seu", "sua",
    "ou", "quando", "muito", "nos", "já", "também", "só", "pelo", "pela", "até", "isso", "ela",
    "entre", "depois", "sem", "mesmo", "aos", "seus", "quem", "nas", "cada",
];
const EN_FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with", "be",
    "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
    "an", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has", "there", "been",
    "if", "more", "when", "will", "would", "who", "so", "no", "each", "about",
];

struct Vocabulary {
    topic: &'static [&'static str],
    domain: &'static [&'static str],
    function: &'static [&'static str],
}

const PT: Vocabulary = Vocabulary { topic: PT_WORDS, domain: PT_DOMAIN, function: PT_FUNCTION };
const EN: Vocabulary = Vocabulary { topic: EN_WORDS, domain: EN_DOMAIN, function: EN_FUNCTION };

/// A tiny deterministic generator, so every run builds the same library.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    /// Zipf-like rank in `0..n`: rank 0 about twice as likely as rank 1, …
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        // Inverse of the continuous 1/(r+1) law over 0..n.
        (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
    }

    /// Text with the vocabulary of a real course: about 45% function words,
    /// 9% domain words (so each is in nearly every lesson of 300 words), 12%
    /// the course's topic words (`focus`, 8 of the 40), the rest a long tail
    /// of generated words (syllable triples), most of them rare.
    fn text(&mut self, words: &Vocabulary, focus: &[usize], bytes: usize) -> String {
        const SYLLABLES: &[&str] =
            &["ma", "ku", "ta", "ni", "so", "ve", "lo", "ra", "pe", "zi", "mbo", "nha"];
        let mut s = String::with_capacity(bytes + 16);
        while s.len() < bytes {
            let roll = self.next() % 100;
            if roll < 45 {
                s.push_str(words.function[self.zipf(words.function.len())]);
            } else if roll < 54 {
                s.push_str(words.domain[self.zipf(words.domain.len())]);
            } else if roll < 66 {
                s.push_str(words.topic[focus[self.next() % focus.len()] % words.topic.len()]);
            } else {
                let rank = self.zipf(1728);
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
        Bilingual::new(rng.text(&PT, &focus, bytes), rng.text(&EN, &focus, bytes), Lang::Pt)
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
    let load_at_start = loadavg();

    let started = Instant::now();
    {
        let mut lib = Library::open(dir.path()).expect("open");
        let mut rng = Lcg(42);
        for n in 0..courses {
            lib.insert_course(&course(n, &mut rng)).expect("insert");
        }
    }
    let generate = started.elapsed();
    checkpoint(dir.path());
    let sizes = sizes(dir.path());

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
    let courses_json = whole_process(dir.path(), &[&["courses"]], 15);

    let queries = queries();
    let lib = Library::open(dir.path()).expect("open");
    let mut search_times = Vec::new();
    let mut hits = 0;
    for q in &queries {
        let t = Instant::now();
        hits += lib.search(q, 20).expect("search").len();
        search_times.push(t.elapsed());
    }
    search_times.sort();
    let mut slowest: Vec<(Duration, &String)> = Vec::new();
    for q in &queries {
        let t = Instant::now();
        lib.search(q, 20).expect("search");
        slowest.push((t.elapsed(), q));
    }
    slowest.sort();
    let query_args: Vec<Vec<&str>> = queries.iter().map(|q| vec!["search", q.as_str()]).collect();
    let query_args: Vec<&[&str]> = query_args.iter().map(|a| a.as_slice()).collect();
    let search_process = whole_process(dir.path(), &query_args, 1);

    // Search as you type: the app searches at every keystroke.
    let mut keystrokes = Vec::new();
    for typed in TYPED {
        let mut text = String::new();
        for c in typed.chars() {
            text.push(c);
            let t = Instant::now();
            lib.search(&text, 20).expect("search");
            keystrokes.push(t.elapsed());
        }
    }
    keystrokes.sort();

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
            let text = format!("{}\n\nEdição {i}.", rng.text(&PT, &[0, 1, 2], 2048));
            let t = Instant::now();
            lib.set_lesson_text(lesson_id, LessonField::Body, Lang::Pt, &text).expect("autosave");
            times.push(t.elapsed());
        }
        times.sort();
        autosave.push((label, percentile(&times, 0.5), percentile(&times, 0.95)));
    }
    let lib = lib;

    println!(
        "library benchmark: {courses} courses x 20 lessons; load before/after: {} / {}",
        load_at_start,
        loadavg()
    );
    println!(
        "  library.db {:.1} MiB for {:.1} MiB of text ({:.2}x)",
        mib(sizes.file),
        mib(sizes.text),
        sizes.file as f64 / sizes.text as f64
    );
    for (name, bytes) in &sizes.tables {
        println!("    {name:<28} {:>7.1} MiB", mib(*bytes));
    }
    println!("  generate (insert, one transaction per course): {:.1} s", generate.as_secs_f64());
    println!(
        "  open + list {listed} courses, in process: median {}  max {}",
        ms(percentile(&open_list, 0.5)),
        ms(open_list[open_list.len() - 1])
    );
    println!(
        "  juntos courses --json, whole process (15 runs): wall median {}  CPU median {}  CPU max {}",
        ms(courses_json.wall_p50),
        ms(courses_json.cpu_p50),
        ms(courses_json.cpu_max)
    );
    println!(
        "  search in process ({} queries, {hits} hits): p50 {}  p95 {}  max {}",
        queries.len(),
        ms(percentile(&search_times, 0.5)),
        ms(percentile(&search_times, 0.95)),
        ms(search_times[search_times.len() - 1])
    );
    let slow: Vec<String> =
        slowest.iter().rev().take(5).map(|(d, q)| format!("{q:?} {}", ms(*d))).collect();
    println!("    slowest: {}", slow.join(", "));
    println!(
        "  juntos search, whole process ({} queries): wall p50 {}  p95 {}  max {}; CPU p50 {}  p95 {}",
        queries.len(),
        ms(search_process.wall_p50),
        ms(search_process.wall_p95),
        ms(search_process.wall_max),
        ms(search_process.cpu_p50),
        ms(search_process.cpu_p95)
    );
    println!(
        "  search as you type ({} keystrokes): p50 {}  p95 {}  max {}",
        keystrokes.len(),
        ms(percentile(&keystrokes, 0.5)),
        ms(percentile(&keystrokes, 0.95)),
        ms(keystrokes[keystrokes.len() - 1])
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

/// Typed in the search box one character at a time.
const TYPED: &[&str] = &["participantes grupo", "sessao de formacao", "facilitador", "the group"];

/// 50 queries: topic words with and without accents, English words, the
/// domain words every course shares, two common words together, and
/// 4-letter prefixes of the most common words (what is on screen while typing).
fn queries() -> Vec<String> {
    let mut queries: Vec<String> = Vec::new();
    for i in 0..10 {
        queries.push(match i % 3 {
            0 => PT_WORDS[(i * 7) % PT_WORDS.len()].to_string(),
            1 => fold(PT_WORDS[(i * 7) % PT_WORDS.len()]),
            _ => EN_WORDS[(i * 3) % EN_WORDS.len()].to_string(),
        });
    }
    for i in 0..10 {
        queries.push(if i % 2 == 0 {
            fold(PT_DOMAIN[i / 2])
        } else {
            EN_DOMAIN[i / 2].to_string()
        });
    }
    for i in 0..10 {
        queries.push(match i % 3 {
            0 => format!("{} {}", PT_DOMAIN[i % 4], PT_DOMAIN[(i + 1) % 4]),
            1 => format!("{} {}", EN_DOMAIN[i % 4], EN_DOMAIN[(i + 2) % 4]),
            _ => format!("{} {}", fold(PT_DOMAIN[i % 4]), PT_FUNCTION[9 + i % 3]),
        });
    }
    for i in 0..10 {
        let word = if i % 2 == 0 { PT_DOMAIN[i / 2] } else { EN_DOMAIN[i / 2] };
        queries.push(word.chars().take(4).collect());
    }
    for i in 0..10 {
        queries.push(match i % 2 {
            0 => fold(PT_WORDS[(i * 11) % PT_WORDS.len()]).chars().take(4).collect(),
            _ => format!("{} {}", PT_WORDS[i % PT_WORDS.len()], PT_DOMAIN[i % 3]),
        });
    }
    queries
}

/// Timings of `juntos` run as a whole process, as a person runs it.
struct ProcessTimes {
    wall_p50: Duration,
    wall_p95: Duration,
    wall_max: Duration,
    cpu_p50: Duration,
    cpu_p95: Duration,
    cpu_max: Duration,
}

/// Runs `juntos --library <root> --json <args>` for each set of arguments,
/// `repeat` times, and measures wall time and the child's CPU time
/// (user + system, from `getrusage(RUSAGE_CHILDREN)`).
fn whole_process(root: &Path, runs: &[&[&str]], repeat: usize) -> ProcessTimes {
    let exe = env!("CARGO_BIN_EXE_juntos");
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..repeat {
        for args in runs {
            let before = children_cpu();
            let t = Instant::now();
            let out = Command::new(exe)
                .arg("--library")
                .arg(root)
                .arg("--json")
                .args(*args)
                .output()
                .expect("run juntos");
            wall.push(t.elapsed());
            cpu.push(children_cpu() - before);
            assert!(
                out.status.success(),
                "juntos {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    wall.sort();
    cpu.sort();
    ProcessTimes {
        wall_p50: percentile(&wall, 0.5),
        wall_p95: percentile(&wall, 0.95),
        wall_max: wall[wall.len() - 1],
        cpu_p50: percentile(&cpu, 0.5),
        cpu_p95: percentile(&cpu, 0.95),
        cpu_max: cpu[cpu.len() - 1],
    }
}

fn children_cpu() -> Duration {
    // SAFETY: getrusage writes into the struct we pass and nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// The 1-minute load average: other work on the machine during the run.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1048576.0
}

/// Moves the WAL into the database file, so its size is the library's.
fn checkpoint(root: &Path) {
    let conn = rusqlite::Connection::open(root.join("library.db")).expect("open db");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).expect("checkpoint");
}

struct Sizes {
    file: u64,
    /// Bytes of text in courses, modules and lessons (both languages).
    text: u64,
    /// Bytes used by each table and index (dbstat), largest first.
    tables: Vec<(String, u64)>,
}

fn sizes(root: &Path) -> Sizes {
    let db = root.join("library.db");
    let file = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    let conn = rusqlite::Connection::open(&db).expect("open db");
    // Lesson bodies and notes are stored deflated: count the text they hold.
    juntos::store::packed_text::register_sql_functions(&conn).expect("functions");
    let text: i64 = conn
        .query_row(
            "SELECT (SELECT coalesce(sum(length(CAST(title_pt || title_en || summary_pt || summary_en AS BLOB))), 0) FROM courses)
                  + (SELECT coalesce(sum(length(CAST(title_pt || title_en AS BLOB))), 0) FROM modules)
                  + (SELECT coalesce(sum(length(CAST(title_pt || title_en || juntos_unpack_text(body_pt) || juntos_unpack_text(body_en) || juntos_unpack_text(notes_pt) || juntos_unpack_text(notes_en) || coalesce(quiz, '') AS BLOB))), 0) FROM lessons)",
            [],
            |r| r.get(0),
        )
        .expect("text size");
    let mut stmt = conn
        .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8")
        .expect("dbstat");
    let tables = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))
        .expect("dbstat")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("dbstat");
    Sizes { file, text: text as u64, tables }
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
