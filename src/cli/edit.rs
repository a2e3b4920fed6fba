//! Subcommands about text: edit one language, mark a translation reviewed,
//! show translation status, search.

use std::io::Read;
use std::path::PathBuf;

use juntos::model::{Lang, LessonField, TranslationStatus};
use juntos::{CourseField, Error, Library, Result};
use serde_json::json;

use super::output::Out;
use super::FieldArg;

/// What `edit` and `review` act on.
pub enum Target {
    Course,
    Module(String),
    Lesson(String),
}

impl Target {
    pub fn new(lesson: Option<String>, module: Option<String>) -> Target {
        match (lesson, module) {
            (Some(l), _) => Target::Lesson(l),
            (None, Some(m)) => Target::Module(m),
            (None, None) => Target::Course,
        }
    }
}

fn lesson_field(field: FieldArg) -> Result<LessonField> {
    match field {
        FieldArg::Title => Ok(LessonField::Title),
        FieldArg::Body => Ok(LessonField::Body),
        FieldArg::Notes => Ok(LessonField::Notes),
        FieldArg::Summary => Err(Error::UnknownField { field: "summary".into(), of: "lesson" }),
    }
}

fn course_field(field: FieldArg) -> Result<CourseField> {
    match field {
        FieldArg::Title => Ok(CourseField::Title),
        FieldArg::Summary => Ok(CourseField::Summary),
        FieldArg::Body => Err(Error::UnknownField { field: "body".into(), of: "course" }),
        FieldArg::Notes => Err(Error::UnknownField { field: "notes".into(), of: "course" }),
    }
}

/// Reads UTF-8 text from a file or standard input; anything else is refused.
fn read_text(file: Option<PathBuf>) -> Result<String> {
    let (name, bytes) = match file {
        Some(path) => {
            let name = path.display().to_string();
            let bytes = std::fs::read(&path)
                .map_err(|source| Error::ReadInput { path: name.clone(), source })?;
            (name, bytes)
        }
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|source| Error::ReadInput { path: "stdin".into(), source })?;
            ("stdin".to_string(), bytes)
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8 { path: name })?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

pub fn edit(
    lib: &mut Library,
    out: &Out,
    course: &str,
    target: Target,
    field: FieldArg,
    lang: Lang,
    file: Option<PathBuf>,
) -> Result<()> {
    let course_id = lib.resolve_course(course)?;
    // Resolve everything before reading stdin, so a typo fails fast.
    let text = match target {
        Target::Course => {
            let field = course_field(field)?;
            let text = read_text(file)?;
            lib.set_course_text(&course_id, field, lang, &text)?;
            text
        }
        Target::Module(m) => {
            if !matches!(field, FieldArg::Title) {
                return Err(Error::UnknownField { field: field_name(field).into(), of: "module" });
            }
            let module_id = lib.resolve_module(&course_id, &m)?;
            let text = read_text(file)?;
            lib.set_module_title(&module_id, lang, &text)?;
            text
        }
        Target::Lesson(l) => {
            let lesson_id = lib.resolve_lesson(&course_id, &l)?;
            let field = lesson_field(field)?;
            let text = read_text(file)?;
            lib.set_lesson_text(&lesson_id, field, lang, &text)?;
            text
        }
    };
    let status = lib.translation_status(&course_id)?;
    out.emit(&json!({ "saved": true, "chars": text.chars().count(), "status": status }), || {
        println!(
            "{} ({}). PT {}%  EN {}%",
            out.t("Gravado", "Saved"),
            out.count(text.chars().count(), ("caráter", "caracteres"), ("character", "characters")),
            status.pt_percent,
            status.en_percent
        )
    });
    Ok(())
}

fn field_name(field: FieldArg) -> &'static str {
    match field {
        FieldArg::Title => "title",
        FieldArg::Summary => "summary",
        FieldArg::Body => "body",
        FieldArg::Notes => "notes",
    }
}

pub fn review(
    lib: &mut Library,
    out: &Out,
    course: &str,
    lesson: Option<String>,
    field: FieldArg,
) -> Result<()> {
    let course_id = lib.resolve_course(course)?;
    match lesson {
        Some(l) => {
            let lesson_id = lib.resolve_lesson(&course_id, &l)?;
            lib.mark_lesson_reviewed(&lesson_id, lesson_field(field)?)?;
        }
        None => {
            lib.mark_course_reviewed(&course_id, course_field(field)?)?;
        }
    }
    out.emit(&json!({ "reviewed": field_name(field) }), || {
        println!("{}", out.t("Tradução marcada como revista.", "Translation marked as reviewed."))
    });
    Ok(())
}

pub fn translation_status(
    lib: &Library,
    out: &Out,
    course: &str,
    lesson: Option<String>,
    module: Option<String>,
) -> Result<()> {
    let course_id = lib.resolve_course(course)?;
    let status = match (lesson, module) {
        (Some(l), _) => lib.lesson_translation_status(&lib.resolve_lesson(&course_id, &l)?)?,
        (None, Some(m)) => lib.module_translation_status(&lib.resolve_module(&course_id, &m)?)?,
        (None, None) => lib.translation_status(&course_id)?,
    };
    out.emit(&status, || print_status(out, &status));
    Ok(())
}

fn print_status(out: &Out, status: &TranslationStatus) {
    println!(
        "{}: {}   PT {}%   EN {}%",
        out.t("Língua de origem", "Source language"),
        status.source_lang,
        status.pt_percent,
        status.en_percent
    );
    for f in &status.fields {
        let location = match out.lang {
            Lang::Pt => f
                .location
                .replace("course", "curso")
                .replace("module", "módulo")
                .replace("lesson", "lição"),
            Lang::En => f.location.clone(),
        };
        println!(
            "  {location:<16} {:<8} PT {:<14} EN {}",
            f.field,
            out.state(f.pt),
            out.state(f.en)
        );
    }
    print_missing_media(out, status.missing_media.as_deref().unwrap_or_default());
    super::sign::print_missing(out, status.missing_interpreters.as_deref().unwrap_or_default());
}

/// Lessons that show media the course does not have (also under `media list`).
pub fn print_missing_media(out: &Out, missing: &[juntos::model::MissingMedia]) {
    for m in missing {
        println!(
            "{} media:{} — {}",
            out.t("FICHEIRO EM FALTA", "MISSING MEDIA"),
            m.name,
            m.lessons.join(", ")
        );
    }
    if !missing.is_empty() {
        println!(
            "{}",
            out.t(
                "Anexe-os (juntos attach) ou corrija as lições; a exportação recusa-se até lá.",
                "Attach them (juntos attach) or fix the lessons; export refuses until then."
            )
        );
    }
}

pub fn search(lib: &Library, out: &Out, query: &str, limit: usize) -> Result<()> {
    let hits = lib.search(query, limit)?;
    out.emit(&hits, || {
        if hits.is_empty() {
            println!("{}", out.t("Nada encontrado.", "Nothing found."));
        }
        for hit in &hits {
            println!("[{}] {} · {} — {}", hit.lang, hit.course_slug, hit.title, hit.owner_kind);
            // The matches between `**`, as before the hits carried ranges.
            println!("    {}", hit.marked_snippet("**", "**").replace('\n', " "));
        }
    });
    Ok(())
}
