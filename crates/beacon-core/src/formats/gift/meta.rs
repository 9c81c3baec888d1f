//! What a GIFT file has no place for, kept where Moodle does not look, and everything Beacon
//! writes outside an answer block, escaped so that it reads back exactly:
//!
//! - `// beacon: id=... facts=a,b difficulty=2 unit=% fixed=0,3 shown=12.5` above a question.
//!   Values are percent-encoded (RFC 3986 style, UTF-8), so a value holding a line break, a
//!   space, `=`, `,` or `%` cannot end the comment or run into the next value.
//! - Category paths, written the way Moodle writes them: parts separated by `/`, a `/` inside
//!   a name doubled (`//`), and a name starting or ending with `/` padded with a space.
//! - Free text in a comment line (the course title at the top): line breaks become spaces.

use std::fmt::Write;

use percent_encoding::{
    AsciiSet, CONTROLS, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode,
};

/// Characters written as they are in a comment value: letters, digits and punctuation that has
/// no meaning there. Everything else (space, `%`, `=`, `,`, control characters, non-ASCII) is
/// percent-encoded.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b':')
    .remove(b'/')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'+')
    .remove(b'@')
    .remove(b'!')
    .remove(b'?')
    .remove(b'*')
    .remove(b';')
    .remove(b'[')
    .remove(b']')
    .remove(b'$')
    .remove(b'&')
    .remove(b'#')
    .remove(b'~');

/// Characters encoded in a line of TOML kept in a comment: control characters (line breaks
/// among them) and `%`; everything outside ASCII is encoded too, so no Unicode line separator
/// can end the comment.
const LINE: &AsciiSet = &CONTROLS.add(b'%');

/// The start of Beacon's comment above a question.
pub const PREFIX: &str = "beacon:";

/// A line of text as written after a comment prefix: readable where it is ASCII, with nothing
/// that could end the comment, and with spaces at either end kept (a reader trims them).
#[must_use]
pub fn encode_line(line: &str) -> String {
    let mut out = utf8_percent_encode(line, LINE).to_string();
    if out.starts_with(' ') {
        out.replace_range(..1, "%20");
    }
    if out.ends_with(' ') {
        out.truncate(out.len() - 1);
        out.push_str("%20");
    }
    out
}

/// A value as written in a `// beacon:` comment.
#[must_use]
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, VALUE).to_string()
}

/// A value read from a `// beacon:` comment (invalid UTF-8 after decoding becomes U+FFFD).
#[must_use]
pub fn decode(value: &str) -> String {
    percent_decode_str(value).decode_utf8_lossy().into_owned()
}

/// Beacon's details of one question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// The question id.
    pub id: Option<String>,
    /// The facts it tests.
    pub facts: Vec<String>,
    /// 1 to 3.
    pub difficulty: Option<u8>,
    /// The unit of a numeric answer.
    pub unit: Option<String>,
    /// The right answer to show, where a numeric range's midpoint is not it.
    pub shown: Option<f64>,
    /// Choices that keep their place, by position.
    pub fixed: Vec<usize>,
}

impl Meta {
    /// Reads the text after `// beacon:`. Unknown keys are ignored, so a newer Beacon's
    /// comments still import.
    #[must_use]
    pub fn parse(text: Option<&str>) -> Meta {
        let mut meta = Meta::default();
        for part in text.unwrap_or_default().split_whitespace() {
            let Some((k, v)) = part.split_once('=') else {
                continue;
            };
            match k {
                "id" => meta.id = Some(decode(v)).filter(|id| !id.trim().is_empty()),
                "facts" => {
                    meta.facts = v.split(',').filter(|f| !f.is_empty()).map(decode).collect();
                }
                "difficulty" => meta.difficulty = v.parse().ok().filter(|d| (1..=3).contains(d)),
                "unit" => meta.unit = Some(decode(v)),
                "shown" => meta.shown = v.parse().ok().filter(|x: &f64| x.is_finite()),
                "fixed" => meta.fixed = v.split(',').filter_map(|i| i.parse().ok()).collect(),
                _ => {}
            }
        }
        meta
    }

    /// The comment line, without its line break.
    #[must_use]
    pub fn line(&self) -> String {
        let mut out = format!("// {PREFIX}");
        if let Some(id) = &self.id {
            let _ = write!(out, " id={}", encode(id));
        }
        if !self.facts.is_empty() {
            let facts: Vec<String> = self.facts.iter().map(|f| encode(f)).collect();
            let _ = write!(out, " facts={}", facts.join(","));
        }
        if let Some(d) = self.difficulty {
            let _ = write!(out, " difficulty={d}");
        }
        if let Some(unit) = &self.unit {
            let _ = write!(out, " unit={}", encode(unit));
        }
        if !self.fixed.is_empty() {
            let fixed: Vec<String> = self.fixed.iter().map(ToString::to_string).collect();
            let _ = write!(out, " fixed={}", fixed.join(","));
        }
        if let Some(shown) = self.shown {
            let _ = write!(out, " shown={}", exact_number(shown));
        }
        out
    }
}

/// A number with all the digits needed to read it back to the same bits.
#[must_use]
pub fn exact_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// Whether `c` ends a line for some reader of the file (Beacon splits at `\n`; other tools also
/// at `\r`, vertical tabs, form feeds, NEL and Unicode's line and paragraph separators).
fn breaks_line(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Text for a comment line: everything that could end the line becomes a space.
#[must_use]
pub fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if breaks_line(c) { ' ' } else { c })
        .collect()
}

/// A category path as Moodle writes it (`assemble_category_path`): names joined by `/`, each
/// `/` in a name doubled, a name that starts or ends with `/` padded with a space.
#[must_use]
pub fn category_path(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| {
            let mut escaped = comment_text(name).trim().replace('/', "//");
            if escaped.starts_with('/') {
                escaped.insert(0, ' ');
            }
            if escaped.ends_with('/') {
                escaped.push(' ');
            }
            escaped
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The names in a category path as Moodle reads them (`split_category_path`): a `/` with no
/// `/` next to it separates names; `//` in a name is one `/`.
#[must_use]
pub fn split_category_path(path: &str) -> Vec<String> {
    let bytes = path.as_bytes();
    let mut names = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let lone = b == b'/'
            && (i == 0 || bytes[i - 1] != b'/')
            && bytes.get(i + 1).is_none_or(|&n| n != b'/');
        if lone {
            names.push(&path[start..i]);
            start = i + 1;
        }
    }
    names.push(&path[start..]);
    names
        .into_iter()
        .map(|n| n.replace("//", "/").trim().to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_would_end_a_comment_are_encoded() {
        for value in [
            "a\nb",
            "x // y",
            "a=b,c",
            "100%",
            "tab\there",
            "Genève\u{2028}",
        ] {
            let encoded = encode(value);
            assert!(
                !encoded.contains(|c: char| c.is_whitespace() || c == ',' || c == '='),
                "{encoded}"
            );
            assert_eq!(decode(&encoded), value);
        }
        assert_eq!(encode("definition.q-act_1"), "definition.q-act_1");
    }

    #[test]
    fn a_line_of_text_reads_back_as_written() {
        for line in ["  text = \"a b\"  ", "100% \u{2028} Genève\r", "plain = 1"] {
            let encoded = encode_line(line);
            assert_eq!(encoded.trim(), encoded);
            assert!(!encoded.contains(['\r', '\n', '\u{2028}']));
            assert_eq!(decode(&encoded), line);
        }
        assert_eq!(encode_line("id = \"palermo\""), "id = \"palermo\"");
    }

    #[test]
    fn a_comment_reads_back_as_written() {
        let meta = Meta {
            id: Some("new\n::id:: {x}".into()),
            facts: vec!["f,1".into(), "f 2%".into()],
            difficulty: Some(3),
            unit: Some("km / h".into()),
            shown: Some(0.1 + 0.2),
            fixed: vec![0, 3],
        };
        let line = meta.line();
        assert!(!line.contains('\n'));
        assert_eq!(
            Meta::parse(line.strip_prefix("// beacon:").map(str::trim)),
            meta
        );
    }

    #[test]
    fn category_paths_are_written_and_read_as_moodle_does() {
        let names = ["$course$", "top", "Either/or", "/lead", "trail/", "a // b"];
        let path = category_path(&names);
        assert_eq!(path, "$course$/top/Either//or/ //lead/trail// /a //// b");
        assert_eq!(split_category_path(&path), names);
        assert_eq!(category_path(&["two\nlines"]), "two lines");
    }
}
