//! `beacon check`: validate a course (a folder, or a GIFT file) and print its counts and source
//! coverage.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::content::{self, Kind};

/// Checks the course at `dir`, a folder or a GIFT file with the same report for both (the
/// shipped course without one); exit status 1 when there are errors. With `cues`, also lists
/// the cues within their limits and runs the cue guesser.
///
/// # Errors
/// When `dir` is not a course or cannot be read.
pub fn run(dir: Option<&Path>, cues: bool) -> anyhow::Result<ExitCode> {
    let loaded = match dir {
        Some(path) => crate::storage::folder::load_course_at(path).map_err(anyhow::Error::msg)?,
        None => super::load_course(None)?,
    };
    let place = dir.map_or_else(
        || "the course built into this program".to_owned(),
        |d| d.display().to_string(),
    );
    let mut out = String::new();
    for p in &loaded.problems {
        let _ = writeln!(out, "{p}");
    }
    let course = &loaded.course;
    if !loaded.problems.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} (version {}), {}",
        course.info.title, course.info.version, place
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
        "Final assessment: {} from {}, pass mark {}%, {}, {}, {}",
        crate::plural::count(a.questions, "question", "questions"),
        crate::plural::count(
            crate::progress::assessment::modules(course).len(),
            "module",
            "modules"
        ),
        a.pass_mark,
        a.time_limit_minutes.map_or_else(
            || "no time limit".to_owned(),
            |m| { crate::plural::count(m as usize, "minute", "minutes") }
        ),
        a.attempts.map_or_else(
            || "unlimited attempts".to_owned(),
            |n| crate::plural::count(n as usize, "attempt", "attempts")
        ),
        if a.lessons_first {
            "required lessons first"
        } else {
            "lessons not required first"
        }
    );
    let errors = loaded.errors().count();
    let _ = writeln!(
        out,
        "{errors} errors, {} warnings",
        loaded.problems.len() - errors
    );
    cue_section(&mut out, &loaded, cues);
    super::emit(&out)?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The cue checks: per-question warnings at their lines, course totals against chance, and with
/// `all`, the notes within limits and the cue guesser on the final assessment's pool.
fn cue_section(out: &mut String, loaded: &content::Loaded, all: bool) {
    let report = &loaded.cues;
    let _ = writeln!(
        out,
        "\nCues a test-wise learner could use (see \"Cues\" in docs/content-format.md):"
    );
    let warnings = loaded.cue_warnings();
    for p in &warnings {
        let _ = writeln!(out, "{p}");
    }
    if all {
        let mut notes: Vec<content::Problem> = report
            .notes()
            .map(|f| loaded.places.problem(f, content::Severity::Warning))
            .collect();
        notes.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        for p in notes {
            let _ = writeln!(
                out,
                "{}:{}:{}: note (within the course's limit): {}",
                p.file.display(),
                p.line,
                p.column,
                p.message
            );
        }
    }
    let _ = writeln!(out, "Course totals against chance:");
    for line in report.total_lines() {
        let _ = writeln!(out, "  {line}");
    }
    let _ = writeln!(
        out,
        "{} cue warnings (they never stop the course from loading)",
        warnings.len()
    );
    if all {
        guesser_section(out, &loaded.course);
    }
}

/// The cue guesser's expected score on the final assessment's pool, next to chance and the
/// pass mark.
fn guesser_section(out: &mut String, course: &content::Course) {
    let settings = &course.info.cues;
    let lens = content::cues::Lens::new(settings);
    let pool = crate::progress::assessment::pool(course);
    let modules = crate::progress::assessment::modules(course).len();
    let g = content::cues::guess(pool.iter().copied(), &lens);
    let above = g.guesser_percent() - g.chance_percent();
    let verdict = if above > settings.guesser_above_chance + 1e-9 {
        "OVER"
    } else {
        "within"
    };
    let _ = writeln!(
        out,
        "\nCue guesser (knows nothing; picks the longest choice, ticks the longer ones, answers False to an absolute, otherwise guesses) on the final assessment's pool, {} from {}, each equally likely:",
        plural(g.questions, "authored question"),
        plural(modules, "module")
    );
    let _ = writeln!(
        out,
        "  expected score {:.1}%, pure chance {:.1}%, pass mark {}%: {above:.1} points above chance, {verdict} the limit of {:.0} points",
        g.guesser_percent(),
        g.chance_percent(),
        course.info.assessment.pass_mark,
        settings.guesser_above_chance
    );
    for (kind, (n, guesser, chance)) in &g.by_kind {
        let _ = writeln!(
            out,
            "  {:<10} {:>13}: guesser {:>5.1}%, chance {:>5.1}%",
            kind.name(),
            plural(*n, "question"),
            guesser / *n as f64 * 100.0,
            chance / *n as f64 * 100.0
        );
    }
}

/// "1 question", "2 questions".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
