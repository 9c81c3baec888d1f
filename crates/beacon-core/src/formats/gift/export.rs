//! A Beacon course (or quiz) written as GIFT for Moodle. Each module becomes a `$CATEGORY`; a
//! `// beacon:` comment above each question keeps what GIFT has no place for (the question id,
//! facts, difficulty, unit, fixed choices, the answer shown for a range), so importing the file
//! back gives the same course, while Moodle reads it as an ordinary comment. Kinds GIFT cannot hold (ordering, scenario) are
//! reported, not faked.

use std::fmt::Write;

use crate::content::{Body, Course, NumericAnswer, Question};
use crate::quiz::format_number;

/// GIFT text with what could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The GIFT file.
    pub text: String,
    /// Questions left out, with the reason.
    pub left_out: Vec<String>,
}

/// Escapes GIFT's special characters.
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

/// An answer's text; one starting with `%` gets an explicit weight first, so that its `%` is
/// not read as the start of a weight.
fn answer(marker: char, weight: &str, text: &str) -> String {
    let escaped = escape(text);
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

/// Percent-encodes spaces and `%` in a `// beacon:` value.
fn meta_value(v: &str) -> String {
    v.replace('%', "%25").replace(' ', "%20")
}

/// The course's modules as GIFT.
#[must_use]
pub fn to_gift(course: &Course) -> Exported {
    let mut text = String::new();
    let mut left_out = Vec::new();
    let _ = writeln!(
        text,
        "// {} (version {}), exported by Beacon",
        course.info.title, course.info.version
    );
    for module in &course.modules {
        // A category line is read as it is (colons allowed); only `/` separates its parts.
        let part = |t: &str| t.replace(['/', '\n'], "-");
        let _ = writeln!(
            text,
            "\n$CATEGORY: $course$/top/{}/{}\n",
            part(&course.info.title),
            part(&module.title)
        );
        for q in &module.questions {
            match question(q) {
                Ok(block) => {
                    text.push_str(&block);
                    text.push('\n');
                }
                Err(why) => left_out.push(format!("{}: {why}", q.id)),
            }
        }
    }
    Exported { text, left_out }
}

/// One question as GIFT.
///
/// # Errors
/// When GIFT cannot hold the question's kind; the message says why.
pub fn question(q: &Question) -> Result<String, String> {
    let mut meta = format!(
        "// beacon: id={} facts={} difficulty={}",
        meta_value(&q.id),
        meta_value(&q.facts.join(",")),
        q.difficulty
    );
    let general = format!(" ####{}", escape(&q.explanation));
    let answers = match &q.body {
        Body::Single(c) => {
            let list: Vec<String> =
                c.0.iter()
                    .map(|ch| answer(if ch.correct { '=' } else { '~' }, "", &ch.text))
                    .collect();
            fixed(&mut meta, c);
            list.join(" ")
        }
        Body::Multiple(c) => {
            let right = c.0.iter().filter(|ch| ch.correct).count().max(1) as f64;
            let share = format_number((100.0 / right * 100_000.0).round() / 100_000.0);
            let list: Vec<String> =
                c.0.iter()
                    .map(|ch| {
                        let w = if ch.correct {
                            share.clone()
                        } else {
                            format!("-{share}")
                        };
                        format!("~%{w}%{}", escape(&ch.text))
                    })
                    .collect();
            fixed(&mut meta, c);
            list.join(" ")
        }
        Body::TrueFalse(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Body::FillIn(accept) => {
            let answers: Vec<String> = accept.iter().map(|a| answer('=', "", a)).collect();
            let Some((before, after)) = q.prompt.split_once("___") else {
                return Err("a fill-in prompt without a blank".into());
            };
            return Ok(format!(
                "{meta}\n::{}:: {}{{{}{general}}}{}\n",
                escape(&q.id),
                escape(before),
                answers.join(" "),
                escape(after)
            ));
        }
        Body::Numeric(n) => {
            if let Some(unit) = &n.unit {
                let _ = write!(meta, " unit={}", meta_value(unit));
            }
            numeric_answer(n, &mut meta)
        }
        Body::Matching(pairs) => pairs
            .iter()
            .map(|p| format!("={} -> {}", escape(&p.left), escape(&p.right)))
            .collect::<Vec<_>>()
            .join(" "),
        Body::Ordering(_) => return Err("GIFT has no ordering questions".into()),
        Body::Scenario { .. } => return Err("GIFT has no question with several parts".into()),
    };
    Ok(format!(
        "{meta}\n::{}:: {} {{{answers}{general}}}\n",
        escape(&q.id),
        escape(&q.prompt)
    ))
}

/// Adds `fixed=...` for choices that keep their place.
fn fixed(meta: &mut String, c: &crate::content::Choices) {
    let fixed: Vec<String> =
        c.0.iter()
            .enumerate()
            .filter(|(_, ch)| ch.fixed)
            .map(|(i, _)| i.to_string())
            .collect();
    if !fixed.is_empty() {
        let _ = write!(meta, " fixed={}", fixed.join(","));
    }
}

/// A number with all the digits needed to read it back exactly.
/// A numeric answer in the GIFT form that gives back exactly the same numbers: `value:tolerance`
/// where that is exact (what Moodle users write), else `min..max`, with the shown value in the
/// `// beacon:` comment when the range's midpoint is not it.
#[expect(
    clippy::float_cmp,
    reason = "exactness is the point: the import recomputes these numbers the same way"
)]
fn numeric_answer(n: &NumericAnswer, meta: &mut String) -> String {
    let tolerance = n.max - n.shown;
    if tolerance >= 0.0 && n.shown - tolerance == n.min && n.shown + tolerance == n.max {
        return format!(
            "#{}:{}",
            format_number_exact(n.shown),
            format_number_exact(tolerance)
        );
    }
    if f64::midpoint(n.min, n.max) != n.shown {
        let _ = write!(meta, " shown={}", format_number_exact(n.shown));
    }
    format!(
        "#{}..{}",
        format_number_exact(n.min),
        format_number_exact(n.max)
    )
}

fn format_number_exact(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
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
