//! The class report: which attempts count, then the statistics of every test and question.

use std::collections::HashMap;

use serde::Serialize;

use super::flags::{self, Figures, Flag, Thresholds};
use super::math;
use super::pool::{Attempt, Item, Note, Pool, Shape};
use crate::content::{Body, Course, Question};
use crate::quiz::{describe, generate, right_response};

/// Which attempts count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Which {
    /// Each learner's first attempt at each test (Moodle's "first attempt").
    #[default]
    First,
    /// Every attempt.
    All,
}

/// What the report covers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// First attempts or all.
    pub which: Which,
    /// The test whose questions are analysed (see [`TestStats::id`]); `None` for every test.
    pub test: Option<String>,
    /// When questions are flagged.
    pub thresholds: Thresholds,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The files read.
    pub files: Vec<String>,
    /// Which attempts count.
    pub attempts_used: Which,
    /// The test whose questions are analysed; `None` for every test.
    pub test: Option<String>,
    /// Learners with at least one attempt counted.
    pub learners: usize,
    /// Every test, the final assessment first, then the modules' quizzes in course order.
    pub tests: Vec<TestStats>,
    /// Every question answered in the analysed tests, in course order.
    pub questions: Vec<QuestionStats>,
    /// The thresholds the flags used.
    pub thresholds: Thresholds,
    /// What was left out of the files, and why.
    pub notes: Vec<Note>,
}

/// The statistics of one test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestStats {
    /// `final`, a module id (its quiz), `review`, `mixed`, `checks:MODULE` (its lesson's
    /// "check yourself" questions), or the activity id another system gave it.
    pub id: String,
    /// A title in words.
    pub title: String,
    /// Learners with an attempt counted.
    pub learners: usize,
    /// Attempts counted.
    pub attempts: usize,
    /// Mean score as a share of the maximum, 0 to 1.
    pub mean: Option<f64>,
    /// Median score, 0 to 1.
    pub median: Option<f64>,
    /// Standard deviation of the scores (sample, n - 1).
    pub sd: Option<f64>,
    /// The number of questions per attempt that internal consistency is computed on (the most
    /// common number among the attempts with per-question results).
    pub questions: Option<usize>,
    /// Attempts with exactly that many questions answered: the ones alpha is computed on.
    pub alpha_attempts: usize,
    /// Cronbach's alpha (KR-20 when every question is right or wrong).
    pub alpha: Option<f64>,
    /// Moodle's error ratio: the square root of 1 - alpha.
    pub error_ratio: Option<f64>,
    /// Moodle's standard error: the standard deviation of those attempts' scores times the error
    /// ratio (the standard error of measurement), as a share of the maximum.
    pub standard_error: Option<f64>,
}

/// The statistics of one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionStats {
    /// Question id.
    pub id: String,
    /// The module it belongs to, when it is in the course.
    pub module: Option<String>,
    /// Its kind (`single`, `true_false`, ...), when it is in the course.
    pub kind: Option<&'static str>,
    /// What it asks, when it is in the course.
    pub prompt: Option<String>,
    /// The right answer, when it is in the course.
    pub key: Option<String>,
    /// Attempts in which it was answered.
    pub attempts: usize,
    /// Facility index: the mean score, 0 to 1.
    pub facility: f64,
    /// Standard deviation of its scores (sample).
    pub sd: Option<f64>,
    /// Discrimination index: the correlation of its score with the rest of the test, -1 to 1.
    pub discrimination: Option<f64>,
    /// Discriminative efficiency: the discrimination index as a share of the largest its score
    /// distribution allows.
    pub efficiency: Option<f64>,
    /// Attempts with a recorded response (for choice and true/false questions).
    pub responses: usize,
    /// How often each choice was picked, in authored order (empty without responses).
    pub choices: Vec<ChoiceShare>,
    /// What deserves a look, most serious first.
    pub flags: Vec<Flag>,
}

/// How often one choice was picked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceShare {
    /// The choice's text.
    pub text: String,
    /// Whether it is right.
    pub correct: bool,
    /// Responses that picked it.
    pub picked: usize,
    /// Its share of the responses.
    pub share: f64,
}

impl Report {
    /// The question with this id.
    #[must_use]
    pub fn question(&self, id: &str) -> Option<&QuestionStats> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The test with this id.
    #[must_use]
    pub fn test_stats(&self, id: &str) -> Option<&TestStats> {
        self.tests.iter().find(|t| t.id == id)
    }
}

impl QuestionStats {
    /// The most serious flag, if any.
    #[must_use]
    pub fn worst(&self) -> Option<flags::FlagKind> {
        self.flags.first().map(|f| f.kind)
    }
}

/// One question's answers, gathered over the attempts.
#[derive(Default)]
struct Gathered {
    scores: Vec<f64>,
    /// Score and mean score on the rest of the attempt, where the attempt had other questions.
    paired: (Vec<f64>, Vec<f64>),
    picks: [usize; 32],
    responses: usize,
}

/// The report on the pooled results.
#[must_use]
pub fn analyse(pool: &Pool, course: &Course, options: &Options) -> Report {
    let chosen = choose(&pool.attempts, options.which);
    let asked: Vec<Vec<Item>> = chosen.iter().map(|a| a.asked()).collect();
    let mut tests: Vec<TestStats> = (0..pool.tests.names.len() as u32)
        .filter_map(|t| {
            let of_test: Vec<(&Attempt, &[Item])> = chosen
                .iter()
                .zip(&asked)
                .filter(|(a, _)| a.test == t)
                .map(|(a, items)| (*a, items.as_slice()))
                .collect();
            let id = pool.tests.names.get(t as usize)?;
            let title = test_title(course, id, pool.test_titles.get(&t));
            (!of_test.is_empty()).then(|| test_stats(id, title, &of_test))
        })
        .collect();
    tests.sort_by_key(|t| test_rank(course, &t.id));
    // `Some(None)`: a test was asked for that no file has.
    let analysed: Option<Option<u32>> = options.test.as_deref().map(|id| pool.tests.get(id));
    let mut gathered: Vec<Gathered> = Vec::new();
    gathered.resize_with(pool.questions.names.len(), Gathered::default);
    for (a, items) in chosen.iter().zip(&asked) {
        if analysed.is_some_and(|t| t != Some(a.test)) {
            continue;
        }
        let total: f64 = items.iter().map(|i| i.score).sum();
        let n = items.len();
        for item in items {
            let Some(g) = gathered.get_mut(item.question as usize) else {
                continue;
            };
            g.scores.push(item.score);
            if n >= 2 {
                g.paired.0.push(item.score);
                g.paired.1.push((total - item.score) / (n - 1) as f64);
            }
            if let Some(set) = item.picked {
                g.responses += 1;
                // Only the bits that are set.
                let mut rest = set;
                while rest != 0 {
                    if let Some(count) = g.picks.get_mut(rest.trailing_zeros() as usize) {
                        *count += 1;
                    }
                    rest &= rest - 1;
                }
            }
        }
    }
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0);
    let mut questions: Vec<QuestionStats> = pool
        .questions
        .names
        .iter()
        .zip(&gathered)
        .filter(|(_, g)| !g.scores.is_empty())
        .map(|(id, g)| {
            let question = if id.starts_with(generate::PREFIX) {
                generate::build(course, id, &mut rng)
            } else {
                course.question(id).cloned()
            };
            question_stats(course, id, question.as_ref(), g, &options.thresholds)
        })
        .collect();
    let order = course_order(course);
    questions.sort_by(|a, b| {
        let rank = |q: &QuestionStats| order.get(q.id.as_str()).copied();
        (rank(a).is_none(), rank(a), &a.id).cmp(&(rank(b).is_none(), rank(b), &b.id))
    });
    let mut learners: Vec<u32> = chosen.iter().map(|a| a.learner).collect();
    learners.sort_unstable();
    learners.dedup();
    Report {
        files: pool.files.clone(),
        attempts_used: options.which,
        test: options.test.clone(),
        learners: learners.len(),
        tests,
        questions,
        thresholds: options.thresholds,
        notes: pool.notes.clone(),
    }
}

/// The attempts that count, in the order read.
fn choose(attempts: &[Attempt], which: Which) -> Vec<&Attempt> {
    let usable = attempts
        .iter()
        .filter(|a| a.total.is_some() || !a.items.is_empty());
    let mut chosen: Vec<&Attempt> = match which {
        Which::All => usable.collect(),
        Which::First => {
            let mut first: HashMap<(u32, u32), &Attempt> = HashMap::new();
            // An attempt with no known time counts as later than every dated one.
            let key = |a: &Attempt| (a.when.is_none(), a.when, a.seq);
            for a in usable {
                let slot = first.entry((a.learner, a.test)).or_insert(a);
                if key(a) < key(slot) {
                    *slot = a;
                }
            }
            first.into_values().collect()
        }
    };
    chosen.sort_by_key(|a| a.seq);
    chosen
}

/// The statistics of one test's attempts.
fn test_stats(id: &str, title: String, attempts: &[(&Attempt, &[Item])]) -> TestStats {
    let scores: Vec<f64> = attempts
        .iter()
        .filter_map(|(a, items)| match a.total {
            // Held to 0 to 1, as each question's score is: a file may say -5 of 6.
            Some((score, max)) if max > 0.0 => Some((score / max).clamp(0.0, 1.0)),
            _ => math::mean(&items.iter().map(|i| i.score).collect::<Vec<_>>()),
        })
        .collect();
    let mut learners: Vec<u32> = attempts.iter().map(|(a, _)| a.learner).collect();
    learners.sort_unstable();
    learners.dedup();
    // Internal consistency needs every attempt to have as many questions: Beacon draws them at
    // random, so, as Moodle does for random questions, item j is the j-th question asked.
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for (_, items) in attempts.iter().filter(|(_, items)| !items.is_empty()) {
        *counts.entry(items.len()).or_default() += 1;
    }
    let k = counts
        .iter()
        .max_by_key(|&(len, count)| (*count, *len))
        .map(|(&len, _)| len);
    let rows: Vec<Vec<f64>> = attempts
        .iter()
        .filter(|(_, items)| Some(items.len()) == k)
        .map(|(_, items)| items.iter().map(|i| i.score).collect())
        .collect();
    let alpha = math::alpha(&rows);
    let error_ratio = alpha.map(|a| (1.0 - a).max(0.0).sqrt());
    let alpha_sd = k.and_then(|k| {
        let shares: Vec<f64> = rows
            .iter()
            .map(|r| r.iter().sum::<f64>() / k as f64)
            .collect();
        math::sd(&shares)
    });
    TestStats {
        id: id.to_owned(),
        title,
        learners: learners.len(),
        attempts: attempts.len(),
        mean: math::mean(&scores),
        median: math::median(&scores),
        sd: math::sd(&scores),
        questions: k,
        alpha_attempts: rows.len(),
        alpha,
        error_ratio,
        standard_error: error_ratio.zip(alpha_sd).map(|(e, sd)| e * sd),
    }
}

/// The statistics of one question.
fn question_stats(
    course: &Course,
    id: &str,
    question: Option<&Question>,
    g: &Gathered,
    thresholds: &Thresholds,
) -> QuestionStats {
    let facility = math::mean(&g.scores).unwrap_or(0.0);
    let discrimination = math::correlation(&g.paired.0, &g.paired.1);
    let choices = if g.responses == 0 {
        Vec::new()
    } else {
        choice_shares(course, id, g)
    };
    let authored = course.question(id);
    let unused: Vec<String> = match authored.map(|q| &q.body) {
        Some(Body::Single(_) | Body::Multiple(_)) => choices
            .iter()
            .filter(|c| !c.correct && c.picked == 0)
            .map(|c| c.text.clone())
            .collect(),
        _ => Vec::new(),
    };
    let figures = Figures {
        attempts: g.scores.len(),
        facility,
        discrimination,
        responses: g.responses,
        unused: &unused,
    };
    QuestionStats {
        id: id.to_owned(),
        module: course
            .module_of_question(id)
            .or_else(|| generate::module_of(course, id))
            .map(|m| m.id.clone()),
        kind: question.map(|q| q.body.kind().name()),
        prompt: question.map(|q| q.prompt.clone()),
        key: question.map(|q| describe(&q.body, &right_response(&q.body))),
        attempts: g.scores.len(),
        facility,
        sd: math::sd(&g.scores),
        discrimination,
        efficiency: math::efficiency(&g.paired.0, &g.paired.1),
        responses: g.responses,
        choices,
        flags: flags::flags(&figures, thresholds),
    }
}

/// How often each choice of an authored choice or true/false question was picked.
fn choice_shares(course: &Course, id: &str, g: &Gathered) -> Vec<ChoiceShare> {
    let share = |text: &str, correct: bool, bit: usize| {
        let picked = g.picks.get(bit).copied().unwrap_or(0);
        ChoiceShare {
            text: text.to_owned(),
            correct,
            picked,
            share: picked as f64 / g.responses as f64,
        }
    };
    match (Shape::of(course, id), course.question(id).map(|q| &q.body)) {
        (Shape::Choices(_), Some(Body::Single(c) | Body::Multiple(c))) => {
            c.0.iter()
                .enumerate()
                .map(|(i, ch)| share(&ch.text, ch.correct, i))
                .collect()
        }
        (Shape::TrueFalse, Some(Body::TrueFalse(answer))) => {
            vec![share("True", *answer, 0), share("False", !*answer, 1)]
        }
        _ => Vec::new(),
    }
}

/// Authored questions in course order (module, then file order); generated ones after them.
fn course_order(course: &Course) -> HashMap<&str, (usize, usize)> {
    course
        .modules
        .iter()
        .enumerate()
        .flat_map(|(m, module)| {
            module
                .questions
                .iter()
                .enumerate()
                .map(move |(q, question)| (question.id.as_str(), (m, q)))
        })
        .collect()
}

/// A test's title in words.
fn test_title(course: &Course, id: &str, named: Option<&String>) -> String {
    let module = |m: &str| course.module(m).map(|m| m.title.clone());
    match id {
        "final" => "Final assessment".to_owned(),
        "review" => "Reviews".to_owned(),
        "mixed" => "Quick quizzes".to_owned(),
        "all" => "Answers without a test".to_owned(),
        _ => {
            if let Some(m) = id.strip_prefix("checks:").and_then(module) {
                format!("Check yourself: {m}")
            } else if let Some(m) = module(id) {
                format!("Quiz: {m}")
            } else {
                named.cloned().unwrap_or_else(|| id.to_owned())
            }
        }
    }
}

/// Where a test comes in the report.
fn test_rank(course: &Course, id: &str) -> (usize, String) {
    let module = |m: &str| course.modules.iter().position(|x| x.id == m);
    let rank = match id {
        "final" => 0,
        "review" => 20_000,
        "mixed" => 20_001,
        _ => {
            if let Some(i) = id.strip_prefix("checks:").and_then(module) {
                10_000 + i
            } else if let Some(i) = module(id) {
                1 + i
            } else {
                30_000
            }
        }
    };
    (rank, id.to_owned())
}
