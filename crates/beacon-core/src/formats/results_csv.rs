//! Results for the organisation as a CSV for a spreadsheet: one row per attempt, each followed
//! by one row per question asked, then one row per lesson begun, so that "passed the
//! assessment" and "read every lesson" can both be checked, and item statistics computed.

use std::collections::HashMap;

use super::xapi::{Seen, registration, response_pattern, stamp};
use super::{Learner, iso_duration, scope, spreadsheet_safe};
use crate::content::Course;
use crate::progress::AnswerRecord;
use crate::quiz::{Outcome, format_number};

/// The columns of the results CSV. The first twelve are the attempt's (Beacon wrote only these
/// before per-question rows were added, and still fills them the same way on attempt rows); the
/// last seven say which row it is (`attempt`, `answer` or `lesson`), whose (`profile_id` is the
/// profile's UUID, the account name of its xAPI statements, which tells two people of the same
/// name or two computers' "Learner 1" apart) and, on answer rows, which question was answered how.
pub const CSV_HEADER: [&str; 19] = [
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
    "attempt_id",
    "profile_id",
    "position",
    "question",
    "outcome",
    "response",
];

/// One `attempt` row per attempt (profile, course, version, scope, title, finished in ISO 8601,
/// score, max, percent, passed, duration in ISO 8601 and in seconds), each followed by one
/// `answer` row per question asked, in the order asked: its position, question id, outcome,
/// score from 0 to 1 (max 1), when it was answered, time taken and the response in xAPI's
/// response format. A skipped question has outcome `skipped`, score 0 and no time. Answer rows
/// leave course, version, title, percent and passed empty: they are on the attempt row above.
/// Both kinds of row carry the attempt's id, the same as its xAPI registration.
///
/// After a learner's attempts, one `lesson` row per lesson begun: scope is the module id, title
/// the module's title, finished when the lesson counted as read (every page shown long enough to
/// read it and its "check yourself" questions answered; else when its last page was reached),
/// score the pages seen, max the lesson's pages, passed whether it counts as read, and the
/// duration the time its pages were shown. Text cells a spreadsheet would run as a formula are
/// written with a `'` in front.
///
/// # Errors
/// When the CSV writer fails (it writes to memory, so only on a bug).
pub fn csv(course: &Course, learners: &[Learner<'_>]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    for learner in learners {
        let name = spreadsheet_safe(learner.name);
        let mut seen = Seen::new(course, learner.progress);
        let mut answers: HashMap<(u64, &str), &AnswerRecord> = HashMap::new();
        for a in &learner.progress.answers {
            if let Some(attempt) = a.attempt {
                answers.entry((attempt, a.question.as_str())).or_insert(a);
            }
        }
        for a in &learner.progress.attempts {
            let scope = scope(a);
            let attempt_id = registration(learner.uuid, &a.info);
            w.write_record([
                name.as_ref(),
                &spreadsheet_safe(&course.info.id),
                &spreadsheet_safe(&course.info.version),
                &spreadsheet_safe(&scope),
                &spreadsheet_safe(&a.info.title),
                &stamp(a.finished),
                &format_number((a.score * 100.0).round() / 100.0),
                &a.max.to_string(),
                &a.percent().to_string(),
                &a.passed.map_or_else(String::new, |p| p.to_string()),
                &iso_duration(a.seconds),
                &format!("{:.0}", a.seconds),
                "attempt",
                &attempt_id,
                learner.uuid,
                "",
                "",
                "",
                "",
            ])?;
            for (n, question) in a.questions.iter().enumerate() {
                let answer = answers.get(&(a.info.id, question.as_str()));
                let response = answer
                    .and_then(|a| a.response.as_ref())
                    .and_then(|r| {
                        let q = seen.question(question, Some(a.info.id))?;
                        Some(response_pattern(&q.body, r))
                    })
                    .unwrap_or_default();
                // A skipped question has no answer: score 0, no time.
                let timed =
                    |f: &dyn Fn(&AnswerRecord) -> String| answer.map_or_else(String::new, |a| f(a));
                w.write_record([
                    name.as_ref(),
                    "",
                    "",
                    &spreadsheet_safe(&scope),
                    "",
                    &timed(&|a| stamp(a.at)),
                    &answer.map_or(0.0, |a| a.score.clamp(0.0, 1.0)).to_string(),
                    "1",
                    "",
                    "",
                    &timed(&|a| iso_duration(a.seconds)),
                    &timed(&|a| format!("{:.0}", a.seconds)),
                    "answer",
                    &attempt_id,
                    learner.uuid,
                    &(n + 1).to_string(),
                    &spreadsheet_safe(question),
                    outcome_name(answer.map_or(Outcome::Skipped, |a| a.outcome)),
                    &response,
                ])?;
            }
        }
        for module in &course.modules {
            let Some(lesson) = learner.progress.lessons.get(&module.id) else {
                continue;
            };
            let total = crate::lesson::lesson(course, module).pages.len();
            let pages_seen = lesson.pages_read.iter().filter(|&&p| p < total).count();
            let seconds: f64 = lesson.shown.values().sum();
            let when = lesson.read_at.or(lesson.finished_at);
            w.write_record([
                name.as_ref(),
                &spreadsheet_safe(&course.info.id),
                &spreadsheet_safe(&course.info.version),
                &spreadsheet_safe(&module.id),
                &spreadsheet_safe(&module.title),
                &when.map(stamp).unwrap_or_default(),
                &pages_seen.to_string(),
                &total.to_string(),
                &(pages_seen * 100 / total.max(1)).to_string(),
                &lesson.read_at.is_some().to_string(),
                &iso_duration(seconds),
                &format!("{seconds:.0}"),
                "lesson",
                "",
                learner.uuid,
                "",
                "",
                "",
                "",
            ])?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The name of an outcome in the CSV, as progress files write it.
#[must_use]
pub fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Right => "right",
        Outcome::PartlyRight => "partly_right",
        Outcome::Wrong => "wrong",
        Outcome::Skipped => "skipped",
    }
}
