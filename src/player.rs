//! The offline player: the files that make an unzipped package play in a
//! browser from a USB stick, with no network, no server and no install.
//!
//! This module is the one place that knows the player's files, and a pure
//! function of the course: it writes nothing. Export asks [`player_files`]
//! for them and puts them in the package beside `course.json` and `media/`;
//! `juntos export --unpacked` writes the same entries as a folder
//! (`package::unpacked`, [`Library::export_unpacked`](crate::Library::export_unpacked)).
//! It depends on nothing in `package`: its input is the course in package
//! form ([`crate::course_file`]).
//!
//! Why it is built the way it is (see `docs/player.md`): a page opened from
//! `file://` may not load ES modules, may not `fetch()` and may not load
//! `<track src>` captions, so the player is plain HTML, CSS and *classic*
//! scripts, the course travels as a script that assigns a global
//! (`player/course-data.js`), and captions travel as cues, read here by the
//! core's one WebVTT parser ([`crate::media::captions`]), that the player
//! turns into tracks with `addTextTrack` + `VTTCue`. Lesson HTML comes
//! only from the one renderer ([`crate::render`]), already sanitised, with
//! `media:` names mapped to the package's `media/<sha256>.<format>` paths;
//! the player's own code builds everything else with DOM calls.
//!
//! Every file is a pure function of the course: same course, same bytes
//! (fields in a fixed order, maps sorted, no timestamps), so packages stay
//! deterministic.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::course_file::{PackageCaptions, PackageCourse};
use crate::media::captions::parse_captions;
use crate::media::MediaKind;
use crate::model::{Bilingual, Lang, Question, QuestionKind, Quiz, QuizOption};
use crate::render::{self, RenderOptions, ResolvedMedia};

/// The page a learner opens, at the package root.
pub const INDEX: &str = "index.html";
/// The player's styles (screen and print).
pub const STYLES: &str = "player/player.css";
/// The player's code: one classic script.
pub const SCRIPT: &str = "player/player.js";
/// The course for the player: a classic script setting `window.JUNTOS_COURSE`.
pub const COURSE_DATA: &str = "player/course-data.js";
/// Version of the shape of `window.JUNTOS_COURSE` (see `docs/player.md`).
pub const DATA_FORMAT: u32 = 2;

const INDEX_TEMPLATE: &str = include_str!("../assets/player/index.html");
const PLAYER_CSS: &str = include_str!("../assets/player/player.css");
const PLAYER_JS: &str = include_str!("../assets/player/player.js");

/// The player's files for a course as it goes into a package, sorted by
/// path: `index.html`, `player/course-data.js`, `player/player.css`,
/// `player/player.js`. `package` is what `course.json` holds (one language
/// already removed for a `--lang` export), `exporter` the exporting
/// organisation's name (shown when the course names none), `languages` the
/// languages the package carries.
pub fn player_files(
    package: &PackageCourse,
    exporter: &str,
    languages: &[Lang],
) -> Vec<(String, Vec<u8>)> {
    let data = course_data(package, exporter, languages);
    vec![
        (INDEX.to_string(), index_html(&data).into_bytes()),
        (COURSE_DATA.to_string(), course_data_js(&data).into_bytes()),
        (STYLES.to_string(), PLAYER_CSS.as_bytes().to_vec()),
        (SCRIPT.to_string(), PLAYER_JS.as_bytes().to_vec()),
    ]
}

/// Bytes of the player that do not depend on the course (index.html's
/// template, styles, script): kept under 300 KB by a test.
pub fn overhead_bytes() -> usize {
    INDEX_TEMPLATE.len() + PLAYER_CSS.len() + PLAYER_JS.len()
}

// ---------------------------------------------------------------------------
// window.JUNTOS_COURSE

/// Text in both languages, as the player reads it: `{ "pt": …, "en": … }`.
#[derive(Debug, Clone, Default, Serialize)]
struct Texts {
    pt: String,
    en: String,
}

impl Texts {
    fn plain(text: &Bilingual) -> Texts {
        Texts { pt: text.pt.clone(), en: text.en.clone() }
    }

    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Pt => &self.pt,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Serialize)]
struct Data {
    format: u32,
    id: String,
    revision: i64,
    slug: String,
    source_lang: Lang,
    languages: Vec<Lang>,
    title: Texts,
    /// Rendered HTML.
    summary: Texts,
    organisation: String,
    licence: String,
    /// Each topic in both languages (the player falls back to the other).
    topics: Vec<Texts>,
    modules: Vec<DataModule>,
    /// By package path (`media/<sha256>.<format>`), what the rendered HTML uses as `src`.
    media: BTreeMap<String, DataMedia>,
}

#[derive(Debug, Serialize)]
struct DataModule {
    id: String,
    title: Texts,
    lessons: Vec<DataLesson>,
}

#[derive(Debug, Serialize)]
struct DataLesson {
    id: String,
    title: Texts,
    minutes: u32,
    /// Rendered HTML.
    body: Texts,
    /// Rendered HTML, shown in facilitator mode.
    notes: Texts,
    quiz: Option<DataQuiz>,
}

#[derive(Debug, Serialize)]
struct DataQuiz {
    pass_mark: u8,
    questions: Vec<DataQuestion>,
}

#[derive(Debug, Serialize)]
struct DataQuestion {
    id: String,
    kind: QuestionKind,
    /// Plain text (the player sets it with `textContent`).
    prompt: Texts,
    feedback: Texts,
    options: Vec<DataOption>,
}

#[derive(Debug, Serialize)]
struct DataOption {
    id: String,
    text: Texts,
    correct: bool,
    feedback: Texts,
}

/// Quizzes travel as plain text: nothing in them is rendered.
impl From<&Quiz> for DataQuiz {
    fn from(quiz: &Quiz) -> DataQuiz {
        DataQuiz {
            pass_mark: quiz.pass_mark,
            questions: quiz.questions.iter().map(DataQuestion::from).collect(),
        }
    }
}

impl From<&Question> for DataQuestion {
    fn from(q: &Question) -> DataQuestion {
        DataQuestion {
            id: q.id.clone(),
            kind: q.kind,
            prompt: Texts::plain(&q.prompt),
            feedback: Texts::plain(&q.feedback),
            options: q.options.iter().map(DataOption::from).collect(),
        }
    }
}

impl From<&QuizOption> for DataOption {
    fn from(o: &QuizOption) -> DataOption {
        DataOption {
            id: o.id.clone(),
            text: Texts::plain(&o.text),
            correct: o.correct,
            feedback: Texts::plain(&o.feedback),
        }
    }
}

#[derive(Debug, Serialize)]
struct DataMedia {
    name: String,
    kind: MediaKind,
    mime: String,
    /// The caption cues per language.
    captions: BTreeMap<Lang, Vec<DataCue>>,
    /// A prepared video's poster frame, by package path
    /// (`media/<sha256>.jpeg`): for the `<video poster>` attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    poster: Option<String>,
    /// Sign-language interpreter per language (`media::sign`), shown by
    /// the player as a picture-in-picture window; absent when none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    interpreter: BTreeMap<Lang, DataInterpreter>,
}

/// An interpreter video by package path, and where it is when the main
/// video is at 0 (interpreter time = video time + offset).
#[derive(Debug, Serialize)]
struct DataInterpreter {
    src: String,
    offset_ms: i64,
}

/// The interpreter of each language a package item has (the one for both
/// languages fills a language with none of its own), by package path.
fn interpreters(
    package: &PackageCourse,
    item: &crate::course_file::PackageMedia,
) -> BTreeMap<Lang, DataInterpreter> {
    Lang::ALL
        .into_iter()
        .filter_map(|lang| {
            let link = crate::media::sign::interpreter_in(&item.interpreters, lang)?;
            let target = package.media.iter().find(|m| m.name.eq_ignore_ascii_case(&link.media))?;
            Some((lang, DataInterpreter { src: target.path.clone(), offset_ms: link.offset_ms }))
        })
        .collect()
}

/// One caption cue, as [`crate::media::captions`] parsed it: the player
/// makes a `VTTCue` of it and parses no WebVTT itself.
#[derive(Debug, Serialize)]
struct DataCue {
    start_ms: u64,
    end_ms: u64,
    /// WebVTT cue settings (`align:start line:0`), often empty.
    settings: String,
    /// Cue text with its WebVTT markup (`<i>`, `<v Name>`), never HTML.
    text: String,
}

/// The cues of stored captions. They were validated when attached (or when
/// the package was imported) and stored as clean WebVTT, so they parse; a
/// language that somehow does not is left out rather than half-shown.
fn caption_cues(captions: &BTreeMap<Lang, PackageCaptions>) -> BTreeMap<Lang, Vec<DataCue>> {
    captions
        .iter()
        .filter_map(|(lang, c)| {
            let (_, cues) = parse_captions(c.vtt.as_bytes(), Path::new("captions.vtt")).ok()?;
            let cues = cues
                .into_iter()
                .map(|cue| DataCue {
                    start_ms: cue.start_ms,
                    end_ms: cue.end_ms,
                    settings: cue.settings,
                    text: cue.text,
                })
                .collect();
            Some((*lang, cues))
        })
        .collect()
}

fn course_data(package: &PackageCourse, exporter: &str, languages: &[Lang]) -> Data {
    let course = &package.course;
    let resolve = |name: &str| -> Option<ResolvedMedia> {
        let item = package.media.iter().find(|m| m.name.eq_ignore_ascii_case(name))?;
        Some(ResolvedMedia { url: item.path.clone(), kind: item.kind.into() })
    };
    let html = |text: &Bilingual| -> Texts {
        let one = |lang: Lang| {
            let markdown = text.get(lang);
            if markdown.trim().is_empty() {
                String::new()
            } else {
                render::render_markdown(markdown, &RenderOptions { lang, media: &resolve })
            }
        };
        Texts { pt: one(Lang::Pt), en: one(Lang::En) }
    };
    let mut media = BTreeMap::new();
    for item in &package.media {
        // Two names may share bytes (one path): the first name keeps it.
        media.entry(item.path.clone()).or_insert_with(|| DataMedia {
            name: item.name.clone(),
            kind: item.kind,
            mime: item.mime.clone(),
            captions: caption_cues(&item.captions),
            poster: item.poster_path().map(String::from),
            interpreter: interpreters(package, item),
        });
    }
    let mut languages: Vec<Lang> = languages.to_vec();
    languages.sort();
    languages.dedup();
    if languages.is_empty() {
        languages = Lang::ALL.to_vec();
    }
    let organisation =
        if course.organisation.trim().is_empty() { exporter } else { &course.organisation };
    Data {
        format: DATA_FORMAT,
        id: course.id.clone(),
        revision: course.revision,
        slug: course.slug.clone(),
        source_lang: course.source_lang,
        languages,
        title: Texts::plain(&course.title),
        summary: html(&course.summary),
        organisation: organisation.trim().to_string(),
        licence: course.licence.clone(),
        topics: course.topics.iter().map(Texts::plain).collect(),
        modules: course
            .modules
            .iter()
            .map(|m| DataModule {
                id: m.id.clone(),
                title: Texts::plain(&m.title),
                lessons: m
                    .lessons
                    .iter()
                    .map(|l| DataLesson {
                        id: l.id.clone(),
                        title: Texts::plain(&l.title),
                        minutes: l.minutes,
                        body: html(&l.body),
                        notes: html(&l.notes),
                        quiz: l.quiz.as_ref().map(DataQuiz::from),
                    })
                    .collect(),
            })
            .collect(),
        media,
    }
}

/// `player/course-data.js`. The JSON is escaped so that it is also valid
/// JavaScript in old engines (U+2028/U+2029) and never contains `<`.
fn course_data_js(data: &Data) -> String {
    let json = serde_json::to_string(data).expect("course data always serialises");
    let json =
        json.replace('<', "\\u003c").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029");
    format!(
        "/* Juntos Studio: course data for the offline player (format {DATA_FORMAT}). Generated on export; do not edit. */\nwindow.JUNTOS_COURSE = {json};\n"
    )
}

// ---------------------------------------------------------------------------
// index.html

/// The page: the course's title and summary in both languages are in the
/// HTML itself, so a browser with scripts off still shows what the course is.
fn index_html(data: &Data) -> String {
    let first = data.languages.first().copied().unwrap_or(data.source_lang);
    let lang = if data.languages.contains(&data.source_lang) { data.source_lang } else { first };
    let title = if data.title.get(lang).trim().is_empty() {
        data.title.get(lang.other())
    } else {
        data.title.get(lang)
    };
    let section = |l: Lang| -> String {
        if !data.languages.contains(&l)
            || (data.title.get(l).is_empty() && data.summary.get(l).is_empty())
        {
            return String::new();
        }
        format!(
            "<section class=\"static-intro\" lang=\"{}\">\n<h2>{}</h2>\n{}</section>\n",
            l.code(),
            crate::escape::html(data.title.get(l)),
            // Rendered by the one renderer: already sanitised HTML.
            data.summary.get(l)
        )
    };
    let intro = format!("{}{}", section(lang), section(lang.other()));
    fill(INDEX_TEMPLATE, |name| match name {
        "lang" => Some(lang.code().to_string()),
        "title" => Some(crate::escape::html(title)),
        "intro" => Some(intro.clone()),
        "organisation" => Some(crate::escape::html(&data.organisation)),
        _ => None,
    })
}

/// Replaces `{{name}}` in one pass, so a value that itself contains
/// `{{…}}` is never expanded again. Unknown names are left as they are.
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 1024);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}").and_then(|end| value(&after[..end]).map(|v| (end, v))) {
            Some((end, v)) => {
                out.push_str(&v);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_expands_once_and_keeps_unknown_names() {
        let out = fill("<t>{{title}}</t>{{x}}{{", |n| {
            (n == "title").then(|| "{{title}} & co".to_string())
        });
        assert_eq!(out, "<t>{{title}} & co</t>{{x}}{{");
    }

    #[test]
    fn the_player_stays_small() {
        assert!(overhead_bytes() < 300 * 1024, "player overhead {} bytes", overhead_bytes());
        for forbidden in [
            "import ",
            "export ",
            "fetch(",
            "XMLHttpRequest",
            "http://",
            "https://",
            "eval(",
            "new Function",
        ] {
            assert!(!PLAYER_JS.contains(forbidden), "player.js contains {forbidden}");
        }
        assert!(!PLAYER_CSS.contains("@import") && !PLAYER_CSS.contains("url("));
    }
}
