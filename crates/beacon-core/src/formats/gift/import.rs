//! Turns a parsed GIFT file into a Beacon course: each `$CATEGORY` becomes a module, each
//! question a Beacon question with a key point built from it. What Beacon cannot grade offline
//! (essays, descriptions) or cannot hold (partial-credit alternatives, matching distractors) is
//! reported with its line, never dropped silently.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::meta::{Meta, split_category_path};
use super::parse::{
    Answers, GiftFile, Number, Question as GiftQuestion, TextFormat, Weighted, parse,
};
use crate::content::{
    Body, Choice, Choices, Course, CourseInfo, Fact, Module, NumericAnswer, Pair, Question,
    Section, Source,
};
use crate::quiz::{describe, right_response};

/// Most questions a course may have.
pub const MAX_QUESTIONS: usize = 10_000;

/// Something reported while importing, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The line of the question (1-based).
    pub line: usize,
    /// What happened, in plain words.
    pub message: String,
    /// Whether the question was left out (otherwise it was imported with a change).
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
    if parsed.questions.is_empty() && parsed.problems.is_empty() {
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

/// The most characters a question may have: its text, answers and explanation together. A
/// longer question cannot be read on one screen, and a huge one slows every frame.
pub const MAX_QUESTION_CHARS: usize = 10_000;

/// The choices of a choice question, and the pairs of a matching one.
pub const CHOICES: std::ops::RangeInclusive<usize> = 2..=8;

/// A module id from a category path's last part: letters, digits and `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
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

/// Converts parsed GIFT into a course.
#[must_use]
pub fn from_parsed(parsed: &GiftFile, file_name: &str) -> Imported {
    let stem = file_name.trim_end_matches(".gift").trim_end_matches(".txt");
    let mut notes: Vec<Note> = parsed
        .problems
        .iter()
        .map(|p| Note {
            line: p.line,
            message: p.message.clone(),
            skipped: true,
        })
        .collect();
    if parsed.questions.len() > MAX_QUESTIONS {
        notes.push(Note {
            line: 0,
            message: format!(
                "this file has {} questions; Beacon opens courses of at most {MAX_QUESTIONS}: split it into several files",
                parsed.questions.len()
            ),
            skipped: true,
        });
        return Imported {
            course: Course::new(info(stem, file_name), Vec::new()),
            notes,
        };
    }
    let mut modules: BTreeMap<usize, Module> = BTreeMap::new();
    let mut module_of_category: HashMap<String, usize> = HashMap::new();
    // Ids are unique among their own kind: modules, questions, facts.
    let mut module_ids: HashSet<String> = HashSet::new();
    let mut question_ids: HashSet<String> = HashSet::new();
    let mut fact_ids: HashSet<String> = HashSet::new();
    let mut title_count: HashMap<&str, usize> = HashMap::new();
    for title in parsed.questions.iter().filter_map(|q| q.title.as_deref()) {
        *title_count.entry(title).or_default() += 1;
    }
    for gq in &parsed.questions {
        let category = gq.category.clone().unwrap_or_else(|| stem.to_owned());
        let next = module_of_category.len();
        let index = *module_of_category.entry(category.clone()).or_insert(next);
        let module = modules.entry(index).or_insert_with(|| {
            let title = category_title(&category);
            Module {
                id: unique(&mut module_ids, &slug(&title)),
                title,
                summary: format!("Questions imported from {file_name}."),
                objectives: Vec::new(),
                sections: vec![Section {
                    id: "questions".into(),
                    title: "Questions".into(),
                    text: None,
                }],
                facts: Vec::new(),
                terms: Vec::new(),
                events: Vec::new(),
                questions: Vec::new(),
                file: file_name.into(),
            }
        });
        let meta = Meta::parse(gq.meta.as_deref());
        let title_unique = gq
            .title
            .as_deref()
            .is_some_and(|t| title_count.get(t) == Some(&1));
        let wanted = meta
            .id
            .clone()
            .or_else(|| gq.title.clone().filter(|_| title_unique))
            .unwrap_or_else(|| format!("{}.q{}", module.id, gq.line));
        if let Some(Converted {
            body,
            prompt,
            explanation,
            feedback,
        }) = convert(gq, &meta, &mut notes)
        {
            let id = unique(&mut question_ids, &wanted);
            let facts = if meta.facts.is_empty() {
                let fact_id = unique(&mut fact_ids, &format!("{id}.fact"));
                module.facts.push(Fact {
                    id: fact_id.clone(),
                    section: "questions".into(),
                    text: key_point(&prompt, &body, feedback.as_deref()),
                    source: Source::Imported(file_name.to_owned()),
                    year: None,
                    date: None,
                    number: None,
                    quiz: true,
                });
                vec![fact_id]
            } else {
                meta.facts.clone()
            };
            module.questions.push(Question {
                id,
                prompt,
                facts,
                difficulty: meta.difficulty.unwrap_or(2),
                explanation,
                body,
                generated: false,
            });
        }
    }
    let modules: Vec<Module> = modules
        .into_values()
        .filter(|m| !m.questions.is_empty())
        .collect();
    notes.sort_by_key(|n| n.line);
    Imported {
        course: Course::new(info(stem, file_name), modules),
        notes,
    }
}

/// The course details of a question bank imported from `file_name`.
fn info(stem: &str, file_name: &str) -> CourseInfo {
    CourseInfo {
        id: slug(stem),
        title: stem.to_owned(),
        version: "1".into(),
        language: "en".into(),
        description: format!("A question bank imported from {file_name}."),
        content_note: String::new(),
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
    if let Err(why) = fits(&body, &prompt, &explanation) {
        note(format!("{why}; it was left out"), true);
        return None;
    }
    Some(Converted {
        body,
        prompt,
        explanation,
        feedback,
    })
}

/// Checks what Beacon needs of any question: 2 to 8 choices or pairs, no empty text, and at
/// most [`MAX_QUESTION_CHARS`] characters in all.
fn fits(body: &Body, prompt: &str, explanation: &str) -> Result<(), String> {
    let texts: Vec<&str> = match body {
        Body::Single(c) | Body::Multiple(c) => {
            if !CHOICES.contains(&c.0.len()) {
                return Err(format!(
                    "a question needs 2 to 8 choices, not {}",
                    c.0.len()
                ));
            }
            c.0.iter().map(|ch| ch.text.as_str()).collect()
        }
        Body::Matching(pairs) => {
            if !CHOICES.contains(&pairs.len()) {
                return Err(format!(
                    "a matching question needs 2 to 8 pairs, not {}",
                    pairs.len()
                ));
            }
            pairs
                .iter()
                .flat_map(|p| [p.left.as_str(), p.right.as_str()])
                .collect()
        }
        Body::FillIn(accept) => accept.iter().map(String::as_str).collect(),
        Body::Numeric(n) => {
            if ![n.min, n.max, n.shown].iter().all(|x| x.is_finite()) {
                return Err("a number or its tolerance is too large to work with".into());
            }
            Vec::new()
        }
        Body::TrueFalse(_) | Body::Ordering(_) | Body::Scenario { .. } => Vec::new(),
    };
    if prompt.trim().is_empty() || texts.iter().any(|t| t.trim().is_empty()) {
        return Err("a text or answer is empty once its HTML is taken out".into());
    }
    let chars: usize = [prompt, explanation]
        .iter()
        .chain(&texts)
        .map(|t| t.chars().count())
        .sum();
    if chars > MAX_QUESTION_CHARS {
        return Err(format!(
            "this question has {chars} characters; a question may have at most {MAX_QUESTION_CHARS}"
        ));
    }
    Ok(())
}
