//! `beacon export scorm`: a SCORM package (1.2 or 2004 4th edition) that any LMS can host: the
//! core's manifest and deterministic zip writer, the browser build (the one shipped beside the
//! program, or what `scripts/web` writes to `target/dist/web/`: see `scorm_export::places`) and,
//! with `--course DIR`, that course's files under `course/`, which the launched page loads
//! instead of the course embedded in the `.wasm`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use clap::Args;

use crate::formats::scorm::Version;
use crate::scorm_export;

/// Options of `beacon export scorm`.
#[derive(Debug, Args)]
pub struct ScormArgs {
    /// The SCORM version: 1.2 (every LMS) or 2004 (4th edition: separate completion and
    /// success, scaled scores, longer suspend data).
    #[arg(long, default_value = "2004", value_parser = parse_version)]
    pub version: Version,
    /// The zip to write.
    #[arg(short = 'o', long = "output", value_name = "FILE.zip")]
    pub output: PathBuf,
    /// The browser build to package (index.html, beacon.js, beacon_bg.wasm or .wasm.br), as
    /// `scripts/web` writes it (default: the one shipped beside the program, else
    /// target/dist/web).
    #[arg(long = "web", value_name = "DIR", env = "BEACON_WEB_DIR")]
    pub web: Option<PathBuf>,
}

fn parse_version(text: &str) -> Result<Version, String> {
    text.parse()
}

/// Writes the SCORM package of `course_dir` (or of the shipped course).
///
/// # Errors
/// When the browser build is missing, the course cannot be read, or the zip cannot be written.
pub fn export(course_dir: Option<&Path>, args: &ScormArgs) -> anyhow::Result<ExitCode> {
    let web = scorm_export::locate(args.web.as_deref()).map_err(|e| anyhow!("{e}"))?;
    let files = scorm_export::read_build(&web).map_err(|e| anyhow!("{e}"))?;

    let (info, course) = match course_dir {
        Some(dir) => {
            let (course, problems) =
                scorm_export::folder_course(dir).map_err(|e| anyhow!("{e}"))?;
            let loaded = super::load_course(Some(dir))?;
            let errors: Vec<String> = problems
                .iter()
                .chain(loaded.errors())
                .map(ToString::to_string)
                .collect();
            if !errors.is_empty() || loaded.course.modules.is_empty() {
                bail!(
                    "the course in {} has problems (see `beacon check {}`), so it is not packaged:\n{}",
                    dir.display(),
                    dir.display(),
                    errors.join("\n")
                );
            }
            (loaded.course.info, course)
        }
        None => (crate::shipped::load_for_app().course.info, Vec::new()),
    };
    let count = files.len() + course.len() + 1;
    let bytes =
        scorm_export::package(args.version, &info, files, course).map_err(|e| anyhow!("{e}"))?;
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("writing {}", args.output.display()))?;
    super::emit(&format!(
        "Wrote {} ({}, \"{}\", {count} files, {:.2} MB, from the browser build in {})\n",
        args.output.display(),
        args.version,
        info.title,
        bytes.len() as f64 / 1e6,
        web.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
