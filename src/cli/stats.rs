//! `beacon stats FILE...`: item statistics from pooled results files.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::content::Course;
use crate::stats::{self, Options, Pool, Thresholds, Which};

/// Options of `beacon stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Results files: Beacon's results CSV, Beacon's xAPI export, or xAPI statements from a
    /// learning record store (a JSON array or `{"statements": [...]}`), from any number of
    /// computers.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// One row per question as CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// The whole report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Count every attempt, not only each learner's first at each test.
    #[arg(long)]
    pub all_attempts: bool,
    /// Analyse the questions of one test only: `final`, a module id, `review`, `mixed`.
    #[arg(long, value_name = "TEST")]
    pub test: Option<String>,
    /// Questions with fewer attempts get no flag but "few attempts".
    #[arg(long, value_name = "N", default_value_t = Thresholds::default().min_attempts)]
    pub min_attempts: usize,
}

/// Reads the files and prints the report.
///
/// # Errors
/// When a file cannot be read or output cannot be written.
pub fn run(course: &Course, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let mut pool = Pool::new();
    for path in &args.files {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        pool.read(&path.display().to_string(), &bytes, course);
    }
    let options = Options {
        which: if args.all_attempts {
            Which::All
        } else {
            Which::First
        },
        test: args.test.clone(),
        thresholds: Thresholds {
            min_attempts: args.min_attempts,
            ..Thresholds::default()
        },
    };
    let report = stats::analyse(&pool, course, &options);
    if let Some(test) = &args.test
        && report.test_stats(test).is_none()
    {
        let ids: Vec<&str> = report.tests.iter().map(|t| t.id.as_str()).collect();
        anyhow::bail!(
            "no attempts at test `{test}` in these files; the tests are: {}",
            ids.join(", ")
        );
    }
    let text = if args.json {
        stats::render::json(&report)?
    } else if args.csv {
        stats::render::csv(&report)?
    } else {
        stats::render::table(&report)
    };
    if args.json || args.csv {
        // The problems go to standard error, so the output stays machine-readable.
        for note in &report.notes {
            eprintln!("{note}");
        }
    }
    super::emit(&text)?;
    if report.tests.is_empty() {
        eprintln!("No results could be read from these files.");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
