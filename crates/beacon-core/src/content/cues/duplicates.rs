//! Questions asked twice: the same prompt, or the same fact with the same answer, between
//! authored and generated questions (a duplicate event, a `number` that repeats a question).

use std::collections::{HashMap, HashSet};

use super::words::folded;
use super::{Cue, Finding, subject_of};
use crate::content::{Body, Course, Question};
use crate::quiz::format_number;

/// How a question is named in a message.
pub(super) fn describe(q: &Question) -> String {
    if q.generated {
        format!("the generated question `{}`", q.id)
    } else {
        format!("question `{}`", q.id)
    }
}

/// Pairs that ask the same thing: the same prompt (or case), or the same fact with the same
/// answer. Matching and ordering prompts are generic and not compared; pairs of two generated
/// questions are reported only for the same fact and answer (duplicate events, a `number`
/// that repeats an event's year).
pub(super) fn duplicates(course: &Course, all: &[&Question]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut report = |first: &Question, second: &Question, what: String| {
        // The generated side is the one to fix: its event, number or term repeats a question.
        let (keep, fix) = if second.generated || !first.generated {
            (first, second)
        } else {
            (second, first)
        };
        out.push(Finding {
            subject: subject_of(course, fix),
            part: None,
            cue: Cue::Duplicate,
            message: format!(
                "{} the same as {}: {what}; remove or change one of them",
                if fix.generated {
                    format!("the generated question `{}` asks", fix.id)
                } else {
                    "it asks".to_owned()
                },
                describe(keep)
            ),
        });
    };
    let mut by_prompt: HashMap<String, usize> = HashMap::new();
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for (i, q) in all.iter().enumerate() {
        let key = match &q.body {
            Body::Matching(_) | Body::Ordering(_) => continue,
            Body::Scenario { case, .. } => folded(case),
            _ => folded(&q.prompt),
        };
        match by_prompt.get(&key) {
            Some(&first) if !(all[first].generated && q.generated) => {
                pairs.insert((first, i));
                report(all[first], q, "the same prompt".to_owned());
            }
            Some(_) => {}
            None => {
                by_prompt.insert(key, i);
            }
        }
    }
    let mut by_fact: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, q) in all.iter().enumerate() {
        for f in &q.facts {
            by_fact.entry(f.as_str()).or_default().push(i);
        }
    }
    let mut facts: Vec<(&str, Vec<usize>)> = by_fact.into_iter().collect();
    facts.sort_unstable();
    // Each question's answers folded once: a fact's questions are compared in every pair.
    let keys: Vec<Key> = all.iter().map(|q| Key::of(&q.body)).collect();
    for (fact, list) in facts {
        for (n, &i) in list.iter().enumerate() {
            for &j in &list[n + 1..] {
                if let Some(answer) = same_answer(&all[i].body, &keys[i], &all[j].body, &keys[j])
                    && pairs.insert((i, j))
                {
                    report(
                        all[i],
                        all[j],
                        format!("fact `{fact}` with the same answer ({answer})"),
                    );
                }
            }
        }
    }
    out
}

/// A question's answers, [`folded`], as [`same_answer`] compares them.
enum Key {
    /// A fill-in's accepted answers, in order.
    FillIn(Vec<String>),
    /// A single choice's key, if it has one.
    Single(Option<String>),
    /// Nothing to fold.
    None,
}

impl Key {
    fn of(body: &Body) -> Self {
        match body {
            Body::FillIn(accepted) => Self::FillIn(accepted.iter().map(|a| folded(a)).collect()),
            Body::Single(c) => {
                Self::Single(c.0.iter().find(|c| c.correct).map(|c| folded(&c.text)))
            }
            _ => Self::None,
        }
    }
}

/// The answer two bodies share, when they ask for the same thing the same way (`one` and
/// `other` are their [`Key`]s).
fn same_answer(first: &Body, one: &Key, second: &Body, other: &Key) -> Option<String> {
    match (first, second, one, other) {
        (Body::Numeric(one), Body::Numeric(other), ..)
            if (one.shown - other.shown).abs() < 1e-9 =>
        {
            Some(format_number(one.shown))
        }
        (Body::FillIn(accepted), Body::FillIn(_), Key::FillIn(one), Key::FillIn(other)) => one
            .iter()
            .position(|a| other.contains(a))
            .map(|k| accepted[k].clone()),
        (Body::Single(_), Body::Single(_), Key::Single(one), Key::Single(other)) => {
            let k = one.as_ref()?;
            (Some(k) == other.as_ref()).then(|| k.trim().to_owned())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::cues::fixture::{course, question};
    use crate::content::cues::{CueSettings, Subject, check as check_course};

    #[test]
    fn a_generated_question_that_repeats_an_authored_one_is_reported_at_its_source() {
        let events = "[[events]]\nid = \"e1\"\ndate = \"2003-12-25\"\ntitle = \"The Protocol enters into force\"\ndescription = \"D.\"\nsource = \"facts:2\"\nfact = \"f1\"\n\n\
                      [[events]]\nid = \"e2\"\ndate = \"2003-09-29\"\ntitle = \"The Convention enters into force\"\ndescription = \"D.\"\nsource = \"facts:2\"\nfact = \"f1\"\n\n";
        let c = course(&format!(
            "{events}{}{}{}",
            question(
                "year",
                "f1",
                "kind = \"numeric\"\nprompt = \"In which year did the Protocol enter into force?\"\nanswer = 2003"
            ),
            question(
                "same",
                "f2",
                "kind = \"true_false\"\nprompt = \"Is this the same prompt?\"\nanswer = true"
            ),
            question(
                "again",
                "f2",
                "kind = \"true_false\"\nprompt = \"Is this the   same prompt!\"\nanswer = false"
            ),
        ));
        let report = check_course(&c, &CueSettings::default());
        let dup: Vec<(&Subject, &str)> = report
            .findings
            .iter()
            .filter(|f| f.cue == Cue::Duplicate)
            .map(|f| (&f.subject, f.message.as_str()))
            .collect();
        let at = |s: Subject| dup.iter().filter(|(subject, _)| **subject == s).count();
        // Both events' year questions repeat the authored one; the later in the timeline (e1)
        // also repeats the earlier; the folded prompts of `same` and `again` are equal.
        assert_eq!(at(Subject::Event("e1".into())), 2, "{dup:#?}");
        assert_eq!(at(Subject::Event("e2".into())), 1, "{dup:#?}");
        assert_eq!(at(Subject::Question("again".into())), 1, "{dup:#?}");
        assert_eq!(dup.len(), 4, "{dup:#?}");
        assert!(
            dup.iter()
                .any(|(_, m)| m.contains("fact `f1` with the same answer (2003)"))
        );
    }
}
