//! `juntos stick …`: write a set of courses to a USB stick as a catalogue,
//! check it, list it against the library, import from it (issue #18). All
//! rules live in the core (`src/stick/`); this is parsing and printing.

use std::path::PathBuf;

use clap::Subcommand;
use juntos::package::{ImportOptions, Languages, Limits};
use juntos::stick::{StickCourseState, StickError, StickFileProblem, StickOptions};
use juntos::{Library, Result};

use super::output::Out;
use super::package::LanguagesArg;
use super::progress::{human_bytes, Bar};

#[derive(Subcommand)]
pub enum StickCommand {
    /// Write courses to a USB stick as a catalogue (updates a stick in place).
    Write {
        /// The stick or folder (a Juntos/ folder is made inside it).
        #[arg(long)]
        to: PathBuf,
        /// Courses: slug, id or start of the id (default with --all: every course).
        courses: Vec<String>,
        /// Every course in the library.
        #[arg(long, conflicts_with = "courses")]
        all: bool,
        /// The languages to include: pt, en or both.
        #[arg(long, value_enum, default_value = "both")]
        lang: LanguagesArg,
        /// Only show what would be written and whether it fits.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check every file of a stick against its signed index.
    Verify {
        /// The stick or its Juntos/ folder.
        path: PathBuf,
    },
    /// List a stick's courses against the library (new, newer, same, local edits).
    List {
        /// The stick or its Juntos/ folder.
        path: PathBuf,
    },
    /// Import courses from a stick (all when none named), as a package import.
    Import {
        /// The stick or its Juntos/ folder.
        path: PathBuf,
        /// Courses: slug or id (default: every course on the stick).
        courses: Vec<String>,
        /// Trust the organisation that signed it (check its fingerprint with them first).
        #[arg(long)]
        trust: bool,
        /// Always import as separate copies.
        #[arg(long)]
        as_copy: bool,
    },
}

fn languages(arg: LanguagesArg) -> Languages {
    match arg {
        LanguagesArg::Pt => Languages::Pt,
        LanguagesArg::En => Languages::En,
        LanguagesArg::Both => Languages::Both,
    }
}

pub fn run(lib: &mut Library, out: &Out, command: StickCommand) -> Result<()> {
    match command {
        StickCommand::Write { to, courses, all, lang, dry_run } => {
            if courses.is_empty() && !all {
                return Err(StickError::NoCourses.into());
            }
            let options = StickOptions { to, courses, languages: languages(lang) };
            if dry_run {
                let report = lib.stick_preflight(&options)?;
                out.emit(&report, || {
                    println!(
                        "{}: {} ({}), {} {}",
                        out.t("Conjunto", "Set"),
                        out.count(report.files, ("ficheiro", "ficheiros"), ("file", "files")),
                        human_bytes(report.total_bytes),
                        human_bytes(report.bytes_to_write),
                        out.t("por escrever", "to write"),
                    );
                    let b = report.bytes_by_choice;
                    println!(
                        "pt: {}  en: {}  pt+en: {}",
                        human_bytes(b.pt),
                        human_bytes(b.en),
                        human_bytes(b.both)
                    );
                    if let Some(p) = &report.problem {
                        let msg = if out.lang == juntos::model::Lang::Pt {
                            &p.message_pt
                        } else {
                            &p.message_en
                        };
                        println!("{msg}");
                    }
                });
                return Ok(());
            }
            let mut bar = Bar::new(out, out.t("A escrever na pen", "Writing to the stick"));
            let report = lib.write_stick(&options, |p| bar.update(p.done, Some(p.total)));
            bar.finish();
            let report = report?;
            out.emit(&report, || {
                println!(
                    "{} {} — {}, {}",
                    out.t("Pen escrita:", "Stick written:"),
                    report.root.display(),
                    out.count(report.courses.len(), ("curso", "cursos"), ("course", "courses")),
                    human_bytes(report.total_bytes)
                );
                println!(
                    "{}: {} ({}); {}: {}",
                    out.t("Escritos", "Written"),
                    out.count(report.files_written, ("ficheiro", "ficheiros"), ("file", "files")),
                    human_bytes(report.bytes_written),
                    out.t("removidos", "removed"),
                    report.files_removed
                );
            });
            Ok(())
        }
        StickCommand::Verify { path } => {
            let mut bar = Bar::new(out, out.t("A verificar", "Checking"));
            let report = lib.verify_stick(&path, |p| bar.update(p.done, Some(p.total)));
            bar.finish();
            let report = report?;
            out.emit(&report, || {
                for p in &report.problems {
                    let what = match p.problem {
                        StickFileProblem::Missing => out.t("em falta", "missing"),
                        StickFileProblem::Changed => out.t("alterado", "changed"),
                        StickFileProblem::Extra => out.t("a mais", "extra"),
                    };
                    println!("{what}: {}", p.path);
                }
                if report.ok {
                    println!(
                        "{} {} ({}, {}) — {}",
                        out.t("Pen íntegra:", "Stick intact:"),
                        report.root.display(),
                        out.count(report.courses, ("curso", "cursos"), ("course", "courses")),
                        out.count(report.files, ("ficheiro", "ficheiros"), ("file", "files")),
                        report.organisation
                    );
                }
                if report.interrupted {
                    println!(
                        "{}",
                        out.t(
                            "Uma escrita foi interrompida: a pen abre, e a próxima escrita conclui-a.",
                            "A write was interrupted: the stick opens, and the next write completes it."
                        )
                    );
                }
            });
            if let Some(first) = report.problems.first() {
                return Err(StickError::Damaged {
                    path: report.root.clone(),
                    problems: report.problems.len(),
                    first: first.path.clone(),
                }
                .into());
            }
            Ok(())
        }
        StickCommand::List { path } => {
            let listing = lib.stick_list(&path)?;
            out.emit(&listing, || {
                println!("{} — {}", listing.organisation, listing.written_at);
                for c in &listing.courses {
                    let state = match c.state {
                        StickCourseState::New => out.t("novo", "new"),
                        StickCourseState::Newer => out.t("mais recente", "newer"),
                        StickCourseState::Same => out.t("igual", "same"),
                        StickCourseState::Older => out.t("mais antigo", "older"),
                        StickCourseState::LocalEdits => out.t("edições locais", "local edits"),
                    };
                    println!(
                        "{:<14} {} (rev. {}) — {}",
                        state,
                        c.slug,
                        c.revision,
                        out.text(&c.title)
                    );
                }
            });
            Ok(())
        }
        StickCommand::Import { path, courses, trust, as_copy } => {
            let options = ImportOptions {
                trust,
                as_copy,
                trust_different_organisation: None,
                limits: Limits::default(),
            };
            let mut bar = Bar::new(out, out.t("A importar", "Importing"));
            let reports =
                lib.stick_import(&path, &courses, &options, |p| bar.update(p.done, Some(p.total)));
            bar.finish();
            let reports = reports?;
            out.emit(&reports, || {
                for r in &reports {
                    super::package::print_import(out, r);
                }
            });
            Ok(())
        }
    }
}
