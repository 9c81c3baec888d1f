//! Results for the organisation as a CSV of attempts, one row each, for a spreadsheet.

use super::{Learner, iso_duration, scope};
use crate::content::Course;
use crate::quiz::format_number;

/// One row per attempt: profile, course, version, scope, title, finished (ISO 8601), score,
/// max, percent, passed, duration (ISO 8601) and duration in seconds.
///
/// # Errors
/// When the CSV writer fails (it writes to memory, so only on a bug).
pub fn csv(course: &Course, learners: &[Learner<'_>]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "profile",
        "course",
        "version",
        "scope",
        "title",
        "finished",
        "score",
        "max",
        "percent",
        "passed",
        "duration",
        "duration_seconds",
    ])?;
    for learner in learners {
        for a in &learner.progress.attempts {
            w.write_record([
                learner.name.to_owned(),
                course.info.id.clone(),
                course.info.version.clone(),
                scope(a),
                a.info.title.clone(),
                a.finished
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                format_number((a.score * 100.0).round() / 100.0),
                a.max.to_string(),
                a.percent().to_string(),
                a.passed.map_or_else(String::new, |p| p.to_string()),
                iso_duration(a.seconds),
                format!("{:.0}", a.seconds),
            ])?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
