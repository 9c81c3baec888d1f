//! Quizzes: generated questions, seeded assembly, grading and the attempt state machine.
//! No egui here.

mod assemble;
mod attempt;
mod describe;
pub mod generate;
mod grade;
mod pick;
pub mod text;

pub use assemble::{Quiz, QuizItem, QuizSpec, Scope, assemble, shuffle_keeping};
pub use attempt::{Attempt, AttemptResult, Feedback, Review, Slot, StepError};
pub use describe::{describe, format_number};
pub use grade::{Outcome, Response, grade, numeric, right_response};
