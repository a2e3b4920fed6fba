//! Subcommands about media: attach, detach, list, rename, captions, gc and
//! verify-library. Long copies show a progress bar on a terminal and can be
//! cancelled with Ctrl-C (nothing is kept); all rules live in the core.

use std::path::PathBuf;

use clap::Subcommand;
use juntos::media::prepare::PreparedInfo;
use juntos::media::{MediaItem, MediaKind, MediaStatus};
use juntos::model::Lang;
use juntos::{Error, Library, Result};
use serde_json::json;

use super::output::Out;
use super::progress::{human_bytes, Bar};
use super::LangArg;

#[derive(Subcommand)]
pub enum MediaCommand {
    /// Attach a video, image or audio file to a course (lessons show it with `![Título](media:NAME)`).
    Attach {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// The video, image or audio file.
        file: PathBuf,
        /// Name lessons use (default: made from the file name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Remove a media file from a course (refused while a lesson shows it).
    Detach {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// The media file's name in the course.
        name: String,
    },
    /// List, rename and caption a course's media, with warnings.
    #[command(subcommand)]
    Media(MediaSub),
    /// Delete stored files nothing refers to, and leftovers of interrupted copies.
    Gc,
    /// Re-hash every stored media file; report missing or damaged ones (exit 1).
    VerifyLibrary,
}

#[derive(Subcommand)]
pub enum MediaSub {
    /// The course's media, with warnings (missing captions, slow start, codecs).
    List {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
    },
    /// Rename a media file; lessons that show it are updated too.
    Rename {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// The current name.
        old: String,
        /// The new name.
        new: String,
    },
    /// Attach captions (.srt or .vtt) in one language to a video.
    Captions {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// The video (its media name).
        name: String,
        /// The caption file (SRT is converted to WebVTT).
        #[arg(required_unless_present = "remove")]
        file: Option<PathBuf>,
        /// The captions' language.
        #[arg(long, value_enum)]
        lang: LangArg,
        /// Remove the captions of that language instead.
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
    /// Make a video fit for learners with ffmpeg (H.264/AAC MP4, smaller,
    /// even loudness, trim, poster); the original stays. `--all` for every
    /// video of the course, `--budget 700MB` to fit them under a size.
    Prepare(super::prepare::PrepareArgs),
    /// Give a video a sign-language interpreter video (a file, or a video the
    /// course has), shown by the player beside it, kept in sync.
    Sign(super::sign::SignArgs),
    /// Remove a video's sign-language interpreter (its video stays in the course).
    Unsign(super::sign::UnsignArgs),
    /// Say that the course needs sign-language interpretation (`--off`: it does
    /// not): videos without an interpreter are then flagged.
    SignRequired(super::sign::SignRequiredArgs),
}

pub fn run(lib: &mut Library, out: &Out, command: MediaCommand) -> Result<()> {
    match command {
        MediaCommand::Attach { course, file, name } => attach(lib, out, &course, file, name),
        MediaCommand::Detach { course, name } => {
            let course_id = lib.resolve_course(&course)?;
            lib.detach_media(&course_id, &name)?;
            out.emit(&json!({ "detached": name }), || {
                println!("{} {name}", out.t("Retirado:", "Detached:"))
            });
            Ok(())
        }
        MediaCommand::Media(MediaSub::List { course }) => list(lib, out, &course),
        MediaCommand::Media(MediaSub::Prepare(args)) => super::prepare::run(lib, out, args),
        MediaCommand::Media(MediaSub::Sign(args)) => super::sign::sign(lib, out, args),
        MediaCommand::Media(MediaSub::Unsign(args)) => super::sign::unsign(lib, out, args),
        MediaCommand::Media(MediaSub::SignRequired(args)) => super::sign::required(lib, out, args),
        MediaCommand::Media(MediaSub::Rename { course, old, new }) => {
            let course_id = lib.resolve_course(&course)?;
            let item = lib.rename_media(&course_id, &old, &new)?;
            out.emit(&item, || {
                println!("{} {old} -> {}", out.t("Nome mudado:", "Renamed:"), item.name)
            });
            Ok(())
        }
        MediaCommand::Media(MediaSub::Captions { course, name, file, lang, remove }) => {
            let course_id = lib.resolve_course(&course)?;
            let lang = Lang::from(lang);
            match file.filter(|_| !remove) {
                Some(file) => {
                    let info = lib.set_captions(&course_id, &name, lang, &file)?;
                    out.emit(&info, || {
                        println!(
                            "{} {} [{lang}]: {}",
                            out.t("Legendas anexadas a", "Captions attached to"),
                            info.media_name,
                            out.count(info.cues as usize, ("legenda", "legendas"), ("cue", "cues"))
                        );
                        if info.encoding_assumed {
                            println!(
                                "{}",
                                out.t(
                                    &format!("O ficheiro não estava em UTF-8: foi lido como {} e convertido. Confira os acentos.", info.encoding),
                                    &format!("The file was not UTF-8: it was read as {} and converted. Check the accents.", info.encoding),
                                )
                            );
                        }
                    });
                }
                None => {
                    let removed = lib.remove_captions(&course_id, &name, lang)?;
                    out.emit(&json!({ "removed": removed }), || {
                        println!(
                            "{}",
                            if removed {
                                out.t("Legendas retiradas.", "Captions removed.")
                            } else {
                                out.t(
                                    "Não havia legendas nessa língua.",
                                    "There were no captions in that language.",
                                )
                            }
                        )
                    });
                }
            }
            Ok(())
        }
        MediaCommand::Gc => {
            let report = lib.gc()?;
            out.emit(&report, || {
                println!(
                    "{} {}: {}, {}.",
                    out.t("Libertados", "Freed"),
                    human_bytes(report.bytes_freed),
                    out.count(
                        report.blobs.len(),
                        ("ficheiro sem uso", "ficheiros sem uso"),
                        ("unused file", "unused files")
                    ),
                    out.count(
                        report.temp_files.len(),
                        ("resto de cópia interrompida", "restos de cópias interrompidas"),
                        ("leftover of an interrupted copy", "leftovers of interrupted copies")
                    ),
                )
            });
            Ok(())
        }
        MediaCommand::VerifyLibrary => verify(lib, out),
    }
}

fn attach(
    lib: &mut Library,
    out: &Out,
    course: &str,
    file: PathBuf,
    name: Option<String>,
) -> Result<()> {
    let course_id = lib.resolve_course(course)?;
    let mut bar = Bar::new(out, out.t("A copiar", "Copying"));
    let item =
        lib.attach_media(&course_id, &file, name.as_deref(), |p| bar.update(p.done, p.total));
    bar.finish();
    let item = item?;
    let warnings = lib
        .media_status(&course_id)?
        .items
        .into_iter()
        .find(|i| i.name == item.name)
        .map(|i| i.warnings)
        .unwrap_or_default();
    out.emit(&json!({ "media": item, "warnings": warnings }), || {
        println!("{} {}  ({})", out.t("Anexado:", "Attached:"), item.name, describe(out, &item));
        for w in &warnings {
            println!("  ! {}", w.message(out.lang));
        }
        println!(
            "  {} ![{}](media:{})",
            out.t("Use numa lição:", "Use in a lesson:"),
            out.t("Título", "Title"),
            item.name
        );
    });
    Ok(())
}

fn list(lib: &Library, out: &Out, course: &str) -> Result<()> {
    let course_id = lib.resolve_course(course)?;
    let items = lib.list_media(&course_id)?;
    let status = lib.media_status(&course_id)?;
    let prepared = lib.prepared_media(&course_id)?;
    let missing = lib.missing_media(&course_id)?;
    let sign = lib.sign_status(&course_id)?;
    let value = json!({
        "items": items, "status": status, "prepared": prepared, "missing": missing, "sign": sign
    });
    out.emit(&value, || {
        print_list(out, &items, &status, &prepared);
        super::edit::print_missing_media(out, &missing);
        super::sign::print_missing(out, &sign.missing);
    });
    Ok(())
}

fn print_list(out: &Out, items: &[MediaItem], status: &MediaStatus, prepared: &[PreparedInfo]) {
    if items.is_empty() {
        println!(
            "{}",
            out.t(
                "Este curso não tem media. Anexe com: juntos attach CURSO FICHEIRO",
                "This course has no media. Attach with: juntos attach COURSE FILE"
            )
        );
        return;
    }
    for (item, st) in items.iter().zip(&status.items) {
        let captions: Vec<String> = item.captions.iter().map(|l| l.code().to_uppercase()).collect();
        println!("{:<32} {}", item.name, describe(out, item));
        if let Some(p) = prepared.iter().find(|p| p.name == item.name) {
            let (pt, en) = p.recipe.profile.label();
            let original = match p.original_size {
                Some(size) => human_bytes(size),
                None => out.t("não está nesta biblioteca", "not in this library").to_string(),
            };
            println!(
                "    {} ({}): {}; original: {original}",
                out.t("preparado", "prepared"),
                out.t(pt, en),
                human_bytes(p.prepared_size)
            );
        }
        if item.kind != MediaKind::Image {
            let none = out.t("nenhuma", "none");
            println!(
                "    {}: {}",
                out.t("legendas", "captions"),
                if captions.is_empty() { none.to_string() } else { captions.join(", ") }
            );
        }
        for i in &item.interpreters {
            println!(
                "    {} ({}): {}  {:+.1} s",
                out.t("intérprete de língua gestual", "sign-language interpreter"),
                i.lang.map(|l| l.code().to_uppercase()).unwrap_or_else(|| "PT+EN".into()),
                i.media,
                i.offset_ms as f64 / 1000.0
            );
        }
        let used = if st.used_in.is_empty() {
            out.t("nenhuma lição", "no lesson").to_string()
        } else {
            st.used_in.join("; ")
        };
        println!("    {}: {used}", out.t("usado em", "used in"));
        for w in &st.warnings {
            println!("    ! {}", w.message(out.lang));
        }
    }
    println!(
        "{}: {}/{}   {}: {}",
        out.t("Vídeos com legendas em PT e EN", "Videos captioned in PT and EN"),
        status.videos_captioned,
        status.videos,
        out.t("avisos", "warnings"),
        status.warning_count()
    );
    if status.sign_required || status.videos_interpreted > 0 {
        println!(
            "{}: {}/{}",
            out.t(
                "Vídeos com intérprete de língua gestual",
                "Videos with a sign-language interpreter"
            ),
            status.videos_interpreted,
            status.videos
        );
    }
}

fn verify(lib: &Library, out: &Out) -> Result<()> {
    let mut bar = Bar::new(out, out.t("A verificar", "Verifying"));
    let report = lib.verify_library(|p| bar.update(p.done, p.total));
    bar.finish();
    let report = report?;
    out.emit(&report, || {
        println!(
            "{} {} ({}).",
            out.t("Verificados", "Checked"),
            out.count(report.blobs_checked as usize, ("ficheiro", "ficheiros"), ("file", "files")),
            human_bytes(report.bytes_checked)
        );
        for p in &report.problems {
            let what = match p.problem.as_str() {
                "missing" => out.t("EM FALTA", "MISSING"),
                _ => out.t("DANIFICADO", "DAMAGED"),
            };
            let users: Vec<String> =
                p.used_by.iter().map(|u| format!("{}/{}", u.course_slug, u.name)).collect();
            println!("  {what}: {}  ({})", users.join(", "), &p.sha256[..12]);
        }
    });
    if report.is_ok() {
        Ok(())
    } else {
        Err(Error::MediaDamaged { count: report.problems.len() })
    }
}

fn describe(out: &Out, item: &MediaItem) -> String {
    let kind = match item.kind {
        MediaKind::Video => out.t("vídeo", "video"),
        MediaKind::Audio => out.t("áudio", "audio"),
        MediaKind::Image => out.t("imagem", "image"),
    };
    let mut parts = vec![format!("{kind} {}", item.format.to_uppercase())];
    if let Some(ms) = item.duration_ms {
        parts.push(format!("{}:{:02}", ms / 60_000, ms / 1000 % 60));
    }
    if let (Some(w), Some(h)) = (item.width, item.height) {
        parts.push(format!("{w}×{h}"));
    }
    let codecs: Vec<&str> =
        [item.video_codec.as_deref(), item.audio_codec.as_deref()].into_iter().flatten().collect();
    if !codecs.is_empty() {
        parts.push(codecs.join("/"));
    }
    parts.push(human_bytes(item.size));
    parts.join(", ")
}
