//! The shipped course: it validates with no problems, meets the size and coverage targets, and
//! every question can be drawn and answered right.
#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use beacon::content::{Body, Course, Kind};
use beacon::quiz::{self, QuizSpec, Response, Scope, grade, right_response};
use beacon::ui::question::Input;

fn course() -> Course {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    let loaded = beacon::storage::folder::load_folder(&dir).expect("questions/ exists");
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "the shipped course has problems:\n{}",
        problems.join("\n")
    );
    loaded.course
}

#[test]
fn course_meets_the_size_targets() {
    let course = course();
    assert!(course.modules.len() >= 8, "at least 8 modules");
    let total: usize = course.modules.iter().map(|m| m.questions.len()).sum();
    assert!(
        total >= 160,
        "at least 160 authored questions, found {total}"
    );
    for m in &course.modules {
        assert!(
            m.questions.len() >= 15,
            "module {} has only {} questions",
            m.id,
            m.questions.len()
        );
    }
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    for q in course.questions() {
        *kinds.entry(q.body.kind()).or_default() += 1;
    }
    for k in Kind::ALL {
        let n = kinds.get(&k).copied().unwrap_or(0);
        assert!(n >= 8, "kind {} is used {n} times, fewer than 8", k.name());
    }
}

#[test]
fn every_fact_is_tested_and_every_question_linked_and_explained() {
    let course = course();
    let tested: HashSet<&str> = course
        .questions()
        .flat_map(|q| q.facts.iter().map(String::as_str))
        .collect();
    for f in course.facts() {
        assert!(
            tested.contains(f.id.as_str()),
            "fact {} is not tested",
            f.id
        );
    }
    for q in course.questions() {
        assert!(!q.facts.is_empty(), "question {} links no fact", q.id);
        assert!(
            q.explanation.len() > 20,
            "question {} has no real explanation",
            q.id
        );
        for f in &q.facts {
            assert!(
                course.fact(f).is_some(),
                "question {} links missing fact {f}",
                q.id
            );
        }
    }
}

#[test]
fn every_required_source_paragraph_is_taught() {
    let course = course();
    assert_eq!(
        course.info.seed_paragraphs.len(),
        21,
        "the 21 content paragraphs are listed"
    );
    let taught = course.taught_paragraphs();
    for p in &course.info.seed_paragraphs {
        assert!(taught.contains(p), "seed:P{p} is not taught");
    }
}

#[test]
fn corrected_claims_are_never_taught_as_fact() {
    let course = course();
    let texts = course.facts().map(|f| f.text.clone()).chain(
        course
            .questions()
            .map(|q| format!("{} {}", q.prompt, q.explanation)),
    );
    for text in texts {
        assert!(
            !text.contains("181 member states"),
            "uncorrected party count: {text}"
        );
        assert!(
            !text.contains("181 parties"),
            "uncorrected party count: {text}"
        );
    }
    // Unverified claims are never quizzed as numbers.
    for f in course.facts().filter(|f| !f.quiz) {
        assert!(
            f.number.is_none(),
            "fact {} is not quizzable but carries a number",
            f.id
        );
    }
}

#[test]
fn every_question_answered_right_scores_one() {
    let course = course();
    for q in course.questions() {
        let score = grade(&q.body, &right_response(&q.body));
        assert!(
            (score - 1.0).abs() < 1e-9,
            "{} scores {score} with its own right answer",
            q.id
        );
    }
}

#[test]
fn every_question_is_reachable() {
    let course = course();
    let mut seen: HashSet<String> = HashSet::new();
    let spec = QuizSpec {
        scope: Scope::Course,
        count: 20,
        generated: true,
    };
    for seed in 0..400 {
        for item in quiz::assemble(&course, &spec, seed).items {
            seen.insert(item.question.id);
        }
    }
    for q in course.questions() {
        assert!(
            seen.contains(&q.id),
            "question {} never drawn in 400 quizzes",
            q.id
        );
    }
    assert!(
        seen.iter().any(|id| id.starts_with("gen:")),
        "generated questions are drawn too"
    );
}

#[test]
fn a_thousand_seeds_never_repeat_a_question_within_a_quiz() {
    let course = course();
    for (count, scope) in [
        (10, Scope::Course),
        (20, Scope::Modules(vec!["palermo".into()])),
    ] {
        let spec = QuizSpec {
            scope,
            count,
            generated: true,
        };
        for seed in 0..1000 {
            let quiz = quiz::assemble(&course, &spec, seed);
            let ids: HashSet<&str> = quiz.items.iter().map(|i| i.question.id.as_str()).collect();
            assert_eq!(
                ids.len(),
                quiz.items.len(),
                "seed {seed} repeats a question"
            );
            assert_eq!(
                quiz.items.len(),
                count,
                "seed {seed} gives {} questions",
                quiz.items.len()
            );
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_quiz_and_another_seed_another() {
    let course = course();
    let spec = QuizSpec {
        scope: Scope::Course,
        count: 10,
        generated: true,
    };
    let a = quiz::assemble(&course, &spec, 42);
    let b = quiz::assemble(&course, &spec, 42);
    let c = quiz::assemble(&course, &spec, 43);
    assert_eq!(a, b);
    assert_ne!(a.items, c.items);
}

#[test]
fn quizzes_are_balanced_across_modules_and_difficulty() {
    let course = course();
    let spec = QuizSpec {
        scope: Scope::Course,
        count: 18,
        generated: false,
    };
    for seed in 0..50 {
        let quiz = quiz::assemble(&course, &spec, seed);
        let mut per_module: BTreeMap<&str, usize> = BTreeMap::new();
        let mut per_level: BTreeMap<u8, usize> = BTreeMap::new();
        for item in &quiz.items {
            *per_module.entry(item.module.as_str()).or_default() += 1;
            *per_level.entry(item.question.difficulty).or_default() += 1;
        }
        // 18 questions over 9 modules: exactly 2 each.
        assert_eq!(per_module.len(), 9, "seed {seed}");
        assert!(
            per_module.values().all(|&n| n == 2),
            "seed {seed}: {per_module:?}"
        );
        assert!(
            per_level.len() >= 2,
            "seed {seed}: only one difficulty {per_level:?}"
        );
    }
}

#[test]
fn neighbours_do_not_test_the_same_fact_when_avoidable() {
    let course = course();
    let spec = QuizSpec {
        scope: Scope::Course,
        count: 10,
        generated: false,
    };
    for seed in 0..300 {
        let quiz = quiz::assemble(&course, &spec, seed);
        for w in quiz.items.windows(2) {
            let shared = w[0]
                .question
                .facts
                .iter()
                .any(|f| w[1].question.facts.contains(f));
            assert!(
                !shared,
                "seed {seed}: {} and {} share a fact",
                w[0].question.id, w[1].question.id
            );
        }
    }
}

#[test]
fn practise_my_mistakes_rebuilds_authored_and_generated_questions() {
    let course = course();
    let full = quiz::assemble(
        &course,
        &QuizSpec {
            scope: Scope::Modules(vec!["palermo".into()]),
            count: 19,
            generated: true,
        },
        5,
    );
    let ids: Vec<String> = full.items.iter().map(|i| i.question.id.clone()).collect();
    assert!(ids.iter().any(|id| id.starts_with("gen:")));
    let retry = quiz::assemble(
        &course,
        &QuizSpec {
            scope: Scope::Questions(ids.clone()),
            count: ids.len(),
            generated: false,
        },
        6,
    );
    let mut got: Vec<String> = retry.items.iter().map(|i| i.question.id.clone()).collect();
    let mut want = ids;
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn generated_questions_are_valid_by_construction() {
    let course = course();
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(9);
    let mut count = 0;
    for m in &course.modules {
        for q in quiz::generate::for_module(&course, m, &mut rng) {
            count += 1;
            let score = grade(&q.body, &right_response(&q.body));
            assert!((score - 1.0).abs() < 1e-9, "{}", q.id);
            if let Body::Single(c) = &q.body {
                assert_eq!(c.0.iter().filter(|c| c.correct).count(), 1, "{}", q.id);
                let texts: HashSet<&str> = c.0.iter().map(|c| c.text.as_str()).collect();
                assert_eq!(texts.len(), c.0.len(), "{} repeats a choice", q.id);
            }
            for f in &q.facts {
                assert!(course.fact(f).is_some(), "{} links missing fact {f}", q.id);
            }
            let distinct: HashSet<&String> = q.facts.iter().collect();
            assert_eq!(distinct.len(), q.facts.len(), "{} lists a fact twice", q.id);
            assert!(
                !q.prompt.contains(".\u{201d}?") && !q.prompt.contains(".?"),
                "{}: a full stop against the question mark in {:?}",
                q.id,
                q.prompt
            );
            let rebuilt =
                quiz::generate::build(&course, &q.id, &mut rng).expect("rebuildable from id");
            assert_eq!(rebuilt.body.kind(), q.body.kind());
        }
    }
    assert!(count > 50, "only {count} generated questions");
}

#[test]
fn shuffled_choices_keep_the_right_answer_for_every_seed() {
    let course = course();
    let (mut moved, mut items) = (0, 0);
    let spec = QuizSpec {
        scope: Scope::Course,
        count: 30,
        generated: true,
    };
    for seed in 0..200 {
        for item in quiz::assemble(&course, &spec, seed).items {
            let q = &item.question;
            if let Body::Single(c) | Body::Multiple(c) = &q.body {
                let mut order = item.order.clone();
                order.sort_unstable();
                assert_eq!(
                    order,
                    (0..c.0.len()).collect::<Vec<_>>(),
                    "{} order is a permutation",
                    q.id
                );
                for (shown, &authored) in item.order.iter().enumerate() {
                    if c.0[authored].fixed {
                        assert_eq!(shown, authored, "{}: a fixed choice moved", q.id);
                    }
                }
                // A learner picks, by the number shown, the places whose text is a right
                // answer of the authored question; the app's input turns each number into the
                // choice shown there, and that grades as right.
                let authored = course.question(&q.id).map(|a| &a.body);
                let right_texts: Vec<&str> = match authored {
                    Some(Body::Single(a) | Body::Multiple(a)) => {
                        a.0.iter()
                            .filter(|x| x.correct)
                            .map(|x| x.text.as_str())
                            .collect()
                    }
                    _ => {
                        c.0.iter()
                            .filter(|x| x.correct)
                            .map(|x| x.text.as_str())
                            .collect()
                    }
                };
                let places: Vec<usize> = item
                    .order
                    .iter()
                    .enumerate()
                    .filter(|&(_, &i)| right_texts.contains(&c.0[i].text.as_str()))
                    .map(|(place, _)| place)
                    .collect();
                assert!(!places.is_empty(), "{}: a right choice is shown", q.id);
                let mut input = Input::new(&q.body, &item.order, &item.part_orders);
                for &place in &places {
                    assert!(input.pick(place + 1, &item.order), "{}", q.id);
                }
                let response = input.response().expect("a response");
                assert!((grade(&q.body, &response) - 1.0).abs() < 1e-9, "{}", q.id);
                // The numbers themselves, taken as written indexes, grade right only where the
                // shuffle left the right choices in place.
                let naive = match &q.body {
                    Body::Single(_) => Response::Choice(places[0]),
                    _ => Response::Choices(places.iter().copied().collect()),
                };
                let in_place = places.iter().all(|&p| c.0[p].correct)
                    && places.len() == c.0.iter().filter(|x| x.correct).count();
                assert_eq!((grade(&q.body, &naive) - 1.0).abs() < 1e-9, in_place);
                moved += usize::from(!in_place);
                items += 1;
            }
        }
    }
    assert!(
        moved * 2 > items,
        "the shown order differs from the written one for most questions ({moved} of {items})"
    );
}

/// The guide's ```toml blocks, in order.
fn guide_blocks() -> Vec<String> {
    let guide = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content-format.md"),
    )
    .expect("the guide is in the repository");
    guide
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split_once("```").map(|(code, _)| code.to_owned()))
        .collect()
}

#[test]
fn the_guides_example_course_loads_without_a_problem() {
    let blocks = guide_blocks();
    let find = |start: &str| {
        blocks
            .iter()
            .find(|b| b.starts_with(start))
            .cloned()
            .expect("the guide has this example")
    };
    let files = vec![
        beacon::content::CourseFile {
            name: "course.toml".into(),
            bytes: find("id = \"un-against-trafficking\"").into_bytes(),
        },
        beacon::content::CourseFile {
            name: "01-example.toml".into(),
            bytes: find("id = \"example\"").into_bytes(),
        },
    ];
    let loaded = beacon::content::load_files(Path::new("guide"), files);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let course = &loaded.course;
    let fact = course.fact("example.border").expect("the example fact");
    assert_eq!(
        course.cite(&fact.source),
        "Volunteer handbook, chapter 2",
        "a citation reads as the declared source's title and the place in it"
    );
    let handbook = course.reference("handbook").expect("declared");
    assert_eq!(
        handbook.describe(),
        "Volunteer handbook, Example NGO (May 2024)"
    );
}
