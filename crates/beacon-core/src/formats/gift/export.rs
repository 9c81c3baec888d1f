//! A Beacon course (or quiz) written as GIFT for Moodle. Each module becomes a `$CATEGORY`; a
//! `// beacon:` comment above each question keeps what GIFT has no place for (the question id,
//! facts, difficulty, unit, fixed choices, the answer shown for a range). The rest of the course
//! is kept in comments too, as the TOML of a course folder: `course.toml` (`// beacon-course:`),
//! each module's file without its questions (`// beacon-module:`: sections, facts, terms,
//! events), and each question GIFT has no form for (`// beacon-question:`, ordering and
//! scenario; reported as left out for Moodle). Moodle reads all of these as comments; Beacon
//! imports the file back as the same course.

use std::fmt::Write;

use super::meta::{Meta, category_path, comment_text, encode_line, exact_number};
use super::parse::Embedded;
use crate::content::{
    Body, Course, NumericAnswer, Question, course_toml, module_toml, question_toml,
};
use crate::quiz::format_number;

/// GIFT text with what could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The GIFT file.
    pub text: String,
    /// Questions left out, with the reason.
    pub left_out: Vec<String>,
}

/// Escapes GIFT's special characters; a line break becomes `\n`, so the text stays on one line.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes an answer's text: as [`escape`], and the `>` of a `->` too, so that an answer holding
/// an arrow is not read as a matching pair.
#[must_use]
pub fn escape_answer(text: &str) -> String {
    escape(text).replace("->", "-\\>")
}

/// Escapes a question's text. Text that starts with `[` gets an explicit `[moodle]` format first,
/// so that its own brackets are not read as a format (`[html]`, `[markdown]`).
fn escape_prompt(text: &str) -> String {
    let escaped = escape(text);
    if escaped.starts_with('[') {
        format!("[moodle]{escaped}")
    } else {
        escaped
    }
}

/// An answer's text; one starting with `%` gets an explicit weight first, so that its `%` is
/// not read as the start of a weight.
fn answer(marker: char, weight: &str, text: &str) -> String {
    let escaped = escape_answer(text);
    if text.trim_start().starts_with('%') || !weight.is_empty() {
        let w = if weight.is_empty() {
            if marker == '=' { "100" } else { "0" }
        } else {
            weight
        };
        format!("{marker}%{w}%{escaped}")
    } else {
        format!("{marker}{escaped}")
    }
}

/// The course's modules as GIFT.
#[must_use]
pub fn to_gift(course: &Course) -> Exported {
    let mut text = String::new();
    let mut left_out = Vec::new();
    let _ = writeln!(
        text,
        "// {} (version {}), exported by Beacon",
        comment_text(&course.info.title),
        comment_text(&course.info.version)
    );
    embed(&mut text, Embedded::Course, &course_toml(course));
    // Each module needs a category of its own: the import puts a module in its category. Two
    // modules of the same title get their ids in their categories' names (their titles, kept in
    // the embedded module, stay as they are).
    let mut categories = std::collections::HashSet::new();
    for module in &course.modules {
        let mut category = category_path(&["$course$", "top", &course.info.title, &module.title]);
        let mut n = 1;
        while !categories.insert(category.clone()) {
            let name = if n == 1 {
                format!("{} ({})", module.title, module.id)
            } else {
                format!("{} ({} {n})", module.title, module.id)
            };
            category = category_path(&["$course$", "top", &course.info.title, &name]);
            n += 1;
        }
        let _ = writeln!(text, "\n$CATEGORY: {category}\n");
        embed(&mut text, Embedded::Module, &module_toml(module));
        text.push('\n');
        for q in &module.questions {
            let q = &written(q);
            match question(q) {
                Ok(block) => text.push_str(&block),
                Err(why) => {
                    left_out.push(format!(
                        "{}: {why} (kept for Beacon in a comment, which Moodle does not read)",
                        q.id
                    ));
                    embed(&mut text, Embedded::Question, &question_toml(q));
                }
            }
            text.push('\n');
        }
    }
    Exported { text, left_out }
}

/// The start of the id a generated question is written with: in the file it is a question like
/// any other, and Beacon keeps `gen:` for the questions it generates itself.
pub const GENERATED_EXPORT_PREFIX: &str = "generated.";

/// A question as the file holds it: a generated question (a quiz's) gets an id outside the
/// prefix Beacon keeps for generated questions, `gen:term:un:1` becoming `generated.term.un.1`,
/// so that the file imports back without its questions being refused.
fn written(q: &Question) -> std::borrow::Cow<'_, Question> {
    match q.id.strip_prefix(crate::content::GENERATED_PREFIX) {
        Some(rest) => std::borrow::Cow::Owned(Question {
            id: format!("{GENERATED_EXPORT_PREFIX}{}", rest.replace(':', ".")),
            generated: false,
            ..q.clone()
        }),
        None => std::borrow::Cow::Borrowed(q),
    }
}

/// Writes TOML text as comment lines of one kind, one line of it per comment line.
fn embed(out: &mut String, kind: Embedded, toml: &str) {
    for line in toml.lines() {
        let _ = writeln!(out, "// {} {}", kind.prefix(), encode_line(line));
    }
}

/// One question as GIFT.
///
/// # Errors
/// When GIFT cannot hold the question's kind; the message says why.
pub fn question(q: &Question) -> Result<String, String> {
    let mut meta = Meta {
        id: Some(q.id.clone()),
        facts: q.facts.clone(),
        difficulty: Some(q.difficulty),
        ..Meta::default()
    };
    let general = format!(" ####{}", escape(&q.explanation));
    let answers = match &q.body {
        Body::Single(c) => {
            meta.fixed = fixed(c);
            c.0.iter()
                .map(|ch| answer(if ch.correct { '=' } else { '~' }, "", &ch.text))
                .collect::<Vec<_>>()
                .join(" ")
        }
        Body::Multiple(c) => {
            let right = c.0.iter().filter(|ch| ch.correct).count().max(1) as f64;
            let share = format_number((100.0 / right * 100_000.0).round() / 100_000.0);
            meta.fixed = fixed(c);
            c.0.iter()
                .map(|ch| {
                    let w = if ch.correct {
                        share.clone()
                    } else {
                        format!("-{share}")
                    };
                    format!("~%{w}%{}", escape_answer(&ch.text))
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        Body::TrueFalse(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Body::FillIn(accept) => {
            let answers: Vec<String> = accept.iter().map(|a| answer('=', "", a)).collect();
            let Some((before, after)) = q.prompt.split_once("___") else {
                return Err("a fill-in prompt without a blank".into());
            };
            return Ok(format!(
                "{}\n::{}:: {}{{{}{general}}}{}\n",
                meta.line(),
                escape(&q.id),
                escape_prompt(before),
                answers.join(" "),
                escape(after)
            ));
        }
        Body::Numeric(n) => {
            meta.unit.clone_from(&n.unit);
            numeric_answer(n, &mut meta)
        }
        Body::Matching(pairs) => pairs
            .iter()
            .map(|p| format!("={} -> {}", escape_answer(&p.left), escape_answer(&p.right)))
            .collect::<Vec<_>>()
            .join(" "),
        Body::Ordering(_) => return Err("GIFT has no ordering questions".into()),
        Body::Scenario { .. } => return Err("GIFT has no question with several parts".into()),
    };
    Ok(format!(
        "{}\n::{}:: {} {{{answers}{general}}}\n",
        meta.line(),
        escape(&q.id),
        escape_prompt(&q.prompt)
    ))
}

/// The positions of choices that keep their place.
fn fixed(c: &crate::content::Choices) -> Vec<usize> {
    c.0.iter()
        .enumerate()
        .filter(|(_, ch)| ch.fixed)
        .map(|(i, _)| i)
        .collect()
}

/// A numeric answer in the GIFT form that gives back exactly the same numbers: `value:tolerance`
/// where that is exact (what Moodle users write), else `min..max`, with the shown value in the
/// `// beacon:` comment when the range's midpoint is not it.
#[expect(
    clippy::float_cmp,
    reason = "exactness is the point: the import recomputes these numbers the same way"
)]
fn numeric_answer(n: &NumericAnswer, meta: &mut Meta) -> String {
    let tolerance = n.max - n.shown;
    if tolerance >= 0.0 && n.shown - tolerance == n.min && n.shown + tolerance == n.max {
        return format!("#{}:{}", exact_number(n.shown), exact_number(tolerance));
    }
    if f64::midpoint(n.min, n.max) != n.shown {
        meta.shown = Some(n.shown);
    }
    format!("#{}..{}", exact_number(n.min), exact_number(n.max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            escape("a=b ~c #d {e} f:g \\h"),
            "a\\=b \\~c \\#d \\{e\\} f\\:g \\\\h"
        );
        assert_eq!(escape("two\nlines"), "two\\nlines");
    }
}
