//! Results for the organisation as a CSV for a spreadsheet: one row per attempt, each followed
//! by one row per question asked.

use std::collections::HashMap;

use super::xapi::{question_of, registration, response_pattern, stamp};
use super::{Learner, iso_duration, scope};
use crate::content::Course;
use crate::progress::AnswerRecord;
use crate::quiz::{Outcome, format_number};

/// The columns of the results CSV. The first twelve are the attempt's (Beacon wrote only these
/// before per-question rows were added, and still fills them the same way on attempt rows); the
/// last seven say which row it is, whose (the profile's id, the account name of its xAPI
/// statements) and, on answer rows, which question was answered how.
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
/// # Errors
/// When the CSV writer fails (it writes to memory, so only on a bug).
pub fn csv(course: &Course, learners: &[Learner<'_>]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0);
    for learner in learners {
        let mut answers: HashMap<(u64, &str), &AnswerRecord> = HashMap::new();
        for a in &learner.progress.answers {
            if let Some(attempt) = a.attempt {
                answers.entry((attempt, a.question.as_str())).or_insert(a);
            }
        }
        for a in &learner.progress.attempts {
            let scope = scope(a);
            let attempt_id = registration(learner.id, &a.info);
            w.write_record([
                learner.name,
                &course.info.id,
                &course.info.version,
                &scope,
                &a.info.title,
                &stamp(a.finished),
                &format_number((a.score * 100.0).round() / 100.0),
                &a.max.to_string(),
                &a.percent().to_string(),
                &a.passed.map_or_else(String::new, |p| p.to_string()),
                &iso_duration(a.seconds),
                &format!("{:.0}", a.seconds),
                "attempt",
                &attempt_id,
                learner.id,
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
                        let q = question_of(course, question, &mut rng)?;
                        Some(response_pattern(&q.body, r))
                    })
                    .unwrap_or_default();
                // A skipped question has no answer: score 0, no time.
                let timed =
                    |f: &dyn Fn(&AnswerRecord) -> String| answer.map_or_else(String::new, |a| f(a));
                w.write_record([
                    learner.name,
                    "",
                    "",
                    &scope,
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
                    learner.id,
                    &(n + 1).to_string(),
                    question,
                    outcome_name(answer.map_or(Outcome::Skipped, |a| a.outcome)),
                    &response,
                ])?;
            }
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
