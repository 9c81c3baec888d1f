//! The quiz of a classroom: the same scope, count, quiz number and swapped-out questions give
//! the same questions in presenter mode, on paper and in an exported quiz.

use std::collections::HashSet;

use crate::content::Course;
use crate::quiz::{self, QuizSpec, Scope};

/// The quiz a scope, count and seed give, with each question in `swapped` replaced by the next
/// one the same seed draws that is not in the quiz, not swapped out and not on a fact the quiz
/// already asks about. Shared by printing and presenter mode.
#[must_use]
pub fn classroom_quiz(
    course: &Course,
    modules: &[String],
    count: usize,
    seed: u64,
    swapped: &[String],
) -> quiz::Quiz {
    let scope = if modules.is_empty() {
        Scope::Course
    } else {
        Scope::Modules(modules.to_vec())
    };
    let spec = |count| QuizSpec {
        scope: scope.clone(),
        count,
        generated: true,
    };
    let mut quiz = quiz::assemble(course, &spec(count), seed);
    let out: HashSet<&str> = swapped.iter().map(String::as_str).collect();
    if !quiz
        .items
        .iter()
        .any(|i| out.contains(i.question.id.as_str()))
    {
        return quiz;
    }
    // Every question of the scope, in the order another draw of the same seed gives them.
    let all = course.questions().count() * 2 + 64;
    let pool = quiz::assemble(course, &spec(all), seed.wrapping_add(0x9e37_79b9));
    let mut spare = pool.items.into_iter();
    for k in 0..quiz.items.len() {
        if !out.contains(quiz.items[k].question.id.as_str()) {
            continue;
        }
        let taken: HashSet<String> = quiz
            .items
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != k)
            .flat_map(|(_, i)| {
                std::iter::once(i.question.id.clone()).chain(i.question.facts.iter().cloned())
            })
            .collect();
        let next = spare.by_ref().find(|c| {
            !out.contains(c.question.id.as_str())
                && !taken.contains(&c.question.id)
                && !c.question.facts.iter().any(|f| taken.contains(f))
        });
        match next {
            Some(item) => quiz.items[k] = item,
            // Nothing left to swap in: the question stays out.
            None => quiz.items[k].question.id.clear(),
        }
    }
    quiz.items.retain(|i| !i.question.id.is_empty());
    quiz
}

/// The title of a printed or presented quiz, naming its modules.
#[must_use]
pub fn classroom_title(course: &Course, modules: &[String]) -> String {
    let titles: Vec<&str> = modules
        .iter()
        .map(|m| course.module(m).map_or(m.as_str(), |m| m.title.as_str()))
        .collect();
    match titles.as_slice() {
        [] => "Quiz on the whole course".to_owned(),
        [one] => format!("Quiz: {one}"),
        [first @ .., last] => format!("Quiz: {} and {last}", first.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_its_modules() {
        let course = crate::testing::shipped();
        let ids: Vec<String> = course
            .modules
            .iter()
            .take(3)
            .map(|m| m.id.clone())
            .collect();
        let title = classroom_title(&course, &ids);
        for m in &course.modules[..3] {
            assert!(title.contains(&m.title), "{title}");
        }
        assert!(!title.contains("3 modules"));
        assert_eq!(classroom_title(&course, &[]), "Quiz on the whole course");
    }

    #[test]
    fn a_swapped_question_is_replaced_by_another_on_a_new_fact() {
        let course = crate::testing::shipped();
        let quiz = classroom_quiz(&course, &[], 10, 42, &[]);
        let out = quiz.items[3].question.id.clone();
        let swapped = classroom_quiz(&course, &[], 10, 42, std::slice::from_ref(&out));
        assert_eq!(swapped.items.len(), 10);
        assert!(swapped.items.iter().all(|i| i.question.id != out));
        for (k, (a, b)) in quiz.items.iter().zip(&swapped.items).enumerate() {
            if k != 3 {
                assert_eq!(a.question.id, b.question.id, "only the swapped one changes");
            }
        }
        let new = &swapped.items[3].question;
        for (k, other) in swapped.items.iter().enumerate() {
            if k != 3 {
                assert!(
                    !other.question.facts.iter().any(|f| new.facts.contains(f)),
                    "the new question is on a fact of its own"
                );
            }
        }
        assert_eq!(
            swapped,
            classroom_quiz(&course, &[], 10, 42, std::slice::from_ref(&out)),
            "the same choice gives the same quiz"
        );
    }
}
