//! Printable quizzes, as PDF and as HTML: the questions with room to answer (lines for typed
//! answers, boxes for choices, a numbered list to order, two columns to match), then a separate
//! answer key with explanations and sources. The quiz is the one the same scope, count and seed
//! give in presenter mode.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::pdf::{Paper, PdfError, PdfWriter};
use crate::content::{Body, Course};
use crate::quiz::{Quiz, describe, right_response};

/// Letters naming choices and partners.
const LETTERS: &[u8] = b"ABCDEFGH";

fn letter(i: usize) -> char {
    char::from(LETTERS.get(i).copied().unwrap_or(b'?'))
}

/// The right answer as the answer key gives it: for choices and matchings, the letters printed
/// on the paper (with the choices' text), so that marking a pile of papers is quick.
fn key_answer(body: &Body, order: &[usize], part_orders: &[Vec<usize>]) -> String {
    match body {
        Body::Single(c) | Body::Multiple(c) if !order.is_empty() => order
            .iter()
            .enumerate()
            .filter_map(|(k, &i)| c.0.get(i).filter(|ch| ch.correct).map(|ch| (k, ch)))
            .map(|(k, ch)| format!("{}) {}", letter(k), ch.text))
            .collect::<Vec<_>>()
            .join("; "),
        Body::Matching(pairs) if order.len() == pairs.len() => (0..pairs.len())
            .map(|k| {
                let at = order.iter().position(|&j| j == k).map_or('?', letter);
                format!("{} {at}", k + 1)
            })
            .collect::<Vec<_>>()
            .join(", "),
        Body::Scenario { parts, .. } => parts
            .iter()
            .enumerate()
            .map(|(k, part)| {
                let order = part_orders.get(k).map_or(&[][..], Vec::as_slice);
                format!("Part {}: {}", k + 1, key_answer(&part.body, order, &[]))
            })
            .collect::<Vec<_>>()
            .join(" "),
        _ => describe(body, &right_response(body)),
    }
}

/// The heading line under the title: what the quiz is, how to make it again, and when it was
/// made.
fn subtitle(quiz: &Quiz, made: DateTime<Utc>) -> String {
    format!(
        "{} \u{00b7} quiz number (seed) {} \u{00b7} made {}",
        crate::plural::count(quiz.items.len(), "question", "questions"),
        quiz.seed,
        made.format("%-d %B %Y")
    )
}

/// The quiz as a PDF; `made` dates it (on the page and in the file). Each question is kept on
/// one page (a scenario with its case and every part), unless it is longer than a page.
///
/// # Errors
/// When the embedded font cannot be read.
pub fn pdf(
    course: &Course,
    quiz: &Quiz,
    title: &str,
    paper: Paper,
    made: DateTime<Utc>,
) -> Result<Vec<u8>, PdfError> {
    let mut w = PdfWriter::new(title, paper)?;
    w.made(made);
    w.paragraph(&course.info.title, 11.0, 0.0, 0.35);
    w.paragraph(title, 20.0, 0.0, 0.0);
    w.paragraph(&subtitle(quiz, made), 10.0, 0.0, 0.35);
    w.space(8.0);
    w.paragraph(
        "Name: ______________________________    Date: ________________",
        11.0,
        0.0,
        0.0,
    );
    w.rule();
    for (n, item) in quiz.items.iter().enumerate() {
        let q = &item.question;
        let question = |w: &mut PdfWriter| {
            w.space(6.0);
            w.paragraph(&format!("{}. {}", n + 1, q.prompt), 12.0, 0.0, 0.0);
            body_pdf(w, &q.body, &item.order, &item.part_orders, 14.0);
        };
        let height = w.height_of(question);
        w.ensure(height.min(w.usable_height()));
        question(&mut w);
    }
    w.page_break();
    w.paragraph(&format!("Answer key: {title}"), 18.0, 0.0, 0.0);
    w.paragraph(&subtitle(quiz, made), 10.0, 0.0, 0.35);
    w.rule();
    for (n, item) in quiz.items.iter().enumerate() {
        let q = &item.question;
        w.ensure(50.0);
        w.paragraph(
            &format!(
                "{}. {}",
                n + 1,
                key_answer(&q.body, &item.order, &item.part_orders)
            ),
            11.0,
            0.0,
            0.0,
        );
        w.paragraph(&q.explanation, 10.0, 14.0, 0.25);
        let sources = course.sources_of(q);
        if !sources.is_empty() {
            w.paragraph(&format!("Source: {}", sources.join("; ")), 8.5, 14.0, 0.45);
        }
        w.space(4.0);
    }
    Ok(w.finish())
}

fn body_pdf(
    w: &mut PdfWriter,
    body: &Body,
    order: &[usize],
    part_orders: &[Vec<usize>],
    indent: f32,
) {
    match body {
        Body::Single(c) | Body::Multiple(c) => {
            let hint = if matches!(body, Body::Multiple(_)) {
                "Tick all that apply."
            } else {
                "Tick one."
            };
            w.paragraph(hint, 9.5, indent, 0.4);
            for (k, &i) in order.iter().enumerate() {
                if let Some(choice) = c.0.get(i) {
                    w.check_box(&format!("{}) {}", letter(k), choice.text), 11.0, indent);
                }
            }
        }
        Body::TrueFalse(_) => {
            w.check_box("True", 11.0, indent);
            w.check_box("False", 11.0, indent);
        }
        Body::FillIn(_) => w.answer_lines(1, indent),
        Body::Numeric(n) => {
            w.answer_lines(1, indent);
            if let Some(unit) = &n.unit {
                w.paragraph(&format!("(in {unit})"), 9.5, indent, 0.4);
            }
        }
        Body::Matching(pairs) => {
            w.paragraph(
                "Write the letter of the matching item on the line before each number.",
                9.5,
                indent,
                0.4,
            );
            for (k, pair) in pairs.iter().enumerate() {
                let right = order
                    .get(k)
                    .and_then(|&j| pairs.get(j))
                    .map_or("", |p| p.right.as_str());
                w.two_columns(
                    &format!("___  {}. {}", k + 1, pair.left),
                    &format!("{}) {right}", letter(k)),
                    11.0,
                    indent,
                );
            }
        }
        Body::Ordering(items) => {
            w.paragraph(
                "Number the items from 1 (first) to the last.",
                9.5,
                indent,
                0.4,
            );
            for &i in order {
                if let Some(item) = items.get(i) {
                    w.check_box(item, 11.0, indent);
                }
            }
        }
        Body::Scenario { case, parts } => {
            w.paragraph(case, 11.0, indent, 0.2);
            for (k, part) in parts.iter().enumerate() {
                w.space(4.0);
                w.paragraph(&format!("({}) {}", k + 1, part.prompt), 11.0, indent, 0.0);
                body_pdf(
                    w,
                    &part.body,
                    part_orders.get(k).map_or(&[], Vec::as_slice),
                    &[],
                    indent + 14.0,
                );
            }
        }
    }
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The quiz as a standalone HTML page, ready to print (the answer key starts on a new page);
/// `made` dates it.
#[must_use]
pub fn html(course: &Course, quiz: &Quiz, title: &str, made: DateTime<Utc>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<meta name=\"date\" content=\"{date}\">\n<style>\n{css}</style>\n</head>\n<body>\n",
        lang = esc(&course.info.language),
        t = esc(title),
        date = made.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        css = CSS
    );
    let _ = writeln!(
        out,
        "<p class=\"course\">{}</p>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>",
        esc(&course.info.title),
        esc(title),
        esc(&subtitle(quiz, made))
    );
    out.push_str("<p class=\"name\">Name: <span class=\"line\"></span> Date: <span class=\"line short\"></span></p>\n<ol class=\"questions\">\n");
    for item in &quiz.items {
        let q = &item.question;
        let _ = writeln!(
            out,
            "<li class=\"question\">\n<p class=\"prompt\">{}</p>",
            esc(&q.prompt)
        );
        body_html(&mut out, &q.body, &item.order, &item.part_orders);
        out.push_str("</li>\n");
    }
    let _ = writeln!(
        out,
        "</ol>\n<section class=\"key\">\n<h2>Answer key: {}</h2>\n<p class=\"meta\">{}</p>\n<ol>",
        esc(title),
        esc(&subtitle(quiz, made))
    );
    for item in &quiz.items {
        let q = &item.question;
        let sources = course.sources_of(q);
        let _ = writeln!(
            out,
            "<li><p class=\"answer\">{}</p><p class=\"why\">{}</p>{}</li>",
            esc(&key_answer(&q.body, &item.order, &item.part_orders)),
            esc(&q.explanation),
            if sources.is_empty() {
                String::new()
            } else {
                format!(
                    "<p class=\"source\">Source: {}</p>",
                    esc(&sources.join("; "))
                )
            }
        );
    }
    out.push_str("</ol>\n</section>\n</body>\n</html>\n");
    out
}

fn body_html(out: &mut String, body: &Body, order: &[usize], part_orders: &[Vec<usize>]) {
    match body {
        Body::Single(c) | Body::Multiple(c) => {
            let hint = if matches!(body, Body::Multiple(_)) { "Tick all that apply." } else { "Tick one." };
            let _ = writeln!(out, "<p class=\"hint\">{hint}</p>\n<ul class=\"choices\">");
            for (k, &i) in order.iter().enumerate() {
                if let Some(choice) = c.0.get(i) {
                    let _ = writeln!(out, "<li><span class=\"box\"></span> {}) {}</li>", letter(k), esc(&choice.text));
                }
            }
            out.push_str("</ul>\n");
        }
        Body::TrueFalse(_) => out.push_str("<ul class=\"choices\"><li><span class=\"box\"></span> True</li><li><span class=\"box\"></span> False</li></ul>\n"),
        Body::FillIn(_) => out.push_str("<p class=\"write\"></p>\n"),
        Body::Numeric(n) => {
            let _ = writeln!(out, "<p class=\"write short\"></p>{}", n.unit.as_ref().map_or_else(String::new, |u| format!("<p class=\"hint\">(in {})</p>", esc(u))));
        }
        Body::Matching(pairs) => {
            out.push_str("<p class=\"hint\">Write the letter of the matching item in the box before each number.</p>\n<table class=\"match\">\n");
            for (k, pair) in pairs.iter().enumerate() {
                let right = order.get(k).and_then(|&j| pairs.get(j)).map_or("", |p| p.right.as_str());
                let _ = writeln!(
                    out,
                    "<tr><td><span class=\"box\"></span> {}. {}</td><td>{}) {}</td></tr>",
                    k + 1,
                    esc(&pair.left),
                    letter(k),
                    esc(right)
                );
            }
            out.push_str("</table>\n");
        }
        Body::Ordering(items) => {
            out.push_str("<p class=\"hint\">Number the items from 1 (first) to the last.</p>\n<ul class=\"choices\">\n");
            for &i in order {
                if let Some(item) = items.get(i) {
                    let _ = writeln!(out, "<li><span class=\"box\"></span> {}</li>", esc(item));
                }
            }
            out.push_str("</ul>\n");
        }
        Body::Scenario { case, parts } => {
            let _ = writeln!(out, "<blockquote class=\"case\">{}</blockquote>\n<ol class=\"parts\">", esc(case));
            for (k, part) in parts.iter().enumerate() {
                let _ = writeln!(out, "<li><p class=\"prompt\">{}</p>", esc(&part.prompt));
                body_html(out, &part.body, part_orders.get(k).map_or(&[], Vec::as_slice), &[]);
                out.push_str("</li>\n");
            }
            out.push_str("</ol>\n");
        }
    }
}

/// The page style: plain, large enough to read, and a page break before the answer key.
const CSS: &str = "body { font-family: Ubuntu, 'Segoe UI', Arial, sans-serif; font-size: 12pt; line-height: 1.4; max-width: 48em; margin: 2em auto; color: #111; }
.course, .meta, .hint, .source { color: #555; }
.hint { font-size: 0.9em; margin: 0.2em 0; }
.question { margin: 1.2em 0; break-inside: avoid; }
.prompt { margin: 0.2em 0; }
ul.choices { list-style: none; padding-left: 0.5em; }
ul.choices li { margin: 0.3em 0; }
.box { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #333; vertical-align: -0.1em; margin-right: 0.4em; }
.write { border-bottom: 1px solid #777; height: 1.8em; margin: 0.6em 0; }
.write.short { width: 12em; }
.line { display: inline-block; border-bottom: 1px solid #777; width: 16em; }
.line.short { width: 8em; }
table.match { border-collapse: collapse; width: 100%; }
table.match td { vertical-align: top; padding: 0.3em 0.6em 0.3em 0; width: 50%; }
blockquote.case { border-left: 3px solid #999; margin: 0.5em 0; padding-left: 0.8em; }
.key { break-before: page; page-break-before: always; }
.answer { font-weight: bold; margin: 0.2em 0; }
.why { margin: 0.2em 0; }
.source { font-size: 0.85em; }
";

#[cfg(test)]
mod tests {
    use super::key_answer;
    use crate::content::{Body, Choice, Choices, Pair};

    fn choice(text: &str, correct: bool) -> Choice {
        Choice {
            text: text.into(),
            correct,
            fixed: false,
        }
    }

    #[test]
    fn the_key_gives_the_letters_printed_on_the_paper() {
        let body = Body::Multiple(Choices(vec![
            choice("Fraud", true),
            choice("Luck", false),
            choice("Coercion", true),
        ]));
        // Shown as A) Coercion, B) Luck, C) Fraud.
        assert_eq!(key_answer(&body, &[2, 1, 0], &[]), "A) Coercion; C) Fraud");
        let pairs = Body::Matching(vec![
            Pair {
                left: "5.2".into(),
                right: "violence against women and girls".into(),
            },
            Pair {
                left: "8.7".into(),
                right: "forced labour".into(),
            },
        ]);
        // The partners are printed in the order [1, 0]: 1 matches B, 2 matches A.
        assert_eq!(key_answer(&pairs, &[1, 0], &[]), "1 B, 2 A");
    }
}
