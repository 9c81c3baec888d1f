//! The field-level checks shared by every part of a course file: required text, lists, sources
//! and dates, each problem recorded with its position.

use std::fmt::Write;
use std::ops::Range;

use toml::Spanned;

use super::model::{Date, Source};
use super::problem::{Problem, Severity, SourceText};
use super::raw::Field;

/// Collects the problems of one file while its raw values are turned into typed ones.
pub(crate) struct Checker<'a> {
    src: &'a SourceText<'a>,
    /// Problems found so far, in the order found.
    pub problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    /// A checker for one file.
    pub fn new(src: &'a SourceText<'a>) -> Self {
        Self {
            src,
            problems: Vec::new(),
        }
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// Records an error at `span`.
    pub fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let problem = self.src.problem(span, Severity::Error, message.into());
        self.problems.push(problem);
    }

    /// A required, non-empty text field of the table at `owner`.
    pub fn text(
        &mut self,
        owner: &Range<usize>,
        field: &Field<String>,
        name: &str,
    ) -> Option<String> {
        if field.is_none() {
            self.error(owner, format!("missing field `{name}`"));
        }
        self.opt_text(field, name)
    }

    /// An optional text field that, when present, must not be empty.
    pub fn opt_text(&mut self, field: &Field<String>, name: &str) -> Option<String> {
        let value = field.as_ref()?;
        let text = value.get_ref().trim();
        if text.is_empty() {
            self.error(&value.span(), format!("field `{name}` is empty"));
            return None;
        }
        Some(text.to_owned())
    }

    /// A required, non-empty list of non-empty texts, with each entry's span.
    pub fn list(
        &mut self,
        owner: &Range<usize>,
        field: &Field<Vec<Spanned<String>>>,
        name: &str,
    ) -> Option<Vec<Spanned<String>>> {
        let Some(list) = field else {
            self.error(owner, format!("missing field `{name}`"));
            return None;
        };
        if list.get_ref().is_empty() {
            self.error(&list.span(), format!("field `{name}` is empty"));
            return None;
        }
        let mut ok = true;
        let mut out = Vec::with_capacity(list.get_ref().len());
        for item in list.get_ref() {
            let text = item.get_ref().trim();
            if text.is_empty() {
                self.error(&item.span(), format!("an entry of `{name}` is empty"));
                ok = false;
            } else {
                out.push(Spanned::new(item.span(), text.to_owned()));
            }
        }
        ok.then_some(out)
    }

    /// A required `source` field: a citation `SOURCE[:LOCATOR]` (whether the course declares
    /// `SOURCE` is checked once `course.toml` is read).
    pub fn source(&mut self, owner: &Range<usize>, field: &Field<String>) -> Option<Source> {
        let text = self.text(owner, field, "source")?;
        let span = field.as_ref().map(Spanned::span).unwrap_or_default();
        let parsed = parse_source(&text);
        if parsed.is_none() {
            self.error(
                &span,
                format!(
                    "source `{text}` is not understood: write the id of a source declared in course.toml's [[sources]], then `:` and where in it, e.g. `seed:P7` or `glotip:p. 12`"
                ),
            );
        }
        parsed
    }

    /// A date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn date(&mut self, span: &Range<usize>, text: &str) -> Option<Date> {
        let parsed = parse_date(text);
        if parsed.is_none() {
            self.error(
                span,
                format!("date `{text}` is not a real date written as YYYY, YYYY-MM or YYYY-MM-DD"),
            );
        }
        parsed
    }

    /// Reports a key that no field of this table has, with a hint when it looks like a typo.
    pub fn unknown_field(&mut self, span: &Range<usize>, key: &str, known: &[&str]) {
        let mut message = format!("unknown field `{key}`");
        if let Some(hint) = did_you_mean(key, known) {
            let _ = write!(message, "; did you mean `{hint}`?");
        }
        self.error(span, message);
    }
}

/// The known name closest to `word`, if it is close enough to be a likely typo.
#[must_use]
pub fn did_you_mean<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Parses a citation `SOURCE[:LOCATOR]`: a source id (letters, digits, `-` and `_`), then
/// optionally `:` and where in the source, e.g. `seed:P7`, `facts:2 UNTOC dates`, `untc`.
#[must_use]
pub fn parse_source(text: &str) -> Option<Source> {
    let (id, locator) = match text.split_once(':') {
        Some((id, at)) => (id.trim(), Some(at.trim())),
        None => (text.trim(), None),
    };
    let is_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !is_id || locator.is_some_and(str::is_empty) {
        return None;
    }
    Some(Source::new(id, locator))
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting days that do not exist.
#[must_use]
pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().split('-');
    let year_text = parts.next()?;
    if year_text.len() != 4 {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let month: Option<u8> = match parts.next() {
        Some(m) if m.len() == 2 => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
        Some(_) => return None,
        None => None,
    };
    let day: Option<u8> = match parts.next() {
        Some(d) if d.len() == 2 => Some(d.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    if let (Some(m), Some(d)) = (month, day) {
        chrono::NaiveDate::from_ymd_opt(year, u32::from(m), u32::from(d))?;
    }
    Some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_parse_as_source_and_locator() {
        assert_eq!(
            parse_source("seed:P7"),
            Some(Source::new("seed", Some("P7")))
        );
        assert_eq!(
            parse_source("seed:P7").and_then(|s| s.seed_paragraph()),
            Some(7)
        );
        assert_eq!(
            parse_source("facts:2 UNTOC dates"),
            Some(Source::new("facts", Some("2 UNTOC dates")))
        );
        assert_eq!(parse_source("untc"), Some(Source::new("untc", None)));
        assert_eq!(
            parse_source("glotip: p. 12:3"),
            Some(Source::new("glotip", Some("p. 12:3")))
        );
        assert_eq!(
            parse_source("seed:P0").and_then(|s| s.seed_paragraph()),
            None
        );
        assert_eq!(parse_source("seed:"), None);
        assert_eq!(parse_source("two words:1"), None);
        assert_eq!(parse_source(":P7"), None);
    }

    #[test]
    fn dates_parse_and_reject_impossible_days() {
        assert_eq!(
            parse_date("2000-11-15"),
            Some(Date {
                year: 2000,
                month: Some(11),
                day: Some(15)
            })
        );
        assert_eq!(parse_date("2007").map(|d| d.month), Some(None));
        assert_eq!(parse_date("2007-03").map(|d| d.month), Some(Some(3)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-13"), None);
        assert_eq!(parse_date("24-01-01"), None);
        assert_eq!(parse_date("2024-1-1"), None);
    }

    #[test]
    fn typos_get_a_hint_and_strangers_do_not() {
        let known = ["prompt", "explanation", "choices"];
        assert_eq!(did_you_mean("promt", &known), Some("prompt"));
        assert_eq!(did_you_mean("explantion", &known), Some("explanation"));
        assert_eq!(did_you_mean("zebra", &known), None);
    }
}
