//! Questions built from the course data: valid by construction and the same for the same seed.
//!
//! Each generated question's id says what it was built from, so it can be rebuilt from the id
//! alone (for "practise my mistakes" and for replaying an attempt):
//! `gen:year:EVENT`, `gen:order:EVENT+EVENT+EVENT`, `gen:match:MODULE:I+J+K+L`,
//! `gen:term:MODULE:I` and `gen:number:FACT`.

use rand::Rng;
use rand::RngExt;
use rand::seq::{IndexedRandom, SliceRandom};

use crate::content::{Body, Choice, Choices, Course, Event, Module, NumericAnswer, Pair, Question};

/// Prefix of every generated question id.
pub const PREFIX: &str = crate::content::GENERATED_PREFIX;

/// Terms in a generated matching question.
const MATCH_PAIRS: usize = 4;

/// Wrong choices in a generated "Which term means ...?" question.
const TERM_DISTRACTORS: usize = 3;

/// The generated questions of one module: every year and number question, one or two ordering
/// questions, one matching question and every "Which term means ...?" question.
pub fn for_module<R: Rng + ?Sized>(course: &Course, module: &Module, rng: &mut R) -> Vec<Question> {
    let mut out = Vec::new();
    for event in &module.events {
        out.push(year(course, event));
    }
    for fact in module.facts.iter().filter(|f| f.quiz && f.number.is_some()) {
        out.extend(build(course, &format!("{PREFIX}number:{}", fact.id), rng));
    }
    if module.events.len() >= 3 {
        for _ in 0..module.events.len().div_ceil(4).min(2) {
            let n = rng.random_range(3..=module.events.len().min(5));
            let mut picked: Vec<&Event> = module.events.sample(rng, n).collect();
            picked.sort_by_key(|e| e.date);
            if picked
                .windows(2)
                .all(|w| w[0].date.is_clearly_before(&w[1].date))
            {
                let ids: Vec<&str> = picked.iter().map(|e| e.id.as_str()).collect();
                out.extend(build(
                    course,
                    &format!("{PREFIX}order:{}", ids.join("+")),
                    rng,
                ));
            }
        }
    }
    if module.terms.len() >= MATCH_PAIRS {
        let mut idx: Vec<usize> = (0..module.terms.len()).collect();
        idx.shuffle(rng);
        idx.truncate(MATCH_PAIRS);
        idx.sort_unstable();
        let list: Vec<String> = idx.iter().map(ToString::to_string).collect();
        out.extend(build(
            course,
            &format!("{PREFIX}match:{}:{}", module.id, list.join("+")),
            rng,
        ));
    }
    let all_terms = course.modules.iter().map(|m| m.terms.len()).sum::<usize>();
    if all_terms > TERM_DISTRACTORS {
        for i in 0..module.terms.len() {
            out.extend(build(
                course,
                &format!("{PREFIX}term:{}:{i}", module.id),
                rng,
            ));
        }
    }
    // Two random draws can build the same ordering question.
    let mut seen = std::collections::HashSet::new();
    out.retain(|q| seen.insert(q.id.clone()));
    out
}

/// Rebuilds the generated question with this id. Wrong choices come from `rng`.
/// `None` when the id does not name valid course data.
pub fn build<R: Rng + ?Sized>(course: &Course, id: &str, rng: &mut R) -> Option<Question> {
    let rest = id.strip_prefix(PREFIX)?;
    let (kind, arg) = rest.split_once(':')?;
    match kind {
        "year" => Some(year(course, find_event(course, arg)?)),
        "order" => {
            let events: Vec<&Event> = arg
                .split('+')
                .map(|e| find_event(course, e))
                .collect::<Option<_>>()?;
            order(id, &events)
        }
        "match" => {
            let (module, list) = arg.split_once(':')?;
            let module = course.module(module)?;
            let idx: Vec<usize> = list
                .split('+')
                .map(|i| i.parse().ok())
                .collect::<Option<_>>()?;
            matching(id, module, &idx)
        }
        "term" => {
            let (module, i) = arg.split_once(':')?;
            term(course, id, course.module(module)?, i.parse().ok()?, rng)
        }
        "number" => {
            let fact = course.fact(arg)?;
            let number = fact.number.as_ref()?;
            Some(Question {
                id: id.to_owned(),
                prompt: number.ask.clone(),
                facts: vec![fact.id.clone()],
                difficulty: 2,
                explanation: fact.text.clone(),
                body: Body::Numeric(NumericAnswer {
                    min: number.value - number.tolerance,
                    max: number.value + number.tolerance,
                    shown: number.value,
                    unit: number.unit.clone(),
                }),
                generated: true,
            })
        }
        _ => None,
    }
}

/// The module a generated question draws on, from its id.
#[must_use]
pub fn module_of<'c>(course: &'c Course, id: &str) -> Option<&'c Module> {
    let rest = id.strip_prefix(PREFIX)?;
    let (kind, arg) = rest.split_once(':')?;
    match kind {
        "year" | "order" => {
            let first = arg.split('+').next()?;
            course
                .modules
                .iter()
                .find(|m| m.events.iter().any(|e| e.id == first))
        }
        "match" | "term" => course.module(arg.split_once(':')?.0),
        "number" => course
            .modules
            .iter()
            .find(|m| m.facts.iter().any(|f| f.id == arg)),
        _ => None,
    }
}

fn find_event<'c>(course: &'c Course, id: &str) -> Option<&'c Event> {
    course
        .modules
        .iter()
        .flat_map(|m| &m.events)
        .find(|e| e.id == id)
}

/// "In which year ...?" for one event.
fn year(course: &Course, event: &Event) -> Question {
    Question {
        id: format!("{PREFIX}year:{}", event.id),
        prompt: format!("In which year did this happen? {}", event.title),
        facts: linked_fact(course, event.fact.as_ref()),
        difficulty: 2,
        explanation: format!("{} ({}). {}", event.title, event.date, event.description),
        body: Body::Numeric(NumericAnswer {
            min: f64::from(event.date.year),
            max: f64::from(event.date.year),
            shown: f64::from(event.date.year),
            unit: None,
        }),
        generated: true,
    }
}

/// "Put these in order" for 3 to 5 events with distinct dates.
fn order(id: &str, events: &[&Event]) -> Option<Question> {
    if events.len() < 2
        || !events
            .windows(2)
            .all(|w| w[0].date.is_clearly_before(&w[1].date))
    {
        return None;
    }
    let lines: Vec<String> = events
        .iter()
        .map(|e| format!("{}: {}", e.date, e.title))
        .collect();
    Some(Question {
        id: id.to_owned(),
        prompt: "Put these in order, earliest first.".to_owned(),
        facts: unique(events.iter().filter_map(|e| e.fact.clone())),
        difficulty: 2,
        explanation: lines.join("; "),
        body: Body::Ordering(events.iter().map(|e| e.title.clone()).collect()),
        generated: true,
    })
}

/// Matching of terms to their definitions.
fn matching(id: &str, module: &Module, idx: &[usize]) -> Option<Question> {
    let terms: Vec<_> = idx
        .iter()
        .map(|&i| module.terms.get(i))
        .collect::<Option<_>>()?;
    if terms.len() < 2 {
        return None;
    }
    Some(Question {
        id: id.to_owned(),
        prompt: "Match each term to what it means.".to_owned(),
        facts: unique(terms.iter().filter_map(|t| t.fact.clone())),
        difficulty: 1,
        explanation: terms
            .iter()
            .map(|t| format!("{}: {}", t.term, t.definition))
            .collect::<Vec<_>>()
            .join(" "),
        body: Body::Matching(
            terms
                .iter()
                .map(|t| Pair {
                    left: t.term.clone(),
                    right: t.definition.clone(),
                })
                .collect(),
        ),
        generated: true,
    })
}

/// "Which term means ...?" with other terms of the course as wrong choices.
fn term<R: Rng + ?Sized>(
    course: &Course,
    id: &str,
    module: &Module,
    i: usize,
    rng: &mut R,
) -> Option<Question> {
    let t = module.terms.get(i)?;
    let others: Vec<&str> = course
        .modules
        .iter()
        .flat_map(|m| &m.terms)
        .map(|o| o.term.as_str())
        .filter(|o| !o.eq_ignore_ascii_case(&t.term))
        .collect();
    if others.len() < TERM_DISTRACTORS {
        return None;
    }
    let mut choices: Vec<Choice> = others
        .sample(rng, TERM_DISTRACTORS)
        .map(|o| Choice {
            text: (*o).to_owned(),
            correct: false,
            fixed: false,
        })
        .collect();
    choices.push(Choice {
        text: t.term.clone(),
        correct: true,
        fixed: false,
    });
    Some(Question {
        id: id.to_owned(),
        // The definition's own full stop would sit against the question mark (".”?").
        prompt: format!(
            "Which term means: \u{201c}{}\u{201d}?",
            t.definition.trim_end().trim_end_matches('.')
        ),
        facts: t.fact.iter().cloned().collect(),
        difficulty: 1,
        explanation: format!("{}: {}", t.term, t.definition),
        body: Body::Single(Choices(choices)),
        generated: true,
    })
}

/// Fact ids without repeats, in first-seen order (two terms or events may share a fact).
fn unique(facts: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in facts {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

fn linked_fact(course: &Course, fact: Option<&String>) -> Vec<String> {
    fact.filter(|f| course.fact(f).is_some())
        .cloned()
        .into_iter()
        .collect()
}
