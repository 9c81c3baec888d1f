//! The answer history on disk, kept small: question and module ids are written once in a table
//! and each answer is a short row of numbers with the response in a few characters, so a year
//! of daily use (100,000 answers) stays about 4 MiB and loads and saves in a few dozen
//! milliseconds.

use chrono::{DateTime, Utc};
use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::model::AnswerRecord;
use crate::quiz::{Outcome, Response};

/// The on-disk form.
#[derive(Serialize, Deserialize)]
struct Log {
    /// Question ids, referred to by position.
    questions: Vec<String>,
    /// Module ids, referred to by position.
    modules: Vec<String>,
    /// One row per answer.
    rows: Vec<Row>,
}

/// One answer: question, module, time (seconds since 1970), outcome (0 right, 1 partly right,
/// 2 wrong, 3 skipped), score (thousandths), time taken (tenths of a second), attempt, response.
#[derive(Serialize, Deserialize)]
struct Row(u32, u32, i64, u8, u16, u32, Option<u64>, Option<String>);

fn outcome_code(o: Outcome) -> u8 {
    match o {
        Outcome::Right => 0,
        Outcome::PartlyRight => 1,
        Outcome::Wrong => 2,
        Outcome::Skipped => 3,
    }
}

fn outcome_of(code: u8) -> Option<Outcome> {
    Some(match code {
        0 => Outcome::Right,
        1 => Outcome::PartlyRight,
        2 => Outcome::Wrong,
        3 => Outcome::Skipped,
        _ => return None,
    })
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(",")
}

fn parse_list(text: &str) -> Option<Vec<usize>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(',').map(|x| x.parse().ok()).collect()
}

/// A response in a few characters: `c2` a choice, `m0,3` ticked choices, `b1` true, `tText`
/// typed text, `n182` a number, `x1,-,0` partners (`-` for none), `o2,0,1` an order, and
/// `j{...}` JSON for anything else (scenario parts).
#[must_use]
pub fn encode_response(r: &Response) -> String {
    match r {
        Response::Choice(i) => format!("c{i}"),
        Response::Choices(set) => format!("m{}", list(set.iter().map(ToString::to_string))),
        Response::Bool(b) => format!("b{}", u8::from(*b)),
        Response::Text(t) => format!("t{t}"),
        Response::Number(x) => format!("n{x}"),
        Response::Matching(m) => format!(
            "x{}",
            list(
                m.iter()
                    .map(|o| o.map_or_else(|| "-".to_owned(), |i| i.to_string()))
            )
        ),
        Response::Ordering(o) => format!("o{}", list(o.iter().map(ToString::to_string))),
        Response::Parts(_) => format!("j{}", serde_json::to_string(r).unwrap_or_default()),
    }
}

/// Reads a response written by [`encode_response`].
#[must_use]
pub fn decode_response(text: &str) -> Option<Response> {
    let mut chars = text.chars();
    let tag = chars.next()?;
    let rest = chars.as_str();
    Some(match tag {
        'c' => Response::Choice(rest.parse().ok()?),
        'm' => Response::Choices(parse_list(rest)?.into_iter().collect()),
        'b' => Response::Bool(rest == "1"),
        't' => Response::Text(rest.to_owned()),
        'n' => Response::Number(rest.parse().ok()?),
        'x' => Response::Matching(
            rest.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| {
                    if s == "-" {
                        Some(None)
                    } else {
                        s.parse().ok().map(Some)
                    }
                })
                .collect::<Option<Vec<_>>>()?,
        ),
        'o' => Response::Ordering(parse_list(rest)?),
        'j' => serde_json::from_str(rest).ok()?,
        _ => return None,
    })
}

/// The position of `s` in `table`, adding it if new.
fn intern<'a>(
    table: &mut Vec<String>,
    index: &mut std::collections::HashMap<&'a str, u32>,
    s: &'a str,
) -> u32 {
    if let Some(&i) = index.get(s) {
        return i;
    }
    let i = u32::try_from(table.len()).unwrap_or(u32::MAX);
    table.push(s.to_owned());
    index.insert(s, i);
    i
}

/// Writes answers in the compact form.
///
/// # Errors
/// When the serializer fails.
pub fn serialize<S: Serializer>(
    answers: &[AnswerRecord],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut questions: Vec<String> = Vec::new();
    let mut modules: Vec<String> = Vec::new();
    let mut q_index: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let mut m_index: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let rows = answers
        .iter()
        .map(|a| {
            Row(
                intern(&mut questions, &mut q_index, &a.question),
                intern(&mut modules, &mut m_index, &a.module),
                a.at.timestamp(),
                outcome_code(a.outcome),
                (a.score.clamp(0.0, 1.0) * 1000.0).round() as u16,
                (a.seconds.max(0.0) * 10.0).round() as u32,
                a.attempt,
                a.response.as_ref().map(encode_response),
            )
        })
        .collect();
    Log {
        questions,
        modules,
        rows,
    }
    .serialize(serializer)
}

/// Reads answers from the compact form; rows pointing outside the tables are dropped.
///
/// # Errors
/// When the data is not a valid log.
pub fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<AnswerRecord>, D::Error> {
    let log = Log::deserialize(deserializer)?;
    Ok(log
        .rows
        .into_iter()
        .filter_map(|Row(q, m, at, outcome, score, tenths, attempt, response)| {
            Some(AnswerRecord {
                question: log.questions.get(usize::try_from(q).ok()?)?.clone(),
                module: log.modules.get(usize::try_from(m).ok()?)?.clone(),
                at: DateTime::<Utc>::from_timestamp(at, 0)?,
                outcome: outcome_of(outcome)?,
                score: f64::from(score) / 1000.0,
                seconds: f64::from(tenths) / 10.0,
                attempt,
                response: response.as_deref().and_then(decode_response),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::progress::{AnswerRecord, Progress};
    use crate::quiz::{Outcome, Response};
    use chrono::{DateTime, Utc};

    #[test]
    fn every_response_round_trips_through_its_short_form() {
        use super::{decode_response, encode_response};
        let all = [
            Response::Choice(3),
            Response::Choices([0, 2].into_iter().collect()),
            Response::Choices(std::collections::BTreeSet::new()),
            Response::Bool(false),
            Response::Text("Palermo, Italy".into()),
            Response::Number(27.6),
            Response::Matching(vec![Some(1), None, Some(0)]),
            Response::Ordering(vec![2, 0, 1]),
            Response::Parts(vec![
                Some(Response::Bool(true)),
                None,
                Some(Response::Text("x".into())),
            ]),
        ];
        for r in all {
            assert_eq!(
                decode_response(&encode_response(&r)),
                Some(r.clone()),
                "{r:?}"
            );
        }
        assert_eq!(decode_response("zz"), None);
    }

    #[test]
    fn answers_round_trip_through_the_compact_form() {
        let at = DateTime::<Utc>::from_timestamp(1_764_320_000, 0).expect("time");
        let mut p = Progress::default();
        for i in 0..5 {
            p.answers.push(AnswerRecord {
                question: format!("m.q{}", i % 2),
                module: "m".into(),
                at,
                outcome: if i % 2 == 0 {
                    Outcome::Right
                } else {
                    Outcome::PartlyRight
                },
                score: if i % 2 == 0 { 1.0 } else { 0.5 },
                seconds: 3.2,
                attempt: (i > 2).then_some(7),
                response: Some(Response::Text("Palermo".into())),
            });
        }
        let json = serde_json::to_string(&p).expect("json");
        assert_eq!(
            json.matches("m.q0").count(),
            1,
            "ids are written once: {json}"
        );
        let back: Progress = serde_json::from_str(&json).expect("parse");
        assert_eq!(back.answers, p.answers);
    }
}
