//! `juntos xliff export|import`: translations to and from translators' tools.

use std::path::PathBuf;

use clap::Subcommand;
use juntos::{Library, Result};
use serde_json::json;

use super::output::Out;
use super::LangArg;

#[derive(Subcommand)]
pub enum XliffCommand {
    /// Write an XLIFF 1.2 file to translate a course into the target language.
    Export {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// The language to translate into.
        #[arg(long, value_enum)]
        target: LangArg,
        /// Output file (default: SLUG.TARGET.xlf in the current folder).
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Apply a translated XLIFF file to the course it was made from. A text
    /// changed here since the export is kept and listed as a conflict.
    Import {
        /// The translated XLIFF file.
        file: PathBuf,
        /// Take the translator's text for this conflicting unit (repeatable).
        #[arg(long, value_name = "UNIT")]
        take_theirs: Vec<String>,
        /// Take the translator's text for every conflicting unit.
        #[arg(long)]
        take_all_theirs: bool,
    },
}

pub fn run(lib: &mut Library, out: &Out, command: XliffCommand) -> Result<()> {
    match command {
        XliffCommand::Export { course, target, to } => {
            let course = lib.course(&lib.resolve_course(&course)?)?;
            let target = target.into();
            let xml = lib.xliff_export(&course.id, target)?;
            let path = to.unwrap_or_else(|| PathBuf::from(format!("{}.{target}.xlf", course.slug)));
            juntos::atomic_file::write(&path, xml.as_bytes())?;
            out.emit(&json!({ "written": path, "target": target }), || {
                println!("{} {}", out.t("XLIFF escrito:", "XLIFF written:"), path.display())
            });
            Ok(())
        }
        XliffCommand::Import { file, take_theirs, take_all_theirs } => {
            let choices = juntos::xliff::Choices { take_theirs, take_all_theirs };
            let report = lib.xliff_import_file_with(&file, &choices)?;
            out.emit(&report, || {
                println!(
                    "{}: {}  ({} {})",
                    out.t("Traduções atualizadas", "Translations updated"),
                    report.updated.len(),
                    report.unchanged,
                    out.t("sem alterações", "unchanged"),
                );
                for id in &report.updated {
                    let stale = report.still_stale.contains(id);
                    let note = if stale {
                        out.t(
                            "  (o original mudou entretanto: rever)",
                            "  (the source changed meanwhile: review)",
                        )
                    } else {
                        ""
                    };
                    println!("  {id}{note}");
                }
                for id in &report.kept_reviewed {
                    println!(
                        "  {id}  {}",
                        out.t(
                            "(marcada «a rever» no ficheiro: mantida a tradução revista)",
                            "(marked 'needs review' in the file: the reviewed translation was kept)"
                        )
                    );
                }
                if let Some(revision) = report.revision_saved {
                    println!(
                        "{} rev. {revision}: juntos restore {} {revision}",
                        out.t("Para desfazer, reponha a", "To undo, restore"),
                        report.course_id
                    );
                }
                if !report.conflicts.is_empty() {
                    println!(
                        "{}: {}",
                        out.t(
                            "Conflitos (mudaram aqui e no ficheiro; manteve-se o texto daqui)",
                            "Conflicts (changed here and in the file; the text here was kept)"
                        ),
                        report.conflicts.len()
                    );
                    for c in &report.conflicts {
                        println!("  {}", c.id);
                        println!("    {}: {}", out.t("aqui", "here"), one_line(&c.local));
                        println!("    {}: {}", out.t("ficheiro", "file"), one_line(&c.theirs));
                    }
                    println!(
                        "{}",
                        out.t(
                            "Para usar o texto do ficheiro: --take-theirs UNIDADE (ou --take-all-theirs).",
                            "To use the file's text: --take-theirs UNIT (or --take-all-theirs)."
                        )
                    );
                }
            });
            Ok(())
        }
    }
}

/// A text shortened to one line for a listing.
fn one_line(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 70 {
        format!("{}…", line.chars().take(69).collect::<String>())
    } else {
        line
    }
}
