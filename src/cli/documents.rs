//! `beacon print`, `beacon verify` and `beacon export results`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::content::Course;
use crate::documents::certificate::Certificate;
use crate::documents::{Paper, printable};
use crate::formats::{Learner, results_csv, xapi};
use crate::progress::Progress;
use crate::quiz::{classroom_quiz, classroom_title};
use crate::storage::FileStorage;
use beacon_core::data::{Profiles, ProgressFile, certificate_key};

/// Formats of a printable quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrintFormat {
    /// A PDF with an embedded font.
    Pdf,
    /// A standalone HTML page.
    Html,
}

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// 210 x 297 mm.
    A4,
    /// 8.5 x 11 inches.
    Letter,
}

impl From<PaperArg> for Paper {
    fn from(p: PaperArg) -> Paper {
        match p {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        }
    }
}

/// Options of `beacon print`.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// Draw only from these modules (repeat for several; default: the whole course).
    #[arg(long = "module", value_name = "MODULE")]
    pub modules: Vec<String>,
    /// Number of questions.
    #[arg(long, default_value_t = 10)]
    pub count: usize,
    /// The quiz number: the same seed gives the same quiz here and in presenter mode.
    #[arg(long, allow_negative_numbers = true, value_parser = super::seed)]
    pub seed: u64,
    /// PDF or HTML.
    #[arg(long, value_enum, default_value_t = PrintFormat::Pdf)]
    pub format: PrintFormat,
    /// Paper size of a PDF.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// The file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

/// Writes a printable quiz.
///
/// # Errors
/// When a module does not exist or the file cannot be written.
pub fn print(course: &Course, args: &PrintArgs) -> anyhow::Result<ExitCode> {
    for m in &args.modules {
        if course.module(m).is_none() {
            bail!("no module `{m}`");
        }
    }
    let quiz = classroom_quiz(course, &args.modules, args.count, args.seed, &[]);
    let title = classroom_title(course, &args.modules);
    let made = chrono::Utc::now();
    let bytes = match args.format {
        PrintFormat::Pdf => printable::pdf(course, &quiz, &title, args.paper.into(), made)?,
        PrintFormat::Html => printable::html(course, &quiz, &title, made).into_bytes(),
    };
    std::fs::write(&args.output, bytes)
        .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "Wrote {} to {}",
        crate::plural::count(quiz.items.len(), "question", "questions"),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Options of `beacon verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The verification code printed on the certificate.
    pub code: String,
    /// The learner's name as printed.
    #[arg(long)]
    pub name: String,
    /// The date as printed, YYYY-MM-DD.
    #[arg(long)]
    pub date: NaiveDate,
    /// The score in percent as printed.
    #[arg(long)]
    pub score: u32,
    /// The course title as printed (default: the loaded course's).
    #[arg(long)]
    pub course_title: Option<String>,
    /// The course version as printed (default: the loaded course's).
    #[arg(long)]
    pub course_version: Option<String>,
}

/// Checks a certificate's code with this installation's key.
///
/// # Errors
/// When the data folder has no key.
pub fn verify(course: &Course, data_dir: &Path, args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let storage = FileStorage::read_only(data_dir, "verifying only reads the data folder");
    let key = certificate_key(&storage, false)?;
    let cert = Certificate {
        name: args.name.clone(),
        course: args
            .course_title
            .clone()
            .unwrap_or_else(|| course.info.title.clone()),
        version: args
            .course_version
            .clone()
            .unwrap_or_else(|| course.info.version.clone()),
        date: args.date,
        score: args.score,
    };
    if cert.verify(&key, &args.code) {
        super::emit("valid: this installation issued a certificate with exactly these details\n")?;
        Ok(ExitCode::SUCCESS)
    } else {
        super::emit("not valid: the code does not match these details for this installation\n")?;
        Ok(ExitCode::FAILURE)
    }
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per attempt.
    Csv,
    /// xAPI 1.0.3 statements (a JSON array).
    Xapi,
}

/// Options of `beacon export results`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// CSV or xAPI.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only this profile (by name; default: every profile).
    #[arg(long)]
    pub profile: Option<String>,
    /// The file to write (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Every profile's progress (or the one named), read without taking the data folder's lock.
///
/// # Errors
/// When a named profile does not exist.
pub fn learners(
    data_dir: &Path,
    only: Option<&str>,
) -> anyhow::Result<Vec<(String, String, String, Progress)>> {
    let storage = FileStorage::read_only(data_dir, "exporting only reads the data folder");
    let (profiles, notices) = Profiles::open(std::sync::Arc::new(storage), chrono::Utc::now());
    for n in notices {
        eprintln!("beacon: {n}");
    }
    let storage = profiles.storage();
    let mut out = Vec::new();
    let mut unreadable = Vec::new();
    for p in profiles.profiles() {
        if only.is_some_and(|name| !p.name.eq_ignore_ascii_case(name)) {
            continue;
        }
        match ProgressFile::peek(&**storage, &Profiles::folder(&p.id)) {
            Ok(progress) => out.push((
                p.id.clone(),
                p.account().to_string(),
                p.name.clone(),
                progress,
            )),
            Err(e) => unreadable.push(format!("profile \"{}\": {e}", p.name)),
        }
    }
    if !unreadable.is_empty() {
        bail!(
            "nothing was exported, because some progress could not be read:\n  {}",
            unreadable.join("\n  ")
        );
    }
    if let Some(name) = only
        && out.is_empty()
    {
        bail!("no profile named `{name}` in {}", data_dir.display());
    }
    Ok(out)
}

/// Renders the export.
///
/// # Errors
/// When serialization fails.
pub fn render(
    course: &Course,
    format: ExportFormat,
    learners: &[(String, String, String, Progress)],
) -> anyhow::Result<String> {
    let list: Vec<Learner<'_>> = learners
        .iter()
        .map(|(id, uuid, name, progress)| Learner {
            id,
            uuid,
            name,
            progress,
        })
        .collect();
    Ok(match format {
        ExportFormat::Csv => results_csv::csv(course, &list)?,
        ExportFormat::Xapi => format!(
            "{}\n",
            serde_json::to_string_pretty(&xapi::xapi(course, &list))?
        ),
    })
}

/// Writes the export.
///
/// # Errors
/// When the data folder or the file cannot be used.
pub fn export_results(
    course: &Course,
    data_dir: &Path,
    args: &ExportArgs,
) -> anyhow::Result<ExitCode> {
    let learners = learners(data_dir, args.profile.as_deref())?;
    let text = render(course, args.format, &learners)?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        None => super::emit(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
