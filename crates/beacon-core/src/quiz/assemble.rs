//! Quiz assembly: from a scope and a count, a random but balanced list of questions with their
//! choices shuffled, all driven by one seed so that any quiz can be rebuilt exactly.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::generate;
use super::pick::{Draw, Selection, Tier};
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
pub(super) struct Candidate<'c> {
    /// The question.
    pub question: Cow<'c, Question>,
    /// Its module's id.
    pub module: &'c str,
}

/// Assembles a quiz. The same course, spec and seed always give the same quiz.
///
/// No two questions of a quiz test the same fact, and none shows the answer of another
/// ([`crate::content::cues::Telling::gives_away`]), unless the scope has too few facts for the
/// count: then questions that only share a fact come first, and any question after that (an
/// explicit list of questions is always given whole when the count allows). See
/// [`super::pick`].
#[must_use]
pub fn assemble(course: &Course, spec: &QuizSpec, seed: u64) -> Quiz {
    let mut rng = StdRng::seed_from_u64(seed);
    let pool = pool(course, &spec.scope, spec.generated, &mut rng);
    let mut by_module: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    // A module's candidates come in a run: look its list up once per run, not per candidate.
    let mut start = 0;
    while start < pool.len() {
        let module = pool[start].module;
        let end = pool[start..]
            .iter()
            .position(|c| c.module != module)
            .map_or(pool.len(), |n| start + n);
        by_module.entry(module).or_default().extend(start..end);
        start = end;
    }
    let quotas = quotas(&pool, &by_module, spec.count, &mut rng);
    let only_generated = pool.iter().all(|c| c.question.generated);
    let generated_budget = if only_generated {
        spec.count
    } else {
        spec.count / 4
    };
    let mut modules: Vec<(&&str, &Vec<usize>)> = by_module.iter().collect();
    modules.shuffle(&mut rng);
    let mut draws: Vec<(usize, Draw)> = modules
        .into_iter()
        .map(|(module, candidates)| {
            let quota = quotas.get(module).copied().unwrap_or(0);
            (quota, Draw::new(&pool, candidates, &mut rng))
        })
        .collect();
    let mut quiz = Selection::new(course, &pool, generated_budget);
    for (quota, draw) in &mut draws {
        for _ in 0..*quota {
            match draw.next(|c| quiz.allows(c, Tier::Free)) {
                Some(c) => quiz.take(c),
                None => break,
            }
        }
    }
    // What a module could not give without a clash, the others give, one each in turn; then
    // swaps grow the quiz; only when nothing else fits does it take questions on a fact it
    // already has.
    for tier in [Tier::Free, Tier::SharedFact, Tier::Any] {
        while quiz.items.len() < spec.count {
            let mut progressed = false;
            for (_, draw) in &mut draws {
                if quiz.items.len() == spec.count {
                    break;
                }
                if let Some(c) = draw.next(|c| quiz.allows(c, tier)) {
                    quiz.take(c);
                    progressed = true;
                }
            }
            if !progressed {
                break;
            }
        }
        if tier == Tier::Free && quiz.items.len() < spec.count {
            quiz.augment(spec.count, &mut rng);
        }
    }
    let mut picked: Vec<&Candidate<'_>> = quiz.items.iter().map(|&i| &pool[i]).collect();
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
    pool: &[Candidate<'_>],
    by_module: &BTreeMap<&'m str, Vec<usize>>,
    count: usize,
    rng: &mut StdRng,
) -> BTreeMap<&'m str, usize> {
    let mut modules: Vec<&str> = by_module.keys().copied().collect();
    modules.shuffle(rng);
    let mut quota: BTreeMap<&str, usize> = modules.iter().map(|m| (*m, 0)).collect();
    let capacities: BTreeMap<&str, usize> = by_module
        .iter()
        .map(|(m, c)| (*m, authored_cap(pool, c)))
        .collect();
    let capacity = |m: &str| capacities.get(m).copied().unwrap_or(0);
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
fn authored_cap(pool: &[Candidate<'_>], candidates: &[usize]) -> usize {
    let authored = candidates
        .iter()
        .filter(|&&c| !pool[c].question.generated)
        .count();
    let generated = candidates.len() - authored;
    if authored == 0 {
        generated
    } else {
        authored + generated.min(authored / 3)
    }
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
    use crate::content::{Choice, Choices, CourseInfo};
    use crate::quiz::{Response, grade};
    use proptest::prelude::*;
    use std::fmt::Write;

    /// A one-module course from TOML: `facts` facts, and the questions given.
    fn course(facts: usize, questions: &str) -> Course {
        let mut text = String::from(
            "id = \"m\"\ntitle = \"M\"\nsummary = \"S.\"\nobjectives = [\"O.\"]\n\n[[sections]]\nid = \"s\"\ntitle = \"S\"\n\n",
        );
        for f in 0..facts {
            let _ = write!(
                text,
                "[[facts]]\nid = \"f{f}\"\nsection = \"s\"\ntext = \"Fact {f}.\"\nsource = \"facts:3\"\n\n"
            );
        }
        text.push_str(questions);
        let (module, problems) =
            crate::content::parse_module(&text, std::path::Path::new("m.toml"));
        assert!(problems.is_empty(), "{problems:?}");
        Course::new(CourseInfo::default(), vec![module.expect("module")])
    }

    /// Two true/false questions on each of `facts` facts, of mixed difficulty.
    fn two_per_fact(facts: usize) -> String {
        let mut out = String::new();
        for f in 0..facts {
            for k in 0..2 {
                let _ = write!(
                    out,
                    "[[questions]]\nid = \"q{f}-{k}\"\nkind = \"true_false\"\nprompt = \"Statement {k} on fact {f}.\"\nanswer = true\nfacts = [\"f{f}\"]\ndifficulty = {}\nexplanation = \"E.\"\n\n",
                    (f + k) % 3 + 1
                );
            }
        }
        out
    }

    fn facts_of(quiz: &Quiz) -> Vec<&str> {
        quiz.items
            .iter()
            .flat_map(|i| i.question.facts.iter().map(String::as_str))
            .collect()
    }

    fn spec(scope: Scope, count: usize) -> QuizSpec {
        QuizSpec {
            scope,
            count,
            generated: false,
        }
    }

    #[test]
    fn no_fact_is_asked_twice_while_the_scope_has_enough_facts() {
        let course = course(6, &two_per_fact(6));
        for seed in 0..300 {
            let quiz = assemble(&course, &spec(Scope::Course, 6), seed);
            let mut facts = facts_of(&quiz);
            assert_eq!(facts.len(), 6, "seed {seed}");
            facts.sort_unstable();
            facts.dedup();
            assert_eq!(
                facts.len(),
                6,
                "seed {seed}: a fact twice in {:?}",
                quiz.question_ids()
            );
        }
    }

    #[test]
    fn a_scope_with_too_few_facts_still_fills_the_quiz_and_keeps_namesakes_apart() {
        let course = course(3, &two_per_fact(3));
        for seed in 0..100 {
            let quiz = assemble(&course, &spec(Scope::Course, 5), seed);
            assert_eq!(quiz.items.len(), 5, "seed {seed}");
            let facts = facts_of(&quiz);
            let distinct: std::collections::BTreeSet<&str> = facts.iter().copied().collect();
            assert_eq!(
                distinct.len(),
                3,
                "seed {seed}: every fact before any twice"
            );
            for w in quiz.items.windows(2) {
                assert_ne!(w[0].question.facts, w[1].question.facts, "seed {seed}");
            }
        }
    }

    #[test]
    fn a_question_that_shows_another_answer_never_joins_it() {
        // `show` names the city that `ask` asks for, on a different fact.
        let questions = format!(
            "{}{}",
            two_per_fact(4),
            "[[questions]]\nid = \"ask\"\nkind = \"fill_in\"\nprompt = \"The Convention was opened for signature in ___.\"\naccept = [\"Palermo\"]\nfacts = [\"f4\"]\ndifficulty = 1\nexplanation = \"E.\"\n\n\
             [[questions]]\nid = \"show\"\nkind = \"true_false\"\nprompt = \"The Convention was opened for signature in Palermo in December 2000.\"\nanswer = true\nfacts = [\"f5\"]\ndifficulty = 2\nexplanation = \"E.\"\n\n"
        );
        let course = course(6, &questions);
        let mut both_apart = [0, 0];
        for seed in 0..300 {
            let ids = assemble(&course, &spec(Scope::Course, 6), seed).question_ids();
            let (ask, show) = (ids.contains(&"ask".into()), ids.contains(&"show".into()));
            assert!(!(ask && show), "seed {seed}: {ids:?}");
            both_apart[0] += usize::from(ask);
            both_apart[1] += usize::from(show);
        }
        assert!(
            both_apart[0] > 0 && both_apart[1] > 0,
            "each is still drawn: {both_apart:?}"
        );
    }

    #[test]
    fn an_explicit_list_is_given_whole_even_when_its_questions_overlap() {
        let course = course(2, &two_per_fact(2));
        let ids: Vec<String> = ["q0-0", "q0-1", "q1-0", "q1-1"].map(String::from).to_vec();
        let quiz = assemble(&course, &spec(Scope::Questions(ids.clone()), 4), 7);
        let mut got = quiz.question_ids();
        got.sort();
        assert_eq!(got, ids);
    }

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
