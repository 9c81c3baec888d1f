//! Loads a course from its files: every file is parsed and converted on its own, then the links
//! between files are checked. Every problem is collected; broken module files are skipped.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_aux::serde_introspection::serde_introspect;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::check::Checker;
use super::cues::{self, Subject};
use super::model::{Course, CourseInfo, Module};
use super::module::{Declared, check_citations, course_info, module};
use super::problem::{Problem, Severity, SourceText};
use super::raw::{
    RawCourse, RawEvent, RawFact, RawHelpLine, RawModule, RawNumber, RawPair, RawQuestion,
    RawSection, RawSource, RawTerm,
};

/// The largest course file Beacon reads.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The name of the file that describes the course.
pub const COURSE_FILE: &str = "course.toml";

/// A loaded course with every problem found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// What loaded without errors.
    pub course: Course,
    /// Errors (their files were skipped) and warnings, in file order.
    pub problems: Vec<Problem>,
    /// What the cue checks found (see [`cues`]).
    pub cues: cues::Report,
    /// Where each question, fact, event and term is written, for cue findings.
    pub places: Places,
}

impl Loaded {
    /// A course read from one file (a GIFT file): its cue checks, with findings placed at the
    /// file.
    #[must_use]
    pub fn from_file(course: Course, problems: Vec<Problem>, file: &Path) -> Self {
        let cues = cues::check(&course, &course.info.cues);
        Self {
            course,
            problems,
            cues,
            places: Places {
                folder: file.to_path_buf(),
                ..Places::default()
            },
        }
    }

    /// The problems that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// The cue findings that are warnings, each at the line of what to fix, in file order.
    #[must_use]
    pub fn cue_warnings(&self) -> Vec<Problem> {
        let mut out: Vec<Problem> = self
            .cues
            .warnings()
            .map(|f| self.places.problem(f, Severity::Warning))
            .collect();
        out.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        out
    }
}

/// Where each question, fact, event and term of a course is written.
#[derive(Debug, Clone, Default)]
pub struct Places {
    at: HashMap<Subject, (PathBuf, usize, usize)>,
    /// Used for what has no place of its own.
    folder: PathBuf,
}

impl Places {
    /// A problem at the place of a finding's subject.
    #[must_use]
    pub fn problem(&self, finding: &cues::Finding, severity: Severity) -> Problem {
        let message = finding.to_string();
        match self.at.get(&finding.subject) {
            Some((file, line, column)) => Problem {
                file: file.clone(),
                line: *line,
                column: *column,
                severity,
                message,
            },
            None => Problem::whole_file(&self.folder, severity, message),
        }
    }

    fn add(&mut self, src: &SourceText<'_>, subject: Subject, span: &Range<usize>) {
        let (line, column) = src.position(span.start);
        self.at
            .entry(subject)
            .or_insert_with(|| (src.path().to_path_buf(), line, column));
    }
}

/// A course file handed to the loader: its name (a path to show in messages, such as
/// `questions/01-definition.toml`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseFile {
    /// The name shown in messages; its last part decides what the file is (`course.toml` or a
    /// module).
    pub name: PathBuf,
    /// The content, as read.
    pub bytes: Vec<u8>,
}

impl CourseFile {
    /// A file of this name and content.
    pub fn new(name: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

/// Loads a course from its files: `course.toml` and the module files (names ending in
/// `.toml`; others are ignored). `folder` names the course in messages and gives its title when
/// `course.toml` has none. Every file is checked on its own, then the links between files;
/// files with errors are skipped and every problem is reported.
#[must_use]
pub fn load_files(folder: &Path, files: Vec<CourseFile>) -> Loaded {
    let mut loaded = load_files_without_cues(folder, files);
    loaded.cues = cues::check(&loaded.course, &loaded.course.info.cues);
    loaded
}

/// [`load_files`] without the cue checks (an empty report): for a course whose cue checks ran
/// when it was built, such as the one built into the program, whose tests hold it at none.
/// Every other check runs.
#[must_use]
pub fn load_files_without_cues(folder: &Path, files: Vec<CourseFile>) -> Loaded {
    let (mut files, images): (Vec<CourseFile>, Vec<CourseFile>) = files
        .into_iter()
        .filter(|f| {
            f.name
                .extension()
                .is_some_and(|e| e == "toml" || e.eq_ignore_ascii_case("png"))
        })
        .partition(|f| f.name.extension().is_some_and(|e| e == "toml"));
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let mut problems = Vec::new();
    let is_course = |f: &CourseFile| f.name.file_name().is_some_and(|n| n == COURSE_FILE);
    let course_path = files
        .iter()
        .find(|f| is_course(f))
        .map_or_else(|| folder.join(COURSE_FILE), |f| f.name.clone());
    let (mut info, order, course_text) = match files.iter().find(|f| is_course(f)) {
        Some(f) => read_course_file(f, &mut problems),
        None => {
            problems.push(Problem::whole_file(&course_path, Severity::Error, "course.toml is missing: it gives the course's title, content note and the order of modules"));
            (CourseInfo::default(), Vec::new(), String::new())
        }
    };
    if info.title.is_empty() {
        info.title = folder
            .file_name()
            .map_or_else(|| "Course".to_owned(), |n| n.to_string_lossy().into_owned());
    }
    info.folder = folder.to_path_buf();
    attach_logo(&mut info, &images, &course_path, &mut problems);

    let sources: HashSet<&str> = info.sources.iter().map(|r| r.id.as_str()).collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    for file in files.iter().filter(|f| !is_course(f)) {
        let Some(text) = text_of(&file.name, &file.bytes, &mut problems) else {
            continue;
        };
        let path = &file.name;
        let src = SourceText::new(path, &text);
        let mut ck = Checker::new(&src);
        let whole = 0..text.len().min(1);
        let (module, declared) = match parse::<RawModule>(&mut ck, &text) {
            Some(raw) => module(&mut ck, &raw, path, &whole),
            None => (None, Declared::default()),
        };
        let cited = check_citations(&mut ck, &declared, &sources);
        let module = module.filter(|_| cited);
        problems.append(&mut ck.problems);
        if let Some(module) = module {
            candidates.push(Candidate {
                module,
                declared,
                text,
                first_line: 1,
            });
        }
    }
    let mut places = Places {
        folder: folder.to_path_buf(),
        ..Places::default()
    };
    for c in &candidates {
        let src = SourceText::new(&c.module.file, &c.text);
        let d = &c.declared;
        let named = [
            (&d.questions, Subject::Question as fn(String) -> Subject),
            (&d.facts, Subject::Fact),
            (&d.events, Subject::Event),
            (&d.terms, Subject::Term),
        ];
        for (list, subject) in named {
            for id in list {
                places.add(&src, subject(id.get_ref().clone()), &id.span());
            }
        }
    }
    let modules = link(candidates, &mut problems);
    let modules = arrange(modules, &order, &course_path, &course_text, &mut problems);
    let course = Course::new(info, modules);
    warn_untested(&course, &mut problems);
    let taught = course.taught_paragraphs();
    for n in &course.info.seed_paragraphs {
        if !taught.contains(n) {
            problems.push(Problem::whole_file(
                &course_path,
                Severity::Warning,
                format!("paragraph P{n} of the source article is listed in seed_paragraphs but no fact, term or event cites seed:P{n}"),
            ));
        }
    }
    problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    let cues = cues::Report {
        findings: Vec::new(),
        totals: cues::Totals::default(),
        settings: course.info.cues.clone(),
    };
    Loaded {
        course,
        problems,
        cues,
        places,
    }
}

/// Puts the bytes of the logo `course.toml` names into the course; a missing logo, or one that
/// is not a PNG image, is reported and left out (certificates are made without it).
fn attach_logo(
    info: &mut CourseInfo,
    images: &[CourseFile],
    course_path: &Path,
    problems: &mut Vec<Problem>,
) {
    let Some(logo) = &mut info.organisation.logo else {
        return;
    };
    let found = images
        .iter()
        .find(|f| f.name.file_name().is_some_and(|n| *n == *logo.file));
    let problem = match found {
        Some(f) if f.bytes.starts_with(b"\x89PNG\r\n\x1a\n") => {
            logo.png.clone_from(&f.bytes);
            return;
        }
        Some(_) => format!("the logo `{}` is not a PNG image", logo.file),
        None => format!(
            "the logo `{}` is not in the course folder (it must be a PNG file beside course.toml)",
            logo.file
        ),
    };
    problems.push(Problem::whole_file(course_path, Severity::Warning, problem));
    info.organisation.logo = None;
}

/// Parses and checks the text of one module file on its own (links to other files are not
/// checked): for tools, tests and fuzzing.
#[must_use]
pub fn parse_module(text: &str, path: &Path) -> (Option<Module>, Vec<Problem>) {
    let src = SourceText::new(path, text);
    let mut ck = Checker::new(&src);
    let whole = 0..text.len().min(1);
    let module = match parse::<RawModule>(&mut ck, text) {
        Some(raw) => module(&mut ck, &raw, path, &whole).0,
        None => None,
    };
    (module, ck.problems)
}

/// Reads and converts `course.toml`, returning the course info, the module order and the text.
fn read_course_file(
    file: &CourseFile,
    problems: &mut Vec<Problem>,
) -> (CourseInfo, Vec<Spanned<String>>, String) {
    let Some(text) = text_of(&file.name, &file.bytes, problems) else {
        return (CourseInfo::default(), Vec::new(), String::new());
    };
    let src = SourceText::new(&file.name, &text);
    let mut ck = Checker::new(&src);
    let whole = 0..text.len().min(1);
    let (info, order) = match parse::<RawCourse>(&mut ck, &text) {
        Some(raw) => course_info(&mut ck, &raw, &whole),
        None => (CourseInfo::default(), Vec::new()),
    };
    problems.append(&mut ck.problems);
    (info, order, text)
}

/// A course file's text (TOML or GIFT): refused when over [`MAX_FILE_BYTES`] or not UTF-8, with
/// the offset and value of the first bad byte and its line and column.
pub fn text_of(path: &Path, bytes: &[u8], problems: &mut Vec<Problem>) -> Option<String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        problems.push(Problem::whole_file(
            path,
            Severity::Error,
            "the file is larger than 4 MiB, the most a course file may be",
        ));
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_owned()),
        Err(e) => {
            let valid = e.valid_up_to();
            let good = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let src = SourceText::new(path, &good);
            problems.push(src.problem(
                &(valid..valid),
                Severity::Error,
                format!(
                    "the file is not UTF-8 text: byte {valid} (0x{:02X}) is not UTF-8; save the file as UTF-8",
                    bytes[valid]
                ),
            ));
            None
        }
    }
}

/// Parses TOML text into a raw struct, recording syntax errors, type errors and unknown fields.
pub(crate) fn parse<T: for<'de> Deserialize<'de>>(ck: &mut Checker<'_>, text: &str) -> Option<T> {
    let tree = match DeTable::parse(text) {
        Ok(tree) => tree,
        Err(e) => {
            ck.error(
                &e.span().unwrap_or(0..0),
                format!("TOML syntax: {}", first_line(e.message())),
            );
            return None;
        }
    };
    let mut unknown: Vec<Vec<String>> = Vec::new();
    let result: Result<T, _> =
        serde_ignored::deserialize(toml::de::Deserializer::from(tree.clone()), |path| {
            unknown.push(path_keys(&path));
        });
    match result {
        Ok(value) => {
            for keys in unknown {
                let (span, known) = locate(&tree, &keys, serde_introspect::<T>());
                ck.unknown_field(&span, keys.last().map_or("", String::as_str), known);
            }
            Some(value)
        }
        Err(e) => {
            ck.error(
                &e.span().unwrap_or(0..0),
                first_line(e.message()).to_owned(),
            );
            None
        }
    }
}

/// The first line of a parser message (the rest repeats the source text).
fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}

/// The path of an ignored key as map keys and array indexes (written as numbers).
fn path_keys(path: &serde_ignored::Path<'_>) -> Vec<String> {
    let mut keys = Vec::new();
    let mut at = path;
    loop {
        match at {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                keys.push(index.to_string());
                at = parent;
            }
            serde_ignored::Path::Map { parent, key } => {
                if !key.starts_with("$__serde_spanned") {
                    keys.push(key.clone());
                }
                at = parent;
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => at = parent,
        }
    }
    keys.reverse();
    keys
}

/// Finds the span of the key at `keys` in the parsed tree, and the fields its table may have.
fn locate(
    tree: &Spanned<DeTable<'_>>,
    keys: &[String],
    root: &'static [&'static str],
) -> (Range<usize>, &'static [&'static str]) {
    let mut table: &DeTable<'_> = tree.get_ref();
    let mut span = 0..0;
    let mut named: Vec<&str> = Vec::new();
    let mut value: Option<&Spanned<DeValue<'_>>> = None;
    for key in keys {
        if let Some(v) = value {
            match v.get_ref() {
                DeValue::Array(a) => {
                    value = key.parse::<usize>().ok().and_then(|i| a.get(i));
                    if let Some(DeValue::Table(t)) = value.map(Spanned::get_ref) {
                        table = t;
                    }
                    continue;
                }
                DeValue::Table(t) => table = t,
                _ => {}
            }
        }
        let Some((k, v)) = table.get_key_value(key.as_str()) else {
            break;
        };
        span = k.span();
        named.push(key.as_str());
        value = Some(v);
        if let DeValue::Table(t) = v.get_ref() {
            table = t;
        }
    }
    named.pop();
    (span, known_fields(root, &named))
}

/// The field names of the raw struct at a path of table names (indexes left out).
fn known_fields(root: &'static [&'static str], tables: &[&str]) -> &'static [&'static str] {
    match tables {
        [] => root,
        ["help_lines"] => serde_introspect::<RawHelpLine>(),
        ["sources"] => serde_introspect::<RawSource>(),
        ["assessment"] => serde_introspect::<super::raw::RawAssessment>(),
        ["cues"] => serde_introspect::<super::raw::RawCues>(),
        ["organisation"] => serde_introspect::<super::raw::RawOrganisation>(),
        ["sections"] => serde_introspect::<RawSection>(),
        ["facts"] => serde_introspect::<RawFact>(),
        ["facts", "number"] => serde_introspect::<RawNumber>(),
        ["terms"] => serde_introspect::<RawTerm>(),
        ["events"] => serde_introspect::<RawEvent>(),
        ["questions", "pairs"] | ["questions", "parts", "pairs"] => serde_introspect::<RawPair>(),
        ["questions", ..] => serde_introspect::<RawQuestion>(),
        _ => &[],
    }
}

/// A module that converted without errors, before links between modules are checked.
pub(crate) struct Candidate {
    /// The module.
    pub module: Module,
    /// Its ids, links and citations, with where each is written.
    pub declared: Declared,
    /// The text its spans point into.
    pub text: String,
    /// The line of the module's file that `text` starts on (1 for a module file; later for a
    /// module embedded in a GIFT file).
    pub first_line: usize,
}

impl Candidate {
    /// Records an error at a span of this candidate's file.
    fn error(&self, problems: &mut Vec<Problem>, span: &Range<usize>, message: String) {
        let src = SourceText::new(&self.module.file, &self.text).starting_at(self.first_line);
        problems.push(src.problem(span, Severity::Error, message));
    }
}

/// Checks links between files: duplicate ids and facts that questions, terms and events name.
/// A file with such an error is dropped, repeatedly, until what is left is consistent.
pub(crate) fn link(candidates: Vec<Candidate>, problems: &mut Vec<Problem>) -> Vec<Module> {
    let mut keep = vec![true; candidates.len()];
    // Duplicates: the first definition (in file order) wins; a later file that repeats it is dropped.
    let mut seen: HashMap<(&str, &str), &Path> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        let d = &c.declared;
        let groups: [(&str, Vec<&Spanned<String>>); 5] = [
            ("module id", d.module.iter().collect()),
            ("fact id", d.facts.iter().collect()),
            ("event id", d.events.iter().collect()),
            ("question id", d.questions.iter().collect()),
            ("term", d.terms.iter().collect()),
        ];
        for (label, ids) in groups {
            for id in ids {
                match seen.get(&(label, id.get_ref().as_str())) {
                    Some(first) => {
                        let message = format!(
                            "duplicate {label} `{}`: it is already defined in {}",
                            id.get_ref(),
                            first.display()
                        );
                        c.error(problems, &id.span(), message);
                        keep[i] = false;
                    }
                    None => {
                        seen.insert((label, id.get_ref()), &c.module.file);
                    }
                }
            }
        }
    }
    loop {
        let facts: HashSet<&str> = candidates
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .flat_map(|(c, _)| c.module.facts.iter().map(|f| f.id.as_str()))
            .collect();
        let mut changed = false;
        for (i, c) in candidates.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            for link in &c.declared.links {
                if !facts.contains(link.get_ref().as_str()) {
                    let message =
                        format!("links to fact `{}`, which does not exist", link.get_ref());
                    c.error(problems, &link.span(), message);
                    keep[i] = false;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c.module))
        .collect()
}

/// Puts modules in the order `course.toml` gives; unlisted modules follow, with a warning.
fn arrange(
    mut modules: Vec<Module>,
    order: &[Spanned<String>],
    course_file: &Path,
    course_text: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Module> {
    let src = SourceText::new(course_file, course_text);
    let mut out = Vec::with_capacity(modules.len());
    for id in order {
        match modules.iter().position(|m| &m.id == id.get_ref()) {
            Some(i) => out.push(modules.remove(i)),
            None => problems.push(src.problem(
                &id.span(),
                Severity::Warning,
                format!("module `{}` is listed but was not loaded (no file has this id, or its file has errors)", id.get_ref()),
            )),
        }
    }
    for m in &modules {
        problems.push(Problem::whole_file(
            &m.file,
            Severity::Warning,
            format!(
                "module `{}` is not listed in course.toml; it is added at the end",
                m.id
            ),
        ));
    }
    out.append(&mut modules);
    out
}

/// Warns about facts that no question tests and sections with no facts.
fn warn_untested(course: &Course, problems: &mut Vec<Problem>) {
    let tested: HashSet<&str> = course
        .questions()
        .flat_map(|q| q.facts.iter().map(String::as_str))
        .collect();
    for module in &course.modules {
        for fact in &module.facts {
            if !tested.contains(fact.id.as_str()) {
                problems.push(Problem::whole_file(
                    &module.file,
                    Severity::Warning,
                    format!("fact `{}` is not tested by any question", fact.id),
                ));
            }
        }
        for section in &module.sections {
            if module.facts_of(&section.id).next().is_none() {
                problems.push(Problem::whole_file(
                    &module.file,
                    Severity::Warning,
                    format!("section `{}` has no facts", section.id),
                ));
            }
        }
    }
}
