//! The whole history as xAPI 1.0.3 statements (actor as an account, ADL verbs, interaction
//! definitions with correct response patterns), ready for the learning record store an
//! organisation already runs.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Learner, iso_duration};

use crate::content::{Body, Course, Question};
use crate::progress::{Progress, QuizInfo};
use crate::quiz::{Outcome, Response, assemble, describe, format_number, generate};

/// The IRI base of activity ids: `xapi_base` from `course.toml`, or a URN of the course id.
#[must_use]
pub fn iri_base(course: &Course) -> String {
    if course.info.xapi_base.is_empty() {
        format!("urn:beacon:{}", course.info.id)
    } else {
        course.info.xapi_base.clone()
    }
}

/// The `homePage` of learners' accounts: the organisation's `home_page` from `course.toml`,
/// else the base of the course's activity ids.
#[must_use]
pub fn home_page(course: &Course) -> String {
    if course.info.organisation.home_page.is_empty() {
        iri_base(course)
    } else {
        course.info.organisation.home_page.clone()
    }
}

/// The questions as the learner saw them: a generated question's wrong choices were drawn at
/// random when its quiz was assembled, so it is rebuilt from that quiz's spec and seed; an
/// authored one is the course's.
pub(super) struct Seen<'c> {
    course: &'c Course,
    attempts: HashMap<u64, &'c QuizInfo>,
    quizzes: HashMap<u64, Vec<Question>>,
}

impl<'c> Seen<'c> {
    pub(super) fn new(course: &'c Course, progress: &'c Progress) -> Self {
        let attempts = progress
            .attempts
            .iter()
            .map(|a| &a.info)
            .chain(progress.unfinished.iter().map(|u| &u.info))
            .map(|info| (info.id, info))
            .collect();
        Self {
            course,
            attempts,
            quizzes: HashMap::new(),
        }
    }

    pub(super) fn question(&mut self, id: &str, attempt: Option<u64>) -> Option<Question> {
        if !id.starts_with(generate::PREFIX) {
            return self.course.question(id).cloned();
        }
        if let Some(info) = attempt.and_then(|a| self.attempts.get(&a).copied()) {
            let course = self.course;
            let quiz = self.quizzes.entry(info.id).or_insert_with(|| {
                assemble(course, &info.spec, info.seed)
                    .items
                    .into_iter()
                    .map(|i| i.question)
                    .collect()
            });
            if let Some(q) = quiz.iter().find(|q| q.id == id) {
                return Some(q.clone());
            }
        }
        // Not in its quiz any more (the course changed): rebuilt on its own.
        let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0);
        generate::build(self.course, id, &mut rng)
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
    let home = home_page(course);
    for learner in learners {
        // The profile's UUID, not its number on this computer: two computers' "p1" are two
        // people, and so are two volunteers of the same name.
        let key = learner.uuid;
        let mut seen = Seen::new(course, learner.progress);
        let actor = json!({
            "objectType": "Agent",
            "name": learner.name,
            "account": { "homePage": home, "name": key },
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
                "id": id(&[key, "lesson", module_id]),
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
            let Some(q) = seen.question(&a.question, a.attempt) else {
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
                    || id(&[key, "attempt", &attempt.to_string()]),
                    |info| registration(key, info)
                ));
            }
            out.push(json!({
                "id": id(&[key, "answer", &n.to_string(), &a.question, &stamp(a.at)]),
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
                "id": id(&[key, "attempt-result", &a.info.id.to_string(), &stamp(a.info.started)]),
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
                    "registration": registration(key, &a.info),
                    "contextActivities": { "grouping": [course_activity] },
                    "language": lang,
                    "platform": "Beacon",
                },
            }));
        }
    }
    out
}

/// The id of an attempt: the xAPI registration of its statements and the results CSV's
/// `attempt_id`. It is derived from the profile, the attempt's number and when it started, so
/// attempts of profiles on different computers never share one.
#[must_use]
pub fn registration(learner_id: &str, attempt: &QuizInfo) -> String {
    id(&[
        learner_id,
        "attempt",
        &attempt.id.to_string(),
        &stamp(attempt.started),
    ])
}

/// A time as xAPI and the results CSV write it: ISO 8601 in UTC, to the second.
pub(super) fn stamp(at: DateTime<Utc>) -> String {
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
    use crate::progress::{AnswerRecord, AttemptRecord};
    use crate::quiz::QuizSpec;

    #[test]
    fn generated_choices_are_the_ones_the_learner_saw_and_the_actor_is_the_uuid() {
        let course = crate::testing::shipped();
        let spec = QuizSpec {
            scope: crate::quiz::Scope::Course,
            count: 40,
            generated: true,
        };
        // A quiz with a generated "Which term means ...?" question (wrong choices drawn at
        // random), on a seed where the choices differ from a rebuild on its own.
        let (seed, item) = (0..200u64)
            .find_map(|seed| {
                let quiz = assemble(&course, &spec, seed);
                quiz.items
                    .into_iter()
                    .find(|i| i.question.id.starts_with("gen:term:"))
                    .filter(|i| {
                        let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0);
                        generate::build(&course, &i.question.id, &mut rng).as_ref()
                            != Some(&i.question)
                    })
                    .map(|i| (seed, i))
            })
            .expect("a quiz with a term question");
        let now = crate::testing::now();
        let info = QuizInfo {
            id: 7,
            spec: spec.clone(),
            seed,
            title: "Quick quiz".into(),
            module: None,
            started: now,
            review: false,
            assessment: false,
        };
        let mut progress = Progress::default();
        progress.answers.push(AnswerRecord {
            question: item.question.id.clone(),
            module: "definition".into(),
            at: now,
            outcome: Outcome::Right,
            score: 1.0,
            seconds: 3.0,
            attempt: Some(7),
            response: Some(Response::Choice(0)),
        });
        progress.attempts.push(AttemptRecord {
            info,
            finished: now,
            score: 1.0,
            max: 1,
            seconds: 3.0,
            questions: vec![item.question.id.clone()],
            missed: Vec::new(),
            passed: None,
        });
        let uuid = "0b9f4c2e-8d4b-4a0e-9a53-2b1b8c7d6e5f";
        let learner = Learner {
            id: "p1",
            uuid,
            name: "Ada",
            progress: &progress,
        };
        let statements = xapi(&course, &[learner]);
        let answered = statements
            .iter()
            .find(|s| s["verb"]["display"]["en-US"] == "answered")
            .expect("an answer statement");
        let shown: Vec<&str> = answered["object"]["definition"]["choices"]
            .as_array()
            .expect("choices")
            .iter()
            .filter_map(|c| c["description"]["en"].as_str())
            .collect();
        let Body::Single(choices) = &item.question.body else {
            panic!("a term question is single choice")
        };
        let expected: Vec<&str> = choices.0.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(shown, expected);
        for s in &statements {
            assert_eq!(s["actor"]["account"]["name"], uuid);
            assert_eq!(s["actor"]["account"]["homePage"], home_page(&course));
        }
    }

    #[test]
    fn ids_are_percent_encoded_where_needed() {
        assert_eq!(segment("palermo.q-parties"), "palermo.q-parties");
        assert_eq!(segment("gen:year:a b"), "gen:year:a%20b");
        assert_eq!(segment("x/y"), "x%2Fy");
    }
}
