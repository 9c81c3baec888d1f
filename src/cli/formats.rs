//! `beacon export course` (GIFT, Moodle XML, Anki CSV) and `beacon import FILE`.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};

use beacon_core::data::courses;

use crate::content::Course;

/// Formats a course can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CourseFormat {
    /// Moodle's GIFT text format.
    Gift,
    /// Moodle XML.
    MoodleXml,
    /// A CSV of cards (front, back, tags) for Anki.
    Anki,
}

/// Options of `beacon export course`.
#[derive(Debug, Args)]
pub struct ExportCourseArgs {
    /// GIFT, Moodle XML or Anki CSV.
    #[arg(long, value_enum)]
    pub format: CourseFormat,
    /// The file to write (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Export a quiz instead of the whole course: this many questions...
    #[arg(long)]
    pub count: Option<usize>,
    /// ...with this quiz number (the same as printed and presented)...
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = super::seed)]
    pub seed: u64,
    /// ...from these modules (default: the whole course).
    #[arg(long = "module", value_name = "MODULE")]
    pub modules: Vec<String>,
}

/// The course, or only the questions of the quiz that `count`, `seed` and `modules` give.
fn selection(course: &Course, args: &ExportCourseArgs) -> Course {
    let Some(count) = args.count else {
        return course.clone();
    };
    let quiz = crate::quiz::classroom_quiz(course, &args.modules, count, args.seed, &[]);
    let modules = course
        .modules
        .iter()
        .filter_map(|m| {
            let questions: Vec<crate::content::Question> = quiz
                .items
                .iter()
                .filter(|i| i.module == m.id)
                .map(|i| i.question.clone())
                .collect();
            (!questions.is_empty()).then(|| crate::content::Module {
                questions,
                ..m.clone()
            })
        })
        .collect();
    Course::new(course.info.clone(), modules)
}

/// Writes the course in another format; questions the format cannot hold are listed on stderr.
///
/// # Errors
/// When the file cannot be written.
pub fn export_course(course: &Course, args: &ExportCourseArgs) -> anyhow::Result<ExitCode> {
    let course = &selection(course, args);
    let (text, left_out) = match args.format {
        CourseFormat::Gift => {
            let e = crate::formats::gift::to_gift(course);
            (e.text, e.left_out)
        }
        CourseFormat::MoodleXml => {
            let e = crate::formats::moodle_xml::to_moodle_xml(course);
            (e.xml, e.left_out)
        }
        CourseFormat::Anki => (crate::formats::anki::to_anki_csv(course)?, Vec::new()),
    };
    for l in &left_out {
        eprintln!("left out: {l}");
    }
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        None => super::emit(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Copies a course folder or GIFT file into the data folder's `courses/`, where the app shows
/// it, and lists its problems with file and line. Exit status 1 when nothing could be loaded.
///
/// # Errors
/// When the file cannot be read or copied.
pub fn import(data_dir: &Path, file: &Path) -> anyhow::Result<ExitCode> {
    let (name, source) =
        crate::storage::folder::read_source(file).map_err(|e| anyhow::anyhow!("{e}"))?;
    let storage = crate::storage::FileStorage::unlocked(data_dir);
    let added = courses::add(&storage, &name, source)
        .with_context(|| format!("adding {}", file.display()))?;
    let entry = added.entry;
    let mut out = String::new();
    for s in &added.skipped {
        let _ = writeln!(out, "not copied: {s}");
    }
    for p in &entry.problems {
        let _ = writeln!(out, "{p}");
    }
    match &entry.course {
        Some(course) => {
            let _ = writeln!(
                out,
                "Added \"{}\" ({}, {}) to {}",
                course.info.title,
                crate::plural::count(course.modules.len(), "module", "modules"),
                crate::plural::count(course.questions().count(), "question", "questions"),
                entry.location
            );
            super::emit(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let _ = writeln!(
                out,
                "Nothing could be loaded from {}; it was copied to {} so you can fix it there.",
                file.display(),
                entry.location
            );
            super::emit(&out)?;
            Ok(ExitCode::FAILURE)
        }
    }
}
