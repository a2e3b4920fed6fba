//! `juntos bin [restore COURSE | empty]`: deleted courses stay in the bin,
//! restorable, until it is emptied.

use clap::Subcommand;
use juntos::{Library, Result};
use serde_json::json;

use super::output::Out;

#[derive(Subcommand)]
pub enum BinCommand {
    /// Bring a deleted course back (its slug or id, as `juntos bin` lists it).
    Restore {
        /// Deleted course: its slug or id.
        course: String,
    },
    /// Delete the courses in the bin for good.
    Empty,
}

pub fn run(lib: &mut Library, out: &Out, command: Option<BinCommand>) -> Result<()> {
    match command {
        None => {
            let binned = lib.binned_courses()?;
            out.emit(&binned, || {
                if binned.is_empty() {
                    println!("{}", out.t("O lixo está vazio.", "The bin is empty."));
                }
                for c in &binned {
                    let title = out.text(&c.title);
                    println!("{}  {}  {title}  ({})", c.slug, c.course_id.get(..8).unwrap_or(&c.course_id), c.deleted_at);
                }
                if !binned.is_empty() {
                    println!(
                        "{}",
                        out.t(
                            "Para repor: juntos bin restore CURSO. Para apagar de vez: juntos bin empty.",
                            "To restore: juntos bin restore COURSE. To delete for good: juntos bin empty."
                        )
                    );
                }
            });
            Ok(())
        }
        Some(BinCommand::Restore { course }) => {
            let id = lib.resolve_binned(&course)?;
            let restored = lib.restore_deleted_course(&id)?;
            out.emit(&json!({ "restored": restored.id, "slug": restored.slug }), || {
                println!("{} {}", out.t("Curso reposto:", "Course restored:"), restored.slug)
            });
            Ok(())
        }
        Some(BinCommand::Empty) => {
            let removed = lib.empty_bin()?;
            out.emit(&json!({ "removed": removed }), || {
                println!(
                    "{} {removed}",
                    out.t("Cursos apagados de vez:", "Courses deleted for good:")
                )
            });
            Ok(())
        }
    }
}
