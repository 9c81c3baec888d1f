//! Quiz assembly: from a scope and a count, a random but balanced list of questions with their
//! choices shuffled, all driven by one seed so that any quiz can be rebuilt exactly.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::generate;
use crate::content::{Body, Course, Question};

/// Which questions a quiz may draw from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "ids", rename_all = "snake_case")]
pub enum Scope {
    /// Every module.
    Course,
    /// These modules.
    Modules(Vec<String>),
    /// Exactly these questions (e.g. the ones a learner got wrong).
    Questions(Vec<String>),
}

/// What to assemble.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizSpec {
    /// Where questions come from.
    pub scope: Scope,
    /// How many questions (fewer when the scope has fewer).
    pub count: usize,
    /// Whether questions generated from events, terms and numbers may be drawn (at most a
    /// quarter of the quiz).
    pub generated: bool,
}

/// An assembled quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// The seed that rebuilds it.
    pub seed: u64,
    /// What was asked for.
    pub spec: QuizSpec,
    /// The questions in the order asked.
    pub items: Vec<QuizItem>,
}

impl Quiz {
    /// The ids of its questions, in the order asked.
    #[must_use]
    pub fn question_ids(&self) -> Vec<String> {
        self.items.iter().map(|i| i.question.id.clone()).collect()
    }
}

/// One question of a quiz, with the order its parts are shown in.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizItem {
    /// The question (a copy, since generated questions live only in the quiz).
    pub question: Question,
    /// The module it belongs to.
    pub module: String,
    /// Display order: choices (single, multiple), items (ordering) or right-hand items
    /// (matching), as authored indexes. Empty for other kinds.
    pub order: Vec<usize>,
    /// For a scenario, the display order of each part's choices.
    pub part_orders: Vec<Vec<usize>>,
}

/// A candidate question with the module it comes from; authored questions are borrowed, so
/// only the few picked are copied.
struct Candidate<'c> {
    question: Cow<'c, Question>,
    module: &'c str,
}

/// Assembles a quiz. The same course, spec and seed always give the same quiz.
#[must_use]
pub fn assemble(course: &Course, spec: &QuizSpec, seed: u64) -> Quiz {
    let mut rng = StdRng::seed_from_u64(seed);
    let pool = pool(course, &spec.scope, spec.generated, &mut rng);
    let mut by_module: BTreeMap<&str, Vec<&Candidate>> = BTreeMap::new();
    for c in &pool {
        by_module.entry(c.module).or_default().push(c);
    }
    let quotas = quotas(&by_module, spec.count, &mut rng);
    let mut picked: Vec<&Candidate> = Vec::with_capacity(spec.count);
    let only_generated = pool.iter().all(|c| c.question.generated);
    let mut generated_budget = if only_generated {
        spec.count
    } else {
        spec.count / 4
    };
    let mut modules: Vec<(&&str, &Vec<&Candidate<'_>>)> = by_module.iter().collect();
    modules.shuffle(&mut rng);
    for (module, candidates) in modules {
        let quota = quotas.get(module).copied().unwrap_or(0);
        picked.extend(pick_balanced(
            candidates,
            quota,
            &mut generated_budget,
            &mut rng,
        ));
    }
    picked.shuffle(&mut rng);
    let picked = spread_facts(picked);
    let items = picked
        .into_iter()
        .map(|c| {
            let (order, part_orders) = layout(&c.question.body, &mut rng);
            QuizItem {
                question: c.question.clone().into_owned(),
                module: c.module.to_owned(),
                order,
                part_orders,
            }
        })
        .collect();
    Quiz {
        seed,
        spec: spec.clone(),
        items,
    }
}

/// Every question the scope allows, authored first, then generated.
fn pool<'c>(
    course: &'c Course,
    scope: &Scope,
    generated: bool,
    rng: &mut StdRng,
) -> Vec<Candidate<'c>> {
    let mut out = Vec::new();
    match scope {
        Scope::Questions(ids) => {
            let mut seen = HashSet::new();
            for id in ids.iter().filter(|id| seen.insert(id.as_str())) {
                let found = if id.starts_with(generate::PREFIX) {
                    generate::build(course, id, rng)
                        .map(Cow::Owned)
                        .zip(generate::module_of(course, id))
                } else {
                    course
                        .question(id)
                        .map(Cow::Borrowed)
                        .zip(course.module_of_question(id))
                };
                if let Some((question, module)) = found {
                    out.push(Candidate {
                        question,
                        module: &module.id,
                    });
                }
            }
        }
        Scope::Course | Scope::Modules(_) => {
            let wanted = |id: &str| match scope {
                Scope::Modules(ids) => ids.iter().any(|m| m == id),
                _ => true,
            };
            for module in course.modules.iter().filter(|m| wanted(&m.id)) {
                let authored = module.questions.iter().map(Cow::Borrowed);
                let extra = if generated {
                    generate::for_module(course, module, rng)
                } else {
                    Vec::new()
                };
                out.extend(
                    authored
                        .chain(extra.into_iter().map(Cow::Owned))
                        .map(|question| Candidate {
                            question,
                            module: &module.id,
                        }),
                );
            }
        }
    }
    out
}

/// How many questions each module gives: an even share, the remainder to random modules, and
/// what a small module cannot give passed on to the others.
fn quotas<'m>(
    by_module: &BTreeMap<&'m str, Vec<&Candidate<'_>>>,
    count: usize,
    rng: &mut StdRng,
) -> BTreeMap<&'m str, usize> {
    let mut modules: Vec<&str> = by_module.keys().copied().collect();
    modules.shuffle(rng);
    let mut quota: BTreeMap<&str, usize> = modules.iter().map(|m| (*m, 0)).collect();
    let capacity = |m: &str| by_module.get(m).map_or(0, |c| authored_cap(c));
    let mut left = count;
    // Round-robin over a shuffled module order: balanced, and the remainder lands at random.
    while left > 0 {
        let mut gave = false;
        for m in &modules {
            if left == 0 {
                break;
            }
            let q = quota.entry(m).or_default();
            if *q < capacity(m) {
                *q += 1;
                left -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    quota
}

/// How many questions a module can give: all its authored questions plus generated ones up to
/// a third of the authored count (so that generated questions stay at most a quarter).
fn authored_cap(candidates: &[&Candidate<'_>]) -> usize {
    let authored = candidates.iter().filter(|c| !c.question.generated).count();
    let generated = candidates.len() - authored;
    if authored == 0 {
        generated
    } else {
        authored + generated.min(authored / 3)
    }
}

/// Picks `quota` questions, cycling through difficulties so that easy and hard are mixed, and
/// drawing generated questions only while the quiz's `generated_budget` lasts.
fn pick_balanced<'c, 'q>(
    candidates: &[&'c Candidate<'q>],
    quota: usize,
    generated_budget: &mut usize,
    rng: &mut StdRng,
) -> Vec<&'c Candidate<'q>> {
    let mut buckets: BTreeMap<u8, Vec<&Candidate<'q>>> = BTreeMap::new();
    for c in candidates {
        buckets.entry(c.question.difficulty).or_default().push(c);
    }
    for bucket in buckets.values_mut() {
        bucket.shuffle(rng);
    }
    let mut levels: Vec<u8> = buckets.keys().copied().collect();
    levels.shuffle(rng);
    let mut out = Vec::with_capacity(quota);
    while out.len() < quota {
        let mut progressed = false;
        for level in &levels {
            if out.len() == quota {
                break;
            }
            let Some(bucket) = buckets.get_mut(level) else {
                continue;
            };
            let pos = bucket
                .iter()
                .position(|c| !c.question.generated || *generated_budget > 0);
            if let Some(pos) = pos {
                let c = bucket.remove(pos);
                if c.question.generated {
                    *generated_budget -= 1;
                }
                out.push(c);
                progressed = true;
            }
        }
        if !progressed {
            break;
        }
    }
    out
}

/// Reorders so that no two neighbours test the same fact, where another order allows it:
/// greedily take the next item that shares nothing with the last one, then move any item still
/// next to a namesake to the first gap where it fits.
fn spread_facts<'c, 'q>(items: Vec<&'c Candidate<'q>>) -> Vec<&'c Candidate<'q>> {
    let shares = |a: &Candidate<'_>, b: &Candidate<'_>| {
        a.question
            .facts
            .iter()
            .any(|f| b.question.facts.contains(f))
    };
    let mut rest = items;
    let mut out: Vec<&Candidate<'q>> = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let pos = out
            .last()
            .and_then(|last| rest.iter().position(|c| !shares(last, c)))
            .unwrap_or(0);
        out.push(rest.remove(pos));
    }
    let clashes = |v: &[&Candidate<'q>]| v.windows(2).filter(|w| shares(w[0], w[1])).count();
    let mut i = 1;
    while i < out.len() {
        if shares(out[i - 1], out[i]) {
            let before = clashes(&out);
            let item = out.remove(i);
            let fits = (0..=out.len()).find(|&k| {
                let left = k.checked_sub(1).and_then(|l| out.get(l));
                left.is_none_or(|l| !shares(l, item)) && out.get(k).is_none_or(|r| !shares(item, r))
            });
            match fits {
                Some(k) => {
                    out.insert(k, item);
                    if clashes(&out) >= before {
                        let back = out.remove(k);
                        out.insert(i, back);
                    }
                }
                None => out.insert(i, item),
            }
        }
        i += 1;
    }
    out
}

/// The display order of a question's parts: shuffled, with fixed choices kept in place, and an
/// ordering or matching never shown already solved when it can be helped.
fn layout(body: &Body, rng: &mut StdRng) -> (Vec<usize>, Vec<Vec<usize>>) {
    match body {
        Body::Single(choices) | Body::Multiple(choices) => {
            let fixed: Vec<bool> = choices.0.iter().map(|c| c.fixed).collect();
            (shuffle_keeping(&fixed, rng), Vec::new())
        }
        Body::Ordering(items) => (derange(items.len(), rng), Vec::new()),
        Body::Matching(pairs) => (derange(pairs.len(), rng), Vec::new()),
        Body::Scenario { parts, .. } => (
            Vec::new(),
            parts.iter().map(|p| layout(&p.body, rng).0).collect(),
        ),
        Body::TrueFalse(_) | Body::FillIn(_) | Body::Numeric(_) => (Vec::new(), Vec::new()),
    }
}

/// A shuffled order of `fixed.len()` indexes in which every fixed index keeps its place.
#[must_use]
pub fn shuffle_keeping(fixed: &[bool], rng: &mut StdRng) -> Vec<usize> {
    let mut free: Vec<usize> = (0..fixed.len()).filter(|&i| !fixed[i]).collect();
    free.shuffle(rng);
    let mut free = free.into_iter();
    (0..fixed.len())
        .map(|i| {
            if fixed[i] {
                i
            } else {
                free.next().unwrap_or(i)
            }
        })
        .collect()
}

/// A shuffled order of `n` indexes that is not the identity (for n of 2 or more).
fn derange(n: usize, rng: &mut StdRng) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if n < 2 {
        return order;
    }
    loop {
        order.shuffle(rng);
        if order.iter().enumerate().any(|(i, &o)| i != o) {
            return order;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Choice, Choices};
    use crate::quiz::{Response, grade};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn shuffling_never_changes_which_answer_is_right(
            correct in proptest::collection::vec(any::<bool>(), 2..8),
            fixed in proptest::collection::vec(any::<bool>(), 8),
            seed in any::<u64>(),
        ) {
            prop_assume!(correct.iter().any(|c| *c));
            let choices = Choices(
                correct
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| Choice { text: format!("c{i}"), correct: c, fixed: fixed[i] })
                    .collect(),
            );
            let flags: Vec<bool> = choices.0.iter().map(|c| c.fixed).collect();
            let mut rng = StdRng::seed_from_u64(seed);
            let order = shuffle_keeping(&flags, &mut rng);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            prop_assert_eq!(sorted, (0..correct.len()).collect::<Vec<_>>());
            for (shown, &authored) in order.iter().enumerate() {
                if flags[authored] {
                    prop_assert_eq!(shown, authored);
                }
            }
            // A learner sees the choices in `order` and ticks the shown places whose text is
            // right; the response names each ticked place by the choice shown there.
            let right_texts: Vec<String> = (0..correct.len())
                .filter(|&i| correct[i])
                .map(|i| format!("c{i}"))
                .collect();
            let places: Vec<usize> = order
                .iter()
                .enumerate()
                .filter(|&(_, &i)| right_texts.contains(&choices.0[i].text))
                .map(|(place, _)| place)
                .collect();
            let ticked = places.iter().map(|&place| order[place]).collect();
            let body = Body::Multiple(choices);
            prop_assert!((grade(&body, &Response::Choices(ticked)) - 1.0).abs() < 1e-9);
            // Read as authored indexes, the shown places are right only when the shuffle left
            // the right choices where they were written: the grade depends on the shown order.
            let unmoved = places.iter().all(|&place| correct[place]);
            let naive = grade(&body, &Response::Choices(places.into_iter().collect()));
            prop_assert_eq!((naive - 1.0).abs() < 1e-9, unmoved);
        }
    }

    #[test]
    fn every_free_choice_reaches_every_free_place() {
        let fixed = [false, true, false, false, false];
        let mut seen = [[false; 5]; 5];
        for seed in 0..200 {
            let order = shuffle_keeping(&fixed, &mut StdRng::seed_from_u64(seed));
            for (place, &choice) in order.iter().enumerate() {
                seen[choice][place] = true;
            }
        }
        for (choice, places) in seen.iter().enumerate() {
            for (place, &reached) in places.iter().enumerate() {
                let free = !fixed[choice] && !fixed[place];
                assert_eq!(
                    reached,
                    free || choice == place,
                    "choice {choice} at {place}"
                );
            }
        }
    }
}
