//! The cue guesser: a learner who knows nothing and follows the cues. It picks the longest
//! choice (at random among the longest when several tie), ticks the choices longer than the
//! average in a multiple-answer item, answers False to a statement with an absolute word, and
//! otherwise guesses at random. Its expected score is computed exactly with Beacon's own
//! grading, next to that of pure chance.

use std::collections::{BTreeMap, BTreeSet};

use super::statements::marks;
use super::words::length;
use super::{Item, Lens, items};
use crate::content::{Body, Choices, Kind, Question};
use crate::quiz::{Response, grade};

/// Expected scores of one question, from 0 to 1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Expected {
    /// The cue guesser's.
    pub guesser: f64,
    /// Pure chance's: a random choice, random ticks, a random order or match; nothing typed.
    pub chance: f64,
}

/// The expected scores of one question (a scenario: the average of its parts, as graded).
#[must_use]
pub fn expected(q: &Question, lens: &Lens) -> Expected {
    let parts: Vec<Expected> = items(q).iter().map(|i| item(i, lens)).collect();
    let n = parts.len().max(1) as f64;
    Expected {
        guesser: parts.iter().map(|e| e.guesser).sum::<f64>() / n,
        chance: parts.iter().map(|e| e.chance).sum::<f64>() / n,
    }
}

fn item(item: &Item<'_>, lens: &Lens) -> Expected {
    match item.body {
        Body::Single(c) => single(c),
        Body::Multiple(c) => multiple(item.body, c),
        Body::TrueFalse(answer) => {
            let guesser = if marks(item.prompt, lens).absolutes.is_empty() {
                0.5
            } else {
                f64::from(u8::from(!answer))
            };
            Expected {
                guesser,
                chance: 0.5,
            }
        }
        Body::Matching(pairs) => {
            // A random matching puts each item with its partner with probability 1/n.
            let chance = if pairs.is_empty() {
                0.0
            } else {
                1.0 / pairs.len() as f64
            };
            Expected {
                guesser: chance,
                chance,
            }
        }
        Body::Ordering(list) => {
            let chance = mean_over_orders(item.body, list.len());
            Expected {
                guesser: chance,
                chance,
            }
        }
        Body::FillIn(_) | Body::Numeric(_) | Body::Scenario { .. } => Expected::default(),
    }
}

/// Longest choice, ties broken at random; chance is one in the number of choices.
fn single(c: &Choices) -> Expected {
    let n = c.0.len();
    let longest = c.0.iter().map(|c| length(&c.text)).max().unwrap_or(0);
    let top: Vec<bool> =
        c.0.iter()
            .filter(|c| length(&c.text) == longest)
            .map(|c| c.correct)
            .collect();
    let right = c.0.iter().filter(|c| c.correct).count();
    Expected {
        guesser: top.iter().filter(|r| **r).count() as f64 / top.len().max(1) as f64,
        chance: if n == 0 { 0.0 } else { right as f64 / n as f64 },
    }
}

/// Ticks the choices longer than the average (random ticks when all are as long); chance
/// ticks each choice with probability one half, i.e. every set of ticks equally likely.
fn multiple(body: &Body, c: &Choices) -> Expected {
    let n = c.0.len();
    let lengths: Vec<usize> = c.0.iter().map(|c| length(&c.text)).collect();
    let sets = 1u32 << n.min(16);
    let chance = (0..sets)
        .map(|mask| grade(body, &Response::Choices(ticked(mask, n))))
        .sum::<f64>()
        / f64::from(sets);
    let mean = lengths.iter().sum::<usize>() as f64 / n.max(1) as f64;
    let long: BTreeSet<usize> = (0..n).filter(|&i| lengths[i] as f64 > mean).collect();
    let guesser = if long.is_empty() {
        chance
    } else {
        grade(body, &Response::Choices(long))
    };
    Expected { guesser, chance }
}

fn ticked(mask: u32, n: usize) -> BTreeSet<usize> {
    (0..n).filter(|i| mask & (1 << i) != 0).collect()
}

/// The mean grade of an ordering over every order of its items (at most 8 items: 40,320).
fn mean_over_orders(body: &Body, n: usize) -> f64 {
    if n == 0 || n > 8 {
        return 0.0;
    }
    let mut order: Vec<usize> = (0..n).collect();
    let mut total = 0.0;
    let mut count = 0u32;
    // Heap's algorithm, iterative.
    let mut c = vec![0usize; n];
    total += grade(body, &Response::Ordering(order.clone()));
    count += 1;
    let mut i = 0;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                order.swap(0, i);
            } else {
                order.swap(c[i], i);
            }
            total += grade(body, &Response::Ordering(order.clone()));
            count += 1;
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    total / f64::from(count)
}

/// The cue guesser's and chance's expected scores on a pool of questions, each question
/// equally likely to be drawn and worth one point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Guess {
    /// Questions in the pool.
    pub questions: usize,
    /// Sum of the guesser's expected scores.
    pub guesser: f64,
    /// Sum of chance's expected scores.
    pub chance: f64,
    /// The same per kind: questions, guesser's sum, chance's sum.
    pub by_kind: BTreeMap<Kind, (usize, f64, f64)>,
}

impl Guess {
    /// The guesser's expected score in percent.
    #[must_use]
    pub fn guesser_percent(&self) -> f64 {
        super::percent(self.guesser, self.questions)
    }

    /// Chance's expected score in percent.
    #[must_use]
    pub fn chance_percent(&self) -> f64 {
        super::percent(self.chance, self.questions)
    }
}

/// The expected scores on a pool.
pub fn guess<'q>(pool: impl IntoIterator<Item = &'q Question>, lens: &Lens) -> Guess {
    let mut out = Guess::default();
    for q in pool {
        let e = expected(q, lens);
        out.questions += 1;
        out.guesser += e.guesser;
        out.chance += e.chance;
        let k = out.by_kind.entry(q.body.kind()).or_default();
        k.0 += 1;
        k.1 += e.guesser;
        k.2 += e.chance;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::cues::CueSettings;
    use crate::content::{Choice, Part};

    fn lens() -> Lens {
        Lens::new(&CueSettings::default())
    }

    fn question(body: Body) -> Question {
        Question {
            id: "q".into(),
            prompt: "Only states can join.".into(),
            facts: vec!["f".into()],
            difficulty: 1,
            explanation: "Because.".into(),
            body,
            generated: false,
        }
    }

    fn choices(texts: &[(&str, bool)]) -> Choices {
        Choices(
            texts
                .iter()
                .map(|(t, c)| Choice {
                    text: (*t).into(),
                    correct: *c,
                    fixed: false,
                })
                .collect(),
        )
    }

    #[test]
    fn the_guesser_picks_the_longest_choice_and_splits_ties() {
        let lens = lens();
        let key_longest = question(Body::Single(choices(&[
            ("The longest choice", true),
            ("Short", false),
            ("Tiny", false),
            ("Wee", false),
        ])));
        assert_eq!(
            expected(&key_longest, &lens),
            Expected {
                guesser: 1.0,
                chance: 0.25
            }
        );
        let tied = question(Body::Single(choices(&[
            ("Same length A", true),
            ("Same length B", false),
            ("Short", false),
        ])));
        let e = expected(&tied, &lens);
        assert!((e.guesser - 0.5).abs() < 1e-12 && (e.chance - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn the_guesser_answers_false_to_an_absolute() {
        let lens = lens();
        let false_absolute = question(Body::TrueFalse(false));
        assert!((expected(&false_absolute, &lens).guesser - 1.0).abs() < 1e-12);
        let true_absolute = question(Body::TrueFalse(true));
        assert!(expected(&true_absolute, &lens).guesser.abs() < 1e-12);
        let mut plain = question(Body::TrueFalse(true));
        plain.prompt = "States join by ratification.".into();
        assert!((expected(&plain, &lens).guesser - 0.5).abs() < 1e-12);
    }

    #[test]
    fn chance_on_a_multiple_answer_item_averages_every_set_of_ticks() {
        // Two choices, one right: ticks {} 0, {right} 1, {wrong} 0, {both} 0.
        let q = question(Body::Multiple(choices(&[
            ("Right one", true),
            ("No", false),
        ])));
        let e = expected(&q, &lens());
        assert!((e.chance - 0.25).abs() < 1e-12);
        assert!(
            (e.guesser - 1.0).abs() < 1e-12,
            "the right choice is the longer"
        );
    }

    #[test]
    fn chance_on_an_ordering_of_three_averages_its_six_orders() {
        // Longest ordered run per order: 123:3 132:2 213:2 231:2 312:2 321:1, so grades
        // 1, .5, .5, .5, .5, 0 and a mean of 0.5.
        let q = question(Body::Ordering(vec!["a".into(), "b".into(), "c".into()]));
        assert!((expected(&q, &lens()).chance - 0.5).abs() < 1e-12);
    }

    #[test]
    fn a_scenario_is_the_average_of_its_parts_and_typed_answers_score_nothing() {
        let part = |body| Part {
            prompt: "Which?".into(),
            body,
            explanation: None,
        };
        let q = question(Body::Scenario {
            case: "A case.".into(),
            parts: vec![
                part(Body::Single(choices(&[
                    ("Longer key", true),
                    ("No", false),
                ]))),
                part(Body::FillIn(vec!["x".into()])),
            ],
        });
        let e = expected(&q, &lens());
        assert!((e.guesser - 0.5).abs() < 1e-12 && (e.chance - 0.25).abs() < 1e-12);
        let g = guess([&q, &question(Body::TrueFalse(true))], &lens());
        assert_eq!(g.questions, 2);
        assert!((g.chance_percent() - 37.5).abs() < 1e-9);
        assert!((g.guesser_percent() - 25.0).abs() < 1e-9);
    }
}
