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
        course: String,
        /// The language to translate into.
        #[arg(long, value_enum)]
        target: LangArg,
        /// Output file (default: SLUG.TARGET.xlf in the current folder).
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Apply a translated XLIFF file to the course it was made from.
    Import { file: PathBuf },
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
        XliffCommand::Import { file } => {
            let report = lib.xliff_import_file(&file)?;
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
            });
            Ok(())
        }
    }
}
