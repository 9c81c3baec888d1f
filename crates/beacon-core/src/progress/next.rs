//! What to do next: the course map's "Continue" always points forward, from the unfinished quiz
//! or lesson to the next lesson not read yet, then to reviews and the final assessment.

use chrono::{DateTime, FixedOffset, Utc};

use super::model::{Place, Progress};
use super::{assessment, review};
use crate::content::Course;

/// The next thing for the learner to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextStep {
    /// Resume the quiz left half way (it is where the learner was last).
    ResumeQuiz {
        /// Its title.
        title: String,
    },
    /// Go on reading a lesson begun and not finished.
    ContinueLesson {
        /// Module id.
        module: String,
        /// The page to open.
        page: usize,
        /// Whether it is the lesson the learner was reading last.
        last_place: bool,
    },
    /// Start a lesson not begun yet.
    StartLesson {
        /// Module id.
        module: String,
        /// Whether nothing was read yet (the first visit).
        first: bool,
    },
    /// Every lesson is read: review what is due.
    Review {
        /// Facts waiting.
        due: usize,
    },
    /// Every lesson is read, nothing is due: the final assessment is open.
    Assessment,
    /// Every lesson is read, nothing is due and the assessment is passed (or not open).
    Done,
}

/// The next step at `now` (days counted in `tz`, for the review queue).
#[must_use]
pub fn next_step(
    course: &Course,
    progress: &Progress,
    now: DateTime<Utc>,
    tz: FixedOffset,
) -> NextStep {
    match &progress.last_place {
        Some(Place::Quiz) => {
            if let Some(u) = &progress.unfinished {
                return NextStep::ResumeQuiz {
                    title: u.info.title.clone(),
                };
            }
        }
        Some(Place::Lesson { module, page }) => {
            let finished = progress.lessons.get(module).is_some_and(|l| l.finished);
            if !finished && course.module(module).is_some() {
                return NextStep::ContinueLesson {
                    module: module.clone(),
                    page: *page,
                    last_place: true,
                };
            }
        }
        None => {}
    }
    // The next lesson not finished, in course order, starting after the one read last.
    let after = match &progress.last_place {
        Some(Place::Lesson { module, .. }) => course
            .modules
            .iter()
            .position(|m| &m.id == module)
            .map_or(0, |i| i + 1),
        _ => 0,
    };
    let count = course.modules.len();
    let next = (0..count)
        .filter_map(|k| course.modules.get((after + k) % count))
        .find(|m| !progress.lessons.get(&m.id).is_some_and(|l| l.finished));
    if let Some(m) = next {
        return match progress.lessons.get(&m.id) {
            Some(l) if !l.pages_read.is_empty() => NextStep::ContinueLesson {
                module: m.id.clone(),
                page: l.page,
                last_place: false,
            },
            _ => NextStep::StartLesson {
                module: m.id.clone(),
                first: progress.lessons.values().all(|l| l.pages_read.is_empty()),
            },
        };
    }
    let due = review::queue(course, progress, now, tz).len();
    if due > 0 {
        return NextStep::Review { due };
    }
    let status = assessment::status(course, progress, now);
    if status.passed.is_none() && status.blocked(course, tz).is_none() {
        NextStep::Assessment
    } else {
        NextStep::Done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::LessonProgress;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-06-01T12:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .expect("time")
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).expect("utc")
    }

    fn finished(pages: usize) -> LessonProgress {
        LessonProgress {
            page: pages - 1,
            pages_read: (0..pages).collect(),
            finished: true,
            finished_at: Some(now()),
            ..LessonProgress::default()
        }
    }

    #[test]
    fn continue_goes_to_the_next_lesson_after_a_finished_one() {
        let course = crate::testing::shipped();
        let ids: Vec<String> = course.modules.iter().map(|m| m.id.clone()).collect();
        let mut p = Progress::default();
        assert_eq!(
            next_step(&course, &p, now(), utc()),
            NextStep::StartLesson {
                module: ids[0].clone(),
                first: true
            }
        );
        // Half way through the first lesson: continue it where it was left.
        p.lessons.insert(
            ids[0].clone(),
            LessonProgress {
                page: 2,
                pages_read: [0, 1, 2].into(),
                ..LessonProgress::default()
            },
        );
        p.last_place = Some(Place::Lesson {
            module: ids[0].clone(),
            page: 2,
        });
        assert_eq!(
            next_step(&course, &p, now(), utc()),
            NextStep::ContinueLesson {
                module: ids[0].clone(),
                page: 2,
                last_place: true
            }
        );
        // Finished, last seen on its recap page: the next lesson, not the recap.
        let pages = crate::lesson::lesson(&course, &course.modules[0])
            .pages
            .len();
        p.lessons.insert(ids[0].clone(), finished(pages));
        p.last_place = Some(Place::Lesson {
            module: ids[0].clone(),
            page: pages - 1,
        });
        assert_eq!(
            next_step(&course, &p, now(), utc()),
            NextStep::StartLesson {
                module: ids[1].clone(),
                first: false
            }
        );
    }

    #[test]
    fn after_every_lesson_come_reviews_then_the_assessment() {
        let course = crate::testing::shipped();
        let mut p = Progress::default();
        for m in &course.modules {
            let pages = crate::lesson::lesson(&course, m).pages.len();
            p.lessons.insert(m.id.clone(), finished(pages));
        }
        let last = course.modules.last().expect("a module");
        p.last_place = Some(Place::Lesson {
            module: last.id.clone(),
            page: 0,
        });
        let step = next_step(&course, &p, now(), utc());
        assert!(
            matches!(step, NextStep::Review { due } if due > 0),
            "the facts taught wait for review: {step:?}"
        );
        p.settings.new_per_day = 0;
        assert_eq!(next_step(&course, &p, now(), utc()), NextStep::Assessment);
    }

    #[test]
    fn a_quiz_left_last_is_resumed_first() {
        let course = crate::testing::shipped();
        let mut p = Progress {
            last_place: Some(Place::Quiz),
            ..Progress::default()
        };
        assert!(
            matches!(
                next_step(&course, &p, now(), utc()),
                NextStep::StartLesson { .. }
            ),
            "no quiz to resume"
        );
        p.unfinished = Some(crate::progress::UnfinishedQuiz {
            info: crate::progress::QuizInfo {
                id: 1,
                spec: crate::progress::assessment::spec(&course),
                seed: 1,
                title: "Quick quiz".into(),
                module: None,
                started: now(),
                review: false,
                assessment: false,
            },
            questions: Vec::new(),
            slots: Vec::new(),
            current: 0,
        });
        assert_eq!(
            next_step(&course, &p, now(), utc()),
            NextStep::ResumeQuiz {
                title: "Quick quiz".into()
            }
        );
    }
}
