//! Subcommands that create, show, reorder, copy and delete courses, modules and lessons.

use juntos::model::{CourseChanges, Lang, NewCourse};
use juntos::{Library, Result};
use serde_json::json;

use super::output::Out;

pub fn init(lib: &Library, out: &Out) -> Result<()> {
    let courses = lib.list_courses()?;
    let path = lib.root().display().to_string();
    out.emit(&json!({ "library": path, "courses": courses.len() }), || {
        println!("{}: {path}", out.t("Biblioteca", "Library"));
        println!("{}: {}", out.t("Cursos", "Courses"), courses.len());
    });
    Ok(())
}

pub fn list(lib: &Library, out: &Out) -> Result<()> {
    let courses = lib.list_courses()?;
    out.emit(&courses, || {
        if courses.is_empty() {
            println!(
                "{}",
                out.t(
                    "A biblioteca não tem cursos. Crie um com: juntos new course \"Título\"",
                    "The library has no courses. Create one with: juntos new course \"Title\"",
                )
            );
        }
        for c in &courses {
            println!(
                "{}  {:<32} {}  (rev. {}, {}, {})",
                &c.id[..8],
                c.slug,
                out.text(&c.title),
                c.revision,
                out.count(c.module_count as usize, ("módulo", "módulos"), ("module", "modules")),
                out.count(c.lesson_count as usize, ("lição", "lições"), ("lesson", "lessons")),
            );
        }
    });
    Ok(())
}

pub fn show(lib: &Library, out: &Out, query: &str) -> Result<()> {
    let course = lib.course(&lib.resolve_course(query)?)?;
    let status = lib.translation_status(&course.id)?;
    out.emit(&course, || {
        println!("{}", out.text(&course.title));
        println!("  id: {}  slug: {}  rev. {}", course.id, course.slug, course.revision);
        println!(
            "  {}: {}  {}: {}  PT {}%  EN {}%",
            out.t("organização", "organisation"),
            if course.organisation.is_empty() { "—" } else { &course.organisation },
            out.t("licença", "licence"),
            course.licence,
            status.pt_percent,
            status.en_percent,
        );
        if let Some(from) = &course.derived_from {
            println!("  {}: {from}", out.t("derivado de", "derived from"));
        }
        for (m, module) in course.modules.iter().enumerate() {
            println!("{}. {}", m + 1, out.text(&module.title));
            for (l, lesson) in module.lessons.iter().enumerate() {
                let quiz =
                    if lesson.quiz.is_some() { out.t("  [questionário]", "  [quiz]") } else { "" };
                println!(
                    "   {}.{} {} ({} min){quiz}",
                    m + 1,
                    l + 1,
                    out.text(&lesson.title),
                    lesson.minutes
                );
            }
        }
    });
    Ok(())
}

pub fn new_course(
    lib: &mut Library,
    out: &Out,
    title: String,
    lang: Lang,
    slug: Option<String>,
    organisation: Option<String>,
) -> Result<()> {
    let course = lib.create_course(NewCourse { title, lang: Some(lang), slug, organisation })?;
    out.emit(&course, || {
        println!("{} {} ({})", out.t("Curso criado:", "Course created:"), course.slug, course.id)
    });
    Ok(())
}

pub fn new_module(
    lib: &mut Library,
    out: &Out,
    course: &str,
    title: &str,
    lang: Option<Lang>,
    position: Option<usize>,
) -> Result<()> {
    let course = lib.course(&lib.resolve_course(course)?)?;
    let module = lib.add_module(&course.id, title, lang.unwrap_or(course.source_lang), position)?;
    out.emit(&module, || println!("{} {}", out.t("Módulo criado:", "Module created:"), module.id));
    Ok(())
}

pub fn new_lesson(
    lib: &mut Library,
    out: &Out,
    course: &str,
    module: &str,
    title: &str,
    lang: Option<Lang>,
    position: Option<usize>,
) -> Result<()> {
    let course = lib.course(&lib.resolve_course(course)?)?;
    let module_id = lib.resolve_module(&course.id, module)?;
    let lesson = lib.add_lesson(&module_id, title, lang.unwrap_or(course.source_lang), position)?;
    out.emit(&lesson, || println!("{} {}", out.t("Lição criada:", "Lesson created:"), lesson.id));
    Ok(())
}

pub fn set(lib: &mut Library, out: &Out, course: &str, changes: CourseChanges) -> Result<()> {
    let course = lib.update_course(&lib.resolve_course(course)?, changes)?;
    out.emit(&course, || {
        println!("{} {}", out.t("Curso atualizado:", "Course updated:"), course.slug)
    });
    Ok(())
}

pub fn move_module(
    lib: &mut Library,
    out: &Out,
    course: &str,
    module: &str,
    to: usize,
) -> Result<()> {
    let course_id = lib.resolve_course(course)?;
    let module_id = lib.resolve_module(&course_id, module)?;
    lib.move_module(&module_id, to)?;
    out.emit(&json!({ "moved": module_id, "position": to }), || {
        println!("{} {to}", out.t("Módulo movido para a posição", "Module moved to position"))
    });
    Ok(())
}

pub fn move_lesson(
    lib: &mut Library,
    out: &Out,
    course: &str,
    lesson: &str,
    to: usize,
    into: Option<String>,
) -> Result<()> {
    let course_id = lib.resolve_course(course)?;
    let lesson_id = lib.resolve_lesson(&course_id, lesson)?;
    let module_id = into.map(|m| lib.resolve_module(&course_id, &m)).transpose()?;
    lib.move_lesson(&lesson_id, module_id.as_deref(), to)?;
    out.emit(&json!({ "moved": lesson_id, "position": to, "module": module_id }), || {
        println!("{} {to}", out.t("Lição movida para a posição", "Lesson moved to position"))
    });
    Ok(())
}

pub fn duplicate(lib: &mut Library, out: &Out, course: &str) -> Result<()> {
    let copy = lib.duplicate_course(&lib.resolve_course(course)?)?;
    out.emit(&copy, || {
        println!("{} {} ({})", out.t("Cópia criada:", "Copy created:"), copy.slug, copy.id)
    });
    Ok(())
}

pub enum Removal {
    Module(String),
    Lesson(String),
}

pub fn remove(lib: &mut Library, out: &Out, course: &str, what: Option<Removal>) -> Result<()> {
    let course_id = lib.resolve_course(course)?;
    let (kind, id) = match what {
        None => {
            let binned = lib.bin_course(&course_id)?;
            out.emit(&json!({ "removed": "course", "id": course_id, "bin": true }), || {
                println!(
                    "{} {} {}",
                    out.t("Curso movido para o lixo:", "Course moved to the bin:"),
                    binned.slug,
                    out.t(
                        &format!("(para repor: juntos bin restore {})", binned.slug),
                        &format!("(to restore: juntos bin restore {})", binned.slug)
                    )
                )
            });
            return Ok(());
        }
        Some(Removal::Module(m)) => {
            let id = lib.resolve_module(&course_id, &m)?;
            lib.delete_module(&id)?;
            ("module", id)
        }
        Some(Removal::Lesson(l)) => {
            let id = lib.resolve_lesson(&course_id, &l)?;
            lib.delete_lesson(&id)?;
            ("lesson", id)
        }
    };
    out.emit(&json!({ "removed": kind, "id": id }), || {
        println!("{} {id}", out.t("Apagado:", "Deleted:"))
    });
    Ok(())
}
