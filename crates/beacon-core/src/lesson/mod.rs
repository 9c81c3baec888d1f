//! Lessons generated from a module's data: an intro, one page per section with its key points,
//! terms and "check yourself" questions, a timeline, and a recap. Pure: the same module always
//! gives the same lesson.

mod markdown;
pub mod terms;

pub use markdown::to_markdown;
pub use terms::split_terms;

use std::collections::HashSet;

use crate::content::{Course, Event, Kind, Module, Source, Term};

/// Most "check yourself" questions after a section.
pub const CHECKS_PER_SECTION: usize = 2;

/// A module's lesson, page by page.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// The module's id.
    pub module: String,
    /// The module's title.
    pub title: String,
    /// The pages in reading order.
    pub pages: Vec<Page>,
}

/// One page of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    /// What the module is about; the course's content note before the first module.
    Intro {
        /// The course's content note, on the first module only.
        content_note: Option<String>,
        /// The module summary.
        summary: String,
        /// What the learner will be able to do.
        objectives: Vec<String>,
    },
    /// One section of the module.
    Section {
        /// Section id.
        id: String,
        /// Page title.
        title: String,
        /// Introductory paragraph.
        text: Option<String>,
        /// The section's facts.
        points: Vec<KeyPoint>,
        /// The section's terms.
        terms: Vec<Term>,
        /// Ids of authored questions on this section's facts.
        checks: Vec<String>,
    },
    /// The module's events in date order.
    Timeline {
        /// The events, earliest first.
        events: Vec<Event>,
    },
    /// What to remember.
    Recap {
        /// One key point per section.
        takeaways: Vec<String>,
        /// The objectives, now met.
        objectives: Vec<String>,
        /// Every term of the module.
        terms: Vec<Term>,
    },
}

impl Page {
    /// The page's heading.
    #[must_use]
    pub fn title(&self) -> &str {
        match self {
            Page::Intro { .. } => "Introduction",
            Page::Section { title, .. } => title,
            Page::Timeline { .. } => "Timeline",
            Page::Recap { .. } => "Recap",
        }
    }
}

/// A fact as a key point, with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPoint {
    /// The fact's id.
    pub fact: String,
    /// The statement.
    pub text: String,
    /// Where it comes from.
    pub source: Source,
}

/// Builds the lesson of `module`.
#[must_use]
pub fn lesson(course: &Course, module: &Module) -> Lesson {
    let first = course.modules.first().is_some_and(|m| m.id == module.id);
    let mut pages = vec![Page::Intro {
        content_note: first.then(|| course.info.content_note.clone()),
        summary: module.summary.clone(),
        objectives: module.objectives.clone(),
    }];
    let mut used = HashSet::new();
    let mut takeaways = Vec::new();
    for section in &module.sections {
        let points: Vec<KeyPoint> = module
            .facts_of(&section.id)
            .map(|f| KeyPoint {
                fact: f.id.clone(),
                text: f.text.clone(),
                source: f.source.clone(),
            })
            .collect();
        if let Some(p) = points.first() {
            takeaways.push(p.text.clone());
        }
        let facts: HashSet<&str> = points.iter().map(|p| p.fact.as_str()).collect();
        let mut candidates: Vec<(usize, &crate::content::Question)> = module
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.facts.iter().any(|f| facts.contains(f.as_str())))
            .filter(|(_, q)| !used.contains(q.id.as_str()))
            .collect();
        // Quick kinds first, then easier ones, then file order: a check is a short pause.
        candidates.sort_by_key(|(i, q)| (q.body.kind() == Kind::Scenario, q.difficulty, *i));
        let checks: Vec<String> = candidates
            .into_iter()
            .take(CHECKS_PER_SECTION)
            .map(|(_, q)| q.id.clone())
            .collect();
        used.extend(checks.iter().map(String::as_str).map(str::to_owned));
        pages.push(Page::Section {
            id: section.id.clone(),
            title: section.title.clone(),
            text: section.text.clone(),
            points,
            terms: module
                .terms
                .iter()
                .filter(|t| t.section == section.id)
                .cloned()
                .collect(),
            checks,
        });
    }
    if !module.events.is_empty() {
        pages.push(Page::Timeline {
            events: module.events.clone(),
        });
    }
    pages.push(Page::Recap {
        takeaways,
        objectives: module.objectives.clone(),
        terms: module.terms.clone(),
    });
    Lesson {
        module: module.id.clone(),
        title: module.title.clone(),
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> Course {
        crate::testing::shipped()
    }

    #[test]
    fn the_same_module_gives_the_same_lesson() {
        let course = course();
        for m in &course.modules {
            assert_eq!(lesson(&course, m), lesson(&course, m));
        }
    }

    #[test]
    fn a_lesson_has_intro_sections_timeline_and_recap() {
        let course = course();
        let m = course.module("palermo").expect("module");
        let l = lesson(&course, m);
        assert!(matches!(l.pages.first(), Some(Page::Intro { .. })));
        assert!(matches!(l.pages.last(), Some(Page::Recap { .. })));
        let sections = l
            .pages
            .iter()
            .filter(|p| matches!(p, Page::Section { .. }))
            .count();
        assert_eq!(sections, m.sections.len());
        assert!(
            l.pages
                .iter()
                .any(|p| matches!(p, Page::Timeline { events } if events.len() == m.events.len()))
        );
        let mut checks = Vec::new();
        for p in &l.pages {
            if let Page::Section {
                id,
                checks: c,
                points,
                ..
            } = p
            {
                assert!(!points.is_empty(), "section {id} has key points");
                for q in c {
                    let q = course.question(q).expect("check question exists");
                    assert!(
                        q.facts.iter().any(|f| points.iter().any(|p| &p.fact == f)),
                        "check {} is on this section",
                        q.id
                    );
                    checks.push(q.id.clone());
                }
            }
        }
        let unique: std::collections::HashSet<_> = checks.iter().collect();
        assert_eq!(unique.len(), checks.len(), "no check repeats in a lesson");
    }

    #[test]
    fn only_the_first_module_opens_with_the_content_note() {
        let course = course();
        for (i, m) in course.modules.iter().enumerate() {
            let Some(Page::Intro { content_note, .. }) =
                lesson(&course, m).pages.into_iter().next()
            else {
                panic!("intro first");
            };
            assert_eq!(content_note.is_some(), i == 0, "module {}", m.id);
        }
    }
}
