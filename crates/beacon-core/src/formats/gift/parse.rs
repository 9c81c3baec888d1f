//! A parser for Moodle's GIFT format, as Moodle's documentation defines it: comments, titles,
//! `$CATEGORY:` lines, text formats, escapes, and every question type with weights and feedback.
//! It never stops at a bad question: each problem is reported with its line and the rest goes on.
//! The parser is a single loop over characters, so no input can exhaust the stack.

/// The text format of a question (`[html]`, `[markdown]`, `[plain]`, `[moodle]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextFormat {
    /// Moodle's own format (the default).
    #[default]
    Moodle,
    /// HTML.
    Html,
    /// Markdown.
    Markdown,
    /// Plain text.
    Plain,
}

/// One answer of a choice, short-answer or numerical question.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighted<T> {
    /// The answer.
    pub value: T,
    /// Its weight in percent (100 for `=`, 0 for `~` unless `%n%` says otherwise).
    pub weight: f64,
    /// Feedback shown for it.
    pub feedback: Option<String>,
    /// Whether it was written with `=` (rather than `~`).
    pub equals: bool,
}

/// A numerical answer: a value with a tolerance, or a range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// `value:tolerance`.
    Exact {
        /// The value.
        value: f64,
        /// Accepted distance.
        tolerance: f64,
    },
    /// `min..max`.
    Range {
        /// Lowest.
        min: f64,
        /// Highest.
        max: f64,
    },
}

/// What is between the braces.
#[derive(Debug, Clone, PartialEq)]
pub enum Answers {
    /// No braces: a description, not a question.
    Description,
    /// `{}`: an essay.
    Essay,
    /// `{T}` / `{FALSE}` with the feedback for a wrong and for a right answer.
    TrueFalse {
        /// The right answer.
        answer: bool,
        /// Feedback when answered wrongly.
        wrong_feedback: Option<String>,
        /// Feedback when answered rightly.
        right_feedback: Option<String>,
    },
    /// Multiple choice (`=` right, `~` wrong) or multiple answers (`~%50%`).
    Choice(Vec<Weighted<String>>),
    /// Short answer: every answer starts with `=`.
    ShortAnswer(Vec<Weighted<String>>),
    /// `{#...}`.
    Numerical(Vec<Weighted<Number>>),
    /// `{=a -> 1 =b -> 2 = -> distractor}`.
    Matching {
        /// The pairs.
        pairs: Vec<(String, String)>,
        /// Right-hand items that match nothing.
        distractors: Vec<String>,
    },
}

/// One question of a GIFT file.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The line it starts on (1-based).
    pub line: usize,
    /// The category set by the last `$CATEGORY:` line.
    pub category: Option<String>,
    /// `::title::`.
    pub title: Option<String>,
    /// The text format.
    pub format: TextFormat,
    /// The question text before the answers.
    pub text: String,
    /// Text after the answers: a missing-word question.
    pub after: Option<String>,
    /// The answers.
    pub answers: Answers,
    /// `####` general feedback.
    pub general_feedback: Option<String>,
    /// Whether there was space between the text and the `{` (missing-word questions).
    pub space_before: bool,
    /// Whether there was space between the `}` and the text after it.
    pub space_after: bool,
    /// Beacon's own details, from a `// beacon: ...` comment just above the question
    /// (Moodle ignores it as a comment).
    pub meta: Option<String>,
}

/// A problem in a GIFT file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line (1-based).
    pub line: usize,
    /// What is wrong, in plain words.
    pub message: String,
}

/// What a block of Beacon's comment lines holds (Moodle reads them as comments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embedded {
    /// `// beacon-course:` lines: the course's `course.toml`.
    Course,
    /// `// beacon-module:` lines: the category's module file without its questions.
    Module,
    /// `// beacon-question:` lines: a question GIFT has no form for, as a module file's
    /// `[[questions]]` entry, at its place among the questions.
    Question,
}

impl Embedded {
    /// The comment prefixes, after `//`.
    pub const PREFIXES: [(&'static str, Embedded); 3] = [
        ("beacon-course:", Embedded::Course),
        ("beacon-module:", Embedded::Module),
        ("beacon-question:", Embedded::Question),
    ];

    /// The prefix of this kind.
    #[must_use]
    pub fn prefix(self) -> &'static str {
        Self::PREFIXES
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("beacon-question:", |(p, _)| p)
    }
}

/// Consecutive comment lines of one [`Embedded`] kind: TOML text, one line of it per comment
/// line (each percent-encoded).
#[derive(Debug, Clone, PartialEq)]
pub struct EmbeddedBlock {
    /// What it holds.
    pub kind: Embedded,
    /// The line of its first comment (1-based).
    pub line: usize,
    /// The category set by the last `$CATEGORY:` line.
    pub category: Option<String>,
    /// How many questions (and question problems) come before it in the file.
    pub after: usize,
    /// The TOML text, decoded.
    pub text: String,
}

/// A parsed GIFT file: its questions and what could not be read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GiftFile {
    /// Questions in file order.
    pub questions: Vec<Question>,
    /// Problems; a question with a problem is left out.
    pub problems: Vec<Problem>,
    /// Blocks of Beacon's comments, in file order.
    pub embedded: Vec<EmbeddedBlock>,
}

/// A character with whether it was escaped by `\`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ch {
    c: char,
    escaped: bool,
}

/// Parses GIFT text.
#[must_use]
pub fn parse(text: &str) -> GiftFile {
    let mut file = GiftFile::default();
    let mut category: Option<String> = None;
    let mut block: Vec<(usize, &str)> = Vec::new();
    let mut meta: Option<String> = None;
    let flush = |block: &mut Vec<(usize, &str)>,
                 file: &mut GiftFile,
                 category: &Option<String>,
                 meta: &mut Option<String>| {
        let meta = meta.take();
        if block.is_empty() {
            return;
        }
        let line = block[0].0;
        let joined = block.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("\n");
        block.clear();
        match question(&joined, line) {
            Ok(mut q) => {
                q.category.clone_from(category);
                q.meta = meta;
                file.questions.push(q);
            }
            Err(message) => file.problems.push(Problem { line, message }),
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if let Some(comment) = trimmed.strip_prefix("//") {
            let comment = comment.trim();
            if let Some((kind, payload)) = Embedded::PREFIXES
                .iter()
                .find_map(|(p, k)| comment.strip_prefix(p).map(|rest| (*k, rest)))
            {
                flush(&mut block, &mut file, &category, &mut meta);
                let decoded = super::meta::decode(payload.trim());
                let after = file.questions.len() + file.problems.len();
                match file.embedded.last_mut() {
                    Some(last)
                        if last.kind == kind
                            && last.after == after
                            && last.line + last.text.matches('\n').count() + 1 == line =>
                    {
                        last.text.push('\n');
                        last.text.push_str(&decoded);
                    }
                    _ => file.embedded.push(EmbeddedBlock {
                        kind,
                        line,
                        category: category.clone(),
                        after,
                        text: decoded,
                    }),
                }
            } else if block.is_empty()
                && let Some(m) = comment.strip_prefix("beacon:")
            {
                meta = Some(m.trim().to_owned());
            }
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut block, &mut file, &category, &mut meta);
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("$CATEGORY:") {
            flush(&mut block, &mut file, &category, &mut meta);
            let path = rest.trim();
            category = (!path.is_empty()).then(|| path.to_owned());
            continue;
        }
        block.push((line, raw));
    }
    flush(&mut block, &mut file, &category, &mut meta);
    file
}

/// Turns text into characters with their escape flags; `\n` becomes a newline.
fn chars(text: &str) -> Vec<Ch> {
    let mut out = Vec::with_capacity(text.len());
    let mut it = text.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push(Ch {
                    c: '\n',
                    escaped: true,
                }),
                Some(next) => out.push(Ch {
                    c: next,
                    escaped: true,
                }),
                None => out.push(Ch {
                    c: '\\',
                    escaped: true,
                }),
            }
        } else {
            out.push(Ch { c, escaped: false });
        }
    }
    out
}

fn text_of(cs: &[Ch]) -> String {
    cs.iter().map(|c| c.c).collect::<String>().trim().to_owned()
}

fn is(c: Option<&Ch>, want: char) -> bool {
    c.is_some_and(|c| !c.escaped && c.c == want)
}

/// Parses one question (the lines of one block).
fn question(text: &str, line: usize) -> Result<Question, String> {
    let cs = chars(text);
    let mut at = 0;
    skip_space(&cs, &mut at);
    // ::title::
    let mut title = None;
    if is(cs.get(at), ':') && is(cs.get(at + 1), ':') {
        let start = at + 2;
        let end = (start..cs.len().saturating_sub(1))
            .find(|&i| is(cs.get(i), ':') && is(cs.get(i + 1), ':'))
            .ok_or("the title is not closed with ::")?;
        title = Some(text_of(&cs[start..end])).filter(|t| !t.is_empty());
        at = end + 2;
        skip_space(&cs, &mut at);
    }
    let format = read_format(&cs, &mut at);
    // Find the unescaped answer block.
    let open = (at..cs.len()).find(|&i| is(cs.get(i), '{'));
    let Some(open) = open else {
        let text = text_of(&cs[at..]);
        if text.is_empty() {
            return Err("a question has no text".into());
        }
        return Ok(Question {
            line,
            category: None,
            title,
            format,
            text,
            after: None,
            answers: Answers::Description,
            general_feedback: None,
            space_before: false,
            space_after: false,
            meta: None,
        });
    };
    let close = (open + 1..cs.len())
        .find(|&i| is(cs.get(i), '}'))
        .ok_or("the answers are not closed with }")?;
    if (open + 1..close).any(|i| is(cs.get(i), '{')) {
        return Err("a { inside the answers: write \\{ for a literal brace".into());
    }
    let after_text = text_of(&cs[close + 1..]);
    if (close + 1..cs.len()).any(|i| is(cs.get(i), '{')) {
        return Err("a question can have only one answer block {...}".into());
    }
    let before = text_of(&cs[at..open]);
    let inner = &cs[open + 1..close];
    let (answers, general) = answers(inner)?;
    if before.is_empty() && after_text.is_empty() {
        return Err("a question has no text before its answers".into());
    }
    Ok(Question {
        line,
        category: None,
        title,
        format,
        text: before,
        after: (!after_text.is_empty()).then_some(after_text),
        answers,
        general_feedback: general,
        space_before: open > 0 && cs.get(open - 1).is_some_and(|c| c.c.is_whitespace()),
        space_after: cs.get(close + 1).is_some_and(|c| c.c.is_whitespace()),
        meta: None,
    })
}

fn skip_space(cs: &[Ch], at: &mut usize) {
    while cs.get(*at).is_some_and(|c| c.c.is_whitespace()) {
        *at += 1;
    }
}

fn read_format(cs: &[Ch], at: &mut usize) -> TextFormat {
    if !is(cs.get(*at), '[') {
        return TextFormat::Moodle;
    }
    let Some(end) = (*at..cs.len().min(*at + 12)).find(|&i| is(cs.get(i), ']')) else {
        return TextFormat::Moodle;
    };
    let name: String = cs[*at + 1..end].iter().map(|c| c.c).collect();
    let format = match name.to_ascii_lowercase().as_str() {
        "html" => TextFormat::Html,
        "markdown" => TextFormat::Markdown,
        "plain" => TextFormat::Plain,
        "moodle" => TextFormat::Moodle,
        _ => return TextFormat::Moodle,
    };
    *at = end + 1;
    skip_space(cs, at);
    format
}

/// Splits off `####general feedback`.
fn general_feedback(inner: &[Ch]) -> (&[Ch], Option<String>) {
    let pos = (0..inner.len()).find(|&i| (0..4).all(|k| is(inner.get(i + k), '#')));
    match pos {
        Some(p) => (
            &inner[..p],
            Some(text_of(&inner[p + 4..])).filter(|t| !t.is_empty()),
        ),
        None => (inner, None),
    }
}

/// Parses the inside of the braces.
fn answers(inner: &[Ch]) -> Result<(Answers, Option<String>), String> {
    let (body, general) = general_feedback(inner);
    let trimmed = text_of(body);
    if trimmed.is_empty() {
        return Ok((Answers::Essay, general));
    }
    let start = body.iter().position(|c| !c.c.is_whitespace()).unwrap_or(0);
    if is(body.get(start), '#') {
        return numerical(&body[start + 1..]).map(|a| (a, general));
    }
    if let Some(tf) = true_false(body) {
        return Ok((tf, general));
    }
    let items = split_answers(body)?;
    if items.iter().any(|(marker, _)| *marker == '=')
        && items.iter().all(|(marker, _)| *marker == '=')
    {
        let has_arrow = items.iter().any(|(_, cs)| find_arrow(cs).is_some());
        if has_arrow {
            return matching(&items).map(|a| (a, general));
        }
        let answers = items
            .iter()
            .map(|(_, cs)| weighted_text(cs, '='))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok((Answers::ShortAnswer(answers), general));
    }
    let answers = items
        .iter()
        .map(|(marker, cs)| weighted_text(cs, *marker))
        .collect::<Result<Vec<_>, _>>()?;
    if !answers.iter().any(|a| a.weight > 0.0) {
        return Err(
            "a multiple-choice question needs a right answer (=) or a positive weight".into(),
        );
    }
    Ok((Answers::Choice(answers), general))
}

/// `T`, `TRUE`, `F` or `FALSE`, optionally followed by `#wrong feedback#right feedback`.
fn true_false(body: &[Ch]) -> Option<Answers> {
    let mut parts: Vec<&[Ch]> = Vec::new();
    let mut from = 0;
    for (i, c) in body.iter().enumerate() {
        if !c.escaped && c.c == '#' {
            parts.push(&body[from..i]);
            from = i + 1;
        }
    }
    parts.push(&body[from..]);
    let answer = match text_of(parts.first()?).as_str() {
        "T" | "TRUE" => true,
        "F" | "FALSE" => false,
        _ => return None,
    };
    let fb = |i: usize| parts.get(i).map(|p| text_of(p)).filter(|t| !t.is_empty());
    Some(Answers::TrueFalse {
        answer,
        wrong_feedback: fb(1),
        right_feedback: fb(2),
    })
}

/// Splits at unescaped `=` and `~` that start answers.
fn split_answers(body: &[Ch]) -> Result<Vec<(char, &[Ch])>, String> {
    let starts: Vec<usize> = (0..body.len())
        .filter(|&i| !body[i].escaped && (body[i].c == '=' || body[i].c == '~'))
        .collect();
    let Some(&first) = starts.first() else {
        return Err("the answers must start with = or ~".into());
    };
    if !text_of(&body[..first]).is_empty() {
        return Err("text before the first answer: start each answer with = or ~".into());
    }
    Ok(starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let end = starts.get(k + 1).copied().unwrap_or(body.len());
            (body[s].c, &body[s + 1..end])
        })
        .collect())
}

/// Reads `%weight%text#feedback` after a `=` or `~` marker.
fn weighted_text(cs: &[Ch], marker: char) -> Result<Weighted<String>, String> {
    let (weight, rest) = weight(cs, if marker == '=' { 100.0 } else { 0.0 })?;
    let (value, feedback) = split_feedback(rest);
    let value = text_of(value);
    if value.is_empty() {
        return Err("an answer is empty".into());
    }
    Ok(Weighted {
        value,
        weight,
        feedback,
        equals: marker == '=',
    })
}

/// A leading `%n%` weight, or the default.
fn weight(cs: &[Ch], default: f64) -> Result<(f64, &[Ch]), String> {
    let start = cs
        .iter()
        .position(|c| !c.c.is_whitespace())
        .unwrap_or(cs.len());
    if !is(cs.get(start), '%') {
        return Ok((default, cs));
    }
    let end = (start + 1..cs.len())
        .find(|&i| is(cs.get(i), '%'))
        .ok_or("a weight is not closed with %")?;
    let text: String = cs[start + 1..end].iter().map(|c| c.c).collect();
    let w: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("weight `{text}` is not a number"))?;
    if !(-100.0..=100.0).contains(&w) {
        return Err(format!("weight {w}% is outside -100% to 100%"));
    }
    Ok((w, &cs[end + 1..]))
}

fn split_feedback(cs: &[Ch]) -> (&[Ch], Option<String>) {
    match cs.iter().position(|c| !c.escaped && c.c == '#') {
        Some(p) => (
            &cs[..p],
            Some(text_of(&cs[p + 1..])).filter(|t| !t.is_empty()),
        ),
        None => (cs, None),
    }
}

fn find_arrow(cs: &[Ch]) -> Option<usize> {
    (0..cs.len().saturating_sub(1)).find(|&i| is(cs.get(i), '-') && is(cs.get(i + 1), '>'))
}

fn matching(items: &[(char, &[Ch])]) -> Result<Answers, String> {
    let mut pairs = Vec::new();
    let mut distractors = Vec::new();
    for (_, cs) in items {
        let (cs, _) = split_feedback(cs);
        let arrow = find_arrow(cs).ok_or("every matching pair needs ->")?;
        let left = text_of(&cs[..arrow]);
        let right = text_of(&cs[arrow + 2..]);
        if right.is_empty() {
            return Err("a matching pair has nothing after ->".into());
        }
        if left.is_empty() {
            distractors.push(right);
        } else {
            pairs.push((left, right));
        }
    }
    if pairs.len() < 2 {
        return Err("a matching question needs at least 2 pairs".into());
    }
    Ok(Answers::Matching { pairs, distractors })
}

fn numerical(body: &[Ch]) -> Result<Answers, String> {
    let has_markers = body
        .iter()
        .any(|c| !c.escaped && (c.c == '=' || c.c == '~'));
    let items: Vec<(char, &[Ch])> = if has_markers {
        split_answers(body)?
    } else {
        vec![('=', body)]
    };
    let mut out = Vec::new();
    for (marker, cs) in items {
        let (weight, rest) = weight(cs, if marker == '=' { 100.0 } else { 0.0 })?;
        let (value, feedback) = split_feedback(rest);
        let text = text_of(value);
        let number = if let Some((min, max)) = text.split_once("..") {
            let (min, max) = (parse_number(min)?, parse_number(max)?);
            if min > max {
                return Err(format!("range {min}..{max} runs backwards"));
            }
            Number::Range { min, max }
        } else if let Some((v, t)) = text.split_once(':') {
            let tolerance = parse_number(t)?;
            if tolerance < 0.0 {
                return Err(format!("tolerance {tolerance} is negative"));
            }
            Number::Exact {
                value: parse_number(v)?,
                tolerance,
            }
        } else {
            Number::Exact {
                value: parse_number(&text)?,
                tolerance: 0.0,
            }
        };
        out.push(Weighted {
            value: number,
            weight,
            feedback,
            equals: marker == '=',
        });
    }
    if !out.iter().any(|a| a.weight > 0.0) {
        return Err("a numerical question needs a right answer".into());
    }
    Ok(Answers::Numerical(out))
}

fn parse_number(text: &str) -> Result<f64, String> {
    let t = text.trim();
    t.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("`{t}` is not a number"))
}
