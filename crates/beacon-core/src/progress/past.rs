//! Past attempts reopened: a finished quiz rebuilt from its record and the answers saved with
//! it, so History can show its review as the results screen did.

use super::model::{AttemptRecord, Progress};
use crate::content::Course;
use crate::quiz::{AttemptResult, Outcome, Review, rebuild, right_response};

/// The record and the review of the finished attempt `id`, or `None` when there is no such
/// attempt or none of its questions is in the course any more. Questions no longer in the course
/// are left out of the review; the score stays the one recorded.
#[must_use]
pub fn reopen<'p>(
    course: &Course,
    progress: &'p Progress,
    id: u64,
) -> Option<(&'p AttemptRecord, AttemptResult)> {
    let record = progress.attempts.iter().find(|a| a.info.id == id)?;
    let quiz = rebuild(
        course,
        &record.info.spec,
        record.info.seed,
        &record.questions,
    );
    if quiz.items.is_empty() {
        return None;
    }
    let reviews = quiz
        .items
        .into_iter()
        .map(|item| {
            let answer = progress
                .answers
                .iter()
                .rev()
                .find(|a| a.attempt == Some(id) && a.question == item.question.id);
            let (given, score, outcome) = match answer {
                Some(a) => (a.response.clone(), a.score, a.outcome),
                None => (None, 0.0, Outcome::Skipped),
            };
            Review {
                right: right_response(&item.question.body),
                sources: course.sources_of(&item.question),
                item,
                given,
                score,
                outcome,
            }
        })
        .collect();
    Some((
        record,
        AttemptResult {
            seed: record.info.seed,
            score: record.score,
            max: record.max,
            reviews,
        },
    ))
}
