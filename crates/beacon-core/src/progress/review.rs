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

/// Brings a file from an older schema up to date. A version 1 file had no memory states, so
/// they are rebuilt by replaying its answers in time order; a version 2 file keeps its states and
/// gains, from the same replay, the count of recalls after a delay that mastery needs. Answers
/// to questions no longer in the course are kept and skipped. Returns whether anything changed.
pub fn migrate(progress: &mut Progress, course: &Course, scheduler: &Scheduler) -> bool {
    if progress.schema >= SCHEMA {
        return false;
    }
    let replayed = replay(progress, course, scheduler);
    if progress.memory.is_empty() {
        progress.memory = replayed;
    } else {
        for (fact, memory) in &mut progress.memory {
            memory.delayed_recalls = replayed.get(fact).map_or(0, |m| m.delayed_recalls);
        }
    }
    progress.schema = SCHEMA;
    true
}

/// The memory states that the answers, replayed in time order, give.
fn replay(
    progress: &Progress,
    course: &Course,
    scheduler: &Scheduler,
) -> BTreeMap<String, super::FactMemory> {
    let mut answers = progress.answers.clone();
    answers.sort_by_key(|a| a.at);
    let mut rng = StdRng::seed_from_u64(0);
    let mut fresh = Progress::default();
    for a in answers {
        let question = if a.question.starts_with(generate::PREFIX) {
            generate::build(course, &a.question, &mut rng)
        } else {
            course.question(&a.question).cloned()
        };
        if let Some(q) = question {
            remember(&mut fresh, scheduler, &q, a.outcome, a.seconds, a.at);
        }
    }
    fresh.memory
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
        .modules
        .iter()
        .flat_map(|m| m.facts.iter().map(move |f| (m, f)))
        .filter(|(m, f)| {
            !progress.memory.contains_key(&f.id)
                && taught(m, &f.section, progress)
                && tested_by_any(course, &f.id)
        })
        .take(allowance)
        .map(|(_, f)| f.id.clone())
        .collect();
    ReviewQueue {
        due: due.into_iter().map(|(id, _)| id.clone()).collect(),
        new,
    }
}

/// Whether the lesson page of a section was shown to the learner: reviews start from what was
/// taught (a page read) or tested (a memory state), never from facts the learner has not met.
fn taught(module: &Module, section: &str, progress: &Progress) -> bool {
    let Some(lesson) = progress.lessons.get(&module.id) else {
        return false;
    };
    crate::lesson::section_page(module, section).is_some_and(|p| lesson.pages_read.contains(&p))
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
    /// Facts mastered (see [`is_mastered`]).
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

/// Whether a fact is mastered at `now`: it was recalled after a delay (answered right at least a
/// day after it was last tested, and not forgotten since) and its recall probability is still at
/// least [`MASTERED_RECALL`]. Answering right the same day it was taught shows it was
/// understood, not that it will be remembered, so it does not count: right after a first quiz
/// no fact is mastered, whatever the score.
#[must_use]
pub fn is_mastered(memory: &super::FactMemory, now: DateTime<Utc>) -> bool {
    memory.delayed_recalls > 0 && retrievability(memory, now) >= MASTERED_RECALL
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
            if is_mastered(memory, now) {
                m.mastered += 1;
            }
        }
    }
    m
}

/// How far ahead the weakest facts are judged: the recall probability a week from now tells a
/// fact answered wrong (low stability) from one answered right, even on the day of the answer,
/// when every fact's recall is still 100%.
pub const WEAK_HORIZON_DAYS: i64 = 7;

/// The `n` tested facts that are not mastered and most likely to be forgotten, weakest first,
/// in one module or the whole course, each with its recall probability
/// [`WEAK_HORIZON_DAYS`] days from now.
#[must_use]
pub fn weakest(
    course: &Course,
    progress: &Progress,
    now: DateTime<Utc>,
    module: Option<&str>,
    n: usize,
) -> Vec<(String, f64)> {
    let ahead = now + Duration::days(WEAK_HORIZON_DAYS);
    let mut facts: Vec<(String, f64)> = course
        .modules
        .iter()
        .filter(|m| module.is_none_or(|id| m.id == id))
        .flat_map(|m| &m.facts)
        .filter_map(|f| {
            progress
                .memory
                .get(&f.id)
                .filter(|mem| !is_mastered(mem, now))
                .map(|mem| (f.id.clone(), retrievability(mem, ahead)))
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
            reviews: 2,
            lapses: 0,
            last_question: None,
            delayed_recalls: 1,
        }
    }

    /// An answer to `question` outside any quiz.
    fn answered(
        question: &str,
        module: &str,
        at: DateTime<Utc>,
        outcome: Outcome,
    ) -> crate::progress::AnswerRecord {
        crate::progress::AnswerRecord {
            question: question.to_owned(),
            module: module.to_owned(),
            at,
            outcome,
            score: if outcome == Outcome::Right { 1.0 } else { 0.0 },
            seconds: 20.0,
            attempt: None,
            response: None,
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
        // The weakest are the two facts not mastered, least likely recalled a week on first.
        let weakest = weakest(&course, &p, now, Some("palermo"), 3);
        assert_eq!(weakest.len(), 2, "mastered facts are not weak");
        assert!(weakest[0].1 <= weakest[1].1);
        let unmastered: Vec<&String> = module.facts[n - 2..].iter().map(|f| &f.id).collect();
        assert!(weakest.iter().all(|(f, _)| unmastered.contains(&f)));
        assert!(weakest[0].1 < MASTERED_RECALL);
    }

    /// Answers every authored single-fact question of `module` once at `at`, right for the
    /// first `right` of them and wrong for the rest; returns the facts answered right and wrong.
    fn quiz_once(
        p: &mut Progress,
        module: &Module,
        right: usize,
        at: DateTime<Utc>,
    ) -> (Vec<String>, Vec<String>) {
        let s = Scheduler::new(0.9);
        let (mut ok, mut wrong) = (Vec::new(), Vec::new());
        for q in module.questions.iter().filter(|q| q.facts.len() == 1) {
            let fact = q.facts[0].clone();
            if ok.contains(&fact) || wrong.contains(&fact) {
                continue;
            }
            let outcome = if ok.len() < right {
                ok.push(fact);
                Outcome::Right
            } else {
                wrong.push(fact);
                Outcome::Wrong
            };
            remember(p, &s, q, outcome, 20.0, at);
        }
        (ok, wrong)
    }

    #[test]
    fn nothing_is_mastered_right_after_a_first_quiz_whatever_the_score() {
        let course = course();
        let module = course.module("definition").expect("module");
        let now = t("2026-06-01T12:00:00Z");
        let mut p = Progress::default();
        let (ok, wrong) = quiz_once(&mut p, module, 5, now);
        assert!(ok.len() == 5 && !wrong.is_empty());
        let m = mastery(module, &p, now);
        assert_eq!(m.seen, ok.len() + wrong.len());
        assert_eq!(m.mastered, 0, "a score of the same day is no mastery");
        // The weakest facts are the ones answered wrong, and none reads 100%.
        let weak = weakest(&course, &p, now, Some("definition"), 20);
        assert_eq!(
            weak.len(),
            ok.len() + wrong.len(),
            "nothing is mastered yet"
        );
        for (fact, recall) in &weak[..wrong.len()] {
            assert!(wrong.contains(fact), "{fact} was answered right");
            assert!(*recall < 0.9, "{fact}: {recall}");
        }
        assert!(weak.iter().all(|(_, r)| *r < 0.995), "{weak:?}");
        // Three days later the facts answered right are recalled again: now they are mastered,
        // and no longer among the weakest.
        let later = now + Duration::days(3);
        let s = Scheduler::new(0.9);
        for fact in &ok {
            let q = module
                .questions
                .iter()
                .find(|q| q.facts == [fact.clone()])
                .expect("question");
            remember(&mut p, &s, q, Outcome::Right, 20.0, later);
        }
        let m = mastery(module, &p, later);
        assert_eq!(m.mastered, ok.len());
        let weak: Vec<String> = weakest(&course, &p, later, Some("definition"), 20)
            .into_iter()
            .map(|w| w.0)
            .collect();
        assert!(ok.iter().all(|f| !weak.contains(f)));
    }

    #[test]
    fn new_facts_come_only_from_lesson_pages_read() {
        let course = course();
        let utc = FixedOffset::east_opt(0).expect("utc");
        let now = t("2026-06-01T12:00:00Z");
        let mut p = Progress::default();
        assert!(
            queue(&course, &p, now, utc).is_empty(),
            "nothing taught yet"
        );
        let module = course.module("palermo").expect("module");
        let section = &module.sections[1];
        let page = crate::lesson::section_page(module, &section.id).expect("page");
        p.lessons
            .entry(module.id.clone())
            .or_default()
            .pages_read
            .extend([0, page]);
        let q = queue(&course, &p, now, utc);
        assert!(!q.new.is_empty());
        for fact in &q.new {
            let f = course.fact(fact).expect("fact");
            assert_eq!(f.section, section.id, "{fact} was not on the page read");
        }
    }

    #[test]
    fn a_version_2_file_keeps_its_schedule_and_learns_its_delayed_recalls() {
        let course = course();
        let s = Scheduler::new(0.9);
        let module = course.module("definition").expect("module");
        let now = t("2026-06-01T12:00:00Z");
        let mut p = Progress::default();
        let q = &module.questions[0];
        for (days, outcome) in [(0, Outcome::Right), (4, Outcome::Right)] {
            let at = now + Duration::days(days);
            remember(&mut p, &s, q, outcome, 20.0, at);
            p.answers.push(answered(&q.id, &module.id, at, outcome));
        }
        let before = p.memory.clone();
        for m in p.memory.values_mut() {
            m.delayed_recalls = 0;
        }
        p.schema = 2;
        assert!(migrate(&mut p, &course, &Scheduler::new(0.8)));
        for (fact, m) in &p.memory {
            assert_eq!(m.due, before[fact].due, "the schedule is kept");
            assert_eq!(m.delayed_recalls, 1, "{fact}");
        }
    }

    #[test]
    fn streaks_count_days_in_a_row_and_survive_until_the_day_ends() {
        let utc = FixedOffset::east_opt(0).expect("utc");
        let now = t("2026-06-10T09:00:00Z");
        let mut p = Progress::default();
        for back in [1, 2, 3, 5] {
            p.answers.push(answered(
                "q",
                "m",
                now - Duration::days(back),
                Outcome::Right,
            ));
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
