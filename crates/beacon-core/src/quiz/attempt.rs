//! The attempt state machine: answer, skip or move on question by question, then finish with a
//! result that reviews every question.

use serde::{Deserialize, Serialize};

use super::assemble::{Quiz, QuizItem, QuizSpec, Scope, assemble};
use super::grade::{Outcome, Response, grade, right_response};
use crate::content::Course;

/// What happened to one question of an attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Slot {
    /// Not reached or not answered yet.
    Open,
    /// Passed over.
    Skipped,
    /// Answered and graded.
    Answered {
        /// What the learner gave.
        response: Response,
        /// Score from 0 to 1.
        score: f64,
        /// Seconds spent on the question.
        seconds: f64,
    },
}

/// Why an attempt refused a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    /// The attempt is over.
    #[error("the quiz is finished")]
    Finished,
    /// The current question already has an answer.
    #[error("this question is already answered")]
    AlreadyAnswered,
}

/// A quiz being taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    quiz: Quiz,
    slots: Vec<Slot>,
    current: usize,
    finished: bool,
}

/// The grade of one answer, shown right after "Check".
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    /// Score from 0 to 1.
    pub score: f64,
    /// Right, partly right or wrong.
    pub outcome: Outcome,
}

impl Attempt {
    /// Starts an attempt at the first question.
    #[must_use]
    pub fn new(quiz: Quiz) -> Self {
        let slots = vec![Slot::Open; quiz.items.len()];
        Self {
            quiz,
            slots,
            current: 0,
            finished: false,
        }
    }

    /// Restores an attempt from saved slots and position (e.g. after a restart).
    #[must_use]
    pub fn resume(quiz: Quiz, mut slots: Vec<Slot>, current: usize) -> Self {
        slots.resize(quiz.items.len(), Slot::Open);
        let current = current.min(quiz.items.len().saturating_sub(1));
        Self {
            quiz,
            slots,
            current,
            finished: false,
        }
    }

    /// The quiz being taken.
    #[must_use]
    pub fn quiz(&self) -> &Quiz {
        &self.quiz
    }

    /// What happened to each question so far.
    #[must_use]
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// The index of the current question.
    #[must_use]
    pub fn position(&self) -> usize {
        self.current
    }

    /// The number of questions.
    #[must_use]
    pub fn len(&self) -> usize {
        self.quiz.items.len()
    }

    /// Whether the quiz has no questions.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.quiz.items.is_empty()
    }

    /// Whether the attempt is over.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// The current question, unless finished.
    #[must_use]
    pub fn current(&self) -> Option<&QuizItem> {
        if self.finished {
            return None;
        }
        self.quiz.items.get(self.current)
    }

    /// The slot of the current question.
    #[must_use]
    pub fn current_slot(&self) -> Option<&Slot> {
        self.slots.get(self.current)
    }

    /// The first question not answered or skipped yet, if any: where a resumed quiz goes on.
    /// `None` means every question is dealt with and the quiz only waits to be handed in.
    #[must_use]
    pub fn first_open(&self) -> Option<usize> {
        self.slots.iter().position(|s| *s == Slot::Open)
    }

    /// Grades `response` to the current question and records it; the position stays until
    /// [`Attempt::next`].
    ///
    /// # Errors
    /// When the attempt is finished or the question was already answered.
    pub fn answer(&mut self, response: Response, seconds: f64) -> Result<Feedback, StepError> {
        let item = self.current().ok_or(StepError::Finished)?;
        if matches!(self.slots.get(self.current), Some(Slot::Answered { .. })) {
            return Err(StepError::AlreadyAnswered);
        }
        let score = grade(&item.question.body, &response);
        if let Some(slot) = self.slots.get_mut(self.current) {
            *slot = Slot::Answered {
                response,
                score,
                seconds: seconds.max(0.0),
            };
        }
        Ok(Feedback {
            score,
            outcome: Outcome::of(score),
        })
    }

    /// Passes over the current question and moves on.
    ///
    /// # Errors
    /// When the attempt is finished or the question was already answered.
    pub fn skip(&mut self) -> Result<(), StepError> {
        if self.finished {
            return Err(StepError::Finished);
        }
        match self.slots.get_mut(self.current) {
            Some(Slot::Answered { .. }) => return Err(StepError::AlreadyAnswered),
            Some(slot) => *slot = Slot::Skipped,
            None => {}
        }
        self.next();
        Ok(())
    }

    /// Moves to the next question not answered or skipped yet; when there is none after this
    /// one, the attempt is finished.
    pub fn next(&mut self) {
        let after = self.current + 1;
        match self.slots.iter().skip(after).position(|s| *s == Slot::Open) {
            Some(k) => self.current = after + k,
            None => self.finished = true,
        }
    }

    /// Ends the attempt now; open questions count as skipped.
    pub fn finish(&mut self) {
        for slot in &mut self.slots {
            if *slot == Slot::Open {
                *slot = Slot::Skipped;
            }
        }
        self.finished = true;
    }

    /// The result with a review of every question. Sources come from the linked facts.
    #[must_use]
    pub fn result(&self, course: &Course) -> AttemptResult {
        let reviews: Vec<Review> = self
            .quiz
            .items
            .iter()
            .zip(&self.slots)
            .map(|(item, slot)| {
                let (given, score, outcome) = match slot {
                    Slot::Answered {
                        response, score, ..
                    } => (Some(response.clone()), *score, Outcome::of(*score)),
                    Slot::Open | Slot::Skipped => (None, 0.0, Outcome::Skipped),
                };
                let sources = course.sources_of(&item.question);
                Review {
                    item: item.clone(),
                    given,
                    right: right_response(&item.question.body),
                    score,
                    outcome,
                    sources,
                }
            })
            .collect();
        AttemptResult {
            seed: self.quiz.seed,
            score: reviews.iter().map(|r| r.score).sum(),
            max: reviews.len(),
            reviews,
        }
    }
}

/// The quiz of an attempt rebuilt from its spec and seed. When the course changed since and that
/// gives other questions, the quiz holds the saved questions `ids` still in the course, each
/// rebuilt on its own, in the saved order, so saved answers line up with them (assembling them
/// together would balance modules and cap generated questions, and could drop one).
#[must_use]
pub fn rebuild(course: &Course, spec: &QuizSpec, seed: u64, ids: &[String]) -> Quiz {
    let mut quiz = assemble(course, spec, seed);
    if quiz.items.iter().map(|i| &i.question.id).eq(ids.iter()) {
        return quiz;
    }
    quiz.items = ids
        .iter()
        .filter_map(|id| {
            let one = QuizSpec {
                scope: Scope::Questions(vec![id.clone()]),
                count: 1,
                generated: true,
            };
            assemble(course, &one, seed).items.into_iter().next()
        })
        .collect();
    quiz.spec = spec.clone();
    quiz
}

/// The outcome of an attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptResult {
    /// The seed that rebuilds the quiz.
    pub seed: u64,
    /// Total score (partial credit counts).
    pub score: f64,
    /// Number of questions.
    pub max: usize,
    /// One review per question, in the order asked.
    pub reviews: Vec<Review>,
}

impl AttemptResult {
    /// The score as a share from 0 to 1.
    #[must_use]
    pub fn fraction(&self) -> f64 {
        if self.max == 0 {
            0.0
        } else {
            self.score / self.max as f64
        }
    }

    /// The ids of questions not answered fully right.
    #[must_use]
    pub fn missed(&self) -> Vec<String> {
        self.reviews
            .iter()
            .filter(|r| r.outcome != Outcome::Right)
            .map(|r| r.item.question.id.clone())
            .collect()
    }
}

/// One question of a finished attempt, for the review.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The question as asked.
    pub item: QuizItem,
    /// What the learner gave, if anything.
    pub given: Option<Response>,
    /// The response that scores 1.
    pub right: Response,
    /// Score from 0 to 1.
    pub score: f64,
    /// Right, partly right, wrong or skipped.
    pub outcome: Outcome,
    /// Where the tested facts come from.
    pub sources: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Body, CourseInfo, Question};
    use crate::quiz::{QuizItem, QuizSpec, Scope};

    fn quiz(n: usize) -> Quiz {
        let items = (0..n)
            .map(|i| QuizItem {
                question: Question {
                    id: format!("q{i}"),
                    prompt: "True?".into(),
                    facts: vec![],
                    difficulty: 1,
                    explanation: "Because.".into(),
                    body: Body::TrueFalse(true),
                    generated: false,
                },
                module: "m".into(),
                order: vec![],
                part_orders: vec![],
            })
            .collect();
        Quiz {
            seed: 1,
            spec: QuizSpec {
                scope: Scope::Course,
                count: n,
                generated: false,
            },
            items,
        }
    }

    #[test]
    fn answer_skip_next_and_finish() {
        let mut a = Attempt::new(quiz(3));
        assert_eq!(a.position(), 0);
        let f = a.answer(Response::Bool(true), 4.0).expect("answer");
        assert_eq!(f.outcome, Outcome::Right);
        assert_eq!(
            a.answer(Response::Bool(false), 1.0),
            Err(StepError::AlreadyAnswered)
        );
        assert_eq!(
            a.skip(),
            Err(StepError::AlreadyAnswered),
            "an answered question cannot be skipped"
        );
        a.next();
        a.skip().expect("skip the second");
        assert_eq!(a.position(), 2);
        a.answer(Response::Bool(false), 2.0).expect("answer");
        a.next();
        assert!(a.is_finished());
        assert_eq!(
            a.answer(Response::Bool(true), 1.0),
            Err(StepError::Finished)
        );
        let course = crate::content::Course::new(CourseInfo::default(), vec![]);
        let r = a.result(&course);
        assert!((r.score - 1.0).abs() < 1e-9);
        assert_eq!(r.max, 3);
        let outcomes: Vec<Outcome> = r.reviews.iter().map(|v| v.outcome).collect();
        assert_eq!(outcomes, [Outcome::Right, Outcome::Skipped, Outcome::Wrong]);
        assert_eq!(r.missed(), ["q1", "q2"]);
    }

    #[test]
    fn finishing_early_counts_open_questions_as_skipped() {
        let mut a = Attempt::new(quiz(4));
        a.answer(Response::Bool(true), 1.0).expect("answer");
        a.finish();
        assert!(a.is_finished());
        assert!(a.current().is_none());
        assert_eq!(a.slots().iter().filter(|s| **s == Slot::Skipped).count(), 3);
    }

    #[test]
    fn next_passes_over_questions_answered_before_a_resume() {
        let mut first = Attempt::new(quiz(4));
        first.answer(Response::Bool(true), 1.0).expect("answer");
        let mut slots = first.slots().to_vec();
        slots[2] = slots[0].clone();
        // Resumed at the first open question; the third was answered already.
        let mut a = Attempt::resume(quiz(4), slots, 1);
        a.answer(Response::Bool(false), 1.0).expect("answer");
        a.next();
        assert_eq!(
            a.position(),
            3,
            "the answered third question is passed over"
        );
        a.next();
        assert!(a.is_finished());
    }

    #[test]
    fn first_open_is_where_a_resumed_quiz_goes_on() {
        let mut a = Attempt::new(quiz(3));
        assert_eq!(a.first_open(), Some(0));
        a.answer(Response::Bool(true), 1.0).expect("answer");
        a.next();
        a.skip().expect("skip");
        assert_eq!(a.first_open(), Some(2));
        a.answer(Response::Bool(true), 1.0).expect("answer");
        assert_eq!(
            a.first_open(),
            None,
            "the last question answered: nothing left but handing in"
        );
    }

    #[test]
    fn resume_restores_the_slots_and_position() {
        let mut a = Attempt::new(quiz(3));
        a.answer(Response::Bool(true), 1.0).expect("answer");
        a.next();
        let b = Attempt::resume(quiz(3), a.slots().to_vec(), a.position());
        assert_eq!(b.position(), 1);
        assert_eq!(b.slots(), a.slots());
    }
}
