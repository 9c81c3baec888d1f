//! Reading Beacon's results CSV: attempt rows (every version of Beacon wrote these) and the
//! answer rows that follow each attempt (written since per-question rows were added). Columns
//! are found by their names in the first line, so column order does not matter.

use std::borrow::Cow;
use std::ops::Range;

use csv::ByteRecord;

use super::pool::{Pool, Shape, account_key, name_key};
use crate::content::Course;

/// The column indexes this reader uses.
struct Columns {
    profile: usize,
    scope: usize,
    score: usize,
    max: usize,
    finished: Option<usize>,
    title: Option<usize>,
    record: Option<usize>,
    profile_id: Option<usize>,
    attempt_id: Option<usize>,
    position: Option<usize>,
    question: Option<usize>,
    response: Option<usize>,
}

impl Columns {
    /// Finds the columns by name; the error names the first missing one.
    fn find(headers: &ByteRecord) -> Result<Self, String> {
        let col = |name: &str| {
            headers.iter().position(|h| {
                h.strip_prefix(b"\xef\xbb\xbf").unwrap_or(h).trim_ascii() == name.as_bytes()
            })
        };
        let need = |name: &str| {
            col(name).ok_or_else(|| {
                format!("this is not a Beacon results file: its first line has no `{name}` column")
            })
        };
        Ok(Self {
            profile: need("profile")?,
            scope: need("scope")?,
            score: need("score")?,
            max: need("max")?,
            finished: col("finished"),
            title: col("title"),
            record: col("record"),
            profile_id: col("profile_id"),
            attempt_id: col("attempt_id"),
            position: col("position"),
            question: col("question"),
            response: col("response"),
        })
    }
}

/// The last key looked up and its index: consecutive rows mostly share learner, test and
/// attempt, so most rows need no hashing.
#[derive(Default)]
struct Last {
    key: Vec<u8>,
    /// A second key (the profile id, for learners).
    id: Vec<u8>,
    /// What else the key depends on (the learner, for attempts).
    tag: u32,
    index: Option<u32>,
}

impl Last {
    fn get(&mut self, key: &[u8], tag: u32, look_up: impl FnOnce() -> u32) -> u32 {
        match self.index {
            Some(i) if self.key == key && self.tag == tag => i,
            _ => {
                let i = look_up();
                self.key.clear();
                self.key.extend_from_slice(key);
                self.tag = tag;
                self.index = Some(i);
                i
            }
        }
    }
}

/// What the reader remembers between rows.
#[derive(Default)]
struct State {
    /// The `homePage` of learners' accounts: profile ids are accounts on it, as in the xAPI export.
    base: String,
    learner: Last,
    test: Last,
    attempt: Last,
    question: Last,
    /// The response shape of each question, by the pool's question index.
    shapes: Vec<Option<Shape>>,
    /// When reading one part of a file into a pool of its own: what depends on the parts
    /// before it.
    #[cfg(not(target_arch = "wasm32"))]
    early: Option<parallel::Early>,
}

/// Why a row was left out.
struct Problem {
    message: String,
    /// Only if this attempt (an index into the part's pool) had no score from an attempt row
    /// before the part (see [`parallel::Early`]).
    #[cfg(not(target_arch = "wasm32"))]
    unless_scored: Option<u32>,
}

impl From<String> for Problem {
    fn from(message: String) -> Self {
        Self {
            message,
            #[cfg(not(target_arch = "wasm32"))]
            unless_scored: None,
        }
    }
}

impl From<&str> for Problem {
    fn from(message: &str) -> Self {
        message.to_owned().into()
    }
}

/// Reads a results CSV into the pool: in parallel parts when the file is large and the target
/// has threads, else row by row. Both give the same pool.
pub(super) fn read(pool: &mut Pool, file: &str, bytes: &[u8], course: &Course) {
    #[cfg(not(target_arch = "wasm32"))]
    if bytes.len() >= parallel::FROM {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        if threads > 1
            && parallel::read(
                pool,
                file,
                bytes,
                course,
                parallel::chunk(bytes.len(), threads),
                threads,
            )
        {
            return;
        }
    }
    read_serial(pool, file, bytes, course);
}

/// A CSV reader of Beacon's dialect (RFC 4180). Rows are checked against the first line's
/// length here rather than by `csv`, so that a part of a file read on its own checks them the
/// same way.
fn reader(bytes: &[u8], has_headers: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .flexible(true)
        .from_reader(bytes)
}

/// The columns of the first line, or why the file cannot be read.
fn header(bytes: &[u8]) -> Result<(Columns, usize), String> {
    let mut reader = reader(bytes, true);
    match reader.byte_headers() {
        Ok(headers) => Columns::find(headers).map(|c| (c, headers.len())),
        Err(e) => Err(format!("this is not a CSV file ({e})")),
    }
}

/// Reads each row after the first line: `each` gets the row's line and the row, or why it
/// was left out. Returns the rows read.
fn rows(
    reader: &mut csv::Reader<&[u8]>,
    width: usize,
    mut each: impl FnMut(Option<u64>, Result<&Fields<'_>, String>),
) -> usize {
    let mut record = ByteRecord::new();
    let mut ranges = Vec::new();
    let mut rows = 0usize;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map(csv::Position::line);
                if record.len() == width {
                    rows += 1;
                    ranges.clear();
                    ranges.extend((0..record.len()).filter_map(|i| record.range(i)));
                    each(line, Ok(&Fields::new(record.as_slice(), &ranges)));
                } else {
                    each(line, Err(unequal(record.len(), width)));
                }
            }
            Err(e) => {
                let line = e.position().map(csv::Position::line);
                let stop = matches!(e.kind(), csv::ErrorKind::Io(_));
                each(line, Err(format!("{e}; the row was left out")));
                if stop {
                    break;
                }
            }
        }
    }
    rows
}

fn unequal(len: usize, width: usize) -> String {
    format!("this row has {len} fields where the first line has {width}; it was left out")
}

/// The note on a file of an older Beacon.
const OLDER: &str = "exported by an older Beacon: it has each attempt's score but no per-question rows, so it counts in the tests' scores only. Export the results again from Beacon to include its questions.";

/// Reads a results CSV into the pool row by row.
fn read_serial(pool: &mut Pool, file: &str, bytes: &[u8], course: &Course) {
    let (columns, width) = match header(bytes) {
        Ok(c) => c,
        Err(message) => {
            pool.note(file, Some(1), message);
            return;
        }
    };
    let mut state = State {
        base: crate::formats::xapi::home_page(course),
        ..State::default()
    };
    let mut reader = reader(bytes, true);
    let rows = rows(&mut reader, width, |line, record| {
        let result = record
            .map_err(Problem::from)
            .and_then(|record| row(pool, &mut state, &columns, record, course));
        if let Err(problem) = result {
            pool.note(file, line, problem.message);
        }
    });
    if columns.record.is_none() && rows > 0 {
        pool.note(file, None, OLDER);
    }
}

/// A row's fields as text.
struct Fields<'r> {
    /// The row's bytes.
    bytes: &'r [u8],
    /// Where each field is in them.
    ranges: &'r [Range<usize>],
    /// The whole row, when it is valid UTF-8 (almost always): then no field needs checking.
    text: Option<&'r str>,
}

impl<'r> Fields<'r> {
    fn new(bytes: &'r [u8], ranges: &'r [Range<usize>]) -> Self {
        Self {
            bytes,
            ranges,
            text: std::str::from_utf8(bytes).ok(),
        }
    }

    /// A field's bytes (empty when the row is shorter).
    fn bytes(&self, i: usize) -> &'r [u8] {
        self.ranges
            .get(i)
            .and_then(|range| self.bytes.get(range.clone()))
            .unwrap_or_default()
    }

    /// A field as text, trimmed (empty when the row is shorter).
    fn text(&self, i: usize, name: &str) -> Result<&'r str, String> {
        let Some(range) = self.ranges.get(i).cloned() else {
            return Ok("");
        };
        let field = match self.text {
            Some(text) => text.get(range),
            None => std::str::from_utf8(self.bytes(i)).ok(),
        };
        field
            .map(trim)
            .ok_or_else(|| format!("`{name}` is not valid UTF-8 text"))
    }

    fn optional(&self, i: Option<usize>, name: &str) -> Result<&'r str, String> {
        i.map_or(Ok(""), |i| self.text(i, name))
    }

    fn number(&self, i: usize, name: &str) -> Result<f64, String> {
        let t = self.text(i, name)?;
        // Scores are mostly small whole numbers: read those without the float parser (exact
        // below 2^53, as the float parser is).
        if !t.is_empty() && t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit()) {
            let n = t.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
            if let Ok(n) = u32::try_from(n) {
                return Ok(f64::from(n));
            }
        }
        match t.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => Err(format!("`{name}` is `{t}`, not a number")),
        }
    }
}

/// `str::trim`, without looking at the characters when the ends are not spaces.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Milliseconds since 1970 of an ISO 8601 date-time.
fn millis(t: &str) -> Result<Option<i64>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    chrono::DateTime::parse_from_rfc3339(t)
        .map(|d| Some(d.timestamp_millis()))
        .map_err(|_| format!("`finished` is `{t}`, not an ISO 8601 date and time"))
}

/// One row: an attempt's score, or one of its answers.
fn row(
    pool: &mut Pool,
    state: &mut State,
    c: &Columns,
    f: &Fields<'_>,
    course: &Course,
) -> Result<(), Problem> {
    let answer = match f.optional(c.record, "record")? {
        "" | "attempt" => false,
        "answer" => true,
        // A lesson read says nothing about a question.
        "lesson" => return Ok(()),
        other => {
            return Err(format!(
                "`record` is `{other}`; it should be `attempt`, `answer` or `lesson`"
            )
            .into());
        }
    };
    let profile = f.bytes(c.profile);
    let profile_id = c.profile_id.map(|i| f.bytes(i)).unwrap_or_default();
    let learner = match state.learner.index {
        Some(i) if state.learner.key == profile && state.learner.id == profile_id => i,
        _ => {
            let name = f.text(c.profile, "profile")?;
            if name.is_empty() {
                return Err("the `profile` column is empty: whose results are these?".into());
            }
            let id = f.optional(c.profile_id, "profile_id")?;
            let key = if id.is_empty() {
                name_key(name)
            } else {
                account_key(&state.base, id, name)
            };
            let i = pool.learner(&key, name);
            state.learner.key.clear();
            state.learner.key.extend_from_slice(profile);
            state.learner.id.clear();
            state.learner.id.extend_from_slice(profile_id);
            state.learner.index = Some(i);
            i
        }
    };
    let scope = f.text(c.scope, "scope")?;
    if scope.is_empty() {
        return Err("the `scope` column is empty: which test was this?".into());
    }
    let test = state.test.get(scope.as_bytes(), 0, || pool.test(scope));
    let finished = f.optional(c.finished, "finished")?;
    let attempt_id = f.optional(c.attempt_id, "attempt_id")?;
    let key: Cow<'_, str> = if attempt_id.is_empty() {
        if answer {
            return Err("an answer row needs the `attempt_id` of its attempt".into());
        }
        // Older files have no attempt ids: an attempt is its test, finish time and title.
        Cow::Owned(format!(
            "{scope}|{finished}|{}",
            f.optional(c.title, "title")?
        ))
    } else {
        Cow::Borrowed(attempt_id)
    };
    let attempt = state.attempt.get(key.as_bytes(), learner, || {
        pool.attempt(learner, &key, test)
    });
    let points = f.number(c.score, "score")?;
    let max = f.number(c.max, "max")?;
    if max <= 0.0 {
        return Err(format!("`max` is {max}; it must be above 0").into());
    }
    if !answer {
        let when = millis(finished)?;
        if let Some(a) = pool.attempt_mut(attempt) {
            a.saw(when);
            a.total.get_or_insert((points, max));
        }
        return Ok(());
    }
    let id = f.optional(c.question, "question")?;
    if id.is_empty() {
        return Err("an answer row needs the `question` it answers".into());
    }
    let question = state.question.get(id.as_bytes(), 0, || pool.question(id));
    let i = question as usize;
    if state.shapes.len() <= i {
        state.shapes.resize(i + 1, None);
    }
    let shape = *state.shapes[i].get_or_insert_with(|| Shape::of(course, id));
    let picked = shape.parse(f.optional(c.response, "response")?, |_| None);
    let position = f.optional(c.position, "position")?;
    let order = if position.is_empty() {
        i64::MAX
    } else {
        position
            .parse::<i64>()
            .map_err(|_| format!("`position` is `{position}`, not a whole number"))?
    };
    let Some(a) = pool.attempt_mut(attempt) else {
        return Ok(());
    };
    let item = super::pool::Item {
        question,
        order,
        seq: a.items.len() as u32,
        score: (points / max).clamp(0.0, 1.0),
        picked,
    };
    if a.total.is_none() {
        // Without its attempt row, the attempt's time is that of its answers.
        let when = millis(finished);
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(early) = &mut state.early {
            // A part read on its own cannot tell whether the parts before gave this attempt
            // its score: the merge decides.
            return early.answer(a, attempt, item, when);
        }
        a.saw(when?);
    }
    a.items.push(item);
    Ok(())
}

/// Reading a large file in parallel parts, each into a pool of its own, merged in file order
/// into exactly the pool that reading it row by row gives.
#[cfg(not(target_arch = "wasm32"))]
mod parallel {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::super::pool::{Attempt, Item, NOTES_PER_FILE, Pool};
    use super::{Columns, Fields, OLDER, Problem, State, header, reader, row, rows};
    use crate::content::Course;

    /// Files from this size on are read in parallel.
    pub const FROM: usize = 4 << 20;

    /// The size of the parts of a file of `len` bytes: a few per thread, so that a busy core
    /// does not hold up the rest, and not below 1 MB.
    pub fn chunk(len: usize, threads: usize) -> usize {
        (len / (threads * 4).max(1)).max(1 << 20)
    }

    /// What a part read on its own leaves to the merge: how its answers count depends on
    /// whether their attempt had a score from an attempt row before the part.
    #[derive(Default)]
    pub(super) struct Early {
        /// By the part's attempt index: the latest time of its answers read before any attempt
        /// row of it in the part (counts only if the attempt had no score before the part).
        when: Vec<Option<i64>>,
        /// Answers (part's attempt index, item index) whose time is not a date: kept only if
        /// the attempt had a score before the part (else left out with a note).
        kept_if_scored: Vec<(u32, usize)>,
    }

    impl Early {
        /// An answer to an attempt that has no score yet in this part.
        pub(super) fn answer(
            &mut self,
            a: &mut Attempt,
            attempt: u32,
            item: Item,
            when: Result<Option<i64>, String>,
        ) -> Result<(), Problem> {
            let problem = match when {
                Ok(Some(at)) => {
                    let i = attempt as usize;
                    if self.when.len() <= i {
                        self.when.resize(i + 1, None);
                    }
                    self.when[i] = Some(self.when[i].map_or(at, |w| w.max(at)));
                    None
                }
                Ok(None) => None,
                Err(message) => {
                    self.kept_if_scored.push((attempt, a.items.len()));
                    Some(Problem {
                        message,
                        unless_scored: Some(attempt),
                    })
                }
            };
            a.items.push(item);
            problem.map_or(Ok(()), Err)
        }
    }

    /// A part of a file, read into a pool of its own.
    struct Part {
        pool: Pool,
        early: Early,
        /// Problems by line within the part, each with the attempt whose earlier score would
        /// excuse it. Once [`NOTES_PER_FILE`] unconditional ones are kept, the rest are counted.
        notes: Vec<(Option<u64>, String, Option<u32>)>,
        kept: usize,
        hidden: usize,
        /// Problems past those, excused by an earlier score of these attempts.
        hidden_unless: Vec<u32>,
        rows: usize,
        /// Line ends in the part.
        newlines: u64,
    }

    /// Where the parts of `bytes` start, about `chunk` bytes apart: each at the start of a
    /// record, after a line end outside quotes (or at the line feed of a CR LF, where `csv`
    /// starts the next record). `None` when a quote is not where RFC 4180 puts one (a quote
    /// within an unquoted field, text after a closing quote, or a quote left open): then only
    /// reading from the start tells records apart. With each start, whether its part has a
    /// quote.
    pub(super) fn starts(bytes: &[u8], chunk: usize) -> Option<Vec<(usize, bool)>> {
        let chunk = chunk.max(1);
        let mut starts = vec![(0, false)];
        let mut target = chunk;
        // `pos` is outside quotes.
        let mut pos = 0;
        loop {
            let quote = memchr::memchr(b'"', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
            while target < quote {
                let from = target.max(pos);
                let Some(i) = memchr::memchr(b'\n', &bytes[from..quote]) else {
                    break;
                };
                let lf = from + i;
                let start = if lf > 0 && bytes[lf - 1] == b'\r' {
                    lf
                } else {
                    lf + 1
                };
                if start < bytes.len() && starts.last().is_some_and(|&(s, _)| s < start) {
                    starts.push((start, false));
                }
                target = lf + 1 + chunk;
            }
            if quote == bytes.len() {
                return Some(starts);
            }
            // An opening quote starts a field.
            if quote > 0 && !matches!(bytes[quote - 1], b',' | b'\n' | b'\r') {
                return None;
            }
            if let Some((_, quoted)) = starts.last_mut() {
                *quoted = true;
            }
            let mut at = quote + 1;
            loop {
                let close = at + memchr::memchr(b'"', &bytes[at..])?;
                match bytes.get(close + 1) {
                    Some(b'"') => at = close + 2,
                    None | Some(b',' | b'\n' | b'\r') => {
                        pos = close + 1;
                        break;
                    }
                    Some(_) => return None,
                }
            }
        }
    }

    /// Reads `bytes` in parts of about `chunk` bytes on up to `threads` threads. Returns false,
    /// having changed nothing, when the file is better read row by row (see [`starts`]; a
    /// first line that is not Beacon's, which reading row by row notes).
    pub fn read(
        pool: &mut Pool,
        file: &str,
        bytes: &[u8],
        course: &Course,
        chunk: usize,
        threads: usize,
    ) -> bool {
        let Ok((columns, width)) = header(bytes) else {
            return false;
        };
        let Some(mut starts) = starts(bytes, chunk) else {
            return false;
        };
        starts.push((bytes.len(), false));
        let base = crate::formats::xapi::home_page(course);
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let (Some(&(start, _)), Some(&(end, _))) = (starts.get(k), starts.get(k + 1))
                else {
                    return done;
                };
                let part = &bytes[start..end];
                let part = read_part(part, k == 0, &columns, width, &base, course);
                done.push((k, part));
            }
        };
        let mut parts = std::thread::scope(|s| {
            let parts = starts.len() - 1;
            let helpers: Vec<_> = (1..threads.min(parts))
                .filter_map(|_| std::thread::Builder::new().spawn_scoped(s, work).ok())
                .collect();
            let mut done = work();
            for helper in helpers {
                match helper.join() {
                    Ok(d) => done.extend(d),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            done
        });
        parts.sort_by_key(|(k, _)| *k);
        let mut line = 0;
        let mut rows = 0;
        for (_, part) in parts {
            rows += part.rows;
            let newlines = part.newlines;
            merge(pool, file, part, line);
            line += newlines;
        }
        if columns.record.is_none() && rows > 0 {
            pool.note(file, None, OLDER);
        }
        true
    }

    /// Reads one part into a pool of its own (the first part starts with the first line).
    fn read_part(
        bytes: &[u8],
        first: bool,
        columns: &Columns,
        width: usize,
        base: &str,
        course: &Course,
    ) -> Part {
        let mut part = Part {
            pool: Pool::new(),
            early: Early::default(),
            notes: Vec::new(),
            kept: 0,
            hidden: 0,
            hidden_unless: Vec::new(),
            rows: 0,
            newlines: 0,
        };
        let mut state = State {
            base: base.to_owned(),
            early: Some(Early::default()),
            ..State::default()
        };
        let pool = &mut part.pool;
        let (notes, kept, hidden, hidden_unless) = (
            &mut part.notes,
            &mut part.kept,
            &mut part.hidden,
            &mut part.hidden_unless,
        );
        let each = |line, record: Result<&Fields<'_>, String>| {
            let result = record
                .map_err(Problem::from)
                .and_then(|record| row(pool, &mut state, columns, record, course));
            let Err(problem) = result else {
                return;
            };
            match (*kept < NOTES_PER_FILE, problem.unless_scored) {
                (true, unless) => {
                    *kept += usize::from(unless.is_none());
                    notes.push((line, problem.message, unless));
                }
                (false, None) => *hidden += 1,
                (false, Some(attempt)) => hidden_unless.push(attempt),
            }
        };
        part.rows = rows(&mut reader(bytes, first), width, each);
        part.newlines = memchr::memchr_iter(b'\n', bytes).count() as u64;
        if let Some(early) = state.early {
            part.early = early;
        }
        part
    }

    /// Adds a part to the pool as if its rows had been read there, after those before it;
    /// `line` is the number of lines before the part.
    fn merge(pool: &mut Pool, file: &str, mut part: Part, line: u64) {
        let learner_keys = part.pool.learners.keys();
        let learners: Vec<u32> = learner_keys
            .iter()
            .zip(&part.pool.learners.names)
            .map(|(key, name)| pool.learner(key, name))
            .collect();
        let tests: Vec<u32> = part
            .pool
            .tests
            .names
            .iter()
            .map(|id| pool.test(id))
            .collect();
        let questions: Vec<u32> = part
            .pool
            .questions
            .names
            .iter()
            .map(|id| pool.question(id))
            .collect();
        let same_questions = questions.iter().enumerate().all(|(i, &q)| q as usize == i);
        let mut attempt_keys = vec![None; part.pool.attempts.len()];
        for ((learner, key), &i) in &part.pool.attempt_index {
            if let Some(slot) = attempt_keys.get_mut(i as usize) {
                *slot = Some((*learner, key.as_str()));
            }
        }
        // Each of the part's attempts in the pool, and whether it had no score before.
        let attempts: Vec<(u32, bool)> = attempt_keys
            .iter()
            .zip(&part.pool.attempts)
            .map(|(key, a)| {
                let (learner, key) = key.unwrap_or((a.learner, ""));
                let learner = learners.get(learner as usize).copied().unwrap_or(learner);
                let test = tests.get(a.test as usize).copied().unwrap_or(a.test);
                let i = pool.attempt(learner, key, test);
                let unscored = pool.attempt_mut(i).is_none_or(|a| a.total.is_none());
                (i, unscored)
            })
            .collect();
        let unscored = |attempt: Option<u32>| {
            attempt.is_none_or(|a| attempts.get(a as usize).is_some_and(|&(_, u)| u))
        };
        for (at, message, unless) in part.notes {
            if unscored(unless) {
                pool.note(file, at.map(|l| l + line), message);
            }
        }
        let hidden = part.hidden
            + part
                .hidden_unless
                .iter()
                .filter(|&&a| unscored(Some(a)))
                .count();
        pool.hide(file, hidden);
        let Early {
            when,
            kept_if_scored,
        } = part.early;
        for (j, (a, &(i, unscored))) in part.pool.attempts.iter_mut().zip(&attempts).enumerate() {
            let Some(to) = pool.attempt_mut(i) else {
                continue;
            };
            let mut items = std::mem::take(&mut a.items);
            if unscored {
                to.saw(when.get(j).copied().flatten());
                let mut dropped = kept_if_scored
                    .iter()
                    .filter(|&&(attempt, _)| attempt as usize == j)
                    .map(|&(_, item)| item)
                    .peekable();
                if dropped.peek().is_some() {
                    let dropped: Vec<usize> = dropped.collect();
                    let mut k = 0;
                    items.retain(|_| {
                        k += 1;
                        !dropped.contains(&(k - 1))
                    });
                }
            }
            to.saw(a.when);
            if to.total.is_none() {
                to.total = a.total;
            }
            let from = to.items.len();
            for (k, item) in items.iter_mut().enumerate() {
                item.seq = (from + k) as u32;
                if !same_questions {
                    item.question = questions
                        .get(item.question as usize)
                        .copied()
                        .unwrap_or(item.question);
                }
            }
            if to.items.is_empty() {
                to.items = items;
            } else {
                to.items.append(&mut items);
            }
        }
    }
}
#[cfg(test)]
mod tests {
    use crate::content::{Course, CourseInfo};
    use crate::stats::Pool;

    fn read(text: &str) -> Pool {
        let mut pool = Pool::new();
        pool.read(
            "r.csv",
            text.as_bytes(),
            &Course::new(CourseInfo::default(), Vec::new()),
        );
        pool
    }

    const HEADER: &str = "profile,scope,score,max,finished,record,attempt_id,profile_id,position,question,response\n";

    #[test]
    fn two_profiles_with_one_name_are_two_learners() {
        let pool = read(&format!(
            "{HEADER}Sam,final,1,2,2026-01-01T10:00:00Z,attempt,a1,p1,,,\n\
             Sam,final,1,1,,answer,a1,p1,1,q1,\n\
             Sam,final,0,1,,answer,a1,p1,2,q2,\n\
             Sam,final,2,2,2026-01-01T10:00:00Z,attempt,a1,0b7c4a4e-5f0e-4f5e-9a4e-1d2c3b4a5f60,,,\n\
             Sam,final,1,1,,answer,a1,0b7c4a4e-5f0e-4f5e-9a4e-1d2c3b4a5f60,1,q1,\n"
        ));
        assert!(pool.notes().is_empty(), "{:?}", pool.notes());
        assert_eq!(pool.learner_count(), 2);
        assert_eq!(
            pool.attempt_count(),
            2,
            "attempt ids belong to their learner"
        );
    }

    #[test]
    fn a_csv_from_before_answer_rows_still_gives_attempt_scores() {
        let pool = read(
            "profile,course,version,scope,title,finished,score,max,percent,passed,duration,duration_seconds\n\
             Ada,c,1,final,Final assessment,2026-01-01T10:00:00Z,7,10,70,false,PT5M,300\n\
             ada ,c,1,final,Final assessment,2026-01-02T10:00:00Z,9,10,90,true,PT5M,300\n",
        );
        assert_eq!(
            pool.learner_count(),
            1,
            "the same name, ignoring case and spaces"
        );
        assert_eq!(pool.attempt_count(), 2);
        assert_eq!(pool.notes().len(), 1, "{:?}", pool.notes());
        assert!(pool.notes()[0].message.contains("older Beacon"));
    }

    #[test]
    fn bad_rows_are_named_by_line_and_the_rest_is_kept() {
        let pool = read(&format!(
            "{HEADER}Ada,final,1,2,2026-01-01T10:00:00Z,attempt,a1,p1,,,\n\
             Ada,final,x,1,,answer,a1,p1,1,q1,\n\
             ,final,1,1,,answer,a1,p1,2,q2,\n\
             Ada,final,1,1,,answer,,p1,2,q2,\n\
             Ada,final,1,0,,answer,a1,p1,2,q2,\n\
             Ada,final,1,1,,answer,a1,p1,2,q2,\n"
        ));
        let lines: Vec<Option<u64>> = pool.notes().iter().map(|n| n.line).collect();
        assert_eq!(
            lines,
            [Some(3), Some(4), Some(5), Some(6)],
            "{:?}",
            pool.notes()
        );
        assert_eq!(pool.attempt_count(), 1);
    }
}

/// Reading in parallel parts gives exactly the pool of reading row by row.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod parallel_tests {
    use std::fmt::Write;

    use crate::content::{Course, CourseFile, load_files};
    use crate::stats::pool::NOTES_PER_FILE;
    use crate::stats::{Options, Pool, Which, analyse};

    const FILE: &str = "results.csv";

    /// A course of six single-choice questions, `m0.q0` to `m0.q5`.
    fn course() -> Course {
        let mut module =
            "id = \"m0\"\ntitle = \"Module\"\nsummary = \"S.\"\nobjectives = [\"O.\"]\n\n\
             [[sections]]\nid = \"s\"\ntitle = \"Section\"\n\n[[facts]]\nid = \"m0.f\"\n\
             section = \"s\"\ntext = \"A fact.\"\nsource = \"seed:P2\"\n\n"
                .to_owned();
        for q in 0..6 {
            let _ = write!(
                module,
                "[[questions]]\nid = \"m0.q{q}\"\nkind = \"single\"\nprompt = \"Pick.\"\n\
                 choices = [\"A\", \"B\", \"C\", \"D\"]\nanswer = \"B\"\nfacts = [\"m0.f\"]\n\
                 difficulty = 1\nexplanation = \"B.\"\n\n"
            );
        }
        let files = vec![
            CourseFile::new(
                "t/course.toml",
                "id = \"t\"\ntitle = \"T\"\nversion = \"1\"\nlanguage = \"en\"\n\
                 description = \"T.\"\ncontent_note = \"T.\"\nmodules = [\"m0\"]\n\n\
                 [[sources]]\nid = \"seed\"\ntitle = \"Source article\"\n",
            ),
            CourseFile::new("t/m0.toml", module),
        ];
        let course = load_files(std::path::Path::new("t"), files).course;
        assert_eq!(course.questions().count(), 6, "the test course loads");
        course
    }

    /// A results file with what makes parts hard to read on their own: quoted names with
    /// commas, quotes and line breaks, CR LF and empty lines, attempts whose answers come
    /// before, after or without their attempt row (with answer times that are not dates),
    /// and bad rows of every kind, more than [`NOTES_PER_FILE`] of them. Without `quotes`, the
    /// same with no quote at all.
    fn varied(quotes: bool) -> Vec<u8> {
        let pick = |quoted: String, plain: &str| if quotes { quoted } else { plain.to_owned() };
        let mut out = b"profile,scope,score,max,finished,record,attempt_id,profile_id,position,question,response,title\n\
            only,three,fields\n\
            a,b,c,d,e,f,g,h,i,j,k,l,m\n"
            .to_vec();
        let mut seed = 7u32;
        let mut next = move || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % 100
        };
        let line = |out: &mut Vec<u8>, row: &[u8], n: u32| {
            out.extend_from_slice(row);
            out.extend_from_slice(match n % 13 {
                0 => b"\r",
                n if n.is_multiple_of(7) => b"\r\n",
                _ => b"\n",
            });
            if n.is_multiple_of(11) {
                out.extend_from_slice(b"\n");
            }
        };
        for l in 0..14 {
            let name = match l % 4 {
                0 => pick(format!("\"Smith, \"\"J\"\" {l}\""), &format!("Smith J {l}")),
                1 => pick(format!("\"Ann\nLee {l}\""), &format!("Ann Lee {l}")),
                2 => format!("Bo {l}"),
                _ => format!(" Cy {l} "),
            };
            let id = match l % 5 {
                4 => String::new(),
                _ if l % 3 == 0 => format!("p{}", l % 2),
                _ => format!("0b7c4a4e-5f0e-4f5e-9a4e-{l:012}"),
            };
            for t in 0..3 {
                let scope = ["final", "m0", if quotes { "\"m0\"" } else { "m0" }][t % 3];
                let title = pick("\"Final, \"\"the\"\" test\"".to_owned(), "Final test");
                let attempt = format!("a{l}-{t}");
                let attempt_row = format!(
                    "{name},{scope},{},6,2026-01-0{}T10:00:00Z,attempt,{attempt},{id},,,,{title}",
                    next() % 7,
                    1 + t
                );
                let order = (l + t) % 3;
                if order == 0 {
                    line(&mut out, attempt_row.as_bytes(), next());
                }
                for q in 0..6 {
                    let points = ["1", "0", "0.5", " 1 "][(next() % 4) as usize];
                    let finished = if (l + q) % 4 == 0 {
                        "soon".to_owned()
                    } else {
                        format!("2026-01-0{}T09:{:02}:00Z", 1 + t, next() % 60)
                    };
                    let response = match next() % 5 {
                        0 => pick("\"c0[,]c2\"".to_owned(), "c2"),
                        1 => pick("\"c1, \"\"c2\"\"\"".to_owned(), "c1 c2"),
                        2 => String::new(),
                        _ => format!("c{}", next() % 5),
                    };
                    let question = if q == 5 && l % 2 == 0 {
                        "zz".to_owned()
                    } else {
                        format!("m0.q{q}")
                    };
                    let row = format!(
                        "{name},{scope},{points},1,{finished},answer,{attempt},{id},{},{question},{response},",
                        q + 1
                    );
                    line(&mut out, row.as_bytes(), next());
                    if next() < 12 {
                        let bad: Vec<u8> = match next() % 9 {
                            0 => b"only,three,fields".to_vec(),
                            1 => format!("{name},{scope},abc,1,,answer,{attempt},{id},1,m0.q1,c1,")
                                .into_bytes(),
                            2 => format!(",{scope},1,1,,answer,{attempt},{id},1,m0.q1,c1,")
                                .into_bytes(),
                            3 => [
                                format!("{name},{scope},1,1,,answer,{attempt},{id},1,m0.q1,c")
                                    .as_bytes(),
                                b"\xff,",
                            ]
                            .concat(),
                            4 => [
                                format!("{name},{scope},1,1,,answer,{attempt},{id},2,m0.q2,c1,")
                                    .as_bytes(),
                                b"\xfe",
                            ]
                            .concat(),
                            5 => format!("{name},{scope},1,0,,answer,{attempt},{id},1,m0.q1,c1,")
                                .into_bytes(),
                            6 => format!("{name},{scope},1,1,,bogus,{attempt},{id},1,m0.q1,c1,")
                                .into_bytes(),
                            7 => format!("{name},{scope},1,1,,answer,{attempt},{id},x,m0.q1,c1,")
                                .into_bytes(),
                            _ => format!("{name},{scope},1,1,,lesson,,{id},,,,").into_bytes(),
                        };
                        line(&mut out, &bad, next());
                    }
                }
                if order == 1 {
                    line(&mut out, attempt_row.as_bytes(), next());
                }
            }
        }
        out
    }

    /// Reads `bytes` twice into one pool (the second time, every attempt already has its
    /// score), row by row or in parts of about `chunk` bytes.
    fn read(bytes: &[u8], course: &Course, chunk: Option<usize>) -> Pool {
        let mut pool = Pool::new();
        for _ in 0..2 {
            pool.files.push(FILE.to_owned());
            match chunk {
                None => super::read_serial(&mut pool, FILE, bytes, course),
                Some(chunk) => assert!(
                    super::parallel::read(&mut pool, FILE, bytes, course, chunk, 3),
                    "read in parts"
                ),
            }
            pool.close(FILE);
        }
        pool
    }

    fn same_as_serial(bytes: &[u8], course: &Course) -> Pool {
        let serial = read(bytes, course, None);
        let reports = |pool: &Pool| {
            [Which::First, Which::All].map(|which| {
                analyse(
                    pool,
                    course,
                    &Options {
                        which,
                        ..Options::default()
                    },
                )
            })
        };
        let expected = reports(&serial);
        for chunk in [1, 2, 3, 5, 8, 13, 21, 40, 97, 256, 1000, 4096, usize::MAX] {
            let starts = super::parallel::starts(bytes, chunk).map(|s| s.len());
            assert!(starts.is_some(), "parts of {chunk} bytes");
            let parallel = read(bytes, course, Some(chunk));
            assert_eq!(
                parallel, serial,
                "parts of {chunk} bytes ({starts:?} parts)"
            );
            assert_eq!(reports(&parallel), expected, "parts of {chunk} bytes");
        }
        serial
    }

    #[test]
    fn parts_read_in_parallel_give_the_pool_read_row_by_row() {
        let course = course();
        for quotes in [true, false] {
            let bytes = varied(quotes);
            assert_eq!(memchr::memchr(b'"', &bytes).is_some(), quotes);
            assert!(super::parallel::starts(&bytes, 1).is_some_and(|s| s.len() > 200));
            let pool = same_as_serial(&bytes, &course);
            // What the file was made to exercise.
            assert_eq!(pool.learner_count(), 14);
            let hidden: Vec<usize> = pool.notes()[NOTES_PER_FILE..]
                .iter()
                .filter_map(|n| n.message.strip_suffix(" more problems like the ones above"))
                .filter_map(|n| n.parse().ok())
                .collect();
            assert!(
                matches!(hidden[..], [first, second] if second < first),
                "the second time, answers to attempts scored the first time are not problems: {hidden:?}"
            );
            let listed = |text: &str| pool.notes().iter().any(|n| n.message.contains(text));
            assert!(listed("`finished` is `soon`"));
            assert!(listed("not valid UTF-8"));
            assert!(listed("this row has 3 fields where the first line has 12"));
            assert!(listed("this row has 13 fields where the first line has 12"));
            assert!(
                pool.attempts
                    .iter()
                    .any(|a| a.items.iter().any(|i| i.picked.is_some()))
            );
        }
    }

    #[test]
    fn an_older_file_reads_the_same_in_parts() {
        let mut text = "profile,course,version,scope,title,finished,score,max\n".to_owned();
        for l in 0..30 {
            let _ = writeln!(
                text,
                "\"Ada, {l}\",c,1,final,\"Final \"\"assessment\"\"\",2026-01-0{}T10:00:00Z,{},10",
                1 + l % 9,
                l % 11
            );
            if l % 4 == 0 {
                let _ = writeln!(text, "Bad {l},c,1,final,x,,ten,10");
            }
        }
        let pool = same_as_serial(text.as_bytes(), &course());
        assert!(
            pool.notes()
                .iter()
                .any(|n| n.message.contains("older Beacon"))
        );
    }

    #[test]
    fn quotes_that_are_not_rfc_4180_are_read_row_by_row() {
        let course = course();
        for text in [
            "profile,scope,score,max\nAda \"the\" first,final,1,2\nBo,final,1,2\n",
            "profile,scope,score,max\n\"Ada\"x,final,1,2\nBo,final,1,2\n",
            "profile,scope,score,max\n\"Ada,final,1,2\nBo,final,1,2\n",
        ] {
            assert_eq!(super::parallel::starts(text.as_bytes(), 1), None, "{text}");
            let mut pool = Pool::new();
            assert!(!super::parallel::read(
                &mut pool,
                FILE,
                text.as_bytes(),
                &course,
                1,
                2
            ));
            assert_eq!(pool, Pool::new(), "nothing read");
        }
        assert_eq!(
            super::parallel::starts(b"a,b\r\n\"x\ny\",\"\"\"\"\r\nc,d\n\ne,f", 1),
            Some(vec![(0, false), (4, true), (16, false), (21, false)]),
            "after each line end outside quotes, at the LF of a CR LF"
        );
    }

    /// Found by fuzzing: an attempt row's score below 0 or above its maximum gave a test mean
    /// outside 0 to 100%. A share is held to 0 to 1, as each question's score is.
    #[test]
    fn an_attempt_score_outside_its_range_counts_as_0_or_the_maximum() {
        let course = course();
        let csv = "profile,scope,score,max,record,attempt_id\n\
                   Ada,final,-5,6,attempt,a1\n\
                   Bo,final,9,6,attempt,b1\n";
        let mut pool = Pool::new();
        pool.read(FILE, csv.as_bytes(), &course);
        let report = analyse(&pool, &course, &Options::default());
        let final_test = report.tests.first().expect("the test");
        assert_eq!(final_test.attempts, 2);
        assert_eq!(final_test.mean, Some(0.5), "0 and 1, not -0.83 and 1.5");
    }
}
