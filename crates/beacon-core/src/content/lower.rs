//! A checked course written back in its raw form, as TOML: what `course.toml` and a module file
//! hold. The GIFT export keeps in comments what GIFT has no place for this way, so that
//! importing the file back reads it with the same parser and checks as a course folder.

use std::ops::Range;

use serde::Serialize;
use toml::Spanned;

use super::model::{
    Body, Course, CourseInfo, Date, Event, Fact, Module, Organisation, Question, Reference,
    Section, Term,
};
use super::raw::{
    RawAssessment, RawCourse, RawEvent, RawFact, RawHelpLine, RawModule, RawNumber,
    RawOrganisation, RawPair, RawQuestion, RawSection, RawSource, RawTerm,
};

/// Raw values written back have no place in a file.
const NOWHERE: Range<usize> = 0..0;

/// A raw field that is present (every raw field is optional).
#[expect(
    clippy::unnecessary_wraps,
    reason = "raw fields are options; this gives a present one"
)]
fn some<T>(value: T) -> Option<Spanned<T>> {
    Some(Spanned::new(NOWHERE, value))
}

fn text(value: &str) -> Option<Spanned<String>> {
    some(value.to_owned())
}

fn opt(value: Option<&String>) -> Option<Spanned<String>> {
    value.and_then(|v| text(v))
}

fn list<'a>(values: impl IntoIterator<Item = &'a String>) -> Option<Spanned<Vec<Spanned<String>>>> {
    some(
        values
            .into_iter()
            .map(|v| Spanned::new(NOWHERE, v.clone()))
            .collect(),
    )
}

fn spanned<T>(value: T) -> Spanned<T> {
    Spanned::new(NOWHERE, value)
}

/// A date as the files write it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date(d: Date) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{:04}-{m:02}-{day:02}", d.year),
        (Some(m), None) => format!("{:04}-{m:02}", d.year),
        _ => format!("{:04}", d.year),
    }
}

fn toml_text<T: Serialize>(value: &T) -> String {
    // Every raw value is a table of strings, numbers, booleans, arrays and tables, which TOML
    // can always write.
    toml::to_string(value).unwrap_or_default()
}

/// `course.toml` of a course, with its modules in order.
#[must_use]
pub fn course_toml(course: &Course) -> String {
    toml_text(&raw_course(&course.info, &course.modules))
}

fn raw_course(info: &CourseInfo, modules: &[Module]) -> RawCourse {
    let a = &info.assessment;
    RawCourse {
        id: text(&info.id),
        title: text(&info.title),
        version: text(&info.version),
        language: text(&info.language),
        description: text(&info.description),
        content_note: text(&info.content_note),
        modules: list(modules.iter().map(|m| &m.id)),
        seed_paragraphs: (!info.seed_paragraphs.is_empty())
            .then(|| spanned(info.seed_paragraphs.clone())),
        help_lines: info
            .help_lines
            .iter()
            .map(|h| {
                spanned(RawHelpLine {
                    name: text(&h.name),
                    contact: text(&h.contact),
                    country: text(&h.country),
                    note: opt(h.note.as_ref()),
                })
            })
            .collect(),
        sources: info
            .sources
            .iter()
            .map(|r| spanned(raw_source(r)))
            .collect(),
        xapi_base: if info.xapi_base.is_empty() {
            None
        } else {
            text(&info.xapi_base)
        },
        assessment: some(RawAssessment {
            // Only modules written with it (a quiz is exported with the modules it draws on).
            required: {
                let present: Vec<&String> = a
                    .required
                    .iter()
                    .filter(|r| modules.iter().any(|m| &m.id == *r))
                    .collect();
                if present.is_empty() {
                    None
                } else {
                    list(present)
                }
            },
            questions: some(i64::try_from(a.questions).unwrap_or(i64::MAX)),
            pass_mark: some(i64::from(a.pass_mark)),
            module_pass_mark: some(i64::from(a.module_pass_mark)),
            time_limit_minutes: a.time_limit_minutes.map(|m| spanned(i64::from(m))),
            // No limit is written `attempts = 0`.
            attempts: some(a.attempts.map_or(0, i64::from)),
            cooldown_hours: some(i64::from(a.cooldown_hours)),
            lessons_first: some(a.lessons_first),
            reading_words_per_minute: some(i64::from(a.reading_words_per_minute)),
        }),
        study_hours: info.study_hours.map(spanned),
        // The cue checks' settings are the author's and stay in their course.toml.
        cues: None,
        organisation: raw_organisation(&info.organisation),
    }
}

/// `[organisation]`, when the course names one. Its logo is a file beside `course.toml`, which
/// a single file cannot carry: it is left out.
fn raw_organisation(o: &Organisation) -> Option<Spanned<RawOrganisation>> {
    (!o.name.is_empty()).then(|| {
        spanned(RawOrganisation {
            name: text(&o.name),
            home_page: (!o.home_page.is_empty())
                .then(|| text(&o.home_page))
                .flatten(),
            logo: None,
            signatory: opt(o.signatory.as_ref()),
            signatory_role: opt(o.signatory_role.as_ref()),
        })
    })
}

fn raw_source(r: &Reference) -> RawSource {
    RawSource {
        id: text(&r.id),
        title: text(&r.title),
        url: opt(r.url.as_ref()),
        author: opt(r.author.as_ref()),
        date: r.date.as_ref().map(|d| spanned(date(*d))),
    }
}

/// A module file with everything but its questions (a GIFT file holds those).
#[must_use]
pub fn module_toml(module: &Module) -> String {
    toml_text(&RawModule {
        id: text(&module.id),
        title: text(&module.title),
        summary: text(&module.summary),
        objectives: list(&module.objectives),
        sections: module
            .sections
            .iter()
            .map(|s| spanned(raw_section(s)))
            .collect(),
        facts: module.facts.iter().map(|f| spanned(raw_fact(f))).collect(),
        terms: module.terms.iter().map(|t| spanned(raw_term(t))).collect(),
        events: module
            .events
            .iter()
            .map(|e| spanned(raw_event(e)))
            .collect(),
        questions: Vec::new(),
    })
}

/// One question as a module file writes it, under `[[questions]]`.
#[must_use]
pub fn question_toml(question: &Question) -> String {
    toml_text(&RawModule {
        questions: vec![spanned(raw_question(question))],
        ..RawModule::default()
    })
}

fn raw_section(s: &Section) -> RawSection {
    RawSection {
        id: text(&s.id),
        title: text(&s.title),
        text: opt(s.text.as_ref()),
    }
}

fn raw_fact(f: &Fact) -> RawFact {
    RawFact {
        id: text(&f.id),
        section: text(&f.section),
        text: text(&f.text),
        source: text(&f.source.to_string()),
        // A year is written only when the date does not give it.
        year: f
            .year
            .filter(|y| f.date.is_none_or(|d| d.year != *y))
            .map(|y| spanned(i64::from(y))),
        date: f.date.as_ref().map(|d| spanned(date(*d))),
        number: f.number.as_ref().map(|n| {
            spanned(RawNumber {
                value: some(n.value),
                ask: text(&n.ask),
                unit: opt(n.unit.as_ref()),
                tolerance: some(n.tolerance),
            })
        }),
        quiz: (!f.quiz).then(|| spanned(false)),
    }
}

fn raw_term(t: &Term) -> RawTerm {
    RawTerm {
        term: text(&t.term),
        definition: text(&t.definition),
        section: text(&t.section),
        source: text(&t.source.to_string()),
        fact: opt(t.fact.as_ref()),
    }
}

fn raw_event(e: &Event) -> RawEvent {
    RawEvent {
        id: text(&e.id),
        date: text(&date(e.date)),
        title: text(&e.title),
        description: text(&e.description),
        source: text(&e.source.to_string()),
        fact: opt(e.fact.as_ref()),
    }
}

/// A question in the raw model, as a module file would hold it.
pub(crate) fn raw_question(q: &Question) -> RawQuestion {
    RawQuestion {
        id: text(&q.id),
        facts: list(&q.facts),
        difficulty: some(i64::from(q.difficulty)),
        explanation: text(&q.explanation),
        ..raw_body(&q.prompt, &q.body)
    }
}

/// The kind, prompt and answer fields of a question or scenario part.
fn raw_body(prompt: &str, body: &Body) -> RawQuestion {
    let base = RawQuestion {
        kind: text(body.kind().name()),
        prompt: text(prompt),
        ..RawQuestion::default()
    };
    match body {
        Body::Single(c) | Body::Multiple(c) => {
            let texts = |keep: fn(&super::model::Choice) -> bool| {
                let chosen: Vec<&String> =
                    c.0.iter()
                        .filter(|ch| keep(ch))
                        .map(|ch| &ch.text)
                        .collect();
                if chosen.is_empty() {
                    None
                } else {
                    list(chosen)
                }
            };
            let right = texts(|ch| ch.correct);
            RawQuestion {
                choices: list(c.0.iter().map(|ch| &ch.text)),
                answer: match body {
                    Body::Single(_) => {
                        c.0.iter()
                            .find(|ch| ch.correct)
                            .map(|ch| spanned(toml::Value::String(ch.text.clone())))
                    }
                    _ => None,
                },
                answers: if matches!(body, Body::Multiple(_)) {
                    right
                } else {
                    None
                },
                fixed: texts(|ch| ch.fixed),
                ..base
            }
        }
        Body::TrueFalse(b) => RawQuestion {
            answer: some(toml::Value::Boolean(*b)),
            ..base
        },
        Body::FillIn(accept) => RawQuestion {
            accept: list(accept),
            ..base
        },
        Body::Numeric(n) => {
            let tolerance = n.max - n.shown;
            #[expect(
                clippy::float_cmp,
                reason = "written back exactly as read: answer and tolerance only where they give the same numbers"
            )]
            let exact =
                tolerance >= 0.0 && n.shown - tolerance == n.min && n.shown + tolerance == n.max;
            if exact {
                RawQuestion {
                    answer: some(toml::Value::Float(n.shown)),
                    tolerance: (tolerance != 0.0).then(|| spanned(tolerance)),
                    unit: opt(n.unit.as_ref()),
                    ..base
                }
            } else {
                RawQuestion {
                    answer: some(toml::Value::Float(n.shown)),
                    min: some(n.min),
                    max: some(n.max),
                    unit: opt(n.unit.as_ref()),
                    ..base
                }
            }
        }
        Body::Matching(pairs) => RawQuestion {
            pairs: some(
                pairs
                    .iter()
                    .map(|p| {
                        spanned(RawPair {
                            left: text(&p.left),
                            right: text(&p.right),
                        })
                    })
                    .collect(),
            ),
            ..base
        },
        Body::Ordering(items) => RawQuestion {
            items: list(items),
            ..base
        },
        Body::Scenario { case, parts } => RawQuestion {
            case: text(case),
            parts: some(
                parts
                    .iter()
                    .map(|p| {
                        spanned(RawQuestion {
                            explanation: opt(p.explanation.as_ref()),
                            ..raw_body(&p.prompt, &p.body)
                        })
                    })
                    .collect(),
            ),
            ..base
        },
    }
}
