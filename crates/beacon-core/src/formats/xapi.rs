//! The whole history as xAPI 1.0.3 statements (actor as an account, ADL verbs, interaction
//! definitions with correct response patterns), ready for the learning record store an
//! organisation already runs.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Learner, iso_duration};

use crate::content::{Body, Course, Question};
use crate::quiz::{Outcome, Response, describe, format_number, generate};

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
        for (n, a) in learner.progress.answers.iter().enumerate() {
            let question = if a.question.starts_with(generate::PREFIX) {
                generate::build(course, &a.question, &mut rng)
            } else {
                course.question(&a.question).cloned()
            };
            let Some(q) = question else { continue };
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
                context["registration"] = json!(id(&[learner.id, "attempt", &attempt.to_string()]));
            }
            out.push(json!({
                "id": id(&[learner.id, "answer", &n.to_string(), &a.question]),
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
                "id": id(&[learner.id, "attempt-result", &a.info.id.to_string()]),
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
                    "registration": id(&[learner.id, "attempt", &a.info.id.to_string()]),
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
    fn ids_are_percent_encoded_where_needed() {
        assert_eq!(segment("palermo.q-parties"), "palermo.q-parties");
        assert_eq!(segment("gen:year:a b"), "gen:year:a%20b");
        assert_eq!(segment("x/y"), "x%2Fy");
    }
}
