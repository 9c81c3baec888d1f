//! Quiz assembly on the shipped course, for every way Beacon makes a quiz (module quizzes, the
//! quick quiz, reviews, printed and presented quizzes, the final assessment): no two questions
//! on one fact unless the scope cannot avoid it, and never one that shows another's answer.
#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

use std::path::Path;

use beacon::content::cues::{Lens, Telling};
use beacon::content::{Course, Question};
use beacon::progress::{Progress, assessment, review};
use beacon::quiz::{self, Quiz, QuizSpec, Scope, generate};
use beacon::ui::home::{MODULE_QUIZ, QUICK_QUIZ};

const SEEDS: u64 = 60;

fn course() -> Course {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    beacon::storage::folder::load_folder(&dir)
        .expect("questions/ exists")
        .course
}

/// The pairs of a quiz that test a common fact, and those where one shows the other's answer.
fn clashes(course: &Course, quiz: &Quiz) -> (Vec<String>, Vec<String>) {
    let lens = Lens::new(&course.info.cues);
    let told: Vec<Telling> = quiz
        .items
        .iter()
        .map(|i| Telling::new(&i.question, &lens))
        .collect();
    let (mut facts, mut shown) = (Vec::new(), Vec::new());
    for (i, a) in quiz.items.iter().enumerate() {
        for (j, b) in quiz.items.iter().enumerate().skip(i + 1) {
            if let Some(f) = a
                .question
                .facts
                .iter()
                .find(|f| b.question.facts.contains(f))
            {
                facts.push(format!(
                    "{} and {} both test {f}",
                    a.question.id, b.question.id
                ));
            }
            for (x, y, tx, ty) in [(a, b, &told[i], &told[j]), (b, a, &told[j], &told[i])] {
                if let Some(answer) = tx.gives_away(ty, &lens) {
                    shown.push(format!(
                        "{} shows \"{answer}\", the answer of {}",
                        x.question.id, y.question.id
                    ));
                }
            }
        }
    }
    (facts, shown)
}

/// Branch and bound: the largest clash-free set, into `found`.
fn best(
    rest: &[usize],
    clash: &dyn Fn(usize, usize) -> bool,
    pool: &[Question],
    generated_left: usize,
    size: usize,
    found: &mut usize,
) {
    *found = (*found).max(size);
    let Some((&first, tail)) = rest.split_first() else {
        return;
    };
    if size + rest.len() <= *found {
        return;
    }
    let is_generated = usize::from(pool[first].generated);
    if is_generated <= generated_left {
        let open: Vec<usize> = tail.iter().copied().filter(|&o| !clash(first, o)).collect();
        best(
            &open,
            clash,
            pool,
            generated_left - is_generated,
            size + 1,
            found,
        );
    }
    best(tail, clash, pool, generated_left, size, found);
}

/// The most questions of `pool` that share no fact and show no answer of one another, with at
/// most `generated` generated ones: an exhaustive search, independent of assembly's.
fn largest_clash_free(course: &Course, pool: &[Question], generated: usize) -> usize {
    let lens = Lens::new(&course.info.cues);
    let told: Vec<Telling> = pool.iter().map(|q| Telling::new(q, &lens)).collect();
    let clash = |a: usize, b: usize| {
        pool[a].facts.iter().any(|f| pool[b].facts.contains(f))
            || told[a].gives_away(&told[b], &lens).is_some()
            || told[b].gives_away(&told[a], &lens).is_some()
    };
    let all: Vec<usize> = (0..pool.len()).collect();
    let mut found = 0;
    best(&all, &clash, pool, generated, 0, &mut found);
    found
}

#[test]
fn module_quizzes_test_each_fact_once_unless_the_module_has_too_few_facts() {
    let course = course();
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(1);
    for m in &course.modules {
        let mut pool = m.questions.clone();
        pool.extend(generate::for_module(&course, m, &mut rng));
        let possible = largest_clash_free(&course, &pool, MODULE_QUIZ / 4);
        let spec = QuizSpec {
            scope: Scope::Modules(vec![m.id.clone()]),
            count: MODULE_QUIZ,
            generated: true,
        };
        for seed in 0..SEEDS {
            let quiz = quiz::assemble(&course, &spec, seed);
            assert_eq!(quiz.items.len(), MODULE_QUIZ, "{} seed {seed}", m.id);
            let (facts, shown) = clashes(&course, &quiz);
            assert!(shown.is_empty(), "{} seed {seed}: {shown:?}", m.id);
            assert!(
                facts.is_empty() || possible < MODULE_QUIZ,
                "{} seed {seed}: {facts:?}, although {possible} questions without a clash exist",
                m.id
            );
        }
    }
}

#[test]
fn the_final_assessment_the_quick_quiz_and_printed_quizzes_never_clash() {
    let course = course();
    let two: Vec<String> = course.modules[..2].iter().map(|m| m.id.clone()).collect();
    let specs = [
        ("final assessment", assessment::spec(&course)),
        (
            "quick quiz",
            QuizSpec {
                scope: Scope::Course,
                count: QUICK_QUIZ,
                generated: true,
            },
        ),
    ];
    for seed in 0..SEEDS {
        let mut quizzes: Vec<(&str, Quiz)> = specs
            .iter()
            .map(|(label, spec)| (*label, quiz::assemble(&course, spec, seed)))
            .collect();
        quizzes.push((
            "printed quiz on the course",
            beacon::quiz::classroom_quiz(&course, &[], 30, seed, &[]),
        ));
        quizzes.push((
            "printed quiz on two modules",
            beacon::quiz::classroom_quiz(&course, &two, 12, seed, &[]),
        ));
        for (label, quiz) in quizzes {
            let (facts, shown) = clashes(&course, &quiz);
            assert!(facts.is_empty(), "{label}, seed {seed}: {facts:?}");
            assert!(shown.is_empty(), "{label}, seed {seed}: {shown:?}");
        }
    }
}

#[test]
fn a_review_asks_each_due_fact_once_and_gives_nothing_away() {
    let course = course();
    let progress = Progress::default();
    for m in &course.modules {
        let facts: Vec<String> = m.facts.iter().map(|f| f.id.clone()).collect();
        for seed in 0..SEEDS / 4 {
            let spec = review::quiz_for_facts(&course, &progress, &facts, seed).expect("a review");
            let quiz = quiz::assemble(&course, &spec, seed);
            let (facts, shown) = clashes(&course, &quiz);
            assert!(facts.is_empty(), "{} seed {seed}: {facts:?}", m.id);
            assert!(shown.is_empty(), "{} seed {seed}: {shown:?}", m.id);
        }
    }
}
