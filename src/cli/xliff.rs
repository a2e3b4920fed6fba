//! `juntos xliff export|import`: translations to and from translators' tools.

use std::path::PathBuf;

use clap::Subcommand;
use juntos::{Error, Library, Result};
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
            write_atomically(&path, xml.as_bytes())?;
            out.emit(&json!({ "written": path, "target": target }), || {
                println!("{} {}", out.t("XLIFF escrito:", "XLIFF written:"), path.display())
            });
            Ok(())
        }
        XliffCommand::Import { file } => {
            let name = file.display().to_string();
            let bytes = std::fs::read(&file).map_err(|source| Error::ReadInput { path: name.clone(), source })?;
            let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8 { path: name })?;
            let report = lib.xliff_import(&text)?;
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
                    let note = if stale { out.t("  (o original mudou entretanto: rever)", "  (the source changed meanwhile: review)") } else { "" };
                    println!("  {id}{note}");
                }
            });
            Ok(())
        }
    }
}

/// Temp file in the same folder, then rename: never a half-written file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
