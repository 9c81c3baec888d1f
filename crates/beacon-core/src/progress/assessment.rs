//! The course path and the final assessment: what it draws from, whether it may start, whether
//! it was passed, and what to revise after a fail.

use std::collections::BTreeSet;

use super::model::{AttemptRecord, Progress};
use crate::content::Course;
use crate::quiz::{QuizSpec, Scope};

/// Where a learner stands with the final assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Status<'p> {
    /// Final assessments taken.
    pub attempts_used: u32,
    /// Attempts left, when limited.
    pub attempts_left: Option<u32>,
    /// The best passing attempt, if any.
    pub passed: Option<&'p AttemptRecord>,
    /// Required lessons not read yet, when they must be read first (module ids).
    pub unread: Vec<String>,
}

impl Status<'_> {
    /// Why the assessment cannot start now, in the learner's words.
    #[must_use]
    pub fn blocked(&self, course: &Course) -> Option<String> {
        if self.attempts_left == Some(0) {
            return Some(format!(
                "You have used all {} attempts. Ask your coordinator if you need another.",
                self.attempts_used
            ));
        }
        if self.unread.len() > 3 {
            return Some(format!(
                "Read these lessons first: the {} required lessons not read yet.",
                self.unread.len()
            ));
        }
        if !self.unread.is_empty() {
            let titles: Vec<&str> = self
                .unread
                .iter()
                .filter_map(|m| course.module(m).map(|m| m.title.as_str()))
                .collect();
            return Some(format!("Read these lessons first: {}.", titles.join("; ")));
        }
        None
    }
}

/// The modules the assessment draws from: the required ones, or every module.
#[must_use]
pub fn modules(course: &Course) -> Vec<String> {
    let required = &course.info.assessment.required;
    if required.is_empty() {
        course.modules.iter().map(|m| m.id.clone()).collect()
    } else {
        required
            .iter()
            .filter(|m| course.module(m).is_some())
            .cloned()
            .collect()
    }
}

/// The quiz of the final assessment (authored questions only).
#[must_use]
pub fn spec(course: &Course) -> QuizSpec {
    QuizSpec {
        scope: Scope::Modules(modules(course)),
        count: course.info.assessment.questions,
        generated: false,
    }
}

/// The learner's status.
#[must_use]
pub fn status<'p>(course: &Course, progress: &'p Progress) -> Status<'p> {
    let finals: Vec<&AttemptRecord> = progress
        .attempts
        .iter()
        .filter(|a| a.info.assessment)
        .collect();
    let used = u32::try_from(finals.len()).unwrap_or(u32::MAX);
    let passed = finals
        .iter()
        .filter(|a| a.passed == Some(true))
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .copied();
    let unread = if course.info.assessment.lessons_first {
        modules(course)
            .into_iter()
            .filter(|m| !progress.lessons.get(m).is_some_and(|l| l.finished))
            .collect()
    } else {
        Vec::new()
    };
    Status {
        attempts_used: used,
        attempts_left: course
            .info
            .assessment
            .attempts
            .map(|max| max.saturating_sub(used)),
        passed,
        unread,
    }
}

/// Whether a score passes.
#[must_use]
pub fn passes(course: &Course, score: f64, max: usize) -> bool {
    max > 0 && score / max as f64 * 100.0 + 1e-9 >= f64::from(course.info.assessment.pass_mark)
}

/// The lesson pages to revise after missing `missed`: module id, page index and titles, in
/// course order, without repeats.
#[must_use]
pub fn to_revise(course: &Course, missed: &[String]) -> Vec<(String, usize, String)> {
    let facts: BTreeSet<&str> = missed
        .iter()
        .filter_map(|q| course.question(q))
        .flat_map(|q| q.facts.iter().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    for module in &course.modules {
        for (i, section) in module.sections.iter().enumerate() {
            if module
                .facts_of(&section.id)
                .any(|f| facts.contains(f.id.as_str()))
            {
                // Page 0 is the introduction; sections follow in order.
                out.push((
                    module.id.clone(),
                    i + 1,
                    format!("{}: {}", module.title, section.title),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> Course {
        crate::testing::shipped()
    }

    #[test]
    fn the_pass_mark_is_inclusive() {
        let course = course();
        let mark = f64::from(course.info.assessment.pass_mark);
        assert!(passes(&course, mark / 100.0 * 20.0, 20));
        assert!(!passes(&course, mark / 100.0 * 20.0 - 0.5, 20));
        assert!(!passes(&course, 0.0, 0));
    }

    #[test]
    fn lessons_first_blocks_until_the_required_lessons_are_read() {
        let course = course();
        assert!(course.info.assessment.lessons_first);
        let mut p = Progress::default();
        let s = status(&course, &p);
        assert_eq!(s.unread.len(), modules(&course).len());
        assert!(
            s.blocked(&course)
                .is_some_and(|r| r.starts_with("Read these lessons first"))
        );
        for m in modules(&course) {
            p.lessons.entry(m).or_default().finished = true;
        }
        assert_eq!(status(&course, &p).blocked(&course), None);
    }

    #[test]
    fn revision_points_to_the_lesson_pages_of_missed_facts() {
        let course = course();
        let q = course
            .module("palermo")
            .and_then(|m| m.questions.first())
            .expect("question");
        let pages = to_revise(&course, std::slice::from_ref(&q.id));
        assert!(!pages.is_empty());
        for (module, page, _) in &pages {
            let m = course.module(module).expect("module");
            let section = &m.sections[page - 1];
            assert!(m.facts_of(&section.id).any(|f| q.facts.contains(&f.id)));
        }
    }
}
