//! The course path and the final assessment: what it draws from, whether it may start (lessons
//! really read, attempts left, the cool-down since the last one), whether it was passed, and what
//! to revise after a fail.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, Utc};

use super::model::{AttemptRecord, Progress};
use crate::content::{Assessment, Course};
use crate::lesson::{self, Page};
use crate::quiz::{QuizSpec, Scope};

/// Where a learner stands with the final assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Status<'p> {
    /// Final assessments started: handed in, and the one still open.
    pub attempts_used: u32,
    /// Attempts left, when limited.
    pub attempts_left: Option<u32>,
    /// The best passing attempt, if any.
    pub passed: Option<&'p AttemptRecord>,
    /// Required lessons not read yet, when they must be read first (module ids).
    pub unread: Vec<String>,
    /// Whether an assessment was started and not handed in yet.
    pub in_progress: bool,
    /// Until when the cool-down after the last attempt lasts, if it still does.
    pub wait_until: Option<DateTime<Utc>>,
}

impl Status<'_> {
    /// Why a new assessment cannot start now, in the learner's words (an open one can always
    /// be resumed).
    #[must_use]
    pub fn blocked(&self, course: &Course, tz: FixedOffset) -> Option<String> {
        if self.in_progress {
            return None;
        }
        if self.attempts_left == Some(0) {
            return Some(format!(
                "You have used every attempt allowed ({}). Ask your coordinator if you need another.",
                crate::plural::count(self.attempts_used as usize, "attempt", "attempts")
            ));
        }
        if let Some(until) = self.wait_until {
            return Some(format!(
                "You can take the assessment again from {}. Use the time to revise.",
                until.with_timezone(&tz).format("%-d %B %Y, %H:%M")
            ));
        }
        let rule = "A lesson counts as read when each page was shown long enough to read it and its \"check yourself\" questions are answered.";
        if self.unread.len() > 3 {
            return Some(format!(
                "Read these lessons first: {} of the required lessons are not read yet. {rule}",
                self.unread.len()
            ));
        }
        if !self.unread.is_empty() {
            let titles: Vec<&str> = self
                .unread
                .iter()
                .filter_map(|m| course.module(m).map(|m| m.title.as_str()))
                .collect();
            return Some(format!(
                "Read these lessons first: {}. {rule}",
                titles.join("; ")
            ));
        }
        None
    }
}

/// The words of a lesson page a learner reads (its "check yourself" questions are answered,
/// not timed).
#[must_use]
pub fn page_words(page: &Page) -> usize {
    let count = |t: &str| t.split_whitespace().count();
    match page {
        Page::Intro {
            content_note,
            summary,
            objectives,
        } => {
            content_note.as_deref().map_or(0, count)
                + count(summary)
                + objectives.iter().map(|o| count(o)).sum::<usize>()
        }
        Page::Section {
            title,
            text,
            points,
            terms,
            ..
        } => {
            count(title)
                + text.as_deref().map_or(0, count)
                + points.iter().map(|p| count(&p.text)).sum::<usize>()
                + terms
                    .iter()
                    .map(|t| count(&t.term) + count(&t.definition))
                    .sum::<usize>()
        }
        Page::Timeline { events } => events
            .iter()
            .map(|e| count(&e.title) + count(&e.description) + 1)
            .sum(),
        Page::Recap {
            takeaways,
            objectives,
            terms,
        } => {
            takeaways.iter().map(|t| count(t)).sum::<usize>()
                + objectives.iter().map(|o| count(&o.text)).sum::<usize>()
                + terms
                    .iter()
                    .map(|t| count(&t.term) + count(&t.definition))
                    .sum::<usize>()
        }
    }
}

/// The least time a page must be shown to count as read: its words at the course's fastest
/// plausible reading speed, and never less than [`Assessment::MIN_PAGE_SECONDS`].
#[must_use]
pub fn reading_seconds(page: &Page, rules: &Assessment) -> f64 {
    let wpm = f64::from(rules.reading_words_per_minute.max(1));
    (page_words(page) as f64 * 60.0 / wpm).max(Assessment::MIN_PAGE_SECONDS)
}

/// Whether a module's lesson counts as read: every page shown for its reading time and every
/// "check yourself" question answered.
#[must_use]
pub fn lesson_read(course: &Course, progress: &Progress, module: &str) -> bool {
    let (Some(m), Some(seen)) = (course.module(module), progress.lessons.get(module)) else {
        return false;
    };
    let lesson = lesson::lesson(course, m);
    let rules = &course.info.assessment;
    let timed = lesson.pages.iter().enumerate().all(|(i, page)| {
        seen.shown.get(&i).copied().unwrap_or(0.0) + 1e-6 >= reading_seconds(page, rules)
    });
    if !timed {
        return false;
    }
    let answered: BTreeSet<&str> = progress
        .answers
        .iter()
        .filter(|a| a.attempt.is_none() && a.module == module)
        .map(|a| a.question.as_str())
        .collect();
    lesson.pages.iter().all(|page| match page {
        Page::Section { checks, .. } => checks.iter().all(|c| answered.contains(c.as_str())),
        _ => true,
    })
}

/// How long the course takes, in hours: `study_hours` from `course.toml`, or an estimate
/// (every lesson read at 200 words a minute, a minute per "check yourself" question, a module
/// quiz of ten questions at half a minute each, and the final assessment's time), rounded up to
/// the half hour.
#[must_use]
pub fn study_hours(course: &Course) -> f64 {
    if let Some(hours) = course.info.study_hours {
        return hours;
    }
    let mut minutes = 0.0;
    for m in &course.modules {
        let lesson = lesson::lesson(course, m);
        for page in &lesson.pages {
            minutes += page_words(page) as f64 / 200.0;
            if let Page::Section { checks, .. } = page {
                minutes += checks.len() as f64;
            }
        }
        minutes += 5.0;
    }
    minutes += f64::from(
        course
            .info
            .assessment
            .time_limit_minutes
            .unwrap_or(u32::try_from(course.info.assessment.questions).unwrap_or(20)),
    );
    (minutes / 30.0).ceil() / 2.0
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

/// The questions the final assessment draws from: the authored questions of its modules.
#[must_use]
pub fn pool(course: &Course) -> Vec<&crate::content::Question> {
    modules(course)
        .iter()
        .filter_map(|m| course.module(m))
        .flat_map(|m| m.questions.iter())
        .collect()
}

/// The learner's status at `now`.
#[must_use]
pub fn status<'p>(course: &Course, progress: &'p Progress, now: DateTime<Utc>) -> Status<'p> {
    let finals: Vec<&AttemptRecord> = progress
        .attempts
        .iter()
        .filter(|a| a.info.assessment)
        .collect();
    let in_progress = progress
        .unfinished
        .as_ref()
        .is_some_and(|u| u.info.assessment);
    let used = u32::try_from(finals.len() + usize::from(in_progress)).unwrap_or(u32::MAX);
    let cooldown = Duration::hours(i64::from(course.info.assessment.cooldown_hours));
    let wait_until = finals
        .iter()
        .map(|a| a.finished)
        .max()
        .map(|last| last + cooldown)
        .filter(|until| *until > now);
    let passed = finals
        .iter()
        .filter(|a| a.passed == Some(true))
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .copied();
    let unread = if course.info.assessment.lessons_first {
        modules(course)
            .into_iter()
            .filter(|m| progress.lessons.get(m).is_none_or(|l| l.read_at.is_none()))
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
        in_progress,
        wait_until,
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

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).expect("UTC")
    }

    #[test]
    fn lessons_first_blocks_until_the_required_lessons_are_read() {
        let course = course();
        assert!(course.info.assessment.lessons_first);
        let now = crate::testing::now();
        let mut p = Progress::default();
        let s = status(&course, &p, now);
        assert_eq!(s.unread.len(), modules(&course).len());
        assert!(
            s.blocked(&course, utc())
                .is_some_and(|r| r.starts_with("Read these lessons first"))
        );
        for m in modules(&course) {
            let lesson = p.lessons.entry(m).or_default();
            lesson.finished = true;
        }
        assert!(
            status(&course, &p, now).blocked(&course, utc()).is_some(),
            "reaching the last page is not reading"
        );
        for m in modules(&course) {
            p.lessons.entry(m).or_default().read_at = Some(now);
        }
        assert_eq!(status(&course, &p, now).blocked(&course, utc()), None);
    }

    #[test]
    fn a_lesson_is_read_only_after_plausible_time_on_every_page_and_its_checks() {
        let course = course();
        let module = course.module("palermo").expect("module");
        let lesson = crate::lesson::lesson(&course, module);
        let rules = &course.info.assessment;
        let mut p = Progress::default();
        let seen = p.lessons.entry(module.id.clone()).or_default();
        // Holding Enter: every page for 0.6 s.
        for i in 0..lesson.pages.len() {
            seen.shown.insert(i, 0.6);
        }
        assert!(!lesson_read(&course, &p, &module.id));
        let seen = p.lessons.entry(module.id.clone()).or_default();
        for (i, page) in lesson.pages.iter().enumerate() {
            let needed = reading_seconds(page, rules);
            assert!(needed >= Assessment::MIN_PAGE_SECONDS);
            seen.shown.insert(i, needed);
        }
        let checks: Vec<String> = lesson
            .pages
            .iter()
            .flat_map(|page| match page {
                Page::Section { checks, .. } => checks.clone(),
                _ => Vec::new(),
            })
            .collect();
        assert!(
            !checks.is_empty(),
            "the module has check-yourself questions"
        );
        assert!(
            !lesson_read(&course, &p, &module.id),
            "the check-yourself questions are not answered yet"
        );
        for q in &checks {
            p.answers.push(super::super::model::AnswerRecord {
                question: q.clone(),
                module: module.id.clone(),
                at: crate::testing::now(),
                outcome: crate::quiz::Outcome::Wrong,
                score: 0.0,
                seconds: 5.0,
                attempt: None,
                response: None,
            });
        }
        assert!(lesson_read(&course, &p, &module.id));
        // One page a second too short.
        let seen = p.lessons.entry(module.id.clone()).or_default();
        let first = reading_seconds(&lesson.pages[1], rules);
        seen.shown.insert(1, first - 1.0);
        assert!(!lesson_read(&course, &p, &module.id));
    }

    #[test]
    fn attempts_are_limited_and_spaced_by_default() {
        let course = course();
        let rules = &course.info.assessment;
        assert_eq!(rules.attempts, Some(Assessment::DEFAULT_ATTEMPTS));
        assert!(rules.cooldown_hours > 0);
        let now = crate::testing::now();
        let mut p = Progress::default();
        for m in modules(&course) {
            p.lessons.entry(m).or_default().read_at = Some(now);
        }
        let info = crate::progress::QuizInfo {
            id: 1,
            spec: spec(&course),
            seed: 1,
            title: "Final assessment".into(),
            module: None,
            started: now,
            review: false,
            assessment: true,
        };
        p.attempts.push(AttemptRecord {
            info: info.clone(),
            finished: now,
            score: 2.0,
            max: 20,
            seconds: 60.0,
            questions: Vec::new(),
            missed: Vec::new(),
            passed: Some(false),
        });
        let s = status(&course, &p, now + Duration::hours(1));
        assert_eq!(s.attempts_left, Some(Assessment::DEFAULT_ATTEMPTS - 1));
        assert!(
            s.blocked(&course, utc())
                .is_some_and(|r| r.contains("again from")),
            "a cool-down after an attempt"
        );
        let later = now + Duration::hours(i64::from(rules.cooldown_hours));
        assert_eq!(status(&course, &p, later).blocked(&course, utc()), None);
        p.unfinished = Some(crate::progress::UnfinishedQuiz {
            info,
            questions: Vec::new(),
            slots: Vec::new(),
            current: 0,
        });
        let s = status(&course, &p, later);
        assert!(s.in_progress);
        assert_eq!(
            s.attempts_used, 2,
            "the open assessment counts as an attempt"
        );
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
