//! `juntos media sign`, `media unsign` and `media sign-required`: a video's
//! sign-language interpreter (a file attached for it, or a video the course
//! already has) with its offset and language, and the course's setting
//! that flags videos without one. All rules live in the core
//! (`juntos::media::sign`).

use std::path::Path;

use clap::Args;
use juntos::media::MediaItem;
use juntos::model::Lang;
use juntos::{Library, Result};
use serde_json::json;

use super::output::Out;
use super::progress::Bar;
use super::LangArg;

#[derive(Args)]
pub struct SignArgs {
    /// Course: slug, id or start of the id (4+ characters).
    course: String,
    /// The video learners watch (its media name).
    video: String,
    /// The interpreter: a video file to attach, or the media name of a video the course has.
    interpreter: String,
    /// Seconds: where the interpreter is when the video starts (negative: it starts later).
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.0)]
    offset: f64,
    /// Only for this language (default: both languages).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Name for the attached interpreter file (default: made from the file name).
    #[arg(long)]
    name: Option<String>,
}

#[derive(Args)]
pub struct UnsignArgs {
    /// Course: slug, id or start of the id (4+ characters).
    course: String,
    /// The video (its media name).
    video: String,
    /// Only this language's interpreter (default: all of them).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Args)]
pub struct SignRequiredArgs {
    /// Course: slug, id or start of the id (4+ characters).
    course: String,
    /// The course no longer needs interpretation.
    #[arg(long)]
    off: bool,
}

pub fn sign(lib: &mut Library, out: &Out, args: SignArgs) -> Result<()> {
    let course_id = lib.resolve_course(&args.course)?;
    let lang = args.lang.map(Lang::from);
    let offset_ms = (args.offset * 1000.0).round() as i64;
    let file = Path::new(&args.interpreter);
    let item = if file.is_file() {
        let mut bar = Bar::new(out, out.t("A copiar", "Copying"));
        let item = lib.attach_interpreter(
            &course_id,
            &args.video,
            file,
            args.name.as_deref(),
            lang,
            offset_ms,
            |p| bar.update(p.done, p.total),
        );
        bar.finish();
        item?
    } else {
        lib.set_interpreter(&course_id, &args.video, &args.interpreter, lang, offset_ms)?
    };
    let interpreter = lib.media(&course_id, &linked_name(&item, lang))?;
    let notes = juntos::media::sign::notes(&item, &interpreter);
    let coded: Vec<serde_json::Value> =
        notes.iter().map(|n| json!({ "code": n.code(), "message": n.message(out.lang) })).collect();
    out.emit(&json!({ "media": item, "interpreter": interpreter, "notes": coded }), || {
        println!(
            "{} {} → {} ({}, {} {:+.1} s)",
            out.t("Intérprete de língua gestual:", "Sign-language interpreter:"),
            item.name,
            interpreter.name,
            match lang {
                Some(l) => l.code().to_uppercase(),
                None => "PT+EN".into(),
            },
            out.t("desfasamento", "offset"),
            offset_ms as f64 / 1000.0
        );
        for note in &notes {
            println!("  ! {}", note.message(out.lang));
        }
    });
    Ok(())
}

fn linked_name(item: &MediaItem, lang: Option<Lang>) -> String {
    let link = match lang {
        Some(l) => juntos::media::sign::interpreter_for(item, l),
        None => item.interpreters.iter().find(|i| i.lang.is_none()),
    };
    link.map(|i| i.media.clone()).unwrap_or_default()
}

pub fn unsign(lib: &mut Library, out: &Out, args: UnsignArgs) -> Result<()> {
    let course_id = lib.resolve_course(&args.course)?;
    let removed = lib.remove_interpreter(&course_id, &args.video, args.lang.map(Lang::from))?;
    out.emit(&json!({ "removed": removed }), || {
        println!(
            "{}",
            if removed {
                out.t(
                    "Intérprete retirado (o vídeo do intérprete continua no curso).",
                    "Interpreter removed (the interpreter's video stays in the course).",
                )
            } else {
                out.t("Esse vídeo não tinha intérprete.", "That video had no interpreter.")
            }
        )
    });
    Ok(())
}

pub fn required(lib: &mut Library, out: &Out, args: SignRequiredArgs) -> Result<()> {
    let course_id = lib.resolve_course(&args.course)?;
    lib.set_sign_required(&course_id, !args.off)?;
    let status = lib.sign_status(&course_id)?;
    out.emit(&status, || {
        println!(
            "{}",
            if status.required {
                out.t(
                    "Este curso pede interpretação em língua gestual.",
                    "This course asks for sign-language interpretation.",
                )
            } else {
                out.t(
                    "Este curso não pede interpretação em língua gestual.",
                    "This course does not ask for sign-language interpretation.",
                )
            }
        );
        print_missing(out, &status.missing);
    });
    Ok(())
}

/// Videos without an interpreter where the course asks for one (also under
/// `media list`, `translation-status` and before an export).
pub fn print_missing(out: &Out, missing: &[juntos::media::MissingInterpreter]) {
    for m in missing {
        let langs: Vec<String> = m.langs.iter().map(|l| l.code().to_uppercase()).collect();
        println!(
            "{} {} ({})",
            out.t("SEM INTÉRPRETE DE LÍNGUA GESTUAL:", "NO SIGN-LANGUAGE INTERPRETER:"),
            m.name,
            langs.join(", ")
        );
    }
    if !missing.is_empty() {
        println!(
            "{}",
            out.t(
                "Junte um com: juntos media sign CURSO VÍDEO INTÉRPRETE.mp4",
                "Add one with: juntos media sign COURSE VIDEO INTERPRETER.mp4"
            )
        );
    }
}
