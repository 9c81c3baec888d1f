//! Lessons generated from a module's data: an intro, one page per section with its key points,
//! terms and "check yourself" questions, a timeline, and a recap. Pure: the same module always
//! gives the same lesson.

mod markdown;
pub mod terms;
pub mod words;

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
        /// The objectives, each with the checks that show it was met.
        objectives: Vec<Objective>,
        /// Every term of the module.
        terms: Vec<Term>,
    },
}

/// A learning objective on the recap page, with the "check yourself" questions of the sections
/// it is about: the recap ticks it once those were answered right.
#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    /// What the learner can do.
    pub text: String,
    /// Ids of the check questions on its sections; empty when none tests it.
    pub checks: Vec<String>,
}

impl Objective {
    /// Whether the learner showed it: every check on it was answered right (and there is one).
    #[must_use]
    pub fn met(&self, answered_right: impl Fn(&str) -> bool) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| answered_right(c))
    }
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
    /// Whether the section's paragraph already says it (see [`words::said_in`]): then the
    /// page does not repeat it as a key point.
    pub in_text: bool,
}

impl Page {
    /// The distinct sources of a section's key points, in order, each once, in words: the
    /// title of the source `course` declares and the place in it.
    #[must_use]
    pub fn sources(&self, course: &Course) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if let Page::Section { points, .. } = self {
            for source in points.iter().map(|p| course.cite(&p.source)) {
                if !out.contains(&source) {
                    out.push(source);
                }
            }
        }
        out
    }
}

/// How long a lesson is: its pages and the minutes it takes to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    /// Pages.
    pub pages: usize,
    /// Words shown on them (check questions not counted).
    pub words: usize,
    /// Minutes to read, at [`words::WORDS_PER_MINUTE`].
    pub minutes: usize,
}

impl Lesson {
    /// How long the lesson is.
    #[must_use]
    pub fn length(&self) -> Length {
        let mut texts: Vec<&str> = vec![&self.title];
        for page in &self.pages {
            match page {
                Page::Intro {
                    content_note,
                    summary,
                    objectives,
                } => {
                    texts.extend(content_note.as_deref());
                    texts.push(summary);
                    texts.extend(objectives.iter().map(String::as_str));
                }
                Page::Section {
                    title,
                    text,
                    points,
                    terms,
                    ..
                } => {
                    texts.push(title);
                    texts.extend(text.as_deref());
                    texts.extend(
                        points
                            .iter()
                            .filter(|p| !p.in_text)
                            .map(|p| p.text.as_str()),
                    );
                    for t in terms {
                        texts.push(&t.term);
                        texts.push(&t.definition);
                    }
                }
                Page::Timeline { events } => {
                    for e in events {
                        texts.push(&e.title);
                        texts.push(&e.description);
                    }
                }
                Page::Recap {
                    takeaways,
                    objectives,
                    terms,
                } => {
                    texts.extend(takeaways.iter().map(String::as_str));
                    texts.extend(objectives.iter().map(|o| o.text.as_str()));
                    for t in terms {
                        texts.push(&t.term);
                        texts.push(&t.definition);
                    }
                }
            }
        }
        let words = texts.iter().map(|t| words::count(t)).sum();
        Length {
            pages: self.pages.len(),
            words,
            minutes: words::minutes(words),
        }
    }
}

/// The page of a lesson that shows a section: page 0 is the introduction, sections follow in
/// order (as [`lesson`] builds them).
#[must_use]
pub fn section_page(module: &Module, section: &str) -> Option<usize> {
    module
        .sections
        .iter()
        .position(|s| s.id == section)
        .map(|i| i + 1)
}

/// The sections each objective is about, found by the content words they share (title,
/// paragraph, facts and terms of a section): the best match, or every section tied for it; none
/// when no section shares a word. Course files do not link objectives to sections, so the
/// wording links them.
#[must_use]
pub fn objective_sections(module: &Module) -> Vec<Vec<String>> {
    let sections: Vec<(&str, HashSet<String>)> = module
        .sections
        .iter()
        .map(|s| {
            let mut text = format!("{} {}", s.title, s.text.as_deref().unwrap_or(""));
            for f in module.facts_of(&s.id) {
                text.push(' ');
                text.push_str(&f.text);
            }
            for t in module.terms.iter().filter(|t| t.section == s.id) {
                text.push(' ');
                text.push_str(&t.term);
            }
            (
                s.id.as_str(),
                words::content_words(&text).into_iter().collect(),
            )
        })
        .collect();
    module
        .objectives
        .iter()
        .map(|o| {
            let scores: Vec<(&str, f64)> = sections
                .iter()
                .map(|(id, w)| (*id, words::overlap(o, w)))
                .collect();
            let best = scores.iter().map(|s| s.1).fold(0.0_f64, f64::max);
            if best <= 0.0 {
                return Vec::new();
            }
            scores
                .into_iter()
                .filter(|s| s.1 + 1e-9 >= best)
                .map(|s| s.0.to_owned())
                .collect()
        })
        .collect()
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
    let mut section_checks: Vec<(&str, Vec<String>)> = Vec::new();
    for section in &module.sections {
        let points: Vec<KeyPoint> = module
            .facts_of(&section.id)
            .map(|f| KeyPoint {
                fact: f.id.clone(),
                text: f.text.clone(),
                source: f.source.clone(),
                in_text: section
                    .text
                    .as_deref()
                    .is_some_and(|t| words::said_in(t, &f.text)),
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
        section_checks.push((section.id.as_str(), checks.clone()));
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
    let objectives = module
        .objectives
        .iter()
        .zip(objective_sections(module))
        .map(|(text, sections)| Objective {
            text: text.clone(),
            checks: section_checks
                .iter()
                .filter(|(id, _)| sections.iter().any(|s| s == id))
                .flat_map(|(_, c)| c.iter().cloned())
                .collect(),
        })
        .collect();
    pages.push(Page::Recap {
        takeaways,
        objectives,
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
    fn a_lesson_depends_only_on_its_module() {
        // The same module in a course with the other modules in reverse order (and not first,
        // so without the content note) gives the same lesson apart from that note.
        let course = course();
        let reversed = Course::new(
            course.info.clone(),
            course.modules.iter().rev().cloned().collect(),
        );
        for m in course.modules.iter().skip(1).take(course.modules.len() - 2) {
            assert_eq!(lesson(&course, m), lesson(&reversed, m), "module {}", m.id);
        }
    }

    #[test]
    fn key_points_do_not_repeat_what_the_paragraph_says() {
        let course = course();
        let (mut hidden, mut shown) = (0, 0);
        for m in &course.modules {
            for page in lesson(&course, m).pages {
                let Page::Section { text, points, .. } = &page else {
                    continue;
                };
                for p in points {
                    let said = text.as_deref().is_some_and(|t| words::said_in(t, &p.text));
                    assert_eq!(p.in_text, said, "{}", p.fact);
                    if p.in_text {
                        hidden += 1;
                    } else {
                        shown += 1;
                    }
                }
                let sources = page.sources(&course);
                let unique: HashSet<&String> = sources.iter().collect();
                assert_eq!(unique.len(), sources.len(), "each source once per page");
                assert!(
                    points
                        .iter()
                        .all(|p| sources.contains(&course.cite(&p.source)))
                );
            }
        }
        // The shipped course's paragraphs retell many of their facts: those are not repeated,
        // and the facts that add a detail still are.
        assert!(
            hidden > 20 && shown > 20,
            "{hidden} said in the text, {shown} shown"
        );
        let palermo = course.module("palermo").expect("module");
        let Some(Page::Section { points, .. }) = lesson(&course, palermo)
            .pages
            .into_iter()
            .find(|p| matches!(p, Page::Section { id, .. } if id == "parties"))
        else {
            panic!("the parties page");
        };
        let parties = points
            .iter()
            .find(|p| p.fact == "palermo.parties")
            .expect("fact");
        assert!(
            parties.in_text,
            "\"182 parties\" is in the paragraph word for word"
        );
    }

    #[test]
    fn each_objective_is_checked_on_the_sections_it_is_about() {
        let course = course();
        let m = course.module("definition").expect("module");
        let sections: Vec<Vec<String>> = objective_sections(m);
        let expected = [
            "borders",
            "elements",
            "consent-children",
            "smuggling",
            "modern-slavery",
        ];
        assert_eq!(sections.len(), expected.len());
        for (found, want) in sections.iter().zip(expected) {
            assert_eq!(found, &[want.to_owned()]);
        }
        let l = lesson(&course, m);
        let Some(Page::Recap { objectives, .. }) = l.pages.last() else {
            panic!("recap last");
        };
        for (o, want) in objectives.iter().zip(expected) {
            let page = section_page(m, want).expect("section");
            let Some(Page::Section { checks, .. }) = l.pages.get(page) else {
                panic!("section page");
            };
            assert_eq!(&o.checks, checks, "{}", o.text);
            assert!(!o.met(|_| false));
            assert_eq!(o.met(|_| true), !checks.is_empty());
        }
    }

    #[test]
    fn section_pages_and_lengths_match_the_lesson() {
        let course = course();
        for m in &course.modules {
            let l = lesson(&course, m);
            for s in &m.sections {
                let page = section_page(m, &s.id).expect("a page");
                assert!(matches!(&l.pages[page], Page::Section { id, .. } if *id == s.id));
            }
            let length = l.length();
            assert_eq!(length.pages, l.pages.len());
            assert!(
                (2..=30).contains(&length.minutes),
                "{}: {} words",
                m.id,
                length.words
            );
            assert_eq!(length.minutes, words::minutes(length.words));
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
