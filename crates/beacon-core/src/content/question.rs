//! Turns a raw question (or a scenario part) into a typed [`Question`], checking that its answer
//! data fits its kind.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;

use super::check::{Checker, did_you_mean};
use super::model::{Body, Choice, Choices, Kind, NumericAnswer, Pair, Part, Question};
use super::raw::RawQuestion;

/// The kinds a scenario part may have.
const PART_KINDS: [Kind; 5] = [
    Kind::Single,
    Kind::Multiple,
    Kind::TrueFalse,
    Kind::FillIn,
    Kind::Numeric,
];

/// The ids of the facts a question links to, with where each link is written.
pub(crate) type FactLinks = Vec<Spanned<String>>;

/// Converts one `[[questions]]` entry. Returns the question and its fact links, or `None` when
/// it has errors (which are recorded in `ck`).
pub(crate) fn question(
    ck: &mut Checker<'_>,
    raw: &Spanned<RawQuestion>,
) -> Option<(Question, FactLinks)> {
    let span = raw.span();
    let q = raw.get_ref();
    let errors_before = ck.problems.len();
    let id = ck.text(&span, &q.id, "id");
    let facts = ck.list(&span, &q.facts, "facts");
    let explanation = ck.text(&span, &q.explanation, "explanation");
    let difficulty = match &q.difficulty {
        None => {
            ck.error(&span, "missing field `difficulty`");
            None
        }
        Some(d) => match u8::try_from(*d.get_ref()) {
            Ok(v @ 1..=3) => Some(v),
            _ => {
                ck.error(
                    &d.span(),
                    format!("difficulty must be 1, 2 or 3, not {}", d.get_ref()),
                );
                None
            }
        },
    };
    if let (Some(id), Some(field)) = (&id, &q.id)
        && id.starts_with(GENERATED_PREFIX)
    {
        ck.error(
            &field.span(),
            format!(
                "question id `{id}` starts with `{GENERATED_PREFIX}`, which Beacon keeps for the questions it generates"
            ),
        );
    }
    let body = answer_body(ck, raw, false);
    let ok = ck.problems[errors_before..].iter().all(|p| !p.is_error());
    let (prompt, body) = body?;
    if !ok {
        return None;
    }
    let question = Question {
        id: id?,
        prompt,
        facts: facts
            .iter()
            .flatten()
            .map(|f| f.get_ref().clone())
            .collect(),
        difficulty: difficulty?,
        explanation: explanation?,
        body,
        generated: false,
    };
    let size = question_chars(&question);
    if size > MAX_QUESTION_CHARS {
        ck.error(
            &span,
            format!(
                "this question has {size} characters; a question may have at most {MAX_QUESTION_CHARS} (text, answers and explanation together)"
            ),
        );
        return None;
    }
    Some((question, facts?))
}

/// The start of the ids of questions Beacon generates; no authored question may use it.
pub const GENERATED_PREFIX: &str = "gen:";

/// The most characters a question may have: its text, answers and explanation together. A
/// longer question does not fit on a screen, and a huge one would slow every frame.
pub const MAX_QUESTION_CHARS: usize = 10_000;

/// The characters of a question's texts: prompt, explanation and every answer text.
fn question_chars(q: &Question) -> usize {
    let count = |t: &str| t.chars().count();
    count(&q.prompt) + count(&q.explanation) + body_chars(&q.body)
}

fn body_chars(body: &Body) -> usize {
    let count = |t: &str| t.chars().count();
    match body {
        Body::Single(c) | Body::Multiple(c) => c.0.iter().map(|ch| count(&ch.text)).sum(),
        Body::FillIn(texts) | Body::Ordering(texts) => texts.iter().map(|t| count(t)).sum(),
        Body::Matching(pairs) => pairs.iter().map(|p| count(&p.left) + count(&p.right)).sum(),
        Body::TrueFalse(_) => 0,
        Body::Numeric(n) => n.unit.as_deref().map_or(0, count),
        Body::Scenario { case, parts } => {
            count(case)
                + parts
                    .iter()
                    .map(|p| {
                        count(&p.prompt)
                            + p.explanation.as_deref().map_or(0, count)
                            + body_chars(&p.body)
                    })
                    .sum::<usize>()
        }
    }
}

/// Checks the kind, prompt and answer fields of a question or part. Returns the prompt and body.
fn answer_body(
    ck: &mut Checker<'_>,
    raw: &Spanned<RawQuestion>,
    is_part: bool,
) -> Option<(String, Body)> {
    let span = raw.span();
    let q = raw.get_ref();
    let prompt = ck.text(&span, &q.prompt, "prompt");
    let kind = kind(ck, &span, q, is_part)?;
    reject_unused_fields(ck, q, kind, is_part);
    let body = match kind {
        Kind::Single => choice_body(ck, &span, q, false).map(Body::Single),
        Kind::Multiple => choice_body(ck, &span, q, true).map(Body::Multiple),
        Kind::TrueFalse => match &q.answer {
            None => {
                ck.error(&span, "missing field `answer` (true or false)");
                None
            }
            Some(a) => {
                let value = a.get_ref().as_bool();
                if value.is_none() {
                    ck.error(
                        &a.span(),
                        "`answer` of a true_false question must be true or false",
                    );
                }
                value.map(Body::TrueFalse)
            }
        },
        Kind::FillIn => {
            if let Some(p) = &prompt
                && !p.contains("___")
                && let Some(field) = &q.prompt
            {
                ck.error(
                    &field.span(),
                    "a fill_in prompt needs a blank written as ___",
                );
            }
            ck.list(&span, &q.accept, "accept")
                .map(|l| Body::FillIn(l.into_iter().map(Spanned::into_inner).collect()))
        }
        Kind::Numeric => numeric(ck, &span, q).map(Body::Numeric),
        Kind::Matching => matching(ck, &span, q).map(Body::Matching),
        Kind::Ordering => ordering(ck, &span, q).map(Body::Ordering),
        Kind::Scenario => scenario(ck, &span, q),
    };
    Some((prompt?, body?))
}

/// The question's kind; a part may not be a scenario, matching or ordering.
fn kind(ck: &mut Checker<'_>, span: &Range<usize>, q: &RawQuestion, is_part: bool) -> Option<Kind> {
    let Some(field) = &q.kind else {
        ck.error(span, "missing field `kind`");
        return None;
    };
    let name = field.get_ref().trim();
    let Some(kind) = Kind::from_name(name) else {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        let mut message = format!(
            "unknown question kind `{name}`; the kinds are {}",
            names.join(", ")
        );
        if let Some(hint) = did_you_mean(name, &names) {
            message = format!("unknown question kind `{name}`; did you mean `{hint}`?");
        }
        ck.error(&field.span(), message);
        return None;
    };
    if is_part && !PART_KINDS.contains(&kind) {
        ck.error(
            &field.span(),
            format!(
                "a scenario part cannot be of kind `{name}`; use single, multiple, true_false, fill_in or numeric"
            ),
        );
        return None;
    }
    Some(kind)
}

/// Reports answer fields that the kind does not use, so a mistake is never silently ignored.
fn reject_unused_fields(ck: &mut Checker<'_>, q: &RawQuestion, kind: Kind, is_part: bool) {
    let allowed: &[&str] = match kind {
        Kind::Single => &["choices", "answer", "fixed", "keep_order"],
        Kind::Multiple => &["choices", "answers", "fixed", "keep_order"],
        Kind::TrueFalse => &["answer"],
        Kind::FillIn => &["accept"],
        Kind::Numeric => &["answer", "tolerance", "min", "max", "unit"],
        Kind::Matching => &["pairs"],
        Kind::Ordering => &["items"],
        Kind::Scenario => &["case", "parts"],
    };
    let present: [(&str, Option<Range<usize>>); 14] = [
        ("choices", q.choices.as_ref().map(Spanned::span)),
        ("answer", q.answer.as_ref().map(Spanned::span)),
        ("answers", q.answers.as_ref().map(Spanned::span)),
        ("fixed", q.fixed.as_ref().map(Spanned::span)),
        ("keep_order", q.keep_order.as_ref().map(Spanned::span)),
        ("accept", q.accept.as_ref().map(Spanned::span)),
        ("tolerance", q.tolerance.as_ref().map(Spanned::span)),
        ("min", q.min.as_ref().map(Spanned::span)),
        ("max", q.max.as_ref().map(Spanned::span)),
        ("unit", q.unit.as_ref().map(Spanned::span)),
        ("pairs", q.pairs.as_ref().map(Spanned::span)),
        ("items", q.items.as_ref().map(Spanned::span)),
        ("case", q.case.as_ref().map(Spanned::span)),
        ("parts", q.parts.as_ref().map(Spanned::span)),
    ];
    for (name, span) in present {
        if let Some(span) = span
            && !allowed.contains(&name)
        {
            ck.error(
                &span,
                format!("field `{name}` is not used by a `{}` question", kind.name()),
            );
        }
    }
    if is_part {
        let not_in_part = [
            ("id", q.id.as_ref().map(Spanned::span)),
            ("facts", q.facts.as_ref().map(Spanned::span)),
            ("difficulty", q.difficulty.as_ref().map(Spanned::span)),
        ];
        for (name, span) in not_in_part {
            if let Some(span) = span {
                ck.error(
                    &span,
                    format!(
                        "a scenario part cannot have `{name}`; put it on the scenario question"
                    ),
                );
            }
        }
    }
}

/// Choices with one (`single`) or several (`multiple`) right answers.
fn choice_body(
    ck: &mut Checker<'_>,
    span: &Range<usize>,
    q: &RawQuestion,
    multiple: bool,
) -> Option<Choices> {
    let choices = ck.list(span, &q.choices, "choices")?;
    let mut seen = HashSet::new();
    for c in &choices {
        if !seen.insert(c.get_ref().as_str()) {
            ck.error(
                &c.span(),
                format!("choice `{}` is given twice", c.get_ref()),
            );
        }
    }
    if !(2..=8).contains(&choices.len())
        && let Some(field) = &q.choices
    {
        ck.error(
            &field.span(),
            format!("a question needs 2 to 8 choices, not {}", choices.len()),
        );
    }
    let right: Vec<Spanned<String>> = if multiple {
        ck.list(span, &q.answers, "answers")?
    } else {
        match &q.answer {
            None => {
                ck.error(span, "missing field `answer`");
                return None;
            }
            Some(a) => {
                let Some(text) = a.get_ref().as_str() else {
                    ck.error(&a.span(), "`answer` must be the text of one of the choices");
                    return None;
                };
                vec![Spanned::new(a.span(), text.trim().to_owned())]
            }
        }
    };
    let fixed = match &q.fixed {
        Some(_) => ck.list(span, &q.fixed, "fixed")?,
        None => Vec::new(),
    };
    for (entry, what) in right
        .iter()
        .map(|r| (r, "answer"))
        .chain(fixed.iter().map(|f| (f, "fixed choice")))
    {
        if !seen.contains(entry.get_ref().as_str()) {
            ck.error(
                &entry.span(),
                format!("{what} `{}` is not among the choices", entry.get_ref()),
            );
        }
    }
    let keep_order = q.keep_order.as_ref().is_some_and(|k| *k.get_ref());
    let is = |list: &[Spanned<String>], text: &str| list.iter().any(|e| e.get_ref() == text);
    Some(Choices(
        choices
            .iter()
            .map(|c| Choice {
                text: c.get_ref().clone(),
                correct: is(&right, c.get_ref()),
                fixed: keep_order || is(&fixed, c.get_ref()),
            })
            .collect(),
    ))
}

/// An exact answer with a tolerance, or a range.
fn numeric(ck: &mut Checker<'_>, span: &Range<usize>, q: &RawQuestion) -> Option<NumericAnswer> {
    let unit = ck.opt_text(&q.unit, "unit");
    let answer = match &q.answer {
        Some(a) => {
            let value = match a.get_ref() {
                toml::Value::Integer(i) => Some(*i as f64),
                toml::Value::Float(f) if f.is_finite() => Some(*f),
                _ => None,
            };
            if value.is_none() {
                ck.error(&a.span(), "`answer` of a numeric question must be a number");
            }
            Some(value?)
        }
        None => None,
    };
    let tolerance = match &q.tolerance {
        Some(t) if *t.get_ref() < 0.0 || !t.get_ref().is_finite() => {
            ck.error(
                &t.span(),
                format!("tolerance must be 0 or more, not {}", t.get_ref()),
            );
            return None;
        }
        Some(t) => *t.get_ref(),
        None => 0.0,
    };
    match (answer, &q.min, &q.max) {
        (Some(value), None, None) => Some(NumericAnswer {
            min: value - tolerance,
            max: value + tolerance,
            shown: value,
            unit,
        }),
        (shown, Some(min), Some(max)) => {
            let (lo, hi) = (*min.get_ref(), *max.get_ref());
            if !(lo.is_finite() && hi.is_finite()) {
                ck.error(&min.span(), "`min` and `max` must be numbers");
                return None;
            }
            if lo > hi {
                ck.error(&min.span(), format!("range min {lo} is above max {hi}"));
                return None;
            }
            if q.tolerance.is_some() {
                ck.error(
                    span,
                    "give either `answer` with `tolerance`, or `min` and `max` (with an optional `answer` between them)",
                );
                return None;
            }
            let shown = shown.unwrap_or_else(|| f64::midpoint(lo, hi));
            if !(lo..=hi).contains(&shown) {
                ck.error(
                    span,
                    format!("`answer` {shown} is outside the range {lo} to {hi}"),
                );
                return None;
            }
            Some(NumericAnswer {
                min: lo,
                max: hi,
                shown,
                unit,
            })
        }
        (Some(_), _, _) => {
            ck.error(
                span,
                "give `answer` (with an optional `tolerance`), or both `min` and `max`",
            );
            None
        }
        (None, _, _) => {
            ck.error(span, "missing field `answer` (or both `min` and `max`)");
            None
        }
    }
}

/// Pairs to match: 2 to 8, each side unique.
fn matching(ck: &mut Checker<'_>, span: &Range<usize>, q: &RawQuestion) -> Option<Vec<Pair>> {
    let Some(list) = &q.pairs else {
        ck.error(span, "missing field `pairs`");
        return None;
    };
    let mut pairs = Vec::new();
    let (mut lefts, mut rights) = (HashSet::new(), HashSet::new());
    for p in list.get_ref() {
        let ps = p.span();
        let left = ck.text(&ps, &p.get_ref().left, "left");
        let right = ck.text(&ps, &p.get_ref().right, "right");
        let (Some(left), Some(right)) = (left, right) else {
            continue;
        };
        if !lefts.insert(left.clone()) {
            ck.error(&ps, format!("`{left}` is on the left of two pairs"));
        }
        if !rights.insert(right.clone()) {
            ck.error(&ps, format!("`{right}` is on the right of two pairs"));
        }
        pairs.push(Pair { left, right });
    }
    if !(2..=8).contains(&list.get_ref().len()) {
        ck.error(
            &list.span(),
            format!(
                "a matching question needs 2 to 8 pairs, not {}",
                list.get_ref().len()
            ),
        );
        return None;
    }
    Some(pairs)
}

/// Items in their right order: 2 to 6, unique.
fn ordering(ck: &mut Checker<'_>, span: &Range<usize>, q: &RawQuestion) -> Option<Vec<String>> {
    let items = ck.list(span, &q.items, "items")?;
    let mut seen = HashSet::new();
    for item in &items {
        if !seen.insert(item.get_ref().as_str()) {
            ck.error(
                &item.span(),
                format!("item `{}` is given twice", item.get_ref()),
            );
        }
    }
    if !(2..=6).contains(&items.len()) {
        let where_ = q.items.as_ref().map_or_else(|| span.clone(), Spanned::span);
        let message = if items.len() < 2 {
            format!("an ordering needs at least 2 items, not {}", items.len())
        } else {
            format!("an ordering can have at most 6 items, not {}", items.len())
        };
        ck.error(&where_, message);
        return None;
    }
    Some(items.into_iter().map(Spanned::into_inner).collect())
}

/// A case with its parts.
fn scenario(ck: &mut Checker<'_>, span: &Range<usize>, q: &RawQuestion) -> Option<Body> {
    let case = ck.text(span, &q.case, "case");
    let Some(list) = &q.parts else {
        ck.error(
            span,
            "missing `[[questions.parts]]`: a scenario needs at least one part",
        );
        return None;
    };
    if list.get_ref().is_empty() {
        ck.error(&list.span(), "a scenario needs at least one part");
    }
    let mut parts = Vec::new();
    for raw in list.get_ref() {
        let explanation = ck.opt_text(&raw.get_ref().explanation, "explanation");
        if let Some((prompt, body)) = answer_body(ck, raw, true) {
            parts.push(Part {
                prompt,
                body,
                explanation,
            });
        }
    }
    (parts.len() == list.get_ref().len() && !parts.is_empty())
        .then_some(Body::Scenario { case: case?, parts })
}
