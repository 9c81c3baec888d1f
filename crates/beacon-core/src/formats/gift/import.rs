//! Turns a parsed GIFT file into a Beacon course, through the raw model a course folder is read
//! into and the same checks: each question is turned into a module file's `[[questions]]` entry
//! and checked as one (2 to 8 choices or pairs, no empty text, a size limit, no id Beacon keeps
//! for generated questions...), each `$CATEGORY` into a module checked as a module file (at
//! least one fact, sections that exist...), and the links between them as between files (every
//! linked fact exists, every cited source is declared, no id twice).
//!
//! A file Beacon exported carries what GIFT has no place for in comments Moodle ignores: the
//! course's `course.toml` (`// beacon-course:`), each module's file without its questions
//! (`// beacon-module:`) and the questions GIFT has no form for (`// beacon-question:`), so that
//! it imports back as the same course. A question from anywhere else gets a key point of its
//! own, citing the file. What Beacon cannot grade offline (essays, descriptions) or cannot hold
//! (partial-credit alternatives, matching distractors) is reported with its line, never
//! dropped silently.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use toml::Spanned;

use super::meta::{Meta, split_category_path};
use super::parse::{
    Answers, Embedded, EmbeddedBlock, GiftFile, Number, Question as GiftQuestion, TextFormat,
    Weighted, parse,
};
use crate::content::parts::{
    Written, check_course, check_module, check_question, link, parse_toml,
};
use crate::content::raw::{RawCourse, RawFact, RawModule, RawQuestion, RawSection};
use crate::content::{
    Body, Choice, Choices, Course, CourseInfo, NumericAnswer, Pair, Problem, Question, Reference,
    Severity, lower,
};
use crate::quiz::{describe, right_response};

/// Most questions a course may have.
pub const MAX_QUESTIONS: usize = 10_000;

/// The id of the source that key points made from a file's questions cite.
pub const IMPORTED_SOURCE: &str = "gift";

/// The section that key points made from questions go in.
const QUESTIONS_SECTION: &str = "questions";

/// Something reported while importing, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The line it is about (1-based; 0 for the whole file).
    pub line: usize,
    /// What happened, in plain words.
    pub message: String,
    /// Whether something was left out (otherwise it was imported with a change).
    pub skipped: bool,
}

/// An imported course with what was reported.
#[derive(Debug)]
pub struct Imported {
    /// The course.
    pub course: Course,
    /// Problems and changes, by line.
    pub notes: Vec<Note>,
}

/// Imports GIFT text read from `file_name` (used as the course id and the facts' source).
#[must_use]
pub fn import(text: &str, file_name: &str) -> Imported {
    // A byte-order mark, as some editors write, is not part of the first line.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = parse(text);
    let mut imported = from_parsed(&parsed, file_name);
    if parsed.questions.is_empty() && parsed.problems.is_empty() && parsed.embedded.is_empty() {
        let message = if text.trim().is_empty() {
            "the file is empty: a GIFT file holds questions such as `Who adopted the Protocol? {=the UN General Assembly ~UNESCO}`"
        } else {
            "the file holds no questions, only comments and categories: a question looks like `Who adopted the Protocol? {=the UN General Assembly ~UNESCO}`"
        };
        imported.notes.insert(
            0,
            Note {
                line: 0,
                message: message.into(),
                skipped: true,
            },
        );
    }
    imported
}

/// A module id from a category path's last part: letters, digits and `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "questions".to_owned()
    } else {
        out
    }
}

/// The readable name of a category: its last part, without Moodle's `$course$/top/` prefix.
fn category_title(path: &str) -> String {
    split_category_path(path).pop().unwrap_or_default()
}

/// One category of the file on its way to becoming a module.
struct Part {
    /// The module file, from a `// beacon-module:` block or made up for the category.
    raw: RawModule,
    /// Where `raw` is written.
    at: Written,
}

/// What the questions of a file may link to and be called.
#[derive(Default)]
struct Ids {
    modules: HashSet<String>,
    questions: HashSet<String>,
    facts: HashSet<String>,
}

/// Converts parsed GIFT into a course.
#[must_use]
pub fn from_parsed(parsed: &GiftFile, file_name: &str) -> Imported {
    let file = Path::new(file_name);
    let stem = file_name.trim_end_matches(".gift").trim_end_matches(".txt");
    let mut problems: Vec<Problem> = parsed
        .problems
        .iter()
        .map(|p| problem(file, p.line, Severity::Error, p.message.clone()))
        .collect();
    if parsed.questions.len() > MAX_QUESTIONS {
        problems.push(Problem::whole_file(
            file,
            Severity::Error,
            format!(
                "this file has {} questions; Beacon opens courses of at most {MAX_QUESTIONS}: split it into several files",
                parsed.questions.len()
            ),
        ));
        return Imported {
            course: Course::new(info(stem, file_name), Vec::new()),
            notes: notes(problems),
        };
    }
    let mut info = course_details(parsed, file, stem, file_name, &mut problems);
    let mut ids = Ids::default();
    let mut parts: Vec<Part> = Vec::new();
    let mut part_of: HashMap<String, usize> = HashMap::new();
    // The modules the file carries, first: the questions may link to any of their facts.
    for block in parsed
        .embedded
        .iter()
        .filter(|b| b.kind == Embedded::Module)
    {
        let at = Written::new(file, block.text.clone(), block.line);
        let Some(mut raw) = parse_toml::<RawModule>(&at, &mut problems) else {
            continue;
        };
        let key = block.category.clone().unwrap_or_else(|| stem.to_owned());
        if part_of.contains_key(&key) {
            problems.push(problem(
                file,
                block.line,
                Severity::Error,
                "a second module for the same category; it was left out".into(),
            ));
            continue;
        }
        if let Some(id) = &raw.id {
            ids.modules.insert(id.get_ref().trim().to_owned());
        }
        for f in raw.facts.iter().filter_map(|f| f.get_ref().id.as_ref()) {
            ids.facts.insert(f.get_ref().trim().to_owned());
        }
        // Questions written in the module itself are taken in turn like the others.
        let questions = std::mem::take(&mut raw.questions);
        part_of.insert(key, parts.len());
        parts.push(Part { raw, at });
        let at = Written::new(file, block.text.clone(), block.line);
        let i = parts.len() - 1;
        take_questions(&mut parts[i], questions, &at, &mut ids, &mut problems);
    }
    // Then the questions, in file order, each in its category's module.
    let mut title_count: HashMap<&str, usize> = HashMap::new();
    for title in parsed.questions.iter().filter_map(|q| q.title.as_deref()) {
        *title_count.entry(title).or_default() += 1;
    }
    let mut items: Vec<(usize, Item<'_>)> = parsed
        .questions
        .iter()
        .map(|q| (q.line, Item::Gift(q)))
        .chain(
            parsed
                .embedded
                .iter()
                .filter(|b| b.kind == Embedded::Question)
                .map(|b| (b.line, Item::Embedded(b))),
        )
        .collect();
    items.sort_by_key(|(line, _)| *line);
    let mut made_facts = false;
    for (line, item) in items {
        let category = match item {
            Item::Gift(q) => q.category.as_ref(),
            Item::Embedded(b) => b.category.as_ref(),
        };
        let key = category.cloned().unwrap_or_else(|| stem.to_owned());
        let index = *part_of.entry(key.clone()).or_insert_with(|| {
            let title = category_title(&key);
            let id = unique(&mut ids.modules, &slug(&title));
            parts.push(Part {
                raw: made_up_module(&id, &title, file_name),
                at: Written::new(file, "", line),
            });
            parts.len() - 1
        });
        match item {
            Item::Gift(gq) => {
                let unique_title = gq
                    .title
                    .as_deref()
                    .is_some_and(|t| title_count.get(t) == Some(&1));
                made_facts |= take_gift(
                    &mut parts[index],
                    gq,
                    unique_title,
                    file,
                    &mut ids,
                    &mut problems,
                );
            }
            Item::Embedded(block) => {
                let at = Written::new(file, block.text.clone(), block.line);
                if let Some(raw) = parse_toml::<RawModule>(&at, &mut problems) {
                    take_questions(
                        &mut parts[index],
                        raw.questions,
                        &at,
                        &mut ids,
                        &mut problems,
                    );
                }
            }
        }
    }
    if made_facts && !info.sources.iter().any(|r| r.id == IMPORTED_SOURCE) {
        info.sources.push(Reference {
            id: IMPORTED_SOURCE.to_owned(),
            title: format!("Questions imported from {file_name}"),
            url: None,
            author: None,
            date: None,
        });
    }
    // Each category as a module file, then the links between them, as for a course folder. A
    // category left with no question (each left out with its reason) is no module.
    let sources: HashSet<&str> = info.sources.iter().map(|r| r.id.as_str()).collect();
    let candidates = parts
        .into_iter()
        .filter(|p| !p.raw.questions.is_empty())
        .filter_map(|p| check_module(&p.raw, p.at, &sources, &mut problems))
        .collect();
    let modules = link(candidates, &mut problems);
    Imported {
        course: Course::new(info, modules),
        notes: notes(problems),
    }
}

/// A question of the file: written in GIFT, or embedded as TOML.
#[derive(Clone, Copy)]
enum Item<'a> {
    Gift(&'a GiftQuestion),
    Embedded(&'a EmbeddedBlock),
}

/// A problem at a line of the file.
fn problem(file: &Path, line: usize, severity: Severity, message: String) -> Problem {
    Problem {
        file: file.to_path_buf(),
        line,
        column: usize::from(line > 0),
        severity,
        message,
    }
}

/// Problems as notes, in line order.
fn notes(problems: Vec<Problem>) -> Vec<Note> {
    let mut notes: Vec<Note> = problems
        .into_iter()
        .map(|p| Note {
            line: p.line,
            skipped: p.is_error(),
            message: p.message,
        })
        .collect();
    notes.sort_by_key(|n| n.line);
    notes
}

/// The course's details: from the `// beacon-course:` block, or made up for a question bank.
fn course_details(
    parsed: &GiftFile,
    file: &Path,
    stem: &str,
    file_name: &str,
    problems: &mut Vec<Problem>,
) -> CourseInfo {
    let mut blocks = parsed
        .embedded
        .iter()
        .filter(|b| b.kind == Embedded::Course);
    let Some(block) = blocks.next() else {
        return info(stem, file_name);
    };
    for extra in blocks {
        problems.push(problem(
            file,
            extra.line,
            Severity::Warning,
            "a second course description; only the first is used".into(),
        ));
    }
    let at = Written::new(file, block.text.clone(), block.line);
    match parse_toml::<RawCourse>(&at, problems) {
        Some(raw) => check_course(&raw, &at, problems).0,
        None => info(stem, file_name),
    }
}

/// A module for a category of questions from elsewhere: one section, whose key points are made
/// from the questions.
fn made_up_module(id: &str, title: &str, file_name: &str) -> RawModule {
    let text = |t: &str| Some(Spanned::new(0..0, t.to_owned()));
    RawModule {
        id: text(id),
        title: text(title),
        summary: text(&format!("Questions imported from {file_name}.")),
        objectives: Some(Spanned::new(
            0..0,
            vec![Spanned::new(
                0..0,
                format!("Answer the questions of \u{201c}{title}\u{201d}."),
            )],
        )),
        sections: vec![Spanned::new(
            0..0,
            RawSection {
                id: text(QUESTIONS_SECTION),
                title: text("Questions"),
                text: None,
            },
        )],
        ..RawModule::default()
    }
}

/// Takes questions written as TOML into a module, each checked as a module file's question is,
/// with an id no other question has and links to facts that exist.
fn take_questions(
    part: &mut Part,
    questions: Vec<Spanned<RawQuestion>>,
    at: &Written,
    ids: &mut Ids,
    problems: &mut Vec<Problem>,
) {
    for raw in questions {
        let Some(q) = check_question(&raw, at, problems) else {
            continue;
        };
        let line = at.first_line
            + at.text[..raw.span().start.min(at.text.len())]
                .matches('\n')
                .count();
        if let Some(fact) = q.facts.iter().find(|f| !ids.facts.contains(*f)) {
            problems.push(problem(
                &at.file,
                line,
                Severity::Error,
                format!("links to fact `{fact}`, which does not exist; the question was left out"),
            ));
            continue;
        }
        if !ids.questions.insert(q.id.clone()) {
            problems.push(problem(
                &at.file,
                line,
                Severity::Error,
                format!(
                    "duplicate question id `{}`; the question was left out",
                    q.id
                ),
            ));
            continue;
        }
        part.raw.questions.push(raw);
    }
}

/// Takes a GIFT question into a module: converted, given an id (Beacon's from its comment, else
/// its title when no other question has it, else one made from its line), linked to the facts
/// its comment names or to a key point made from it, and checked as a module file's question.
/// Returns whether a key point was made.
fn take_gift(
    part: &mut Part,
    gq: &GiftQuestion,
    unique_title: bool,
    file: &Path,
    ids: &mut Ids,
    problems: &mut Vec<Problem>,
) -> bool {
    let meta = Meta::parse(gq.meta.as_deref());
    let mut notes = Vec::new();
    let converted = convert(gq, &meta, &mut notes);
    problems.extend(notes.into_iter().map(|n| {
        let severity = if n.skipped {
            Severity::Error
        } else {
            Severity::Warning
        };
        problem(file, n.line, severity, n.message)
    }));
    let Some(Converted {
        body,
        prompt,
        explanation,
        feedback,
    }) = converted
    else {
        return false;
    };
    let module_id = part
        .raw
        .id
        .as_ref()
        .map_or_else(String::new, |i| i.get_ref().clone());
    let wanted = meta
        .id
        .clone()
        .or_else(|| gq.title.clone().filter(|_| unique_title))
        .unwrap_or_else(|| format!("{module_id}.q{}", gq.line));
    let id = unique(&mut ids.questions, &wanted);
    let missing: Vec<&String> = meta
        .facts
        .iter()
        .filter(|f| !ids.facts.contains(*f))
        .collect();
    if !missing.is_empty() {
        problems.push(problem(
            file,
            gq.line,
            Severity::Warning,
            format!(
                "the facts it names are not in this file ({}); it gets a key point of its own",
                missing
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let own_fact = meta.facts.is_empty() || !missing.is_empty();
    let facts = if own_fact {
        let fact_id = unique(&mut ids.facts, &format!("{id}.fact"));
        add_key_point(
            part,
            &fact_id,
            &key_point(&prompt, &body, feedback.as_deref()),
        );
        vec![fact_id]
    } else {
        meta.facts.clone()
    };
    let draft = Question {
        id,
        prompt,
        facts,
        difficulty: meta.difficulty.unwrap_or(2),
        explanation,
        body,
        generated: false,
    };
    let raw = Spanned::new(0..0, lower::raw_question(&draft));
    let at = Written::new(file, "", gq.line);
    if check_question(&raw, &at, problems).is_some() {
        part.raw.questions.push(raw);
    } else {
        // Left out: its key point goes too.
        ids.questions.remove(&draft.id);
        if own_fact {
            part.raw.facts.pop();
        }
    }
    own_fact
}

/// Adds a key point made from a question to the module, in a section of its own.
fn add_key_point(part: &mut Part, id: &str, text: &str) {
    let has_section = part.raw.sections.iter().any(|s| {
        s.get_ref()
            .id
            .as_ref()
            .is_some_and(|i| i.get_ref() == QUESTIONS_SECTION)
    });
    if !has_section {
        part.raw.sections.push(Spanned::new(
            0..0,
            RawSection {
                id: Some(Spanned::new(0..0, QUESTIONS_SECTION.to_owned())),
                title: Some(Spanned::new(0..0, "Questions".to_owned())),
                text: None,
            },
        ));
    }
    let text_of = |t: &str| Some(Spanned::new(0..0, t.to_owned()));
    part.raw.facts.push(Spanned::new(
        0..0,
        RawFact {
            id: text_of(id),
            section: text_of(QUESTIONS_SECTION),
            text: text_of(text),
            source: text_of(IMPORTED_SOURCE),
            ..RawFact::default()
        },
    ));
}

/// The course details of a question bank imported from `file_name`.
fn info(stem: &str, file_name: &str) -> CourseInfo {
    CourseInfo {
        id: slug(stem),
        title: if stem.trim().is_empty() {
            "Imported questions".to_owned()
        } else {
            stem.to_owned()
        },
        version: "1".into(),
        language: "en".into(),
        description: format!("A question bank imported from {file_name}."),
        content_note: format!(
            "These questions were imported from {file_name}. You can pause or leave at any time."
        ),
        ..CourseInfo::default()
    }
}

fn unique(used: &mut HashSet<String>, wanted: &str) -> String {
    let mut id = wanted.to_owned();
    let mut n = 1;
    while !used.insert(id.clone()) {
        n += 1;
        id = format!("{wanted}-{n}");
    }
    id
}

/// A question turned into Beacon's terms.
struct Converted {
    body: Body,
    prompt: String,
    explanation: String,
    /// The general feedback as plain text, if there was one.
    feedback: Option<String>,
}

/// A key point for the lesson of an imported question: its feedback, or the question and answer.
fn key_point(prompt: &str, body: &Body, feedback: Option<&str>) -> String {
    feedback.map_or_else(
        || {
            format!(
                "{prompt} Answer: {}.",
                describe(body, &right_response(body))
            )
        },
        ToOwned::to_owned,
    )
}

/// Plain text of a question's text in its format: HTML and Markdown are turned into text (no
/// scripts, no remote images); Moodle's own format and plain text are kept as written.
fn plain(text: &str, format: TextFormat) -> String {
    match format {
        TextFormat::Html => super::html::to_text(text),
        TextFormat::Markdown => super::html::markdown_to_text(text),
        TextFormat::Moodle | TextFormat::Plain => text.to_owned(),
    }
}

/// The Beacon body, prompt and explanation of a GIFT question; `None` when it is left out.
fn convert(gq: &GiftQuestion, meta: &Meta, notes: &mut Vec<Note>) -> Option<Converted> {
    let mut note = |message: String, skipped: bool| {
        notes.push(Note {
            line: gq.line,
            message,
            skipped,
        });
    };
    let text = plain(&gq.text, gq.format);
    let after = gq.after.as_deref().map(|a| plain(a, gq.format));
    let missing_word = |text: &str| match &after {
        Some(after) => format!(
            "{text}{}___{}{after}",
            if gq.space_before { " " } else { "" },
            if gq.space_after { " " } else { "" }
        ),
        None => text.to_owned(),
    };
    let (body, prompt) = match &gq.answers {
        Answers::Description => {
            note(
                "a description is not a question; it was left out".into(),
                true,
            );
            return None;
        }
        Answers::Essay => {
            note(
                "an essay cannot be graded offline; it was left out".into(),
                true,
            );
            return None;
        }
        Answers::TrueFalse { answer, .. } => (Body::TrueFalse(*answer), missing_word(&text)),
        Answers::Choice(answers) => {
            // `~%50%` marks a multiple-answer question; a single `=` a multiple-choice one.
            let right: Vec<&Weighted<String>> = answers.iter().filter(|a| a.weight > 0.0).collect();
            let single =
                right.len() == 1 && right[0].equals && (right[0].weight - 100.0).abs() < 1e-9;
            let choices = Choices(
                answers
                    .iter()
                    .enumerate()
                    .map(|(i, a)| Choice {
                        text: plain(&a.value, gq.format),
                        correct: a.weight > 0.0,
                        fixed: meta.fixed.contains(&i),
                    })
                    .collect(),
            );
            let body = if single {
                Body::Single(choices)
            } else {
                Body::Multiple(choices)
            };
            (body, missing_word(&text))
        }
        Answers::ShortAnswer(answers) => {
            let (full, partial): (Vec<&Weighted<String>>, Vec<&Weighted<String>>) = answers
                .iter()
                .partition(|a| (a.weight - 100.0).abs() < 1e-9);
            if !partial.is_empty() {
                let list: Vec<String> = partial
                    .iter()
                    .map(|a| format!("{} ({}%)", a.value, a.weight))
                    .collect();
                note(
                    format!(
                        "partial-credit answers are not kept (Beacon accepts an answer fully or not): {}",
                        list.join(", ")
                    ),
                    false,
                );
            }
            if full.is_empty() {
                note(
                    "a short-answer question has no fully right answer; it was left out".into(),
                    true,
                );
                return None;
            }
            let prompt = if after.is_some() {
                missing_word(&text)
            } else {
                format!("{text} ___")
            };
            (
                Body::FillIn(full.iter().map(|a| a.value.clone()).collect()),
                prompt,
            )
        }
        Answers::Numerical(answers) => {
            let Some(best) = answers.iter().find(|a| (a.weight - 100.0).abs() < 1e-9) else {
                note(
                    "a numerical question has no fully right answer; it was left out".into(),
                    true,
                );
                return None;
            };
            if answers.len() > 1 {
                note(
                    "partial-credit numerical answers are not kept; only the fully right one is"
                        .into(),
                    false,
                );
            }
            let n = match best.value {
                Number::Exact { value, tolerance } => NumericAnswer {
                    min: value - tolerance,
                    max: value + tolerance,
                    shown: value,
                    unit: meta.unit.clone(),
                },
                Number::Range { min, max } => NumericAnswer {
                    min,
                    max,
                    shown: meta
                        .shown
                        .filter(|x| (min..=max).contains(x))
                        .unwrap_or(f64::midpoint(min, max)),
                    unit: meta.unit.clone(),
                },
            };
            (Body::Numeric(n), missing_word(&text))
        }
        Answers::Matching { pairs, distractors } => {
            if !distractors.is_empty() {
                note(
                    format!(
                        "extra matching items that match nothing are not kept: {}",
                        distractors.join(", ")
                    ),
                    false,
                );
            }
            let pairs = pairs
                .iter()
                .map(|(l, r)| Pair {
                    left: plain(l, gq.format),
                    right: plain(r, gq.format),
                })
                .collect();
            (Body::Matching(pairs), missing_word(&text))
        }
    };
    let feedback = gq
        .general_feedback
        .as_deref()
        .map(|f| plain(f, gq.format))
        .filter(|f| !f.is_empty());
    let explanation = feedback.clone().unwrap_or_else(|| {
        format!(
            "The right answer: {}.",
            describe(&body, &right_response(&body))
        )
    });
    Some(Converted {
        body,
        prompt,
        explanation,
        feedback,
    })
}
