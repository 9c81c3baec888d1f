//! Pooled results: every learner, attempt and answer read from any number of files, with what
//! could not be used and why. Reading only gathers; `analyse` decides what counts.

use std::fmt;

use foldhash::HashMap;

use serde::Serialize;

use crate::content::Course;

/// Something in a results file that was left out, with where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The file's name as given.
    pub file: String,
    /// The line (1-based), when the problem is on one.
    pub line: Option<u64>,
    /// What is wrong, in words a teacher can act on.
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The most problems reported per file; the rest are counted.
pub const NOTES_PER_FILE: usize = 20;

/// One answer to one question in an attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Item {
    /// Index into the pool's questions.
    pub question: u32,
    /// Position asked (CSV) or time answered in milliseconds (xAPI): the order of the attempt.
    pub order: i64,
    /// Order of reading, to break ties.
    pub seq: u32,
    /// Score from 0 to 1.
    pub score: f64,
    /// The choices picked as a bit set of authored indexes (true is bit 0 and false bit 1 for a
    /// true/false question), when the response was recorded and understood.
    pub picked: Option<u32>,
}

/// One sitting of one test by one learner.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Attempt {
    /// Index into the pool's learners.
    pub learner: u32,
    /// Index into the pool's tests.
    pub test: u32,
    /// The latest time known of the attempt (milliseconds since 1970), for "first attempt".
    pub when: Option<i64>,
    /// Order of reading, to break ties.
    pub seq: u32,
    /// The attempt's own score and maximum, from an attempt row or result statement.
    pub total: Option<(f64, f64)>,
    /// Its answers, in the order read.
    pub items: Vec<Item>,
}

impl Attempt {
    /// Its answers in the order asked, each question once (its first answer).
    pub fn asked(&self) -> Vec<Item> {
        let mut items = self.items.clone();
        items.sort_by_key(|i| (i.order, i.seq));
        // Question indexes are small and dense: a table beats a hash set.
        let mut seen = vec![
            false;
            items
                .iter()
                .map(|i| i.question as usize + 1)
                .max()
                .unwrap_or(0)
        ];
        items.retain(|i| match seen.get_mut(i.question as usize) {
            Some(seen) => !std::mem::replace(seen, true),
            None => true,
        });
        items
    }

    /// Moves `when` to `at` if that is later.
    pub fn saw(&mut self, at: Option<i64>) {
        if let Some(at) = at {
            self.when = Some(self.when.map_or(at, |w| w.max(at)));
        }
    }
}

/// A table of names with stable indexes.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Names {
    pub names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Names {
    /// The index of `key`, adding it (shown as `shown`) when new.
    pub fn intern(&mut self, key: &str, shown: impl FnOnce() -> String) -> u32 {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(shown());
        self.index.insert(key.to_owned(), i);
        i
    }

    /// The index of `key`, if known.
    pub fn get(&self, key: &str) -> Option<u32> {
        self.index.get(key).copied()
    }

    /// The keys by index.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn keys(&self) -> Vec<&str> {
        let mut keys = vec![""; self.names.len()];
        for (key, &i) in &self.index {
            if let Some(slot) = keys.get_mut(i as usize) {
                *slot = key;
            }
        }
        keys
    }
}

/// Everything read from results files, for one course.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pool {
    pub(super) learners: Names,
    pub(super) questions: Names,
    pub(super) tests: Names,
    pub(super) attempts: Vec<Attempt>,
    pub(super) attempt_index: HashMap<(u32, String), u32>,
    /// Titles of tests that the files name (an LMS quiz's name); Beacon's come from the course.
    pub(super) test_titles: HashMap<u32, String>,
    pub(super) files: Vec<String>,
    pub(super) notes: Vec<Note>,
    /// Problems not listed because a file already had [`NOTES_PER_FILE`].
    hidden: HashMap<String, usize>,
}

/// The kind of results file, as told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Beacon's results CSV (with or without per-question rows).
    Csv,
    /// xAPI statements: a JSON array, or an LRS's `{"statements": [...]}`.
    Xapi,
}

impl Format {
    /// JSON starts with `[` or `{`; anything else is read as CSV.
    #[must_use]
    pub fn sniff(bytes: &[u8]) -> Format {
        let start = bytes
            .strip_prefix(b"\xef\xbb\xbf")
            .unwrap_or(bytes)
            .iter()
            .find(|b| !b.is_ascii_whitespace());
        match start {
            Some(b'[' | b'{') => Format::Xapi,
            _ => Format::Csv,
        }
    }
}

impl Pool {
    /// An empty pool.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads one results file (CSV or xAPI, told apart by its content) into the pool. What
    /// cannot be used is noted with its line; everything else is kept. Reading the same file
    /// twice adds nothing the second time.
    pub fn read(&mut self, file: &str, bytes: &[u8], course: &Course) {
        self.files.push(file.to_owned());
        match Format::sniff(bytes) {
            Format::Csv => super::read_csv::read(self, file, bytes, course),
            Format::Xapi => super::read_xapi::read(self, file, bytes, course),
        }
        self.close(file);
    }

    /// Ends reading `file`: counts the problems it had past those listed.
    pub(super) fn close(&mut self, file: &str) {
        if let Some(n) = self.hidden.remove(file) {
            self.notes.push(Note {
                file: file.to_owned(),
                line: None,
                message: format!("{n} more problems like the ones above"),
            });
        }
    }

    /// Counts `n` problems of `file` that are not listed (the file already has
    /// [`NOTES_PER_FILE`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn hide(&mut self, file: &str, n: usize) {
        if n > 0 {
            *self.hidden.entry(file.to_owned()).or_default() += n;
        }
    }

    /// Records a file that could not be read at all (missing, unreadable).
    pub fn cannot_read(&mut self, file: &str, message: &str) {
        self.files.push(file.to_owned());
        self.note(file, None, message);
    }

    /// The files read, in order.
    #[must_use]
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// What could not be used, file by file.
    #[must_use]
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// Number of learners read.
    #[must_use]
    pub fn learner_count(&self) -> usize {
        self.learners.names.len()
    }

    /// Number of attempts read.
    #[must_use]
    pub fn attempt_count(&self) -> usize {
        self.attempts.len()
    }

    /// Notes a problem (only the first [`NOTES_PER_FILE`] of a file are listed).
    pub(super) fn note(&mut self, file: &str, line: Option<u64>, message: impl Into<String>) {
        let listed = self.notes.iter().filter(|n| n.file == file).count();
        if listed >= NOTES_PER_FILE {
            *self.hidden.entry(file.to_owned()).or_default() += 1;
            return;
        }
        self.notes.push(Note {
            file: file.to_owned(),
            line,
            message: message.into(),
        });
    }

    /// The learner with this key (see the module docs), shown as `name`.
    pub(super) fn learner(&mut self, key: &str, name: &str) -> u32 {
        self.learners.intern(key, || name.to_owned())
    }

    /// The question with this id.
    pub(super) fn question(&mut self, id: &str) -> u32 {
        self.questions.intern(id, || id.to_owned())
    }

    /// The test with this id.
    pub(super) fn test(&mut self, id: &str) -> u32 {
        self.tests.intern(id, || id.to_owned())
    }

    /// Gives a test the title a file names it by.
    pub(super) fn title_test(&mut self, test: u32, title: String) {
        self.test_titles.entry(test).or_insert(title);
    }

    /// The attempt `key` of `learner`, created in `test` when new.
    pub(super) fn attempt(&mut self, learner: u32, key: &str, test: u32) -> u32 {
        if let Some(&i) = self.attempt_index.get(&(learner, key.to_owned())) {
            return i;
        }
        let i = self.attempts.len() as u32;
        self.attempts.push(Attempt {
            learner,
            test,
            when: None,
            seq: i,
            total: None,
            items: Vec::new(),
        });
        self.attempt_index.insert((learner, key.to_owned()), i);
        i
    }

    /// The attempt at this index.
    pub(super) fn attempt_mut(&mut self, i: u32) -> Option<&mut Attempt> {
        self.attempts.get_mut(i as usize)
    }
}

/// The learner key of a profile name alone, for results CSVs from before profile ids were
/// written: ignoring case and surrounding spaces.
#[must_use]
pub fn name_key(name: &str) -> String {
    format!("name:{}", name.trim().to_lowercase())
}

/// The learner key of an xAPI account (`homePage`, `name`), as xAPI identifies an agent. Beacon
/// names profiles `p1`, `p2`, ... on each computer, so two computers can both have a `p1`; for
/// such a name the profile's name is part of the key, so two learners are told apart unless
/// they also share their name.
#[must_use]
pub fn account_key(home_page: &str, account: &str, name: &str) -> String {
    let per_computer = account
        .strip_prefix('p')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if per_computer {
        format!(
            "account:{home_page}|{account}|{}",
            name.trim().to_lowercase()
        )
    } else {
        format!("account:{home_page}|{account}")
    }
}

/// The shape of a question's responses that the report counts, from the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Single or multiple choice with this many choices.
    Choices(usize),
    /// True or false.
    TrueFalse,
    /// Nothing counted (other kinds, generated questions, questions not in the course).
    Other,
}

impl Shape {
    /// The shape of the authored question `id` (generated questions draw their wrong choices at
    /// random, so their choices cannot be counted afterwards).
    pub fn of(course: &Course, id: &str) -> Shape {
        use crate::content::Body;
        match course.question(id).map(|q| &q.body) {
            Some(Body::Single(c) | Body::Multiple(c)) if c.0.len() <= 32 => {
                Shape::Choices(c.0.len())
            }
            Some(Body::TrueFalse(_)) => Shape::TrueFalse,
            _ => Shape::Other,
        }
    }

    /// The picked set of a response in xAPI's format (`c0[,]c2`, `true`), if it fits.
    pub fn parse(self, response: &str, other_id: impl Fn(&str) -> Option<usize>) -> Option<u32> {
        let response = response.trim();
        match self {
            Shape::TrueFalse => match response {
                "true" => Some(1),
                "false" => Some(2),
                _ => None,
            },
            Shape::Choices(n) => {
                if response.is_empty() {
                    return None;
                }
                let bit = |part: &str| {
                    let i = part
                        .strip_prefix('c')
                        .and_then(|d| d.parse::<usize>().ok())
                        .or_else(|| other_id(part))?;
                    (i < n).then(|| 1u32 << i)
                };
                // Most responses are one choice: no need to search for the separator.
                if !response.contains('[') {
                    return bit(response);
                }
                let mut set = 0u32;
                for part in response.split("[,]") {
                    set |= bit(part)?;
                }
                Some(set)
            }
            Shape::Other => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert_eq!(Format::sniff(b"  [{\"id\": 1}]"), Format::Xapi);
        assert_eq!(
            Format::sniff(b"\xef\xbb\xbf{\"statements\": []}"),
            Format::Xapi
        );
        assert_eq!(Format::sniff(b"profile,course\n"), Format::Csv);
        assert_eq!(Format::sniff(b""), Format::Csv);
    }

    #[test]
    fn per_computer_profile_ids_are_told_apart_by_name() {
        let base = "https://example.org/c";
        assert_ne!(
            account_key(base, "p1", "Ada"),
            account_key(base, "p1", "Grace")
        );
        assert_eq!(
            account_key(base, "p1", "Ada"),
            account_key(base, "p1", " ada ")
        );
        let uuid = "0b7c4a4e-5f0e-4f5e-9a4e-1d2c3b4a5f60";
        assert_eq!(
            account_key(base, uuid, "Ada"),
            account_key(base, uuid, "Ada L.")
        );
        assert_ne!(account_key(base, "p1", "Ada"), name_key("Ada"));
    }

    #[test]
    fn responses_become_sets_of_choices() {
        let four = Shape::Choices(4);
        assert_eq!(four.parse("c2", |_| None), Some(0b100));
        assert_eq!(four.parse("c0[,]c3", |_| None), Some(0b1001));
        assert_eq!(four.parse("c4", |_| None), None, "no fifth choice");
        assert_eq!(four.parse("x", |_| None), None);
        assert_eq!(four.parse("x", |_| Some(1)), Some(0b10));
        assert_eq!(Shape::TrueFalse.parse("false", |_| None), Some(2));
        assert_eq!(Shape::Other.parse("c0", |_| None), None);
    }

    #[test]
    fn an_attempt_counts_each_question_once_in_the_order_asked() {
        let item = |question, order, seq| Item {
            question,
            order,
            seq,
            score: f64::from(seq),
            picked: None,
        };
        let a = Attempt {
            learner: 0,
            test: 0,
            when: None,
            seq: 0,
            total: None,
            items: vec![item(1, 2, 0), item(0, 1, 1), item(1, 2, 2)],
        };
        let asked: Vec<(u32, f64)> = a.asked().iter().map(|i| (i.question, i.score)).collect();
        assert_eq!(asked, [(0, 1.0), (1, 0.0)]);
    }
}
