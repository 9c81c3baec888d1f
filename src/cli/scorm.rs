//! `beacon export scorm`: a SCORM package (1.2 or 2004 4th edition) that any LMS can host: the
//! core's manifest and deterministic zip writer, the browser build (`scripts/web` writes it to
//! `target/dist/web/`) and, with `--course DIR`, that course's files under `course/`, which the
//! launched page loads instead of the course embedded in the `.wasm`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;

use crate::formats::scorm::package::{self, COURSE_DIR, File};
use crate::formats::scorm::{Version, manifest};

/// The browser build `beacon export scorm` packages when no other is named.
pub const DEFAULT_WEB_BUILD: &str = "target/dist/web";

/// The `<meta>` of the launch page that says the page runs from a SCORM package: its content is
/// the version (`1.2` or `2004`), so the page looks for that version's LMS API first.
pub const META_SCORM: &str = "beacon-scorm";
/// The `<meta>` of the launch page that lists the course files under `course/`, separated by
/// spaces, when the package carries its own course.
pub const META_COURSE: &str = "beacon-course";

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
    /// The browser build to package (index.html, beacon.js, beacon_bg.wasm), as `scripts/web`
    /// writes it (default: target/dist/web).
    #[arg(long = "web", value_name = "DIR", env = "BEACON_WEB_DIR")]
    pub web: Option<PathBuf>,
}

fn parse_version(text: &str) -> Result<Version, String> {
    text.parse()
}

/// Every file under `dir`, with its path relative to `dir` (`/` separated), in name order.
fn files_under(dir: &Path, prefix: &str, out: &mut Vec<File>) -> anyhow::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<Result<_, _>>()
        .with_context(|| format!("reading {}", dir.display()))?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let inside = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if path.is_dir() {
            files_under(&path, &inside, out)?;
        } else {
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            out.push(File::new(inside, bytes));
        }
    }
    Ok(())
}

/// The launch page with the package's `<meta>` lines added before `</head>`.
fn launch_page(html: &str, version: Version, course_files: &[String]) -> anyhow::Result<String> {
    let mut meta = format!(
        "  <meta name=\"{META_SCORM}\" content=\"{}\">\n",
        version.label()
    );
    if !course_files.is_empty() {
        let _ = writeln!(
            meta,
            "  <meta name=\"{META_COURSE}\" content=\"{}\">",
            course_files.join(" ")
        );
    }
    let Some(at) = html.find("</head>") else {
        bail!("the browser build's {} has no </head>", manifest::LAUNCH);
    };
    Ok(format!("{}{meta}{}", &html[..at], &html[at..]))
}

/// Writes the SCORM package of `course_dir` (or of the shipped course).
///
/// # Errors
/// When the browser build is missing, the course cannot be read, or the zip cannot be written.
pub fn export(course_dir: Option<&Path>, args: &ScormArgs) -> anyhow::Result<ExitCode> {
    let web = args
        .web
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_WEB_BUILD));
    if !web.join(manifest::LAUNCH).is_file() || !web.join("beacon_bg.wasm").is_file() {
        bail!(
            "the browser build is missing: {} has no {} and beacon_bg.wasm. Build it with scripts/web (from Beacon's source folder), or name a build folder with --web DIR or BEACON_WEB_DIR",
            web.display(),
            manifest::LAUNCH
        );
    }
    let mut files = Vec::new();
    files_under(&web, "", &mut files)?;

    let (info, course_files) = match course_dir {
        Some(dir) => {
            let (course_files, problems) =
                crate::storage::folder::folder_files(dir).map_err(|e| anyhow::anyhow!("{e}"))?;
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
            let names: Vec<String> = course_files
                .iter()
                .filter_map(|f| f.name.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect();
            if let Some(bad) = names.iter().find(|n| n.contains(char::is_whitespace)) {
                bail!(
                    "the course file \"{bad}\" has a space in its name, which a package cannot list: rename it"
                );
            }
            for (name, f) in names.iter().zip(course_files) {
                files.push(File::new(format!("{COURSE_DIR}/{name}"), f.bytes));
            }
            (loaded.course.info, names)
        }
        None => (crate::shipped::load_for_app().course.info, Vec::new()),
    };
    let launch = files
        .iter_mut()
        .find(|f| f.path == manifest::LAUNCH)
        .context("the browser build has no launch page")?;
    let html = String::from_utf8(std::mem::take(&mut launch.bytes))
        .with_context(|| format!("{} is not UTF-8 text", manifest::LAUNCH))?;
    launch.bytes = launch_page(&html, args.version, &course_files)?.into_bytes();

    let out = std::fs::File::create(&args.output)
        .with_context(|| format!("creating {}", args.output.display()))?;
    let mut out = std::io::BufWriter::new(out);
    package::write(args.version, &info, &files, &mut out)
        .with_context(|| format!("writing {}", args.output.display()))?;
    std::io::Write::flush(&mut out)
        .with_context(|| format!("writing {}", args.output.display()))?;
    drop(out);
    let size = std::fs::metadata(&args.output).map_or(0, |m| m.len());
    super::emit(&format!(
        "Wrote {} ({}, \"{}\", {} files, {:.2} MB)\n",
        args.output.display(),
        args.version,
        info.title,
        files.len() + 1,
        size as f64 / 1e6
    ))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_launch_page_says_it_is_in_a_package() {
        let html = "<html><head><title>Beacon</title></head><body></body></html>";
        let page = launch_page(
            html,
            Version::Scorm12,
            &["course.toml".into(), "a.toml".into()],
        )
        .expect("page");
        assert!(
            page.contains(r#"<meta name="beacon-scorm" content="1.2">"#),
            "{page}"
        );
        assert!(
            page.contains(r#"<meta name="beacon-course" content="course.toml a.toml">"#),
            "{page}"
        );
        assert!(page.find("beacon-course") < page.find("</head>"));
        assert!(launch_page("<html></html>", Version::Scorm2004, &[]).is_err());
    }
}
