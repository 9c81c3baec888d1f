//! What the launched page tells the LMS: completion (the required lessons read), success
//! (passed or failed by the course's pass mark) and score from the final assessment, the
//! session time, where the learner is, the saved progress, and each answer as an interaction
//! in the same response patterns as the xAPI export. Each version's data model names and
//! formats (SCORM 1.2 `cmi.core.*`, SCORM 2004 `cmi.*`) are spelt out here, as pairs of
//! element and value for the runtime's `SetValue`.

use chrono::{DateTime, Timelike, Utc};

use super::Version;
use crate::content::{Body, Course};
use crate::formats::iso_duration;
use crate::formats::xapi::{correct_patterns, interaction_type, response_pattern};
use crate::progress::{AnswerRecord, AttemptRecord, Progress, assessment};
use crate::quiz::{Outcome, Response};

/// Whether the learner has read what the course requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// Some required lesson is not read yet.
    Incomplete,
    /// Every required lesson is read.
    Completed,
}

/// How the learner stands with the final assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Success {
    /// Not taken yet.
    Unknown,
    /// Passed at least once.
    Passed,
    /// Taken, never passed.
    Failed,
}

/// What Beacon reports about a learner.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// Required lessons read or not.
    pub completion: Completion,
    /// The share of required lessons read, 0 to 1.
    pub progress: f64,
    /// Passed, failed or not taken.
    pub success: Success,
    /// The score of the final assessment that counts (the best pass, else the best try):
    /// points and the most points.
    pub score: Option<(f64, usize)>,
}

/// The learner's status in `course`.
#[must_use]
pub fn status(course: &Course, progress: &Progress) -> Status {
    let required = assessment::modules(course);
    let read = required
        .iter()
        .filter(|m| progress.lessons.get(*m).is_some_and(|l| l.finished))
        .count();
    let finals: Vec<&AttemptRecord> = progress
        .attempts
        .iter()
        .filter(|a| a.info.assessment)
        .collect();
    let best = |list: &mut dyn Iterator<Item = &&AttemptRecord>| {
        list.max_by(|a, b| {
            (a.score / a.max.max(1) as f64).total_cmp(&(b.score / b.max.max(1) as f64))
        })
        .map(|a| (a.score, a.max))
    };
    let passed = best(&mut finals.iter().filter(|a| a.passed == Some(true)));
    let success = match (passed, finals.is_empty()) {
        (Some(_), _) => Success::Passed,
        (None, true) => Success::Unknown,
        (None, false) => Success::Failed,
    };
    Status {
        completion: if read == required.len() {
            Completion::Completed
        } else {
            Completion::Incomplete
        },
        progress: if required.is_empty() {
            1.0
        } else {
            read as f64 / required.len() as f64
        },
        success,
        score: passed.or_else(|| best(&mut finals.iter())),
    }
}

/// A number as SCORM's decimals take it: at most 7 decimal places, no exponent, no trailing
/// zeros.
fn decimal(x: f64) -> String {
    let fixed = format!("{x:.7}");
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// SCORM 1.2's `CMITimespan`, `HHHH:MM:SS.SS`.
#[must_use]
pub fn timespan_12(seconds: f64) -> String {
    let centis = (seconds.max(0.0) * 100.0).round() as u64;
    let (h, rest) = (centis / 360_000, centis % 360_000);
    let (m, rest) = (rest / 6000, rest % 6000);
    format!("{h:04}:{m:02}:{:02}.{:02}", rest / 100, rest % 100)
}

/// SCORM 2004's `time (second,10,0)`, e.g. `2026-11-28T09:30:05.0Z`.
fn time_2004(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S.0Z").to_string()
}

/// The elements to set for `status`, the session's length, where the learner is and the
/// encoded progress.
#[must_use]
pub fn values(
    version: Version,
    status: &Status,
    session_seconds: f64,
    location: &str,
    suspend_data: &str,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    match version {
        Version::Scorm12 => {
            let lesson_status = match (status.success, status.completion) {
                (Success::Passed, _) => "passed",
                (Success::Failed, _) => "failed",
                (Success::Unknown, Completion::Completed) => "completed",
                (Success::Unknown, Completion::Incomplete) => "incomplete",
            };
            out.push(("cmi.core.lesson_status", lesson_status.to_owned()));
            if let Some((raw, max)) = status.score {
                // SCORM 1.2 scores are read as 0 to 100 by LMSs (and its mastery score too).
                let percent = raw / max.max(1) as f64 * 100.0;
                out.push(("cmi.core.score.raw", decimal(percent.clamp(0.0, 100.0))));
                out.push(("cmi.core.score.min", "0".to_owned()));
                out.push(("cmi.core.score.max", "100".to_owned()));
            }
            out.push(("cmi.core.session_time", timespan_12(session_seconds)));
            out.push(("cmi.core.lesson_location", truncate(location, 255)));
            out.push(("cmi.core.exit", "suspend".to_owned()));
            out.push(("cmi.suspend_data", suspend_data.to_owned()));
        }
        Version::Scorm2004 => {
            let completion = match status.completion {
                Completion::Completed => "completed",
                Completion::Incomplete => "incomplete",
            };
            out.push(("cmi.completion_status", completion.to_owned()));
            out.push((
                "cmi.progress_measure",
                decimal(status.progress.clamp(0.0, 1.0)),
            ));
            let success = match status.success {
                Success::Passed => "passed",
                Success::Failed => "failed",
                Success::Unknown => "unknown",
            };
            out.push(("cmi.success_status", success.to_owned()));
            if let Some((raw, max)) = status.score {
                out.push((
                    "cmi.score.scaled",
                    decimal((raw / max.max(1) as f64).clamp(0.0, 1.0)),
                ));
                out.push(("cmi.score.raw", decimal(raw)));
                out.push(("cmi.score.min", "0".to_owned()));
                out.push(("cmi.score.max", max.to_string()));
            }
            out.push(("cmi.session_time", iso_duration(session_seconds)));
            out.push(("cmi.location", truncate(location, 1000)));
            out.push(("cmi.exit", "suspend".to_owned()));
            out.push(("cmi.suspend_data", suspend_data.to_owned()));
        }
    }
    out
}

/// `text` cut to at most `max` characters.
fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The learner's name as the LMS gives it (`cmi.core.student_name` or `cmi.learner_name`), as
/// a certificate shows it: SCORM 1.2 LMSs write "Last, First", which becomes "First Last".
#[must_use]
pub fn learner_name(version: Version, given: &str) -> String {
    let given = given.trim();
    match (version, given.split_once(',')) {
        (Version::Scorm12, Some((last, first))) if !first.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => given.to_owned(),
    }
}

/// A SCORM 1.2 choice identifier: `a` to `z`, then `0` to `9` (the single characters the
/// version allows).
fn letter(i: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    ALPHABET
        .get(i)
        .map_or_else(|| i.to_string(), |c| char::from(*c).to_string())
}

/// SCORM 1.2's response format for `r` to a question of `body` (choices as letters, `t`/`f`,
/// `1.a,2.b` for matching, `a,b,c` for an order).
fn response_12(body: &Body, r: &Response) -> String {
    let letters =
        |items: &mut dyn Iterator<Item = usize>| items.map(letter).collect::<Vec<_>>().join(",");
    match r {
        Response::Choice(i) => letter(*i),
        Response::Choices(set) => letters(&mut set.iter().copied()),
        Response::Bool(b) => if *b { "t" } else { "f" }.to_owned(),
        Response::Matching(m) => m
            .iter()
            .enumerate()
            .filter_map(|(i, o)| o.map(|j| format!("{}.{}", i + 1, letter(j))))
            .collect::<Vec<_>>()
            .join(","),
        Response::Ordering(o) => letters(&mut o.iter().copied()),
        Response::Text(_) | Response::Number(_) | Response::Parts(_) => {
            truncate(&response_pattern(body, r), 255)
        }
    }
}

/// SCORM 1.2's correct response pattern of a question, when it has one.
fn correct_12(body: &Body) -> Option<String> {
    Some(match body {
        Body::Single(c) | Body::Multiple(c) => {
            c.0.iter()
                .enumerate()
                .filter(|(_, ch)| ch.correct)
                .map(|(i, _)| letter(i))
                .collect::<Vec<_>>()
                .join(",")
        }
        Body::TrueFalse(b) => if *b { "t" } else { "f" }.to_owned(),
        Body::FillIn(accept) => truncate(accept.first()?, 255),
        Body::Numeric(n) => decimal(n.shown),
        Body::Matching(pairs) => (0..pairs.len())
            .map(|i| format!("{}.{}", i + 1, letter(i)))
            .collect::<Vec<_>>()
            .join(","),
        Body::Ordering(items) => (0..items.len()).map(letter).collect::<Vec<_>>().join(","),
        Body::Scenario { .. } => return None,
    })
}

/// The elements of interaction number `n`: the answer `a` to the question `prompt` of `body`.
#[must_use]
pub fn interaction(
    version: Version,
    n: usize,
    prompt: &str,
    body: &Body,
    a: &AnswerRecord,
) -> Vec<(String, String)> {
    let key = |name: &str| format!("cmi.interactions.{n}.{name}");
    let mut out = vec![(
        key("id"),
        truncate(&a.question.replace(char::is_whitespace, "_"), 255),
    )];
    match version {
        Version::Scorm12 => {
            let kind = match interaction_type(body) {
                "other" => "performance",
                t => t,
            };
            out.push((key("type"), kind.to_owned()));
            out.push((
                key("time"),
                format!(
                    "{:02}:{:02}:{:02}",
                    a.at.hour(),
                    a.at.minute(),
                    a.at.second()
                ),
            ));
            if let Some(pattern) = correct_12(body) {
                out.push((key("correct_responses.0.pattern"), pattern));
            }
            if let Some(r) = &a.response {
                out.push((key("student_response"), response_12(body, r)));
            }
            let result = match a.outcome {
                Outcome::Right => "correct".to_owned(),
                Outcome::Wrong | Outcome::Skipped => "wrong".to_owned(),
                Outcome::PartlyRight => decimal(a.score),
            };
            out.push((key("result"), result));
            out.push((key("latency"), timespan_12(a.seconds)));
        }
        Version::Scorm2004 => {
            out.push((key("type"), interaction_type(body).to_owned()));
            out.push((key("timestamp"), time_2004(a.at)));
            out.push((key("description"), truncate(prompt, 250)));
            for (i, pattern) in correct_patterns(body).into_iter().enumerate() {
                out.push((key(&format!("correct_responses.{i}.pattern")), pattern));
            }
            if let Some(r) = &a.response {
                let pattern = response_pattern(body, r);
                if !pattern.is_empty() {
                    out.push((key("learner_response"), truncate(&pattern, 4000)));
                }
            }
            let result = match a.outcome {
                Outcome::Right => "correct".to_owned(),
                Outcome::Wrong | Outcome::Skipped => "incorrect".to_owned(),
                Outcome::PartlyRight => decimal(a.score),
            };
            out.push((key("result"), result));
            out.push((key("latency"), iso_duration(a.seconds)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timespans_are_written_as_scorm_1_2_wants() {
        assert_eq!(timespan_12(0.0), "0000:00:00.00");
        assert_eq!(timespan_12(3723.456), "0001:02:03.46");
        assert_eq!(timespan_12(-5.0), "0000:00:00.00");
    }

    #[test]
    fn names_read_first_name_first() {
        assert_eq!(learner_name(Version::Scorm12, "Doe, Jane"), "Jane Doe");
        assert_eq!(learner_name(Version::Scorm12, " Jane Doe "), "Jane Doe");
        assert_eq!(learner_name(Version::Scorm2004, "Doe, Jane"), "Doe, Jane");
    }

    #[test]
    fn scorm_1_2_folds_success_and_completion_into_one_status() {
        let s = |completion, success, score| Status {
            completion,
            progress: 0.5,
            success,
            score,
        };
        let get = |st: &Status| values(Version::Scorm12, st, 61.0, "m1:2", "x")[0].1.clone();
        assert_eq!(
            get(&s(Completion::Incomplete, Success::Unknown, None)),
            "incomplete"
        );
        assert_eq!(
            get(&s(Completion::Completed, Success::Unknown, None)),
            "completed"
        );
        assert_eq!(
            get(&s(Completion::Completed, Success::Failed, Some((3.0, 10)))),
            "failed"
        );
        let passed = s(Completion::Incomplete, Success::Passed, Some((17.5, 20)));
        let all = values(Version::Scorm12, &passed, 61.0, "m1:2", "x");
        assert_eq!(all[0].1, "passed");
        assert!(
            all.contains(&("cmi.core.score.raw", "87.5".to_owned())),
            "{all:?}"
        );
        assert!(
            all.contains(&("cmi.core.session_time", "0000:01:01.00".to_owned())),
            "{all:?}"
        );
        let v2004 = values(Version::Scorm2004, &passed, 61.0, "m1:2", "x");
        for pair in [
            ("cmi.completion_status", "incomplete"),
            ("cmi.success_status", "passed"),
            ("cmi.score.scaled", "0.875"),
            ("cmi.score.raw", "17.5"),
            ("cmi.score.max", "20"),
            ("cmi.session_time", "PT1M1S"),
            ("cmi.progress_measure", "0.5"),
        ] {
            assert!(
                v2004.contains(&(pair.0, pair.1.to_owned())),
                "{pair:?} in {v2004:?}"
            );
        }
    }
}
