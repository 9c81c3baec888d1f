//! `beacon check`: validate a course (a folder, or a GIFT file) and print its counts and source
//! coverage.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::content::{self, Course, Kind, Loaded, Problem, shelf};

/// Checks the course at `path`, a folder or a GIFT file, with the same report for both; exit
/// status 1 when there are errors.
///
/// # Errors
/// When `path` is not a course or cannot be read.
pub fn run(path: &Path) -> anyhow::Result<ExitCode> {
    if let Some(why) = shelf::not_a_course(path) {
        anyhow::bail!("{why}");
    }
    let loaded = if path.is_dir() {
        content::load(path)?
    } else {
        let mut problems = Vec::new();
        let course = shelf::read_gift(path, &mut problems);
        let Some(course) = course else {
            let mut out = String::new();
            for p in &problems {
                let _ = writeln!(out, "{p}");
            }
            let _ = writeln!(out, "{} errors, 0 warnings", problems.len());
            super::emit(&out)?;
            return Ok(ExitCode::FAILURE);
        };
        Loaded { course, problems }
    };
    let out = report(&loaded.course, &loaded.problems, path);
    super::emit(&out)?;
    Ok(if loaded.errors().next().is_some() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The problems, then per module the counts of facts, terms, events and questions of each kind,
/// the source paragraphs taught, the final assessment, and the number of errors and warnings.
fn report(course: &Course, problems: &[Problem], path: &Path) -> String {
    let mut out = String::new();
    for p in problems {
        let _ = writeln!(out, "{p}");
    }
    if !problems.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} (version {}), {}",
        course.info.title,
        course.info.version,
        path.display()
    );
    out.push('\n');
    let mut header = format!(
        "{:<18} {:>5} {:>5} {:>5} {:>6} {:>9}",
        "module", "facts", "terms", "events", "quest.", "generated"
    );
    for k in Kind::ALL {
        let _ = write!(header, " {:>10}", k.name());
    }
    let _ = writeln!(out, "{header}");
    let mut totals: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut generated_total = 0;
    for m in &course.modules {
        let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0);
        let generated = crate::quiz::generate::for_module(course, m, &mut rng).len();
        generated_total += generated;
        let mut line = format!(
            "{:<18} {:>5} {:>5} {:>5} {:>6} {:>9}",
            m.id,
            m.facts.len(),
            m.terms.len(),
            m.events.len(),
            m.questions.len(),
            generated
        );
        for k in Kind::ALL {
            let n = m.questions.iter().filter(|q| q.body.kind() == k).count();
            *totals.entry(k).or_default() += n;
            let _ = write!(line, " {n:>10}");
        }
        let _ = writeln!(out, "{line}");
    }
    let facts: usize = course.modules.iter().map(|m| m.facts.len()).sum();
    let terms: usize = course.modules.iter().map(|m| m.terms.len()).sum();
    let events: usize = course.modules.iter().map(|m| m.events.len()).sum();
    let questions: usize = course.modules.iter().map(|m| m.questions.len()).sum();
    let mut line = format!(
        "{:<18} {facts:>5} {terms:>5} {events:>5} {questions:>6} {generated_total:>9}",
        "total"
    );
    for k in Kind::ALL {
        let _ = write!(line, " {:>10}", totals.get(&k).copied().unwrap_or(0));
    }
    let _ = writeln!(out, "{line}");
    out.push('\n');
    let taught = course.taught_paragraphs();
    let list: Vec<String> = taught.iter().map(|n| format!("P{n}")).collect();
    let _ = writeln!(
        out,
        "Source article paragraphs taught ({}): {}",
        taught.len(),
        list.join(" ")
    );
    if !course.info.seed_paragraphs.is_empty() {
        let missing: Vec<String> = course
            .info
            .seed_paragraphs
            .iter()
            .filter(|n| !taught.contains(n))
            .map(|n| format!("P{n}"))
            .collect();
        let _ = writeln!(
            out,
            "Required paragraphs covered: {} of {}{}",
            course.info.seed_paragraphs.len() - missing.len(),
            course.info.seed_paragraphs.len(),
            if missing.is_empty() {
                String::new()
            } else {
                format!(" (missing: {})", missing.join(" "))
            }
        );
    }
    let a = &course.info.assessment;
    let _ = writeln!(
        out,
        "Final assessment: {} questions from {} modules, pass mark {}%, {}, {}, {}",
        a.questions,
        crate::progress::assessment::modules(course).len(),
        a.pass_mark,
        a.time_limit_minutes
            .map_or_else(|| "no time limit".to_owned(), |m| format!("{m} minutes")),
        a.attempts.map_or_else(
            || "unlimited attempts".to_owned(),
            |n| format!("{n} attempts")
        ),
        if a.lessons_first {
            "required lessons first"
        } else {
            "lessons not required first"
        }
    );
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let _ = writeln!(out, "{errors} errors, {} warnings", problems.len() - errors);
    out
}
