//! The report as a readable table, as CSV (one row per question) and as JSON.

use std::fmt::Write;

use super::analyse::{QuestionStats, Report, TestStats, Which};
use super::flags::percent;

/// A figure to two decimals, or a dash.
fn decimal(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{x:.2}"))
}

/// A share as a percentage to one decimal, or a dash.
fn share(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{:.1}%", x * 100.0))
}

/// Lines of aligned columns; `right` says which columns are numbers.
fn columns(rows: &[Vec<String>], right: &[bool]) -> String {
    let width = |c: usize| {
        rows.iter()
            .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..right.len()).map(width).collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from(" ");
        for (c, cell) in row.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0);
            if right.get(c).copied().unwrap_or(false) {
                let _ = write!(line, " {cell:>w$}");
            } else {
                let _ = write!(line, " {cell:<w$}");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn test_row(t: &TestStats) -> Vec<String> {
    vec![
        t.title.clone(),
        t.learners.to_string(),
        t.attempts.to_string(),
        share(t.mean),
        share(t.median),
        share(t.sd),
        decimal(t.alpha),
        share(t.standard_error),
    ]
}

fn question_row(q: &QuestionStats) -> Vec<String> {
    vec![
        q.id.clone(),
        q.kind.unwrap_or("-").to_owned(),
        q.attempts.to_string(),
        percent(q.facility),
        decimal(q.discrimination),
        q.efficiency.map_or_else(|| "-".to_owned(), percent),
        q.worst().map_or("", |k| k.label()).to_owned(),
    ]
}

/// What the report covers, in a sentence.
#[must_use]
pub fn summary(report: &Report) -> String {
    let which = match report.attempts_used {
        Which::First => "each learner's first attempt at each test",
        Which::All => "every attempt",
    };
    format!(
        "{} file{}, {} learner{}; counting {which}.",
        report.files.len(),
        if report.files.len() == 1 { "" } else { "s" },
        report.learners,
        if report.learners == 1 { "" } else { "s" },
    )
}

/// The report as text for a terminal.
#[must_use]
pub fn table(report: &Report) -> String {
    let mut out = format!("Class report: {}\n\nTests\n", summary(report));
    let mut rows = vec![
        [
            "Test", "Learners", "Attempts", "Mean", "Median", "SD", "Alpha", "SE",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    rows.extend(report.tests.iter().map(test_row));
    out.push_str(&columns(
        &rows,
        &[false, true, true, true, true, true, true, true],
    ));
    let scope = report
        .test
        .as_deref()
        .and_then(|id| report.test_stats(id))
        .map_or_else(|| "every test".to_owned(), |t| t.title.clone());
    let _ = writeln!(out, "\nQuestions ({scope})");
    let mut rows = vec![
        [
            "Question",
            "Kind",
            "Attempts",
            "Facility",
            "Discrimination",
            "Efficiency",
            "Flag",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    rows.extend(report.questions.iter().map(question_row));
    out.push_str(&columns(
        &rows,
        &[false, false, true, true, true, true, false],
    ));
    let mut flagged: Vec<&QuestionStats> = report
        .questions
        .iter()
        .filter(|q| q.worst().is_some())
        .collect();
    flagged.sort_by_key(|q| q.worst());
    if !flagged.is_empty() {
        out.push_str("\nWhat to look at\n");
        for q in flagged {
            let _ = writeln!(out, "  {}", q.id);
            if let Some(prompt) = &q.prompt {
                let _ = writeln!(out, "    {prompt}");
            }
            if let Some(key) = &q.key {
                let _ = writeln!(out, "    Key: {key}");
            }
            if !q.choices.is_empty() {
                let picks: Vec<String> = q
                    .choices
                    .iter()
                    .map(|c| {
                        format!(
                            "{}{} {}",
                            c.text,
                            if c.correct { " (right)" } else { "" },
                            percent(c.share)
                        )
                    })
                    .collect();
                let _ = writeln!(out, "    Picked: {}", picks.join("; "));
            }
            for f in &q.flags {
                let _ = writeln!(out, "    - {}", f.reason);
            }
        }
    }
    if !report.notes.is_empty() {
        out.push_str("\nLeft out\n");
        for n in &report.notes {
            let _ = writeln!(out, "  {n}");
        }
    }
    out
}

/// One row per question: the figures at full precision, the choices picked, and the flags.
///
/// # Errors
/// When the CSV writer fails (it writes to memory, so only on a bug).
pub fn csv(report: &Report) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "question",
        "module",
        "kind",
        "attempts",
        "facility",
        "sd",
        "discrimination",
        "efficiency",
        "responses",
        "choices",
        "flags",
        "reasons",
        "prompt",
        "key",
    ])?;
    let number = |x: Option<f64>| x.map_or_else(String::new, |x| x.to_string());
    for q in &report.questions {
        let choices: Vec<String> = q
            .choices
            .iter()
            .map(|c| {
                format!(
                    "{}{}={}",
                    c.text,
                    if c.correct { " (right)" } else { "" },
                    c.picked
                )
            })
            .collect();
        let flags: Vec<String> = q
            .flags
            .iter()
            .map(|f| {
                serde_json::to_value(f.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            })
            .collect();
        let reasons: Vec<&str> = q.flags.iter().map(|f| f.reason.as_str()).collect();
        w.write_record([
            q.id.as_str(),
            q.module.as_deref().unwrap_or_default(),
            q.kind.unwrap_or_default(),
            &q.attempts.to_string(),
            &q.facility.to_string(),
            &number(q.sd),
            &number(q.discrimination),
            &number(q.efficiency),
            &q.responses.to_string(),
            &choices.join("; "),
            &flags.join(";"),
            &reasons.join(" "),
            q.prompt.as_deref().unwrap_or_default(),
            q.key.as_deref().unwrap_or_default(),
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The whole report as JSON (figures at full precision).
///
/// # Errors
/// When serialization fails (only on a bug).
pub fn json(report: &Report) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(report).map(|mut s| {
        s.push('\n');
        s
    })
}
