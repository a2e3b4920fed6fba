//! Subcommands about packages and the organisation: render, export, verify,
//! import, revisions, restore, org. Long jobs show a progress bar on a
//! terminal and stop cleanly on Ctrl-C; all rules live in the core.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use juntos::org::grouped;
use juntos::package::{
    Changes, CopyReason, ExportOptions, ImportOptions, ImportOutcome, ImportReport, Languages,
    Limits,
};
use juntos::{Library, Result};
use serde_json::json;

use super::output::Out;
use super::progress::{human_bytes, Bar};
use super::LangArg;

mod org;
pub use org::OrgCommand;

/// What `juntos export` writes.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A signed .juntos package (import it, or unzip and open index.html).
    Juntos,
    /// A SCORM 1.2 package for Moodle and other LMSs (<slug>.scorm12.zip).
    Scorm12,
    /// An HTML5 app zip for Kolibri (<slug>.html5.zip).
    Html5,
}

/// What a SCORM package reports for a failed quiz (issue 16): Moodle sends
/// a `failed` activity to review mode, so the default lets learners retry.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailedStatusArg {
    /// "incomplete" until passed: the learner can try again (default).
    Incomplete,
    /// "failed", for an LMS or a report that needs it.
    Failed,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LanguagesArg {
    Pt,
    En,
    Both,
}

#[derive(Subcommand)]
pub enum PackageCommand {
    /// Print a lesson as the safe HTML learners see.
    Render {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Lesson: position (2.1), id or title.
        lesson: String,
        /// The language to show.
        #[arg(long, value_enum, default_value = "pt")]
        lang: LangArg,
    },
    /// Write a signed .juntos package of a course (for a USB stick).
    Export {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Folder or file to write (default: the current folder).
        #[arg(long)]
        to: Option<PathBuf>,
        /// The languages to include: pt, en or both.
        #[arg(long, value_enum, default_value = "both")]
        lang: LanguagesArg,
        /// Replace a package of the same name.
        #[arg(long)]
        force: bool,
        /// Write the package as a folder DIR (open DIR/index.html), not a zip.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["to", "format"])]
        unpacked: Option<PathBuf>,
        /// juntos (default), scorm12 (LMSs such as Moodle) or html5 (Kolibri).
        #[arg(long, value_enum, default_value = "juntos")]
        format: FormatArg,
        /// Export even though lessons refer to media the course does not have.
        #[arg(long)]
        allow_missing_media: bool,
        /// SCORM: what a quiz tried and not passed reports to the LMS.
        #[arg(long, value_enum, default_value = "incomplete", value_name = "STATUS")]
        failed_status: FailedStatusArg,
    },
    /// Check a package completely without importing it.
    Verify {
        /// The package file (.juntos).
        file: PathBuf,
    },
    /// Import a partner's package (verified first; never overwrites local edits).
    Import {
        /// The package file (.juntos).
        file: PathBuf,
        /// Trust the organisation that signed it (check its fingerprint with them first).
        #[arg(long)]
        trust: bool,
        /// Always import as a separate copy.
        #[arg(long)]
        as_copy: bool,
        /// Accept a new organisation whose name looks like one you trust, as a
        /// DIFFERENT organisation: give its fingerprint, after checking both.
        #[arg(long, value_name = "FINGERPRINT")]
        trust_different_organisation: Option<String>,
    },
    /// Revisions of a course that imports replaced (restorable).
    Revisions {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
    },
    /// Put back a revision that an import replaced.
    Restore {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// The revision's number, as `juntos revisions` lists it.
        revision: i64,
    },
    /// Your organisation's name and key, and the organisations you trust.
    #[command(subcommand)]
    Org(OrgCommand),
}

pub fn run(lib: &mut Library, out: &Out, command: PackageCommand) -> Result<()> {
    match command {
        PackageCommand::Render { course, lesson, lang } => {
            let course_id = lib.resolve_course(&course)?;
            let lesson_id = lib.resolve_lesson(&course_id, &lesson)?;
            let html = lib.render_lesson(&lesson_id, lang.into())?;
            out.emit(&json!({ "html": html }), || println!("{html}"));
            Ok(())
        }
        PackageCommand::Export {
            course,
            to,
            lang,
            force,
            unpacked,
            format,
            allow_missing_media,
            failed_status,
        } => {
            let course_id = lib.resolve_course(&course)?;
            if !allow_missing_media {
                lib.check_media_references(&course_id)?;
            }
            // Pre-flight: videos without a sign-language interpreter in a
            // course that asks for one are said (on stderr), not refused.
            let unsigned = lib.sign_status(&course_id)?.missing;
            if !unsigned.is_empty() {
                let names: Vec<&str> = unsigned.iter().map(|m| m.name.as_str()).collect();
                eprintln!(
                    "{} {}",
                    out.t(
                        "Aviso: sem intérprete de língua gestual:",
                        "Warning: no sign-language interpreter:"
                    ),
                    names.join(", ")
                );
            }
            // Media attached but shown by no lesson stay out (issue 13 item 10): said, on stderr.
            let unused = lib.unused_media(&course_id)?;
            if !unused.is_empty() {
                let n = unused.len();
                let what = match n {
                    1 => out.t(
                        "ficheiro não usado em nenhuma lição fica de fora:",
                        "file used in no lesson is left out:",
                    ),
                    _ => out.t(
                        "ficheiros não usados em nenhuma lição ficam de fora:",
                        "files used in no lesson are left out:",
                    ),
                };
                eprintln!("{n} {what} {}", unused.join(", "));
            }
            let languages = match lang {
                LanguagesArg::Pt => Languages::Pt,
                LanguagesArg::En => Languages::En,
                LanguagesArg::Both => Languages::Both,
            };
            let folder = unpacked.is_some();
            let options = ExportOptions { to: unpacked.or(to), languages, overwrite: force };
            let mut bar = Bar::new(out, out.t("A exportar", "Exporting"));
            let lms = match format {
                FormatArg::Juntos => None,
                FormatArg::Scorm12 => Some(juntos::scorm::LmsFormat::Scorm12),
                FormatArg::Html5 => Some(juntos::scorm::LmsFormat::Html5),
            };
            let report = if let Some(lms) = lms {
                let scorm = juntos::scorm::manifest::ScormOptions {
                    failed_status: match failed_status {
                        FailedStatusArg::Incomplete => {
                            juntos::scorm::manifest::FailedStatus::Incomplete
                        }
                        FailedStatusArg::Failed => juntos::scorm::manifest::FailedStatus::Failed,
                    },
                };
                lib.export_lms_with(&course_id, &options, lms, scorm, |p| {
                    bar.update(p.done, Some(p.total))
                })
            } else if folder {
                lib.export_unpacked(&course_id, &options, |p| bar.update(p.done, Some(p.total)))
            } else {
                lib.export_course(&course_id, &options, |p| bar.update(p.done, Some(p.total)))
            };
            bar.finish();
            let report = report?;
            out.emit(&report, || {
                if let Some(lms) = lms {
                    let what = match lms {
                        juntos::scorm::LmsFormat::Scorm12 => {
                            out.t("Pacote SCORM 1.2 escrito:", "SCORM 1.2 package written:")
                        }
                        juntos::scorm::LmsFormat::Html5 => {
                            out.t("Zip HTML5 (Kolibri) escrito:", "HTML5 zip (Kolibri) written:")
                        }
                    };
                    println!("{what} {}", report.path.display());
                    println!(
                        "  {} · {} · {} media",
                        human_bytes(report.size),
                        out.count(report.entries, ("entrada", "entradas"), ("entry", "entries")),
                        report.media
                    );
                    return;
                }
                if folder {
                    println!(
                        "{} {}",
                        out.t("Pasta escrita:", "Folder written:"),
                        report.path.display()
                    );
                    println!(
                        "  {} {}",
                        out.t("abra", "open"),
                        report.path.join("index.html").display()
                    );
                } else {
                    println!(
                        "{} {}",
                        out.t("Pacote escrito:", "Package written:"),
                        report.path.display()
                    );
                }
                println!(
                    "  {} · {} · {} media · {}: {}",
                    human_bytes(report.size),
                    out.count(report.entries, ("entrada", "entradas"), ("entry", "entries")),
                    report.media,
                    out.t("línguas", "languages"),
                    report.languages.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
                );
                println!(
                    "  {}: {}",
                    out.t("impressão digital", "fingerprint"),
                    grouped(&report.fingerprint)
                );
            });
            Ok(())
        }
        PackageCommand::Verify { file } => {
            let mut bar = Bar::new(out, out.t("A verificar", "Checking"));
            let report = lib
                .verify_package(&file, &Limits::default(), |p| bar.update(p.done, Some(p.total)));
            bar.finish();
            let report = report?;
            out.emit(&report, || {
                println!(
                    "{} {}",
                    out.t("Pacote íntegro e assinado:", "Package intact and signed:"),
                    file.display()
                );
                println!(
                    "  {}: {} / {} (rev. {})",
                    out.t("curso", "course"),
                    report.title_pt,
                    report.title_en,
                    report.revision
                );
                println!("  {}: {}", out.t("organização", "organisation"), report.organisation);
                println!(
                    "  {}: {}",
                    out.t("impressão digital", "fingerprint"),
                    grouped(&report.fingerprint)
                );
                let trust = match report.trust {
                    Some(juntos::org::TrustDecision::Own) => {
                        out.t("a sua própria organização", "your own organisation")
                    }
                    Some(_) => out.t("confiada", "trusted"),
                    None => out.t(
                        "ainda não confiada: confirme a impressão digital e importe com --trust",
                        "not trusted yet: check the fingerprint and import with --trust",
                    ),
                };
                println!("  {}: {trust}", out.t("confiança", "trust"));
                println!(
                    "  {} · {} · {} media · PT {}% EN {}%",
                    out.count(report.entries, ("entrada", "entradas"), ("entry", "entries")),
                    human_bytes(report.bytes),
                    report.media,
                    report.translation.pt_percent,
                    report.translation.en_percent
                );
            });
            Ok(())
        }
        PackageCommand::Import { file, trust, as_copy, trust_different_organisation } => {
            let options = ImportOptions {
                trust,
                as_copy,
                trust_different_organisation,
                limits: Limits::default(),
            };
            let mut bar = Bar::new(out, out.t("A importar", "Importing"));
            let report = lib.import_package(&file, &options, |p| bar.update(p.done, Some(p.total)));
            bar.finish();
            let report = report?;
            out.emit(&report, || print_import(out, &report));
            Ok(())
        }
        PackageCommand::Revisions { course } => {
            let course_id = lib.resolve_course(&course)?;
            let revisions = lib.saved_revisions(&course_id)?;
            out.emit(&revisions, || {
                if revisions.is_empty() {
                    println!("{}", out.t("Nenhuma revisão guardada.", "No saved revisions."));
                }
                for r in &revisions {
                    println!("rev. {}  {}  ({})", r.revision, r.saved_at, r.reason);
                }
            });
            Ok(())
        }
        PackageCommand::Restore { course, revision } => {
            let course_id = lib.resolve_course(&course)?;
            let missing = lib.restore_revision(&course_id, revision)?;
            out.emit(&json!({ "restored": revision, "missing_media": missing }), || {
                println!("{} {revision}", out.t("Revisão reposta:", "Revision restored:"));
                for name in &missing {
                    println!("  {} {name}", out.t("media em falta:", "missing media:"));
                }
            });
            Ok(())
        }
        PackageCommand::Org(command) => org::run(lib, out, command),
    }
}

pub(super) fn print_import(out: &Out, r: &ImportReport) {
    let title = out.text(&r.title);
    match &r.outcome {
        ImportOutcome::Added => {
            println!("{} {} — {title}", out.t("Curso adicionado:", "Course added:"), r.slug)
        }
        ImportOutcome::Updated { previous_revision } => println!(
            "{} {} — {title} (rev. {previous_revision} → {})",
            out.t("Curso atualizado:", "Course updated:"),
            r.slug,
            r.package_revision
        ),
        ImportOutcome::Copied { reason, .. } => {
            let why = match reason {
                CopyReason::Requested => out.t("pedido com --as-copy", "asked for with --as-copy"),
                CopyReason::LocalEdits => out.t(
                    "o curso foi editado aqui desde que chegou, e as suas alterações nunca são substituídas",
                    "the course was edited here since it arrived, and your edits are never overwritten",
                ),
                CopyReason::MadeHere => out.t("o curso foi criado nesta biblioteca", "the course was made in this library"),
                CopyReason::OtherOrganisation => out.t(
                    "o curso chegou de outra organização",
                    "the course arrived from another organisation",
                ),
                CopyReason::OneLanguage => out.t(
                    "o pacote só tem uma língua e a atualização apagaria a outra",
                    "the package has one language and updating would erase the other",
                ),
                CopyReason::IdsInUse => out.t(
                    "partes do curso já existem noutro curso desta biblioteca",
                    "parts of the course already exist in another course here",
                ),
            };
            println!(
                "{} {} — {title}",
                out.t("Importado como cópia separada:", "Imported as a separate copy:"),
                r.slug
            );
            println!("  {}: {why}", out.t("porque", "because"));
        }
        ImportOutcome::UpToDate { local_revision } => println!(
            "{} {} (rev. {local_revision})",
            out.t("Já está atualizado:", "Already up to date:"),
            r.slug
        ),
        ImportOutcome::AlreadyImported { .. } => println!(
            "{} {}",
            out.t("Esta atualização já foi importada como", "This update was already imported as"),
            r.slug
        ),
    }
    println!("  {}: {} ({})", out.t("de", "from"), r.organisation, grouped(&r.fingerprint));
    if r.trust == juntos::org::TrustDecision::NewlyTrusted {
        println!("  {}", out.t("Organização agora confiada.", "Organisation now trusted."));
    }
    print_changes(out, &r.changes, matches!(r.outcome, ImportOutcome::Updated { .. }));
}

fn print_changes(out: &Out, c: &Changes, detailed: bool) {
    if !detailed {
        if !c.lessons_added.is_empty() {
            println!(
                "  {}, {}, {} media",
                out.count(c.modules_added.len(), ("módulo", "módulos"), ("module", "modules")),
                out.count(c.lessons_added.len(), ("lição", "lições"), ("lesson", "lessons")),
                c.media_added.len()
            );
        }
        return;
    }
    if c.is_empty() {
        println!("  {}", out.t("Sem alterações de conteúdo.", "No content changes."));
    }
    let groups: [(&str, &str, &Vec<String>); 9] = [
        ("+", out.t("módulo", "module"), &c.modules_added),
        ("~", out.t("módulo", "module"), &c.modules_changed),
        ("-", out.t("módulo", "module"), &c.modules_removed),
        ("+", out.t("lição", "lesson"), &c.lessons_added),
        ("~", out.t("lição", "lesson"), &c.lessons_changed),
        ("-", out.t("lição", "lesson"), &c.lessons_removed),
        ("+", "media", &c.media_added),
        ("~", "media", &c.media_changed),
        ("-", "media", &c.media_removed),
    ];
    for (sign, what, items) in groups {
        for item in items {
            println!("  {sign} {what} {item}");
        }
    }
}
