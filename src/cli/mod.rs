//! Argument parsing and dispatch. Each subcommand is a few lines over
//! `juntos::Library`; all rules live in the core.

// Every subcommand prints with `println!`; this one, declared before the
// modules so that it shadows std's, prints through `output::print_out`, which
// ends the program quietly when the reader of a pipe has gone
// (`juntos search x | head`) instead of panicking.
macro_rules! println {
    () => { $crate::cli::output::print_out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::output::print_out(format_args!("{}\n", format_args!($($arg)*))) };
}

mod advice;
mod bin;
mod courses;
mod edit;
mod help;
mod media;
mod output;
mod package;
mod prepare;
mod progress;
mod quiz;
mod results;
mod sign; // sign-language interpreters (issue 16)
mod stick; // USB stick catalogue (issue 18)
mod xliff;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use juntos::model::Lang;
use juntos::{Library, Result};

use output::Out;

#[derive(Parser)]
#[command(
    name = "juntos",
    version,
    about = "Juntos Studio: cursos bilingues offline / bilingual offline courses"
)]
pub struct Cli {
    /// Library folder (default: $JUNTOS_LIBRARY, else the platform data folder).
    #[arg(long, global = true, value_name = "PATH")]
    library: Option<PathBuf>,
    /// Print JSON for scripts instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Pt,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Pt => Lang::Pt,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FieldArg {
    Title,
    Summary,
    Body,
    Notes,
}

#[derive(Subcommand)]
enum Command {
    /// Create the library (with the sample course) if needed and show where it is.
    Init,
    /// List the courses in the library.
    Courses,
    /// Show a course: its modules and lessons.
    Show {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
    },
    /// Create a course, module or lesson.
    #[command(subcommand)]
    New(NewCommand),
    /// Set one language of a text from a file or standard input.
    Edit {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Lesson (position like 2.1, id or title); omit to edit the course itself.
        lesson: Option<String>,
        /// Edit a module's title instead (number, id or title).
        #[arg(long, conflicts_with = "lesson")]
        module: Option<String>,
        /// Which text: title, summary, body or notes.
        #[arg(long, value_enum)]
        field: FieldArg,
        /// The language written.
        #[arg(long, value_enum)]
        lang: LangArg,
        /// Read the text from this file (default: standard input).
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Mark a translation as reviewed against the current source text.
    Review {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Lesson (position like 2.1, id or title); omit for the course itself.
        lesson: Option<String>,
        /// Which text: title, summary, body or notes.
        #[arg(long, value_enum)]
        field: FieldArg,
    },
    /// Change a course's settings.
    Set {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// New slug (the short name in commands and file names).
        #[arg(long)]
        slug: Option<String>,
        /// The language the course is written in first.
        #[arg(long, value_enum)]
        source_lang: Option<LangArg>,
        /// The organisation that makes the course.
        #[arg(long)]
        organisation: Option<String>,
        /// The course's licence, e.g. CC-BY-4.0.
        #[arg(long)]
        licence: Option<String>,
        /// Comma-separated topics, in the course's source language.
        #[arg(long)]
        topics: Option<String>,
        /// Comma-separated translations of the topics, in the same order.
        #[arg(long)]
        topics_translation: Option<String>,
    },
    /// Per-field translation status (complete / missing / stale) and percentages.
    TranslationStatus {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Only this lesson.
        lesson: Option<String>,
        /// Only this module.
        #[arg(long, conflicts_with = "lesson")]
        module: Option<String>,
    },
    /// Search both languages (accents optional).
    Search {
        /// Words to look for.
        query: String,
        /// Show at most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Move a module or lesson to another position.
    Mv {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        #[command(subcommand)]
        what: MoveTarget,
    },
    /// Copy a course (new id, linked to the original).
    Duplicate {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
    },
    /// Delete a course (to the bin, restorable), or one of its modules or lessons.
    Rm {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        #[command(subcommand)]
        what: Option<RemoveTarget>,
    },
    #[command(flatten)]
    Media(media::MediaCommand),
    #[command(flatten)]
    Package(package::PackageCommand),
    /// Exchange translations with translators' tools (XLIFF 1.2).
    #[command(subcommand)]
    Xliff(xliff::XliffCommand),
    /// A lesson's quiz: show, add, edit or remove questions (JSON files).
    #[command(subcommand)]
    Quiz(quiz::QuizCommand),
    /// Learners' results from the player: import, summary, export, merge, delete.
    #[command(subcommand)]
    Results(results::ResultsCommand),
    /// A USB stick of courses with a catalogue: write, verify, list, import.
    #[command(subcommand)]
    Stick(stick::StickCommand),
    /// Deleted courses: list them, restore one, or empty the bin.
    Bin {
        #[command(subcommand)]
        action: Option<bin::BinCommand>,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    Course {
        /// The course's title.
        title: String,
        /// The language the title is in (the course's source language).
        #[arg(long, value_enum, default_value = "pt")]
        lang: LangArg,
        /// Slug (default: made from the title).
        #[arg(long)]
        slug: Option<String>,
        /// The organisation that makes the course (default: the library's, from `org set`).
        #[arg(long)]
        organisation: Option<String>,
    },
    Module {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// The module's title.
        title: String,
        /// The language the title is in (default: the course's source language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Position, from 1 (default: at the end).
        #[arg(long)]
        position: Option<usize>,
    },
    Lesson {
        /// Course: slug, id or start of the id (4+ characters).
        course: String,
        /// Module: number, id or title.
        module: String,
        /// The lesson's title.
        title: String,
        /// The language the title is in (default: the course's source language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Position in the module, from 1 (default: at the end).
        #[arg(long)]
        position: Option<usize>,
    },
}

#[derive(Subcommand)]
enum MoveTarget {
    Module {
        /// Module: number, id or title.
        module: String,
        /// New position, from 1.
        #[arg(long)]
        to: usize,
    },
    Lesson {
        /// Lesson: position (2.1), id or title.
        lesson: String,
        /// New position in its module, from 1.
        #[arg(long)]
        to: usize,
        /// Move into another module (number, id or title).
        #[arg(long)]
        into: Option<String>,
    },
}

#[derive(Subcommand)]
enum RemoveTarget {
    Module {
        /// Module: number, id or title.
        module: String,
    },
    Lesson {
        /// Lesson: position (2.1), id or title.
        lesson: String,
    },
}

pub fn main() -> ExitCode {
    let lang = output::locale_lang();
    let command = help::localised(Cli::command(), lang);
    let cli = command
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .unwrap_or_else(|e| help::exit_on(e, lang));
    let out = Out::new(cli.json);
    let root = cli.library.clone().unwrap_or_else(Library::default_location);
    match run(cli.command, &root, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::from(if e.is_user_error() { 1 } else { 2 })
        }
    }
}

fn run(command: Command, root: &std::path::Path, out: &Out) -> Result<()> {
    let mut lib = Library::open(root)?;
    match command {
        Command::Init => courses::init(&lib, out),
        Command::Courses => courses::list(&lib, out),
        Command::Show { course } => courses::show(&lib, out, &course),
        Command::New(NewCommand::Course { title, lang, slug, organisation }) => {
            courses::new_course(&mut lib, out, title, lang.into(), slug, organisation)
        }
        Command::New(NewCommand::Module { course, title, lang, position }) => {
            courses::new_module(&mut lib, out, &course, &title, lang.map(Into::into), position)
        }
        Command::New(NewCommand::Lesson { course, module, title, lang, position }) => {
            courses::new_lesson(
                &mut lib,
                out,
                &course,
                &module,
                &title,
                lang.map(Into::into),
                position,
            )
        }
        Command::Edit { course, lesson, module, field, lang, file } => {
            let target = edit::Target::new(lesson, module);
            edit::edit(&mut lib, out, &course, target, field, lang.into(), file)
        }
        Command::Review { course, lesson, field } => {
            edit::review(&mut lib, out, &course, lesson, field)
        }
        Command::Set {
            course,
            slug,
            source_lang,
            organisation,
            licence,
            topics,
            topics_translation,
        } => {
            let list = |t: String| t.split(',').map(str::to_string).collect();
            let changes = juntos::model::CourseChanges {
                slug,
                source_lang: source_lang.map(Into::into),
                organisation,
                licence,
                topics: topics.map(list),
                topics_translation: topics_translation.map(list),
            };
            courses::set(&mut lib, out, &course, changes)
        }
        Command::TranslationStatus { course, lesson, module } => {
            edit::translation_status(&lib, out, &course, lesson, module)
        }
        Command::Search { query, limit } => edit::search(&lib, out, &query, limit),
        Command::Mv { course, what } => match what {
            MoveTarget::Module { module, to } => {
                courses::move_module(&mut lib, out, &course, &module, to)
            }
            MoveTarget::Lesson { lesson, to, into } => {
                courses::move_lesson(&mut lib, out, &course, &lesson, to, into)
            }
        },
        Command::Duplicate { course } => courses::duplicate(&mut lib, out, &course),
        Command::Media(command) => media::run(&mut lib, out, command),
        Command::Package(command) => package::run(&mut lib, out, command),
        Command::Xliff(command) => xliff::run(&mut lib, out, command),
        Command::Bin { action } => bin::run(&mut lib, out, action),
        Command::Quiz(command) => quiz::run(&mut lib, out, command),
        Command::Stick(command) => stick::run(&mut lib, out, command),
        Command::Results(command) => results::run(&mut lib, out, command),
        Command::Rm { course, what } => courses::remove(
            &mut lib,
            out,
            &course,
            what.map(|w| match w {
                RemoveTarget::Module { module } => courses::Removal::Module(module),
                RemoveTarget::Lesson { lesson } => courses::Removal::Lesson(lesson),
            }),
        ),
    }
}
