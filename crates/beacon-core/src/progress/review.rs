//! Learning that sticks: each answer updates the memory of the facts it tests; the review queue
//! holds the facts that are due (and a few new ones a day); mastery and the weakest facts come
//! from the recall probability. Pure functions of the course, the progress and the time.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::memory::{Rating, Scheduler, retrievability};
use super::model::{Progress, SCHEMA};
use crate::content::{Course, Module, Question};
use crate::quiz::{Outcome, QuizSpec, Scope, generate};

/// Recall probability at which a fact counts as mastered.
pub const MASTERED_RECALL: f64 = 0.9;
/// Share of a module's facts that must be mastered for the module to count as mastered.
pub const MASTERED_MODULE: f64 = 0.9;
/// Most facts in one review session.
pub const SESSION_FACTS: usize = 20;

/// Updates the memory of every fact `question` tests after an answer at `now`.
pub fn remember(
    progress: &mut Progress,
    scheduler: &Scheduler,
    question: &Question,
    outcome: Outcome,
    seconds: f64,
    now: DateTime<Utc>,
) {
    let rating = Rating::of(outcome, question.body.kind(), seconds);
    for fact in &question.facts {
        let mut next = scheduler.review(progress.memory.get(fact), rating, now);
        next.last_question = Some(question.id.clone());
        progress.memory.insert(fact.clone(), next);
    }
}

/// Brings a file from an older schema up to date: a version 1 file had no memory states, so
/// they are rebuilt by replaying its answers in time order. Answers to questions no longer in
/// the course are kept and skipped. Returns whether anything changed.
pub fn migrate(progress: &mut Progress, course: &Course, scheduler: &Scheduler) -> bool {
    if progress.schema >= SCHEMA {
        return false;
    }
    if progress.memory.is_empty() {
        let mut answers = progress.answers.clone();
        answers.sort_by_key(|a| a.at);
        let mut rng = StdRng::seed_from_u64(0);
        for a in answers {
            let question = if a.question.starts_with(generate::PREFIX) {
                generate::build(course, &a.question, &mut rng)
            } else {
                course.question(&a.question).cloned()
            };
            if let Some(q) = question {
                remember(progress, scheduler, &q, a.outcome, a.seconds, a.at);
            }
        }
    }
    progress.schema = SCHEMA;
    true
}

/// The facts to review now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewQueue {
    /// Facts whose due date has come, most overdue first.
    pub due: Vec<String>,
    /// Facts never tested that today's allowance of new facts brings in, in course order.
    pub new: Vec<String>,
}

impl ReviewQueue {
    /// How many facts are waiting.
    #[must_use]
    pub fn len(&self) -> usize {
        self.due.len() + self.new.len()
    }

    /// Whether nothing is waiting.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The review queue at `now`; days are counted in the learner's time zone `tz`.
#[must_use]
pub fn queue(
    course: &Course,
    progress: &Progress,
    now: DateTime<Utc>,
    tz: FixedOffset,
) -> ReviewQueue {
    let known: HashSet<&str> = course.facts().map(|f| f.id.as_str()).collect();
    let mut due: Vec<(&String, DateTime<Utc>)> = progress
        .memory
        .iter()
        .filter(|(id, m)| known.contains(id.as_str()) && m.due <= now)
        .map(|(id, m)| (id, m.due))
        .collect();
    due.sort_by_key(|&(id, at)| (at, id));
    let today = now.with_timezone(&tz).date_naive();
    let introduced_today = progress
        .memory
        .values()
        .filter(|m| m.first_review.with_timezone(&tz).date_naive() == today)
        .count();
    let allowance = usize::from(progress.settings.new_per_day).saturating_sub(introduced_today);
    let new = course
        .facts()
        .filter(|f| !progress.memory.contains_key(&f.id) && tested_by_any(course, &f.id))
        .take(allowance)
        .map(|f| f.id.clone())
        .collect();
    ReviewQueue {
        due: due.into_iter().map(|(id, _)| id.clone()).collect(),
        new,
    }
}

fn tested_by_any(course: &Course, fact: &str) -> bool {
    course
        .questions()
        .any(|q| q.facts.iter().any(|f| f == fact))
}

/// A quiz with one question per fact (at most [`SESSION_FACTS`]): a question that tests the fact,
/// authored or generated, and a different one from the last that tested it when there is one.
#[must_use]
pub fn quiz_for_facts(
    course: &Course,
    progress: &Progress,
    facts: &[String],
    seed: u64,
) -> Option<QuizSpec> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut generated: BTreeMap<&str, Vec<Question>> = BTreeMap::new();
    let mut chosen: Vec<String> = Vec::new();
    for fact in facts.iter().take(SESSION_FACTS) {
        let Some(module) = course
            .modules
            .iter()
            .find(|m| m.facts.iter().any(|f| &f.id == fact))
        else {
            continue;
        };
        let made = generated
            .entry(module.id.as_str())
            .or_insert_with(|| generate::for_module(course, module, &mut rng));
        let mut candidates: Vec<&Question> = module_questions(course, module)
            .chain(made.iter())
            .filter(|q| q.facts.contains(fact) && !chosen.contains(&q.id))
            .collect();
        let last = progress
            .memory
            .get(fact)
            .and_then(|m| m.last_question.as_deref());
        if candidates.len() > 1 {
            candidates.retain(|q| Some(q.id.as_str()) != last);
        }
        if let Some(q) = candidates.choose(&mut rng) {
            chosen.push(q.id.clone());
        }
    }
    if chosen.is_empty() {
        return None;
    }
    Some(QuizSpec {
        count: chosen.len(),
        scope: Scope::Questions(chosen),
        generated: false,
    })
}

/// Every authored question that tests a fact of `module`, wherever it is written.
fn module_questions<'c>(
    course: &'c Course,
    module: &'c Module,
) -> impl Iterator<Item = &'c Question> + 'c {
    course.questions().filter(move |q| {
        q.facts
            .iter()
            .any(|f| module.facts.iter().any(|mf| &mf.id == f))
    })
}

/// How well a module's facts are remembered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mastery {
    /// Facts in the module.
    pub facts: usize,
    /// Facts tested at least once.
    pub seen: usize,
    /// Facts with a recall probability of at least [`MASTERED_RECALL`].
    pub mastered: usize,
}

impl Mastery {
    /// The share of facts mastered, 0 to 1.
    #[must_use]
    pub fn share(&self) -> f64 {
        if self.facts == 0 {
            0.0
        } else {
            self.mastered as f64 / self.facts as f64
        }
    }

    /// Whether the module counts as mastered.
    #[must_use]
    pub fn is_mastered(&self) -> bool {
        self.facts > 0 && self.share() >= MASTERED_MODULE
    }
}

/// The mastery of one module at `now`.
#[must_use]
pub fn mastery(module: &Module, progress: &Progress, now: DateTime<Utc>) -> Mastery {
    let mut m = Mastery {
        facts: module.facts.len(),
        seen: 0,
        mastered: 0,
    };
    for fact in &module.facts {
        if let Some(memory) = progress.memory.get(&fact.id) {
            m.seen += 1;
            if retrievability(memory, now) >= MASTERED_RECALL {
                m.mastered += 1;
            }
        }
    }
    m
}

/// The `n` tested facts with the lowest recall probability, lowest first, in one module or the
/// whole course.
#[must_use]
pub fn weakest(
    course: &Course,
    progress: &Progress,
    now: DateTime<Utc>,
    module: Option<&str>,
    n: usize,
) -> Vec<(String, f64)> {
    let mut facts: Vec<(String, f64)> = course
        .modules
        .iter()
        .filter(|m| module.is_none_or(|id| m.id == id))
        .flat_map(|m| &m.facts)
        .filter_map(|f| {
            progress
                .memory
                .get(&f.id)
                .map(|mem| (f.id.clone(), retrievability(mem, now)))
        })
        .collect();
    facts.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    facts.truncate(n);
    facts
}

/// How many facts fall due on each of the next `days` days (today first; overdue ones count
/// for today).
#[must_use]
pub fn due_per_day(
    progress: &Progress,
    now: DateTime<Utc>,
    tz: FixedOffset,
    days: usize,
) -> Vec<usize> {
    let today = now.with_timezone(&tz).date_naive();
    let mut out = vec![0; days];
    for m in progress.memory.values() {
        let day = m.due.with_timezone(&tz).date_naive();
        let offset = (day - today).num_days().max(0);
        if let Some(slot) = usize::try_from(offset).ok().and_then(|o| out.get_mut(o)) {
            *slot += 1;
        }
    }
    out
}

/// Answers given on each of the last `days` days, oldest first (the last entry is today).
#[must_use]
pub fn answers_per_day(
    progress: &Progress,
    now: DateTime<Utc>,
    tz: FixedOffset,
    days: usize,
) -> Vec<(NaiveDate, usize)> {
    let today = now.with_timezone(&tz).date_naive();
    let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for a in &progress.answers {
        *counts
            .entry(a.at.with_timezone(&tz).date_naive())
            .or_default() += 1;
    }
    (0..days)
        .rev()
        .map(|back| {
            let day = today - Duration::days(i64::try_from(back).unwrap_or(0));
            (day, counts.get(&day).copied().unwrap_or(0))
        })
        .collect()
}

/// Days in a row with at least one answer, ending today (or yesterday, so a streak is not lost
/// before the day is over).
#[must_use]
pub fn streak(progress: &Progress, now: DateTime<Utc>, tz: FixedOffset) -> u32 {
    let active: HashSet<NaiveDate> = progress
        .answers
        .iter()
        .map(|a| a.at.with_timezone(&tz).date_naive())
        .collect();
    let today = now.with_timezone(&tz).date_naive();
    let mut day = if active.contains(&today) {
        today
    } else {
        today - Duration::days(1)
    };
    let mut n = 0;
    while active.contains(&day) {
        n += 1;
        day -= Duration::days(1);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::FactMemory;

    fn course() -> Course {
        crate::testing::shipped()
    }

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .expect("time")
    }

    fn memory(stability: f64, last: DateTime<Utc>) -> FactMemory {
        FactMemory {
            stability,
            difficulty: 5.0,
            first_review: last,
            last_review: last,
            due: last,
            reviews: 1,
            lapses: 0,
            last_question: None,
        }
    }

    #[test]
    fn mastery_counts_facts_recalled_with_at_least_ninety_percent() {
        let course = course();
        let module = course.module("palermo").expect("module");
        let now = t("2026-06-01T12:00:00Z");
        let mut p = Progress::default();
        assert_eq!(mastery(module, &p, now).seen, 0);
        // Recall falls to 90% when the elapsed days reach the stability: after 9 days a
        // stability of 10 is still above, one of 5 is below.
        let n = module.facts.len();
        for (i, f) in module.facts.iter().enumerate() {
            let stability = if i < n - 2 { 10.0 } else { 5.0 };
            p.memory
                .insert(f.id.clone(), memory(stability, now - Duration::days(9)));
        }
        let m = mastery(module, &p, now);
        assert_eq!((m.facts, m.seen, m.mastered), (n, n, n - 2));
        assert!((m.share() - (n - 2) as f64 / n as f64).abs() < 1e-12);
        assert_eq!(m.is_mastered(), m.share() >= MASTERED_MODULE);
        // Two days later nothing is at 90% any more.
        assert_eq!(mastery(module, &p, now + Duration::days(2)).mastered, 0);
        let weakest = weakest(&course, &p, now, Some("palermo"), 3);
        assert_eq!(weakest.len(), 3);
        assert!(weakest[0].1 <= weakest[1].1 && weakest[1].1 <= weakest[2].1);
        assert!(weakest[0].1 < MASTERED_RECALL);
    }

    #[test]
    fn streaks_count_days_in_a_row_and_survive_until_the_day_ends() {
        let utc = FixedOffset::east_opt(0).expect("utc");
        let now = t("2026-06-10T09:00:00Z");
        let mut p = Progress::default();
        for back in [1, 2, 3, 5] {
            p.answers.push(crate::progress::AnswerRecord {
                question: "q".into(),
                module: "m".into(),
                at: now - Duration::days(back),
                outcome: Outcome::Right,
                score: 1.0,
                seconds: 1.0,
                attempt: None,
                response: None,
            });
        }
        assert_eq!(
            streak(&p, now, utc),
            3,
            "yesterday's streak still counts this morning"
        );
        assert_eq!(streak(&p, now + Duration::days(1), utc), 0);
        let days = answers_per_day(&p, now, utc, 7);
        assert_eq!(days.len(), 7);
        assert_eq!(
            days.iter().map(|d| d.1).collect::<Vec<_>>(),
            [0, 1, 0, 1, 1, 1, 0]
        );
    }

    #[test]
    fn migrating_a_version_1_file_rebuilds_memory_from_answers() {
        let course = course();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/progress/v1.json"
        ))
        .expect("fixture");
        let mut p: Progress = serde_json::from_str(&text).expect("v1 parses");
        p.absorb_legacy();
        assert_eq!(p.schema, 1);
        let answers = p.answers.len();
        assert!(answers > 0);
        assert!(migrate(&mut p, &course, &Scheduler::new(0.9)));
        assert_eq!(p.schema, SCHEMA);
        assert_eq!(p.answers.len(), answers, "no answer lost");
        assert!(!p.memory.is_empty());
        for fact in p.memory.keys() {
            assert!(course.fact(fact).is_some());
        }
        assert!(
            !migrate(&mut p, &course, &Scheduler::new(0.9)),
            "a current file is left alone"
        );
    }
}
