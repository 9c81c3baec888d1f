//! Grading: what a learner answered, and how much of it is right, for every question kind.
//!
//! | kind | rule |
//! |---|---|
//! | single, true/false, fill-in, numeric | 1 if right, else 0 |
//! | multiple | (right choices ticked - wrong choices ticked) / right choices, at least 0 |
//! | matching | share of items matched to their partner |
//! | ordering | (longest ordered subset - 1) / (items - 1) |
//! | scenario | the average of its parts |

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::text;
use crate::content::{Body, Choices, NumericAnswer};

/// What a learner gave as an answer. Indexes are into the authored order, never the shuffled
/// one, so a response means the same thing whatever order the choices were shown in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Response {
    /// A single choice.
    Choice(usize),
    /// The ticked choices of a multiple-answer question.
    Choices(BTreeSet<usize>),
    /// True or false.
    Bool(bool),
    /// A typed answer.
    Text(String),
    /// A number.
    Number(f64),
    /// For each pair (authored order), the index of the right-hand item chosen for it.
    Matching(Vec<Option<usize>>),
    /// The items' authored indexes in the order the learner put them.
    Ordering(Vec<usize>),
    /// The answers to a scenario's parts.
    Parts(Vec<Option<Response>>),
}

/// How an answer is judged as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Score 1.
    Right,
    /// Score above 0 and below 1.
    PartlyRight,
    /// Score 0.
    Wrong,
    /// Not answered.
    Skipped,
}

impl Outcome {
    /// The outcome of a score between 0 and 1.
    #[must_use]
    pub fn of(score: f64) -> Self {
        if score >= 1.0 - 1e-9 {
            Self::Right
        } else if score > 1e-9 {
            Self::PartlyRight
        } else {
            Self::Wrong
        }
    }

    /// A short label in the learner's words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Right => "Right",
            Self::PartlyRight => "Partly right",
            Self::Wrong => "Not quite",
            Self::Skipped => "Skipped",
        }
    }
}

/// The score, from 0 to 1, of `response` to a question with this body. A response of the wrong
/// shape scores 0.
#[must_use]
pub fn grade(body: &Body, response: &Response) -> f64 {
    match (body, response) {
        (Body::Single(choices), Response::Choice(i)) => {
            f64::from(u8::from(choices.0.get(*i).is_some_and(|c| c.correct)))
        }
        (Body::Multiple(choices), Response::Choices(ticked)) => multiple(choices, ticked),
        (Body::TrueFalse(answer), Response::Bool(b)) => f64::from(u8::from(answer == b)),
        (Body::FillIn(accepted), Response::Text(t)) => {
            f64::from(u8::from(text::matches_any(t, accepted)))
        }
        (Body::Numeric(n), Response::Number(x)) => f64::from(u8::from(numeric(n, *x))),
        (Body::Matching(pairs), Response::Matching(chosen)) => {
            if pairs.is_empty() {
                return 0.0;
            }
            let right = (0..pairs.len())
                .filter(|&i| chosen.get(i).copied().flatten() == Some(i))
                .count();
            right as f64 / pairs.len() as f64
        }
        (Body::Ordering(items), Response::Ordering(order)) => ordering(items.len(), order),
        (Body::Scenario { parts, .. }, Response::Parts(answers)) => {
            if parts.is_empty() {
                return 0.0;
            }
            let total: f64 = parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    answers
                        .get(i)
                        .and_then(Option::as_ref)
                        .map_or(0.0, |r| grade(&p.body, r))
                })
                .sum();
            total / parts.len() as f64
        }
        _ => 0.0,
    }
}

/// Partial credit for a multiple-answer question.
fn multiple(choices: &Choices, ticked: &BTreeSet<usize>) -> f64 {
    let right_total = choices.0.iter().filter(|c| c.correct).count();
    if right_total == 0 {
        return 0.0;
    }
    let (mut right, mut wrong) = (0usize, 0usize);
    for &i in ticked {
        match choices.0.get(i) {
            Some(c) if c.correct => right += 1,
            _ => wrong += 1,
        }
    }
    (right as f64 - wrong as f64).max(0.0) / right_total as f64
}

/// Whether `x` is within the accepted range (ends included).
#[must_use]
pub fn numeric(n: &NumericAnswer, x: f64) -> bool {
    x.is_finite() && x >= n.min - 1e-9 && x <= n.max + 1e-9
}

/// Partial credit for an ordering: (longest ordered subset - 1) / (items - 1).
fn ordering(len: usize, order: &[usize]) -> f64 {
    let mut seen = vec![false; len];
    let valid = order.len() == len
        && order
            .iter()
            .all(|&i| i < len && !std::mem::replace(&mut seen[i], true));
    if !valid || len == 0 {
        return 0.0;
    }
    if len == 1 {
        return 1.0;
    }
    let lis = longest_increasing(order);
    (lis - 1) as f64 / (len - 1) as f64
}

/// Length of the longest strictly increasing subsequence.
fn longest_increasing(seq: &[usize]) -> usize {
    in_place(seq).into_iter().filter(|&b| b).count()
}

/// Which items of an ordering are in place: the members of a longest run of items already in
/// the right order relative to each other (the run that earns an ordering its partial credit),
/// so the marks shown after "Check" agree with the score. `order` holds the authored indexes
/// in the learner's order.
#[must_use]
pub fn in_place(order: &[usize]) -> Vec<bool> {
    let n = order.len();
    let mut best = vec![1usize; n];
    let mut before: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        for j in 0..i {
            if order[j] < order[i] && best[j] + 1 > best[i] {
                best[i] = best[j] + 1;
                before[i] = Some(j);
            }
        }
    }
    let mut marks = vec![false; n];
    // The first longest run found; among equals, the one ending earliest.
    let mut at = (0..n).max_by_key(|&i| (best[i], std::cmp::Reverse(i)));
    while let Some(i) = at {
        marks[i] = true;
        at = before[i];
    }
    marks
}

/// The response that scores 1 for this body: used to show the right answer and in tests.
#[must_use]
pub fn right_response(body: &Body) -> Response {
    match body {
        Body::Single(c) => Response::Choice(c.0.iter().position(|c| c.correct).unwrap_or(0)),
        Body::Multiple(c) => Response::Choices(
            c.0.iter()
                .enumerate()
                .filter(|(_, c)| c.correct)
                .map(|(i, _)| i)
                .collect(),
        ),
        Body::TrueFalse(b) => Response::Bool(*b),
        Body::FillIn(accept) => Response::Text(accept.first().cloned().unwrap_or_default()),
        Body::Numeric(n) => Response::Number(n.shown),
        Body::Matching(pairs) => Response::Matching((0..pairs.len()).map(Some).collect()),
        Body::Ordering(items) => Response::Ordering((0..items.len()).collect()),
        Body::Scenario { parts, .. } => Response::Parts(
            parts
                .iter()
                .map(|p| Some(right_response(&p.body)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Choice, Pair, Part};
    use proptest::prelude::*;

    fn choices(correct: &[bool]) -> Choices {
        Choices(
            correct
                .iter()
                .enumerate()
                .map(|(i, &c)| Choice {
                    text: format!("choice {i}"),
                    correct: c,
                    fixed: false,
                })
                .collect(),
        )
    }

    #[test]
    fn single_choice_is_right_or_wrong() {
        let body = Body::Single(choices(&[false, true, false]));
        assert!((grade(&body, &Response::Choice(1)) - 1.0).abs() < 1e-9);
        assert!(grade(&body, &Response::Choice(0)).abs() < 1e-9);
        assert!(grade(&body, &Response::Choice(9)).abs() < 1e-9);
        assert!(grade(&body, &Response::Bool(true)).abs() < 1e-9);
    }

    #[test]
    fn multiple_answer_gives_partial_credit_and_never_below_zero() {
        let body = Body::Multiple(choices(&[true, true, false, false]));
        let score = |t: &[usize]| grade(&body, &Response::Choices(t.iter().copied().collect()));
        assert!((score(&[0, 1]) - 1.0).abs() < 1e-9);
        assert!((score(&[0]) - 0.5).abs() < 1e-9);
        assert!(score(&[0, 2]).abs() < 1e-9);
        assert!(score(&[2, 3]).abs() < 1e-9);
        assert!(score(&[]).abs() < 1e-9);
        assert!((score(&[0, 1, 2]) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn numeric_range_includes_both_ends() {
        let n = NumericAnswer {
            min: 180.0,
            max: 184.0,
            shown: 182.0,
            unit: None,
        };
        assert!(numeric(&n, 180.0));
        assert!(numeric(&n, 184.0));
        assert!(!numeric(&n, 179.999));
        assert!(!numeric(&n, 184.001));
        assert!(!numeric(&n, f64::NAN));
        let exact = NumericAnswer {
            min: 2000.0,
            max: 2000.0,
            shown: 2000.0,
            unit: None,
        };
        assert!(numeric(&exact, 2000.0));
        assert!(!numeric(&exact, 2001.0));
    }

    #[test]
    fn ordering_credit_follows_the_longest_ordered_subset() {
        let body = Body::Ordering(vec!["a".into(), "b".into(), "c".into(), "d".into()]);
        let score = |o: &[usize]| grade(&body, &Response::Ordering(o.to_vec()));
        assert!((score(&[0, 1, 2, 3]) - 1.0).abs() < 1e-9);
        assert!((score(&[1, 0, 2, 3]) - 2.0 / 3.0).abs() < 1e-9);
        assert!(score(&[3, 2, 1, 0]).abs() < 1e-9);
        assert!(
            score(&[0, 0, 1, 2]).abs() < 1e-9,
            "a repeated item is not an ordering"
        );
        assert!(score(&[0, 1, 2]).abs() < 1e-9, "an item missing");
    }

    #[test]
    fn the_items_in_place_are_the_ones_that_earn_the_credit() {
        // The last item moved to the front: every item is off its position, yet three are in
        // order; those three are marked, and they make the 2/3 credit.
        assert_eq!(in_place(&[3, 0, 1, 2]), [false, true, true, true]);
        assert_eq!(in_place(&[1, 0, 2, 3]), [true, false, true, true]);
        assert_eq!(in_place(&[0, 1, 2]), [true, true, true]);
        assert_eq!(in_place(&[2, 1, 0]), [true, false, false]);
        assert!(in_place(&[]).is_empty());
        for order in [[3, 0, 1, 2], [2, 3, 0, 1], [1, 3, 0, 2]] {
            let marked = in_place(&order).into_iter().filter(|&b| b).count();
            let body = Body::Ordering(vec![String::new(); 4]);
            let credit = grade(&body, &Response::Ordering(order.to_vec()));
            assert!(
                ((marked - 1) as f64 / 3.0 - credit).abs() < 1e-9,
                "{order:?}"
            );
        }
    }

    #[test]
    fn matching_credit_is_the_share_of_right_pairs() {
        let pairs = (0..4)
            .map(|i| Pair {
                left: format!("l{i}"),
                right: format!("r{i}"),
            })
            .collect();
        let body = Body::Matching(pairs);
        let score = |m: &[Option<usize>]| grade(&body, &Response::Matching(m.to_vec()));
        assert!((score(&[Some(0), Some(1), Some(2), Some(3)]) - 1.0).abs() < 1e-9);
        assert!((score(&[Some(1), Some(0), Some(2), Some(3)]) - 0.5).abs() < 1e-9);
        assert!((score(&[Some(0), None, None, None]) - 0.25).abs() < 1e-9);
    }

    #[test]
    fn scenario_is_the_average_of_its_parts() {
        let part = |body| Part {
            prompt: "p".into(),
            body,
            explanation: None,
        };
        let body = Body::Scenario {
            case: "c".into(),
            parts: vec![part(Body::TrueFalse(true)), part(Body::TrueFalse(false))],
        };
        let r = Response::Parts(vec![Some(Response::Bool(true)), Some(Response::Bool(true))]);
        assert!((grade(&body, &r) - 0.5).abs() < 1e-9);
        let r = Response::Parts(vec![Some(Response::Bool(true)), None]);
        assert!((grade(&body, &r) - 0.5).abs() < 1e-9);
        assert_eq!(Outcome::of(grade(&body, &r)), Outcome::PartlyRight);
    }

    proptest! {
        #[test]
        fn multiple_answer_grading_ignores_order(
            correct in proptest::collection::vec(any::<bool>(), 2..8),
            mut ticked in proptest::collection::vec(0usize..8, 0..8),
        ) {
            prop_assume!(correct.iter().any(|c| *c));
            let body = Body::Multiple(choices(&correct));
            let forward = grade(&body, &Response::Choices(ticked.iter().copied().collect()));
            ticked.reverse();
            let backward = grade(&body, &Response::Choices(ticked.iter().copied().collect()));
            prop_assert!((forward - backward).abs() < 1e-12);
            prop_assert!((0.0..=1.0).contains(&forward));
        }

        #[test]
        fn ordering_scores_stay_between_zero_and_one(perm in Just((0..6usize).collect::<Vec<_>>()).prop_shuffle()) {
            let body = Body::Ordering((0..6).map(|i| i.to_string()).collect());
            let s = grade(&body, &Response::Ordering(perm.clone()));
            prop_assert!((0.0..=1.0).contains(&s));
            let sorted = perm.windows(2).all(|w| w[0] < w[1]);
            prop_assert_eq!(s >= 1.0, sorted);
        }
    }
}
