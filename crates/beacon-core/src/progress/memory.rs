//! Spaced review of facts with FSRS-6 (the `fsrs` crate, the scheduler Anki uses): a memory
//! state per fact, a rating from each answer, and the next due date.
//!
//! Rating rule: a wrong answer is *Again*, a partly right one *Hard*, a right one *Good*, and a
//! right one given fast is *Easy*. "Fast" depends on the kind of question: at most 8 seconds for
//! true/false and single choice, 15 for multiple answer, fill-in and numeric, 25 for matching
//! and ordering, and 45 for a scenario.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::content::Kind;
use crate::quiz::Outcome;

/// The longest interval, in days (as the reference implementation).
pub const MAXIMUM_INTERVAL: u32 = 36_500;

/// What a learner's answer says about their memory of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rating {
    /// Forgotten.
    Again = 1,
    /// Remembered with difficulty.
    Hard = 2,
    /// Remembered.
    Good = 3,
    /// Remembered easily.
    Easy = 4,
}

impl Rating {
    /// The rating of an answer with this outcome, given in `seconds`, to a question of `kind`.
    #[must_use]
    pub fn of(outcome: Outcome, kind: Kind, seconds: f64) -> Rating {
        match outcome {
            Outcome::Wrong | Outcome::Skipped => Rating::Again,
            Outcome::PartlyRight => Rating::Hard,
            Outcome::Right if seconds <= fast_seconds(kind) => Rating::Easy,
            Outcome::Right => Rating::Good,
        }
    }

    /// The rating with this number (1 to 4).
    #[must_use]
    pub fn from_number(n: u8) -> Option<Rating> {
        match n {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 => Some(Rating::Good),
            4 => Some(Rating::Easy),
            _ => None,
        }
    }
}

/// The longest answer time that still counts as "fast" for a kind of question.
#[must_use]
pub fn fast_seconds(kind: Kind) -> f64 {
    match kind {
        Kind::TrueFalse | Kind::Single => 8.0,
        Kind::Multiple | Kind::FillIn | Kind::Numeric => 15.0,
        Kind::Matching | Kind::Ordering => 25.0,
        Kind::Scenario => 45.0,
    }
}

/// The memory state of one fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactMemory {
    /// FSRS stability: days until recall probability falls to 90%.
    pub stability: f64,
    /// FSRS difficulty, 1 to 10.
    pub difficulty: f64,
    /// When it was first tested.
    pub first_review: DateTime<Utc>,
    /// When it was last tested.
    pub last_review: DateTime<Utc>,
    /// When it is next due.
    pub due: DateTime<Utc>,
    /// How often it was tested.
    pub reviews: u32,
    /// How often it was forgotten.
    pub lapses: u32,
    /// The question that tested it last, so the next review can ask another.
    #[serde(default)]
    pub last_question: Option<String>,
    /// Right answers given at least a whole day after the previous test of the fact, since it
    /// was last forgotten: recall after a delay, which is what mastery asks for.
    #[serde(default)]
    pub delayed_recalls: u32,
}

/// Schedules facts with FSRS-6's default parameters.
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: fsrs::FSRS,
    desired_retention: f32,
}

impl Scheduler {
    /// A scheduler aiming at `desired_retention` (clamped to 0.70 to 0.97).
    #[must_use]
    pub fn new(desired_retention: f64) -> Self {
        Self {
            fsrs: fsrs::FSRS::default(),
            desired_retention: desired_retention.clamp(0.70, 0.97) as f32,
        }
    }

    /// The memory of a fact after a review at `now` rated `rating`.
    #[must_use]
    pub fn review(
        &self,
        memory: Option<&FactMemory>,
        rating: Rating,
        now: DateTime<Utc>,
    ) -> FactMemory {
        let state = memory.map(|m| fsrs::MemoryState {
            stability: m.stability as f32,
            difficulty: m.difficulty as f32,
        });
        let days = memory.map_or(0, |m| whole_days(m.last_review, now));
        let next = match self.fsrs.next_states(state, self.desired_retention, days) {
            Ok(next) => match rating {
                Rating::Again => next.again,
                Rating::Hard => next.hard,
                Rating::Good => next.good,
                Rating::Easy => next.easy,
            },
            // Only invalid stored numbers get here; start the fact afresh rather than fail.
            Err(_) => return self.review(None, rating, now),
        };
        let interval = self.interval(f64::from(next.memory.stability));
        FactMemory {
            stability: f64::from(next.memory.stability),
            difficulty: f64::from(next.memory.difficulty),
            first_review: memory.map_or(now, |m| m.first_review),
            last_review: now,
            due: now + Duration::days(i64::from(interval)),
            reviews: memory.map_or(0, |m| m.reviews) + 1,
            lapses: memory.map_or(0, |m| m.lapses)
                + u32::from(rating == Rating::Again && memory.is_some()),
            last_question: memory.and_then(|m| m.last_question.clone()),
            delayed_recalls: match (memory, rating) {
                (_, Rating::Again) | (None, _) => 0,
                (Some(m), Rating::Good | Rating::Easy) if days >= 1 => m.delayed_recalls + 1,
                (Some(m), _) => m.delayed_recalls,
            },
        }
    }

    /// Whole days until the next review for a stability: rounded half to even (as the reference
    /// does), at least 1 and at most [`MAXIMUM_INTERVAL`].
    #[must_use]
    pub fn interval(&self, stability: f64) -> u32 {
        let days = f64::from(self.fsrs.next_interval(
            Some(stability as f32),
            self.desired_retention,
            1,
        ));
        (days.round_ties_even() as u32).clamp(1, MAXIMUM_INTERVAL)
    }
}

/// The probability of recalling a fact at `now` (FSRS retrievability), from 0 to 1.
#[must_use]
pub fn retrievability(memory: &FactMemory, now: DateTime<Utc>) -> f64 {
    let state = fsrs::MemoryState {
        stability: memory.stability as f32,
        difficulty: memory.difficulty as f32,
    };
    let days = whole_days(memory.last_review, now) as f32;
    f64::from(fsrs::current_retrievability(
        state,
        days,
        fsrs::FSRS6_DEFAULT_DECAY,
    ))
}

/// Whole days from `from` to `to`, counted as FSRS counts them (partial days dropped).
fn whole_days(from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .expect("time")
    }

    #[test]
    fn the_rating_rule_follows_outcome_and_speed() {
        assert_eq!(Rating::of(Outcome::Wrong, Kind::Single, 3.0), Rating::Again);
        assert_eq!(
            Rating::of(Outcome::Skipped, Kind::Single, 3.0),
            Rating::Again
        );
        assert_eq!(
            Rating::of(Outcome::PartlyRight, Kind::Multiple, 3.0),
            Rating::Hard
        );
        assert_eq!(Rating::of(Outcome::Right, Kind::Single, 8.0), Rating::Easy);
        assert_eq!(Rating::of(Outcome::Right, Kind::Single, 8.5), Rating::Good);
        assert_eq!(
            Rating::of(Outcome::Right, Kind::Scenario, 40.0),
            Rating::Easy
        );
    }

    #[test]
    fn a_remembered_fact_comes_back_later_and_a_forgotten_one_sooner() {
        let s = Scheduler::new(0.9);
        let now = t("2026-01-01T10:00:00Z");
        let first = s.review(None, Rating::Good, now);
        assert_eq!(first.reviews, 1);
        let later = first.due;
        let good = s.review(Some(&first), Rating::Good, later);
        let again = s.review(Some(&first), Rating::Again, later);
        assert!(good.due > again.due);
        assert!(good.stability > first.stability);
        assert_eq!(again.lapses, 1);
        assert_eq!(
            first.delayed_recalls, 0,
            "a first answer is no recall after a delay"
        );
        assert_eq!(
            good.delayed_recalls, 1,
            "recalled on its due date, days later"
        );
        assert_eq!(again.delayed_recalls, 0);
        let same_day = s.review(Some(&first), Rating::Good, now + Duration::hours(3));
        assert_eq!(same_day.delayed_recalls, 0, "the same day is no delay");
        let hard = s.review(Some(&good), Rating::Hard, later + Duration::days(9));
        assert_eq!(
            hard.delayed_recalls, 1,
            "a partly right answer keeps the count"
        );
        let forgotten = s.review(Some(&good), Rating::Again, later + Duration::days(9));
        assert_eq!(
            forgotten.delayed_recalls, 0,
            "forgetting starts the count again"
        );
        assert!(retrievability(&first, now) > 0.99);
        let r = retrievability(&first, later);
        assert!(
            (0.85..=0.95).contains(&r),
            "at the due date recall is near the target: {r}"
        );
    }

    #[test]
    fn retention_is_clamped_to_its_setting_range() {
        let low = Scheduler::new(0.1);
        let high = Scheduler::new(0.999);
        let now = t("2026-01-01T10:00:00Z");
        let a = low.review(None, Rating::Good, now);
        let b = high.review(None, Rating::Good, now);
        assert!((low.desired_retention - 0.70).abs() < 1e-6);
        assert!((high.desired_retention - 0.97).abs() < 1e-6);
        assert!(a.due > b.due);
    }
}
