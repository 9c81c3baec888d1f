//! Results for the organisation as a CSV for a spreadsheet: one row per attempt and one per
//! lesson begun, so that "passed the assessment" and "read every lesson" can both be checked.

use super::{Learner, iso_duration, scope, spreadsheet_safe};
use crate::content::Course;
use crate::quiz::format_number;

/// The columns. `record` says what a row is (`attempt` or `lesson`); `learner` is the profile's
/// UUID, which tells two people of the same name (or two computers' "Learner 1") apart.
pub const HEADER: [&str; 15] = [
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
    "record",
    "learner",
    "pages",
];

/// One `attempt` row per attempt: profile, course, version, scope (module id, `final`, `review`
/// or `mixed`), title, finished (ISO 8601), score, max, percent, passed, duration (ISO 8601)
/// and in seconds. Then one `lesson` row per lesson begun: scope is the module id, title the
/// module's title, finished when the lesson counted as read (every page shown long enough to
/// read it and its "check yourself" questions answered; else when its last page was reached),
/// score and `pages` the pages seen, max the lesson's pages, passed whether it counts as read,
/// and the duration the time its pages were shown. Text cells a spreadsheet would run as a
/// formula are written with a `'` in front.
///
/// # Errors
/// When the CSV writer fails (it writes to memory, so only on a bug).
pub fn csv(course: &Course, learners: &[Learner<'_>]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    let stamp =
        |at: chrono::DateTime<chrono::Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for learner in learners {
        let name = spreadsheet_safe(learner.name);
        for a in &learner.progress.attempts {
            w.write_record([
                name.as_ref(),
                &spreadsheet_safe(&course.info.id),
                &spreadsheet_safe(&course.info.version),
                &spreadsheet_safe(&scope(a)),
                &spreadsheet_safe(&a.info.title),
                &stamp(a.finished),
                &format_number((a.score * 100.0).round() / 100.0),
                &a.max.to_string(),
                &a.percent().to_string(),
                &a.passed.map_or_else(String::new, |p| p.to_string()),
                &iso_duration(a.seconds),
                &format!("{:.0}", a.seconds),
                "attempt",
                learner.uuid,
                "",
            ])?;
        }
        for module in &course.modules {
            let Some(lesson) = learner.progress.lessons.get(&module.id) else {
                continue;
            };
            let total = crate::lesson::lesson(course, module).pages.len();
            let seen = lesson.pages_read.iter().filter(|&&p| p < total).count();
            let seconds: f64 = lesson.shown.values().sum();
            let when = lesson.read_at.or(lesson.finished_at);
            w.write_record([
                name.as_ref(),
                &spreadsheet_safe(&course.info.id),
                &spreadsheet_safe(&course.info.version),
                &spreadsheet_safe(&module.id),
                &spreadsheet_safe(&module.title),
                &when.map(stamp).unwrap_or_default(),
                &seen.to_string(),
                &total.to_string(),
                &(seen * 100 / total.max(1)).to_string(),
                &lesson.read_at.is_some().to_string(),
                &iso_duration(seconds),
                &format!("{seconds:.0}"),
                "lesson",
                learner.uuid,
                &seen.to_string(),
            ])?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
