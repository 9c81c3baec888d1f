//! Reading xAPI 1.0.3 statements: Beacon's own export, or any learning record store's, as a
//! JSON array or as the `{"statements": [...], "more": "..."}` a `GET statements` returns.
//! `answered` statements about this course's questions become answers; the other statements
//! say which test an attempt (registration) was, when it ended and its score.

use std::collections::{BTreeMap, HashSet};

use percent_encoding::percent_decode_str;
use serde_json::value::RawValue;

use super::pool::{Item, Pool, Shape, account_key};
use super::statement::{Actor, Object, Outcome, Statement, Wrapper};
use crate::content::{Body, Course};
use crate::formats::xapi::iri_base;
use crate::quiz::generate;

/// What the other statements of a registration say about its attempt.
#[derive(Debug, Default)]
struct AttemptInfo {
    test: String,
    title: Option<String>,
    when: Option<i64>,
    total: Option<(f64, f64)>,
    /// The learner of a result statement about one of Beacon's tests: such an attempt counts in
    /// its test's scores even with no answer (every question skipped).
    own: Option<(String, String)>,
}

/// Reads xAPI statements into the pool.
pub(super) fn read(pool: &mut Pool, file: &str, bytes: &[u8], course: &Course) {
    let Ok(json) = std::str::from_utf8(bytes) else {
        pool.note(
            file,
            None,
            "this file is not UTF-8 text, so it cannot be JSON",
        );
        return;
    };
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let raws = match list(json) {
        Ok(r) => r,
        Err((line, message)) => {
            pool.note(file, line, message);
            return;
        }
    };
    let base = iri_base(course);
    let mut lines = LineCounter::new(json);
    let mut statements = Vec::with_capacity(raws.len());
    for (n, raw) in raws.iter().enumerate() {
        let line = lines.line_of(raw.get());
        match serde_json::from_str::<Statement>(raw.get()) {
            Ok(s) => statements.push((line, s)),
            Err(e) => pool.note(
                file,
                Some(line),
                format!(
                    "statement {} could not be read ({e}); it was left out",
                    n + 1
                ),
            ),
        }
    }
    let voided: HashSet<&str> = statements
        .iter()
        .filter(|(_, s)| verb_is(s, "voided"))
        .filter_map(|(_, s)| s.object.as_ref().map(|o| o.id.as_str()))
        .collect();
    let mut attempts: BTreeMap<&str, AttemptInfo> = BTreeMap::new();
    for (_, s) in &statements {
        if verb_is(s, "answered") || s.id.as_deref().is_some_and(|id| voided.contains(id)) {
            continue;
        }
        let (Some(object), Some(registration)) = (
            &s.object,
            s.context.as_ref().and_then(|c| c.registration.as_deref()),
        ) else {
            continue;
        };
        if question_id(&base, course, &object.id).is_some() {
            continue;
        }
        let ends = ["completed", "passed", "failed", "scored"]
            .iter()
            .any(|v| verb_is(s, v));
        let info = attempts.entry(registration).or_default();
        if info.test.is_empty() || ends {
            info.test = test_of(&base, &object.id);
            info.title = object
                .definition
                .as_ref()
                .and_then(|d| d.name.values().next().cloned());
        }
        if ends {
            info.when = millis(s.timestamp.as_deref());
            info.total = s.result.as_ref().and_then(total);
            info.own = (object.id.starts_with(&base) && info.test != object.id)
                .then(|| learner(s.actor.as_ref()).ok())
                .flatten();
        }
    }
    let mut outside: (usize, Option<String>) = (0, None);
    let mut unfinished = HashSet::new();
    for (n, (line, s)) in statements.iter().enumerate() {
        if !verb_is(s, "answered") || s.id.as_deref().is_some_and(|id| voided.contains(id)) {
            continue;
        }
        let object = s.object.as_ref().map_or("", |o| o.id.as_str());
        let Some(question) = question_id(&base, course, object) else {
            outside.0 += 1;
            outside.1.get_or_insert_with(|| object.to_owned());
            continue;
        };
        let left_out = |why: &str| format!("statement {} {why}; it was left out", n + 1);
        let beacon = s.context.as_ref().and_then(|c| c.platform.as_deref()) == Some("Beacon");
        let learner = match learner(s.actor.as_ref()) {
            Ok((key, name)) => pool.learner(&key, &name),
            Err(why) => {
                pool.note(file, Some(*line), left_out(why));
                continue;
            }
        };
        let Some(score) = s.result.as_ref().and_then(score) else {
            pool.note(
                file,
                Some(*line),
                left_out("has neither result.score nor result.success"),
            );
            continue;
        };
        let registration = s.context.as_ref().and_then(|c| c.registration.as_deref());
        let info = registration.and_then(|r| attempts.get(r));
        let (test, key) = match (registration, info) {
            (Some(r), Some(info)) => (info.test.clone(), r.to_owned()),
            (Some(r), None) if beacon => {
                // Beacon writes an attempt's result when it ends: this one never ended.
                unfinished.insert(r);
                continue;
            }
            (r, _) => {
                let parent = s
                    .context
                    .as_ref()
                    .and_then(|c| c.activities.as_ref())
                    .and_then(|a| a.parent.first())
                    .map_or_else(|| "all".to_owned(), |p| test_of(&base, p));
                let key = r.map_or_else(|| format!("test:{parent}"), str::to_owned);
                (parent, key)
            }
        };
        let test_index = pool.test(&test);
        if let Some(title) = info.and_then(|i| i.title.clone()) {
            pool.title_test(test_index, title);
        }
        let attempt = pool.attempt(learner, &key, test_index);
        let when = millis(s.timestamp.as_deref());
        let shape = Shape::of(course, &question);
        let picked = s
            .result
            .as_ref()
            .and_then(|r| r.response.as_deref())
            .and_then(|r| {
                shape.parse(r, |id| {
                    choice_by_description(course, &question, s.object.as_ref(), id)
                })
            });
        let question = pool.question(&question);
        if let Some(a) = pool.attempt_mut(attempt) {
            a.saw(when);
            if let Some(info) = info {
                a.saw(info.when);
                if a.total.is_none() {
                    a.total = info.total;
                }
            }
            a.items.push(Item {
                question,
                order: when.unwrap_or(i64::MAX),
                seq: n as u32,
                score,
                picked,
            });
        }
    }
    for (registration, info) in &attempts {
        let (Some((key, name)), Some(_)) = (&info.own, info.total) else {
            continue;
        };
        let learner = pool.learner(key, name);
        let test = pool.test(&info.test);
        let attempt = pool.attempt(learner, registration, test);
        if let Some(a) = pool.attempt_mut(attempt) {
            a.saw(info.when);
            if a.total.is_none() {
                a.total = info.total;
            }
        }
    }
    if outside.0 > 0 {
        pool.note(
            file,
            None,
            format!(
                "{} about activities that are not questions of this course (the first is {}) {} left out. Is this the course they were exported from?",
                count(outside.0, "answered statement"),
                outside.1.unwrap_or_default(),
                if outside.0 == 1 { "was" } else { "were" }
            ),
        );
    }
    if !unfinished.is_empty() {
        pool.note(
            file,
            None,
            format!(
                "answers from {} that {} never finished were left out",
                count(unfinished.len(), "attempt"),
                if unfinished.len() == 1 { "was" } else { "were" }
            ),
        );
    }
}

/// `1 attempt`, `2 attempts`.
fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// The statements of the file, or where and why it cannot be read.
fn list(text: &str) -> Result<Vec<&RawValue>, (Option<u64>, String)> {
    let not_json = |e: serde_json::Error| {
        (
            Some(e.line() as u64),
            format!("this is not valid JSON ({e})"),
        )
    };
    if text.trim_start().starts_with('[') {
        return serde_json::from_str::<Vec<&RawValue>>(text).map_err(not_json);
    }
    let wrapper: Wrapper<'_> = serde_json::from_str(text).map_err(not_json)?;
    match (wrapper.statements, wrapper.actor) {
        (Some(list), _) => Ok(list),
        (None, Some(_)) => serde_json::from_str::<&RawValue>(text)
            .map(|r| vec![r])
            .map_err(not_json),
        (None, None) => Err((
            None,
            "this JSON is neither a list of xAPI statements nor an object with `statements`".into(),
        )),
    }
}

/// Line numbers of slices of one text, asked in increasing order.
struct LineCounter<'t> {
    text: &'t str,
    offset: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The line where `slice`, a part of the text, starts.
    fn line_of(&mut self, slice: &str) -> u64 {
        let at = (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        if at >= self.offset && at <= self.text.len() {
            let between = self
                .text
                .as_bytes()
                .get(self.offset..at)
                .unwrap_or_default();
            #[allow(clippy::naive_bytecount)] // once over the file: no crate needed for this
            let newlines = between.iter().filter(|&&b| b == b'\n').count();
            self.line += newlines as u64;
            self.offset = at;
        }
        self.line
    }
}

/// Whether the statement's verb is `name` (any vocabulary: ADL's, w3id's, ...).
fn verb_is(s: &Statement, name: &str) -> bool {
    s.verb
        .as_ref()
        .and_then(|v| v.id.rsplit_once('/'))
        .is_some_and(|(_, last)| last == name)
}

/// The course question an activity id names: `BASE/questions/ID`, a bare question id, or an
/// IRI whose last segment is a question id of the course.
fn question_id(base: &str, course: &Course, object: &str) -> Option<String> {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    if let Some(rest) = object
        .strip_prefix(base)
        .and_then(|r| r.strip_prefix("/questions/"))
    {
        return Some(decode(rest));
    }
    let known = |id: &str| course.question(id).is_some() || id.starts_with(generate::PREFIX);
    if known(object) {
        return Some(object.to_owned());
    }
    let last = decode(object.trim_end_matches('/').rsplit('/').next()?);
    (object.contains('/') && known(&last)).then_some(last)
}

/// The test an activity of Beacon's names (the final assessment, a module's quiz, reviews,
/// quick quizzes, a module's lesson checks), or the activity id itself.
fn test_of(base: &str, activity: &str) -> String {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    let Some(rest) = activity.strip_prefix(base) else {
        return activity.to_owned();
    };
    match rest {
        "/assessment" => "final".to_owned(),
        "/review" => "review".to_owned(),
        "/quizzes/mixed" => "mixed".to_owned(),
        _ => match rest.strip_prefix("/modules/") {
            Some(m) => match m.strip_suffix("/quiz") {
                Some(m) => decode(m),
                None => format!("checks:{}", decode(m)),
            },
            None => activity.to_owned(),
        },
    }
}

/// The learner's key and name: the actor's inverse functional identifier, as xAPI defines (see
/// [`account_key`] for Beacon's per-computer profile ids).
fn learner(actor: Option<&Actor>) -> Result<(String, String), &'static str> {
    let actor = actor.ok_or("has no actor")?;
    if actor.object_type.as_deref() == Some("Group") {
        return Err("is by a group, and item statistics need one learner per answer");
    }
    let name = actor.name.as_deref().map(str::trim).unwrap_or_default();
    let shown = |fallback: &str| {
        if name.is_empty() {
            fallback.to_owned()
        } else {
            name.to_owned()
        }
    };
    if let Some(mbox) = &actor.mbox {
        let address = mbox.trim_start_matches("mailto:");
        return Ok((format!("mbox:{}", address.to_lowercase()), shown(address)));
    }
    if let Some(sha) = &actor.mbox_sha1sum {
        return Ok((format!("sha1:{}", sha.to_lowercase()), shown(sha)));
    }
    if let Some(openid) = &actor.openid {
        return Ok((format!("openid:{openid}"), shown(openid)));
    }
    if let Some(a) = &actor.account {
        return Ok((account_key(&a.home_page, &a.name, name), shown(&a.name)));
    }
    Err("has an actor with no mbox, mbox_sha1sum, openid or account")
}

/// The score from 0 to 1: `score.scaled`, else `raw` within `min`..`max`, else success as 1
/// or 0.
fn score(result: &Outcome) -> Option<f64> {
    if let Some(s) = &result.score {
        if let Some(x) = s.scaled.filter(|x| x.is_finite()) {
            return Some(x.clamp(0.0, 1.0));
        }
        if let (Some(raw), Some(max)) = (s.raw, s.max) {
            let min = s.min.unwrap_or(0.0);
            if max > min {
                return Some(((raw - min) / (max - min)).clamp(0.0, 1.0));
            }
        }
    }
    result.success.map(|ok| if ok { 1.0 } else { 0.0 })
}

/// An attempt's score and maximum from its result statement.
fn total(result: &Outcome) -> Option<(f64, f64)> {
    let s = result.score.as_ref()?;
    match (s.raw, s.max) {
        (Some(raw), Some(max)) if max > 0.0 => Some((raw, max)),
        _ => s.scaled.map(|x| (x.clamp(0.0, 1.0), 1.0)),
    }
}

fn millis(t: Option<&str>) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(t?)
        .ok()
        .map(|d| d.timestamp_millis())
}

/// The course's choice that a statement's own choice id stands for, matched by its text.
fn choice_by_description(
    course: &Course,
    question: &str,
    object: Option<&Object>,
    id: &str,
) -> Option<usize> {
    let (Body::Single(choices) | Body::Multiple(choices)) = &course.question(question)?.body else {
        return None;
    };
    let component = object?
        .definition
        .as_ref()?
        .choices
        .iter()
        .find(|c| c.id == id)?;
    choices.0.iter().position(|c| {
        component
            .description
            .values()
            .any(|d| d.trim().eq_ignore_ascii_case(c.text.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::statement::Verb;
    use super::*;

    const BASE: &str = "https://example.org/c";

    #[test]
    fn beacon_activities_name_their_tests() {
        assert_eq!(test_of(BASE, "https://example.org/c/assessment"), "final");
        assert_eq!(
            test_of(BASE, "https://example.org/c/modules/pact/quiz"),
            "pact"
        );
        assert_eq!(
            test_of(BASE, "https://example.org/c/modules/pact"),
            "checks:pact"
        );
        assert_eq!(test_of(BASE, "https://example.org/c/review"), "review");
        assert_eq!(
            test_of(BASE, "https://lms.example/quiz/7"),
            "https://lms.example/quiz/7"
        );
    }

    #[test]
    fn verbs_are_matched_by_their_last_segment() {
        let s = |id: &str| Statement {
            verb: Some(Verb { id: id.to_owned() }),
            ..Statement::default()
        };
        assert!(verb_is(
            &s("http://adlnet.gov/expapi/verbs/answered"),
            "answered"
        ));
        assert!(verb_is(
            &s("https://w3id.org/xapi/adl/verbs/answered"),
            "answered"
        ));
        assert!(!verb_is(
            &s("http://example.org/verbs/unanswered"),
            "answered"
        ));
        assert!(!verb_is(&s("answered"), "answered"));
    }

    #[test]
    fn scores_come_from_scaled_raw_or_success() {
        let with = |json: &str| score(&serde_json::from_str::<Outcome>(json).expect("json"));
        assert_eq!(
            with(r#"{"score": {"scaled": 0.5}, "success": false}"#),
            Some(0.5)
        );
        assert_eq!(
            with(r#"{"score": {"raw": 3, "min": 1, "max": 5}}"#),
            Some(0.5)
        );
        assert_eq!(with(r#"{"success": true}"#), Some(1.0));
        assert_eq!(with(r#"{"response": "c1"}"#), None);
    }

    #[test]
    fn lines_of_statements_are_counted_from_the_text() {
        let text = "[\n {\"a\": 1},\n\n {\"b\": 2}\n]";
        let raws = list(text).expect("a list");
        let mut lines = LineCounter::new(text);
        let found: Vec<u64> = raws.iter().map(|r| lines.line_of(r.get())).collect();
        assert_eq!(found, [2, 4]);
    }
}
