//! Problems found in course files, each with the file, line and column it is about.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The file is skipped.
    Error,
    /// The file loads, but something should be fixed.
    Warning,
}

/// One thing wrong in a course file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as given to the loader.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when the problem is about the whole file.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// A plain sentence saying what is wrong.
    pub message: String,
}

impl Problem {
    /// A problem about a whole file, with no position.
    #[must_use]
    pub fn whole_file(file: &Path, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            severity,
            message: message.into(),
        }
    }

    /// Whether this problem makes its file be skipped.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file's name without its folder, for short displays.
    #[must_use]
    pub fn file_name(&self) -> String {
        self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line == 0 {
            write!(f, "{}: {kind}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {kind}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }
}

/// A file's text with the start of each line, to turn byte offsets into lines and columns.
#[derive(Debug)]
pub struct SourceText<'a> {
    path: &'a Path,
    text: &'a str,
    line_starts: Vec<usize>,
    /// The line of the file that the text's first line is (1 unless the text is a part of
    /// the file, such as a course embedded in a GIFT file's comments).
    first_line: usize,
}

impl<'a> SourceText<'a> {
    /// Indexes the lines of `text`, read from `path`.
    #[must_use]
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path,
            text,
            line_starts,
            first_line: 1,
        }
    }

    /// The same, for a text that starts on line `first_line` of the file.
    #[must_use]
    pub fn starting_at(mut self, first_line: usize) -> Self {
        self.first_line = first_line.max(1);
        self
    }

    /// The file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        self.path
    }

    /// 1-based line and column (in characters) of a byte offset.
    #[must_use]
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + self.first_line - 1, column + 1)
    }

    /// A problem at the start of `span`.
    #[must_use]
    pub fn problem(&self, span: &Range<usize>, severity: Severity, message: String) -> Problem {
        let (line, column) = self.position(span.start);
        Problem {
            file: self.path.to_path_buf(),
            line,
            column,
            severity,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\n\nz";
        let src = SourceText::new(Path::new("f.toml"), text);
        assert_eq!(src.position(0), (1, 1));
        assert_eq!(src.position(4), (1, 5));
        assert_eq!(src.position(6), (2, 1));
        // "bé = " is 6 bytes but 5 characters.
        assert_eq!(src.position(6 + 6), (2, 6));
        assert_eq!(src.position(text.len() - 1), (4, 1));
    }

    #[test]
    fn display_names_file_line_and_column() {
        let src = SourceText::new(Path::new("m.toml"), "x\ny");
        let p = src.problem(&(2..3), Severity::Error, "bad".into());
        assert_eq!(p.to_string(), "m.toml:2:1: error: bad");
    }
}
