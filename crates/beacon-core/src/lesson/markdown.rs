//! A lesson as Markdown, for `beacon lesson` and for teachers who print it.

use std::fmt::Write;

use super::{Lesson, Page};
use crate::content::Course;
use crate::quiz::{describe, right_response};

/// Renders the lesson as Markdown; "check yourself" questions come with their answers at the end.
#[must_use]
pub fn to_markdown(course: &Course, lesson: &Lesson) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", lesson.title);
    let mut answers = Vec::new();
    for (n, page) in lesson.pages.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", n + 1, page.title());
        match page {
            Page::Intro {
                content_note,
                summary,
                objectives,
            } => {
                if let Some(note) = content_note {
                    let _ = writeln!(out, "> **Content note.** {note}\n");
                }
                let _ = writeln!(out, "{summary}\n\nBy the end of this module you can:\n");
                for o in objectives {
                    let _ = writeln!(out, "- {o}");
                }
                out.push('\n');
            }
            Page::Section {
                text,
                points,
                terms,
                checks,
                ..
            } => {
                if let Some(text) = text {
                    let _ = writeln!(out, "{text}\n");
                }
                if points.iter().any(|p| !p.in_text) {
                    let _ = writeln!(out, "Key points:\n");
                    for p in points.iter().filter(|p| !p.in_text) {
                        let _ = writeln!(out, "- {}", p.text);
                    }
                    out.push('\n');
                }
                let sources = page.sources(course);
                if !sources.is_empty() {
                    let _ = writeln!(out, "*Sources: {}.*\n", sources.join("; "));
                }
                if !terms.is_empty() {
                    let _ = writeln!(out, "Terms:\n");
                    for t in terms {
                        let _ = writeln!(out, "- **{}**: {}", t.term, t.definition);
                    }
                    out.push('\n');
                }
                for id in checks {
                    let Some(q) = course.question(id) else {
                        continue;
                    };
                    answers.push((answers.len() + 1, q));
                    let _ = writeln!(out, "**Check yourself {}.** {}\n", answers.len(), q.prompt);
                }
            }
            Page::Timeline { events } => {
                for e in events {
                    let _ = writeln!(out, "- **{}**: {}. {}", e.date, e.title, e.description);
                }
                out.push('\n');
            }
            Page::Recap {
                takeaways,
                objectives,
                terms,
            } => {
                let _ = writeln!(out, "Remember:\n");
                for t in takeaways {
                    let _ = writeln!(out, "- {t}");
                }
                let _ = writeln!(out, "\nYou can now:\n");
                for o in objectives {
                    let _ = writeln!(out, "- {}", o.text);
                }
                if !terms.is_empty() {
                    let _ = writeln!(out, "\nGlossary:\n");
                    for t in terms {
                        let _ = writeln!(out, "- **{}**: {}", t.term, t.definition);
                    }
                }
                out.push('\n');
            }
        }
    }
    if !answers.is_empty() {
        let _ = writeln!(out, "## Answers to the checks\n");
        for (n, q) in answers {
            let right = describe(&q.body, &right_response(&q.body));
            let _ = writeln!(out, "{n}. {right}. {}", q.explanation);
        }
    }
    out
}
