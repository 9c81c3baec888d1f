//! The quiz of a classroom: the same scope, count and quiz number give the same questions in
//! presenter mode, on paper and in an exported quiz.

use crate::content::Course;
use crate::quiz::{self, QuizSpec, Scope};

/// The quiz a scope, count and seed give; shared by printing and presenter mode.
#[must_use]
pub fn classroom_quiz(course: &Course, modules: &[String], count: usize, seed: u64) -> quiz::Quiz {
    let scope = if modules.is_empty() {
        Scope::Course
    } else {
        Scope::Modules(modules.to_vec())
    };
    quiz::assemble(
        course,
        &QuizSpec {
            scope,
            count,
            generated: true,
        },
        seed,
    )
}

/// The title of a printed or presented quiz.
#[must_use]
pub fn classroom_title(course: &Course, modules: &[String]) -> String {
    match modules {
        [] => "Quiz on the whole course".to_owned(),
        [one] => course
            .module(one)
            .map_or_else(|| format!("Quiz: {one}"), |m| format!("Quiz: {}", m.title)),
        many => format!("Quiz on {} modules", many.len()),
    }
}
