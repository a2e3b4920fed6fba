//! `juntos results import|show|export|learners|merge|delete-learner`:
//! learners' results brought back from the player (issue 17).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use juntos::results::{ResultsDashboard, ResultsFilter, ResultsText};
use juntos::{Library, Result};
use serde_json::json;

use super::output::Out;

#[derive(Subcommand)]
pub enum ResultsCommand {
    /// Import results files saved by the player (.juntos-results); importing a file again changes nothing.
    Import {
        /// The results files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// A readable summary of a course's results.
    Show {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// One row per learner and lesson: CSV (UTF-8 with BOM) to a file, or JSON with --json.
    Export {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Write CSV to this file (default: CSV on standard output).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// The course's learners, with the ids to merge or delete them.
    Learners {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
    },
    /// Count learner OTHER as learner KEEP from now on (the same person on two devices).
    Merge {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// The learner to keep: id or its start (4+ characters).
        keep: String,
        /// The learner merged into it: id or its start (4+ characters).
        other: String,
    },
    /// Delete a learner's results for good (a later file does not bring them back).
    DeleteLearner {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// The learner: id or its start (4+ characters).
        learner: String,
    },
}

#[derive(Args)]
pub struct FilterArgs {
    /// Only learners of this group.
    #[arg(long)]
    group: Option<String>,
    /// Only activity from this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Only activity up to this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
}

impl FilterArgs {
    fn filter(self) -> ResultsFilter {
        ResultsFilter { group: self.group, from: self.from, to: self.to }
    }
}

pub fn run(lib: &mut Library, out: &Out, command: ResultsCommand) -> Result<()> {
    match command {
        ResultsCommand::Import { files } => {
            let report = lib.import_results(&files)?;
            out.emit(&report, || {
                for f in &report.files {
                    let title = pick(out, &f.course_title);
                    if f.already_imported {
                        println!(
                            "{}: {}",
                            f.path,
                            out.t("já importado, nada mudou", "already imported, nothing changed")
                        );
                        continue;
                    }
                    println!(
                        "{}: {title} — {}, {}",
                        f.path,
                        out.count(
                            f.new_learners as usize,
                            ("participante novo", "participantes novos"),
                            ("new learner", "new learners")
                        ),
                        out.count(
                            f.new_attempts as usize,
                            ("tentativa nova", "tentativas novas"),
                            ("new attempt", "new attempts")
                        ),
                    );
                    if f.skipped_deleted_learners > 0 {
                        println!(
                            "  {} {}",
                            f.skipped_deleted_learners,
                            out.t(
                                "participante(s) apagado(s) antes: ignorado(s)",
                                "learner(s) deleted before: skipped"
                            )
                        );
                    }
                }
            });
            Ok(())
        }
        ResultsCommand::Show { course, filter } => {
            let id = lib.resolve_course(&course)?;
            let board = lib.results_dashboard(&id, &filter.filter())?;
            out.emit(&board, || print_dashboard(out, &board));
            Ok(())
        }
        ResultsCommand::Export { course, csv, filter } => {
            let id = lib.resolve_course(&course)?;
            let filter = filter.filter();
            if out.json {
                let rows = lib.results_rows(&id, &filter)?;
                out.emit(&rows, || {});
                return Ok(());
            }
            match csv {
                Some(path) => {
                    let n = lib.export_results_csv(&id, &filter, &path)?;
                    println!(
                        "{} {} ({})",
                        out.t("CSV escrito:", "CSV written:"),
                        path.display(),
                        out.count(n, ("linha", "linhas"), ("row", "rows"))
                    );
                }
                None => {
                    let rows = lib.results_rows(&id, &filter)?;
                    super::output::print_out(format_args!("{}", juntos::results::csv_text(&rows)));
                }
            }
            Ok(())
        }
        ResultsCommand::Learners { course } => {
            let id = lib.resolve_course(&course)?;
            let learners = lib.results_learners(&id)?;
            out.emit(&learners, || {
                if learners.is_empty() {
                    println!("{}", out.t("Ainda sem resultados.", "No results yet."));
                }
                for l in &learners {
                    let name = l.name.as_deref().unwrap_or(out.t("(anónimo)", "(anonymous)"));
                    let group = l.group.as_deref().map(|g| format!(" [{g}]")).unwrap_or_default();
                    println!(
                        "{}  {name}{group}  {} {}  {} {}",
                        l.id,
                        l.lessons_completed,
                        out.t("lições completas", "lessons completed"),
                        l.attempts,
                        out.t("tentativas", "attempts"),
                    );
                    if !l.merged.is_empty() {
                        println!("    {} {}", out.t("juntou:", "merged:"), l.merged.join(", "));
                    }
                    if !l.same_name.is_empty() {
                        println!(
                            "    {} {}",
                            out.t("mesmo nome noutro aparelho:", "same name on another device:"),
                            l.same_name.join(", ")
                        );
                    }
                }
            });
            Ok(())
        }
        ResultsCommand::Merge { course, keep, other } => {
            let id = lib.resolve_course(&course)?;
            let kept = lib.merge_learners(&id, &keep, &other)?;
            out.emit(&json!({ "kept": kept }), || {
                println!("{} {kept}", out.t("Participantes juntos em", "Learners merged into"))
            });
            Ok(())
        }
        ResultsCommand::DeleteLearner { course, learner } => {
            let id = lib.resolve_course(&course)?;
            let deleted = lib.delete_learner(&id, &learner)?;
            out.emit(&json!({ "deleted": deleted }), || {
                println!(
                    "{} {}",
                    out.t("Resultados apagados:", "Results deleted:"),
                    deleted.join(", ")
                )
            });
            Ok(())
        }
    }
}

fn pick<'a>(out: &Out, text: &'a ResultsText) -> &'a str {
    let (first, other) = match out.lang {
        juntos::model::Lang::Pt => (&text.pt, &text.en),
        juntos::model::Lang::En => (&text.en, &text.pt),
    };
    if first.is_empty() {
        other
    } else {
        first
    }
}

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

fn print_dashboard(out: &Out, b: &ResultsDashboard) {
    println!("{}", pick(out, &b.course_title));
    println!(
        "{}: {}  ({} {})",
        out.t("Participantes", "Learners"),
        b.learners,
        b.anonymous_learners,
        out.t("anónimos", "anonymous")
    );
    if let (Some(first), Some(last)) = (&b.first_day, &b.last_day) {
        println!("{}: {first} – {last}", out.t("Período", "Period"));
    }
    if !b.groups.is_empty() {
        println!("{}: {}", out.t("Grupos", "Groups"), b.groups.join(", "));
    }
    println!("\n{}", out.t("Conclusão", "Completion"));
    for m in &b.modules {
        println!("  {}  {}/{}", pick(out, &m.title), m.completed, b.learners);
        for l in &m.lessons {
            let quiz = if l.is_quiz { out.t(" (questionário)", " (quiz)") } else { "" };
            println!(
                "    {}{quiz}  {} {}, {} {}",
                pick(out, &l.title),
                l.opened,
                out.t("abriram", "opened"),
                l.completed,
                out.t("completaram", "completed")
            );
        }
    }
    println!(
        "\n{}: {} ({}/{})",
        out.t("Aprovação nos questionários", "Quiz pass rate"),
        percent(b.pass_rate),
        b.quiz_passes,
        b.quiz_takers
    );
    for q in &b.quizzes {
        println!("  {}  {} ({}/{})", pick(out, &q.title), percent(q.pass_rate), q.passed, q.takers);
    }
    let bars: Vec<String> = b
        .score_histogram
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}–{}%: {n}", i * 10, i * 10 + 10))
        .collect();
    println!(
        "{}: {}",
        out.t("Notas (melhor por participante)", "Scores (best per learner)"),
        bars.join("  ")
    );
    if !b.questions.is_empty() {
        println!(
            "\n{}",
            out.t("Perguntas, as mais falhadas primeiro", "Questions, most missed first")
        );
        for q in &b.questions {
            let prompt = q.prompt.as_ref().map(|p| pick(out, p)).unwrap_or_default();
            println!("  {}  ({}/{})  {prompt}", percent(q.right_share), q.right, q.answered);
        }
    }
    if !b.removed_questions.is_empty() {
        println!(
            "\n{}",
            out.t("Perguntas que o curso já não tem", "Questions the course no longer has")
        );
        for q in &b.removed_questions {
            println!(
                "  {}  ({}/{})  {}/{}",
                percent(q.right_share),
                q.right,
                q.answered,
                q.lesson_id,
                q.question_id
            );
        }
    }
    println!(
        "\n{}: pt {}, en {}",
        out.t("Língua usada (tentativas)", "Language used (attempts)"),
        b.attempts_pt,
        b.attempts_en
    );
    println!(
        "{}: {} min, {}: {} min",
        out.t("Tempo total", "Total time"),
        b.total_seconds / 60,
        out.t("mediana por participante", "median per learner"),
        b.median_seconds / 60
    );
}
