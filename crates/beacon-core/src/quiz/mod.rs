//! Quizzes: generated questions, seeded assembly, grading and the attempt state machine.

mod assemble;
mod attempt;
pub mod classroom;
mod describe;
pub mod generate;
mod grade;
pub mod number;
pub mod text;

pub use assemble::{Quiz, QuizItem, QuizSpec, Scope, assemble, shuffle_keeping};
pub use attempt::{Attempt, AttemptResult, Feedback, Review, Slot, StepError, rebuild};
pub use classroom::{classroom_quiz, classroom_title};
pub use describe::{describe, format_number, format_score};
pub use grade::{Outcome, Response, grade, in_place, numeric, right_response};
pub use number::parse_number;
