//! Results for the organisation: a CSV of attempts, and the whole history as xAPI 1.0.3
//! statements (actor as an account, ADL verbs, interaction definitions with correct response
//! patterns), ready for the learning record store an organisation already runs.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::content::{Body, Course, Question};
use crate::progress::{AnswerRecord, AttemptRecord, Progress, QuizInfo};
use crate::quiz::{Outcome, Response, describe, format_number, generate};

/// One learner's records, as exported.
#[derive(Debug, Clone, Copy)]
pub struct Learner<'a> {
    /// Profile id (the account name in xAPI).
    pub id: &'a str,
    /// Profile name.
    pub name: &'a str,
    /// Their progress.
    pub progress: &'a Progress,
}

/// What an attempt was, for the CSV's `scope` column.
#[must_use]
pub fn scope(attempt: &AttemptRecord) -> String {
    if attempt.info.assessment {
        "final".to_owned()
    } else if let Some(m) = &attempt.info.module {
        m.clone()
    } else if attempt.info.review {
        "review".to_owned()
    } else {
        "mixed".to_owned()
    }
}

/// An ISO 8601 duration, e.g. `PT3M5S` or `PT4.5S`.
#[must_use]
pub fn iso_duration(seconds: f64) -> String {
    let total = seconds.max(0.0);
    let whole = total.trunc() as u64;
    let (h, m, s) = (whole / 3600, (whole % 3600) / 60, whole % 60);
    let frac = total - total.trunc();
    let mut out = String::from("PT");
    if h > 0 {
        let _ = write!(out, "{h}H");
    }
    if m > 0 {
        let _ = write!(out, "{m}M");
    }
    if frac >= 0.05 {
        let _ = write!(
            out,
            "{}S",
            format_number(((s as f64 + frac) * 10.0).round() / 10.0)
        );
    } else if s > 0 || (h == 0 && m == 0) {
        let _ = write!(out, "{s}S");
    }
    out
}

/// The columns of the results CSV. The first twelve are the attempt's (Beacon wrote only these
/// before per-question rows were added, and still fills them the same way on attempt rows); the
/// last six say which row it is and, on answer rows, which question was answered how.
pub const CSV_HEADER: [&str; 18] = [
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

/// The id of an attempt: the xAPI registration of its statements and the CSV's `attempt_id`.
/// It is derived from the profile, the attempt's number and when it started, so attempts on
/// different computers (whose profiles and numbers can coincide) get different ids.
#[must_use]
pub fn registration(learner_id: &str, attempt: &QuizInfo) -> String {
    id(&[
        learner_id,
        "attempt",
        &attempt.id.to_string(),
        &stamp(attempt.started),
    ])
}

/// The question with this id: authored, or generated (rebuilt with `rng`).
fn question_of<R: rand::Rng>(course: &Course, id: &str, rng: &mut R) -> Option<Question> {
    if id.starts_with(generate::PREFIX) {
        generate::build(course, id, rng)
    } else {
        course.question(id).cloned()
    }
}

/// The IRI base of activity ids: `xapi_base` from `course.toml`, or a URN of the course id.
#[must_use]
pub fn iri_base(course: &Course) -> String {
    if course.info.xapi_base.is_empty() {
        format!("urn:beacon:{}", course.info.id)
    } else {
        course.info.xapi_base.clone()
    }
}

/// Percent-encodes an id for use in an IRI path.
fn segment(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~:@!$&'()*+,;=".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The namespace of Beacon's deterministic statement ids.
const NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2a52_8b7e_4d9a_9c1f_0e3b_5a7d_c241);

fn id(parts: &[&str]) -> String {
    Uuid::new_v5(&NAMESPACE, parts.join("\u{1f}").as_bytes()).to_string()
}

fn verb(name: &str) -> Value {
    json!({ "id": format!("http://adlnet.gov/expapi/verbs/{name}"), "display": { "en-US": name } })
}

/// Every learner's history as xAPI statements, oldest first per learner. Statement ids are
/// derived from the records, so exporting twice gives the same ids (an LRS ignores repeats).
#[must_use]
pub fn xapi(course: &Course, learners: &[Learner<'_>]) -> Vec<Value> {
    let base = iri_base(course);
    let lang = if course.info.language.is_empty() {
        "en".to_owned()
    } else {
        course.info.language.clone()
    };
    let mut out = Vec::new();
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0);
    for learner in learners {
        let actor = json!({
            "objectType": "Agent",
            "name": learner.name,
            "account": { "homePage": base, "name": learner.id },
        });
        let course_activity = json!({ "id": base, "objectType": "Activity", "definition": {
            "type": "http://adlnet.gov/expapi/activities/course",
            "name": { lang.clone(): course.info.title },
        }});
        for (module_id, lesson) in &learner.progress.lessons {
            let Some(module) = course.module(module_id) else {
                continue;
            };
            let mut s = json!({
                "id": id(&[learner.id, "lesson", module_id]),
                "version": "1.0.3",
                "actor": actor,
                "verb": verb("experienced"),
                "object": { "id": format!("{base}/modules/{}/lesson", segment(module_id)), "objectType": "Activity", "definition": {
                    "type": "http://adlnet.gov/expapi/activities/lesson",
                    "name": { lang.clone(): module.title },
                }},
                "result": { "completion": lesson.finished },
                "context": { "contextActivities": { "grouping": [course_activity] }, "language": lang, "platform": "Beacon" },
            });
            if let Some(at) = lesson.finished_at {
                s["timestamp"] = json!(stamp(at));
            }
            out.push(s);
        }
        // Attempts by number: an answer's registration names its attempt's start.
        let attempts: HashMap<u64, &QuizInfo> = learner
            .progress
            .attempts
            .iter()
            .map(|a| &a.info)
            .chain(learner.progress.unfinished.iter().map(|u| &u.info))
            .map(|info| (info.id, info))
            .collect();
        for (n, a) in learner.progress.answers.iter().enumerate() {
            let Some(q) = question_of(course, &a.question, &mut rng) else {
                continue;
            };
            let mut result = json!({
                "success": a.outcome == Outcome::Right,
                "score": { "scaled": a.score.clamp(0.0, 1.0), "raw": a.score.clamp(0.0, 1.0), "min": 0, "max": 1 },
                "duration": iso_duration(a.seconds),
            });
            if let Some(r) = &a.response {
                result["response"] = json!(response_pattern(&q.body, r));
            }
            let mut context = json!({
                "contextActivities": {
                    "parent": [{ "id": format!("{base}/modules/{}", segment(&a.module)), "objectType": "Activity" }],
                    "grouping": [course_activity],
                },
                "language": lang,
                "platform": "Beacon",
            });
            if let Some(attempt) = a.attempt {
                context["registration"] = json!(attempts.get(&attempt).map_or_else(
                    || id(&[learner.id, "attempt", &attempt.to_string()]),
                    |info| registration(learner.id, info)
                ));
            }
            out.push(json!({
                "id": id(&[learner.id, "answer", &n.to_string(), &a.question, &stamp(a.at)]),
                "version": "1.0.3",
                "timestamp": stamp(a.at),
                "actor": actor,
                "verb": verb("answered"),
                "object": question_activity(&base, &lang, &q),
                "result": result,
                "context": context,
            }));
        }
        for a in &learner.progress.attempts {
            let object_id = if a.info.assessment {
                format!("{base}/assessment")
            } else if let Some(m) = &a.info.module {
                format!("{base}/modules/{}/quiz", segment(m))
            } else if a.info.review {
                format!("{base}/review")
            } else {
                format!("{base}/quizzes/mixed")
            };
            let max = a.max.max(1) as f64;
            let mut result = json!({
                "score": { "scaled": (a.score / max).clamp(0.0, 1.0), "raw": a.score, "min": 0, "max": a.max },
                "completion": true,
                "duration": iso_duration(a.seconds),
            });
            let verb_name = match a.passed {
                Some(true) => "passed",
                Some(false) => "failed",
                None => "completed",
            };
            if let Some(p) = a.passed {
                result["success"] = json!(p);
            }
            out.push(json!({
                "id": id(&[learner.id, "attempt-result", &a.info.id.to_string(), &stamp(a.info.started)]),
                "version": "1.0.3",
                "timestamp": stamp(a.finished),
                "actor": actor,
                "verb": verb(verb_name),
                "object": { "id": object_id, "objectType": "Activity", "definition": {
                    "type": "http://adlnet.gov/expapi/activities/assessment",
                    "name": { lang.clone(): a.info.title },
                }},
                "result": result,
                "context": {
                    "registration": registration(learner.id, &a.info),
                    "contextActivities": { "grouping": [course_activity] },
                    "language": lang,
                    "platform": "Beacon",
                },
            }));
        }
    }
    out
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The activity of a question with its interaction type and correct response pattern.
fn question_activity(base: &str, lang: &str, q: &Question) -> Value {
    let name = |t: &str| json!({ lang: t });
    let mut definition = json!({
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        "name": name(&q.prompt),
        "interactionType": interaction_type(&q.body),
    });
    match &q.body {
        Body::Single(c) | Body::Multiple(c) => {
            definition["choices"] = json!(
                c.0.iter()
                    .enumerate()
                    .map(|(i, ch)| json!({ "id": format!("c{i}"), "description": name(&ch.text) }))
                    .collect::<Vec<_>>()
            );
            let right: Vec<String> =
                c.0.iter()
                    .enumerate()
                    .filter(|(_, ch)| ch.correct)
                    .map(|(i, _)| format!("c{i}"))
                    .collect();
            definition["correctResponsesPattern"] = json!([right.join("[,]")]);
        }
        Body::TrueFalse(b) => definition["correctResponsesPattern"] = json!([b.to_string()]),
        Body::FillIn(accept) => {
            definition["correctResponsesPattern"] = json!(
                accept
                    .iter()
                    .map(|a| format!("{{case_matters=false}}{a}"))
                    .collect::<Vec<_>>()
            );
        }
        Body::Numeric(n) => {
            let pattern = if (n.max - n.min).abs() < f64::EPSILON {
                format_number(n.min)
            } else {
                format!("{}[:]{}", format_number(n.min), format_number(n.max))
            };
            definition["correctResponsesPattern"] = json!([pattern]);
        }
        Body::Matching(pairs) => {
            definition["source"] = json!(
                pairs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| json!({ "id": format!("l{i}"), "description": name(&p.left) }))
                    .collect::<Vec<_>>()
            );
            definition["target"] = json!(
                pairs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| json!({ "id": format!("r{i}"), "description": name(&p.right) }))
                    .collect::<Vec<_>>()
            );
            let pattern: Vec<String> = (0..pairs.len()).map(|i| format!("l{i}[.]r{i}")).collect();
            definition["correctResponsesPattern"] = json!([pattern.join("[,]")]);
        }
        Body::Ordering(items) => {
            definition["choices"] = json!(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| json!({ "id": format!("i{i}"), "description": name(t) }))
                    .collect::<Vec<_>>()
            );
            let pattern: Vec<String> = (0..items.len()).map(|i| format!("i{i}")).collect();
            definition["correctResponsesPattern"] = json!([pattern.join("[,]")]);
        }
        Body::Scenario { case, .. } => definition["description"] = name(case),
    }
    json!({
        "id": format!("{base}/questions/{}", segment(&q.id)),
        "objectType": "Activity",
        "definition": definition,
    })
}

/// The xAPI interaction type of a kind of question.
#[must_use]
pub fn interaction_type(body: &Body) -> &'static str {
    match body {
        Body::Single(_) | Body::Multiple(_) => "choice",
        Body::TrueFalse(_) => "true-false",
        Body::FillIn(_) => "fill-in",
        Body::Numeric(_) => "numeric",
        Body::Matching(_) => "matching",
        Body::Ordering(_) => "sequencing",
        Body::Scenario { .. } => "other",
    }
}

/// A response in the interaction's response format.
#[must_use]
pub fn response_pattern(body: &Body, r: &Response) -> String {
    match (body, r) {
        (_, Response::Choice(i)) => format!("c{i}"),
        (_, Response::Choices(set)) => set
            .iter()
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join("[,]"),
        (_, Response::Bool(b)) => b.to_string(),
        (_, Response::Text(t)) => t.clone(),
        (_, Response::Number(x)) => format_number(*x),
        (_, Response::Matching(m)) => m
            .iter()
            .enumerate()
            .filter_map(|(i, o)| o.map(|j| format!("l{i}[.]r{j}")))
            .collect::<Vec<_>>()
            .join("[,]"),
        (_, Response::Ordering(o)) => o
            .iter()
            .map(|i| format!("i{i}"))
            .collect::<Vec<_>>()
            .join("[,]"),
        (body, r @ Response::Parts(_)) => describe(body, r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(0.0), "PT0S");
        assert_eq!(iso_duration(5.0), "PT5S");
        assert_eq!(iso_duration(185.0), "PT3M5S");
        assert_eq!(iso_duration(3600.0), "PT1H");
        assert_eq!(iso_duration(4.5), "PT4.5S");
        assert_eq!(iso_duration(-3.0), "PT0S");
    }

    #[test]
    fn ids_are_percent_encoded_where_needed() {
        assert_eq!(segment("palermo.q-parties"), "palermo.q-parties");
        assert_eq!(segment("gen:year:a b"), "gen:year:a%20b");
        assert_eq!(segment("x/y"), "x%2Fy");
    }
}
