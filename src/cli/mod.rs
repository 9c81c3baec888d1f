//! The command line: `beacon check`, `beacon lesson`, `beacon quiz`, and the app when no
//! subcommand is given.

mod check;
pub mod documents;
mod formats;
mod quiz;
pub mod scorm;
mod stats;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::content::Loaded;

/// Beacon: learn how the United Nations and its partners fight human trafficking.
#[derive(Debug, Parser)]
#[command(name = "beacon", version, about)]
pub struct Cli {
    /// A course folder or GIFT file to add to your courses and open in the app.
    #[arg(value_name = "FILE")]
    pub open: Option<PathBuf>,
    /// A course folder to use instead of the course built into the program.
    #[arg(long, global = true, value_name = "DIR")]
    pub course: Option<PathBuf>,
    /// Where progress is kept (default: the user data folder; also `BEACON_DATA_DIR`).
    #[arg(long, global = true, value_name = "DIR", env = "BEACON_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// What to do; without a subcommand the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a course folder or GIFT file: every problem with file and line, counts, and source
    /// coverage.
    Check {
        /// The course folder or GIFT file (default: the shipped course).
        #[arg(value_name = "DIR|FILE")]
        dir: Option<PathBuf>,
        /// Also list the cues within their limits, and the expected score of a learner who
        /// knows nothing and follows the cues on the final assessment's pool.
        #[arg(long)]
        cues: bool,
    },
    /// Print a module's lesson as Markdown.
    Lesson {
        /// The module id (see `beacon check`).
        module: String,
        /// The course folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print a randomly assembled quiz; the same seed prints the same quiz.
    Quiz(quiz::QuizArgs),
    /// Write a printable quiz (PDF or HTML) with its answer key.
    Print(documents::PrintArgs),
    /// Check a certificate's verification code against this installation's key.
    Verify(documents::VerifyArgs),
    /// Add a course folder or GIFT file to the data folder's courses, where the app shows it.
    Import {
        /// A course folder in Beacon's format, or a .gift file.
        file: PathBuf,
    },
    /// Item statistics from results files pooled from several computers or an LRS: facility,
    /// discrimination and flags per question; mean, spread and Cronbach's alpha per test.
    Stats(stats::StatsArgs),
    /// Export data for an organisation.
    Export {
        /// What to export.
        #[command(subcommand)]
        what: ExportWhat,
    },
}

/// What `beacon export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// Every attempt as CSV, or the whole history as xAPI statements.
    Results(documents::ExportArgs),
    /// The course as GIFT or Moodle XML (for Moodle), or as Anki cards.
    Course(formats::ExportCourseArgs),
    /// A SCORM package (1.2 or 2004) for an LMS: the browser build with the course inside
    /// (`--course DIR` packages that course instead of the shipped one).
    Scorm(scorm::ScormArgs),
}

/// Runs the command line.
///
/// # Errors
/// When the course folder cannot be read or output cannot be written.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Check { dir, cues }) => check::run(dir.or(cli.course).as_deref(), cues),
        Some(Command::Lesson { module, dir }) => {
            let loaded = load(dir.or(cli.course).as_deref())?;
            let course = &loaded.course;
            let Some(m) = course.module(&module) else {
                let ids: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
                anyhow::bail!("no module `{module}`; the modules are: {}", ids.join(", "));
            };
            emit(&crate::lesson::to_markdown(
                course,
                &crate::lesson::lesson(course, m),
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Print(args)) => {
            let loaded = load(cli.course.as_deref())?;
            documents::print(&loaded.course, &args)
        }
        Some(Command::Verify(args)) => {
            let loaded = load(cli.course.as_deref())?;
            documents::verify(
                &loaded.course,
                &crate::storage::data_dir(cli.data_dir),
                &args,
            )
        }
        Some(Command::Export {
            what: ExportWhat::Results(args),
        }) => {
            let loaded = load(cli.course.as_deref())?;
            documents::export_results(
                &loaded.course,
                &crate::storage::data_dir(cli.data_dir),
                &args,
            )
        }
        Some(Command::Export {
            what: ExportWhat::Course(args),
        }) => {
            let loaded = load(cli.course.as_deref())?;
            formats::export_course(&loaded.course, &args)
        }
        Some(Command::Export {
            what: ExportWhat::Scorm(args),
        }) => scorm::export(cli.course.as_deref(), &args),
        Some(Command::Stats(args)) => {
            let loaded = load(cli.course.as_deref())?;
            stats::run(&loaded.course, &args)
        }
        Some(Command::Import { file }) => {
            formats::import(&crate::storage::data_dir(cli.data_dir), &file)
        }
        Some(Command::Quiz(args)) => {
            let loaded = load(args.dir.clone().or(cli.course).as_deref())?;
            quiz::run(&loaded.course, &args)
        }
        None => {
            let launch = crate::app::Launch {
                window_state: crate::app::window_state_file(cli.data_dir.as_deref()),
                open: cli.open,
            };
            let options = crate::app::Options {
                course_dir: cli.course,
                data_dir: crate::storage::data_dir(cli.data_dir),
                clock: std::sync::Arc::new(crate::app::SystemClock),
                seed: None,
                tz: crate::app::Options::local_tz(),
            };
            crate::app::run(options, launch)
                .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads a quiz number (`--seed`), saying plainly what is wrong with a bad one.
///
/// # Errors
/// When the text is not a whole number from 0 to 2^64 - 1.
pub fn seed(text: &str) -> Result<u64, String> {
    let t = text.trim();
    t.parse::<u64>().map_err(|_| {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let why = match t.strip_prefix('-') {
            Some(rest) if digits(rest) => "it is negative",
            _ if digits(t) => "it is too large",
            _ => "it is not a whole number",
        };
        format!(
            "a quiz number (seed) is a whole number from 0 to {}, such as 42; `{t}` cannot be one: {why}",
            u64::MAX
        )
    })
}

/// Writes command output; a reader that stops early (`beacon check | head`) is not an error.
///
/// # Errors
/// When standard output fails for another reason.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Loads a course folder, or the course built into the program.
///
/// # Errors
/// When the folder cannot be read at all.
pub fn load_course(dir: Option<&Path>) -> anyhow::Result<Loaded> {
    match dir {
        Some(dir) => crate::storage::folder::load_folder(dir)
            .with_context(|| format!("loading the course in {}", dir.display())),
        None => Ok(crate::shipped::load()),
    }
}

/// Loads the course, printing its problems to stderr (the valid part is still used).
fn load(dir: Option<&Path>) -> anyhow::Result<Loaded> {
    let loaded = load_course(dir)?;
    for p in loaded.errors() {
        eprintln!("{p}");
    }
    Ok(loaded)
}
