//! The checks of a course folder, offered part by part to other formats (GIFT): a format turns
//! what it reads into the raw model (the same structures the TOML files are read into), and
//! each part then goes through exactly the checks a course folder's files go through, with
//! problems placed at the lines of the file it came from.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::check::Checker;
pub(crate) use super::load::link;
use super::load::{Candidate, parse};
use super::model::{CourseInfo, Question};
use super::module::{check_citations, course_info, module};
use super::problem::{Problem, SourceText};
use super::question::question;
use super::raw::{RawCourse, RawModule, RawQuestion};

/// Where a raw part is written: a text (spans point into it) that starts on a given line of a
/// file.
#[derive(Debug, Clone)]
pub(crate) struct Written {
    /// The file, as named in problems.
    pub file: PathBuf,
    /// The text the part's spans point into.
    pub text: String,
    /// The line of the file that the text's first line is.
    pub first_line: usize,
}

impl Written {
    /// A text at `first_line` of `file`.
    pub fn new(file: &Path, text: impl Into<String>, first_line: usize) -> Self {
        Self {
            file: file.to_path_buf(),
            text: text.into(),
            first_line,
        }
    }

    /// Runs `check` with a checker on this text; its problems are added to `problems`.
    fn check<R>(
        &self,
        problems: &mut Vec<Problem>,
        check: impl FnOnce(&mut Checker<'_>) -> R,
    ) -> R {
        let src = SourceText::new(&self.file, &self.text).starting_at(self.first_line);
        let mut ck = Checker::new(&src);
        let out = check(&mut ck);
        problems.append(&mut ck.problems);
        out
    }

    /// The span of the whole text's first character, for problems about the whole part.
    fn whole(&self) -> std::ops::Range<usize> {
        0..self.text.len().min(1)
    }
}

/// Parses TOML written at `at` into a raw part, as a course file is parsed (syntax errors and
/// unknown fields are problems).
pub(crate) fn parse_toml<T: for<'de> Deserialize<'de>>(
    at: &Written,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    at.check(problems, |ck| parse::<T>(ck, &at.text))
}

/// Checks `course.toml`'s fields; returns the course's details and its module order.
pub(crate) fn check_course(
    raw: &RawCourse,
    at: &Written,
    problems: &mut Vec<Problem>,
) -> (CourseInfo, Vec<String>) {
    let whole = at.whole();
    let (info, order) = at.check(problems, |ck| course_info(ck, raw, &whole));
    (info, order.into_iter().map(Spanned::into_inner).collect())
}

/// Checks one question as a module file's question is checked; returns it with the facts it
/// links to, or `None` when it has errors.
pub(crate) fn check_question(
    raw: &Spanned<RawQuestion>,
    at: &Written,
    problems: &mut Vec<Problem>,
) -> Option<Question> {
    at.check(problems, |ck| question(ck, raw)).map(|(q, _)| q)
}

/// Checks a module as a module file is checked, citing only `sources` (its questions should
/// already have passed [`check_question`], so that their problems point at their own lines).
/// `None` when it has errors.
pub(crate) fn check_module(
    raw: &RawModule,
    at: Written,
    sources: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) -> Option<Candidate> {
    let whole = at.whole();
    let file = at.file.clone();
    let (module, declared) = at.check(problems, |ck| {
        let (module, declared) = module(ck, raw, &file, &whole);
        let cited = check_citations(ck, &declared, sources);
        (module.filter(|_| cited), declared)
    });
    Some(Candidate {
        module: module?,
        declared,
        text: at.text,
        first_line: at.first_line,
    })
}
