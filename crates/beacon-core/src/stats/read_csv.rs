//! Reading Beacon's results CSV: attempt rows (every version of Beacon wrote these) and the
//! answer rows that follow each attempt (written since per-question rows were added). Columns
//! are found by their names in the first line, so column order does not matter.

use std::borrow::Cow;

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
    /// The course's xAPI base: profile ids are accounts on it, as in the xAPI export.
    base: String,
    learner: Last,
    test: Last,
    attempt: Last,
    question: Last,
    /// The response shape of each question, by the pool's question index.
    shapes: Vec<Option<Shape>>,
}

/// Reads a results CSV into the pool.
pub(super) fn read(pool: &mut Pool, file: &str, bytes: &[u8], course: &Course) {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let columns = match reader.byte_headers().map_err(|e| e.to_string()) {
        Ok(headers) => Columns::find(headers),
        Err(e) => Err(format!("this is not a CSV file ({e})")),
    };
    let columns = match columns {
        Ok(c) => c,
        Err(message) => {
            pool.note(file, Some(1), message);
            return;
        }
    };
    let mut state = State {
        base: crate::formats::xapi::iri_base(course),
        ..State::default()
    };
    let mut record = ByteRecord::new();
    let mut rows = 0usize;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                rows += 1;
                let line = record.position().map(csv::Position::line);
                if let Err(message) = row(pool, &mut state, &columns, &record, course) {
                    pool.note(file, line, message);
                }
            }
            Err(e) => {
                let line = e.position().map(csv::Position::line);
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "this row has {len} fields where the first line has {expected_len}; it was left out"
                    ),
                    _ => format!("{e}; the row was left out"),
                };
                let stop = matches!(e.kind(), csv::ErrorKind::Io(_));
                pool.note(file, line, message);
                if stop {
                    break;
                }
            }
        }
    }
    if columns.record.is_none() && rows > 0 {
        pool.note(
            file,
            None,
            "exported by an older Beacon: it has each attempt's score but no per-question rows, so it counts in the tests' scores only. Export the results again from Beacon to include its questions.",
        );
    }
}

/// A field as text (empty when the row is shorter).
fn text<'r>(record: &'r ByteRecord, i: usize, name: &str) -> Result<&'r str, String> {
    std::str::from_utf8(record.get(i).unwrap_or_default())
        .map(str::trim)
        .map_err(|_| format!("`{name}` is not valid UTF-8 text"))
}

fn optional<'r>(record: &'r ByteRecord, i: Option<usize>, name: &str) -> Result<&'r str, String> {
    i.map_or(Ok(""), |i| text(record, i, name))
}

fn number(record: &ByteRecord, i: usize, name: &str) -> Result<f64, String> {
    let t = text(record, i, name)?;
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!("`{name}` is `{t}`, not a number")),
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
    record: &ByteRecord,
    course: &Course,
) -> Result<(), String> {
    let answer = match optional(record, c.record, "record")? {
        "" | "attempt" => false,
        "answer" => true,
        // A lesson read says nothing about a question.
        "lesson" => return Ok(()),
        other => {
            return Err(format!(
                "`record` is `{other}`; it should be `attempt`, `answer` or `lesson`"
            ));
        }
    };
    let profile = record.get(c.profile).unwrap_or_default();
    let profile_id = c.profile_id.and_then(|i| record.get(i)).unwrap_or_default();
    let learner = match state.learner.index {
        Some(i) if state.learner.key == profile && state.learner.id == profile_id => i,
        _ => {
            let name = text(record, c.profile, "profile")?;
            if name.is_empty() {
                return Err("the `profile` column is empty: whose results are these?".into());
            }
            let id = optional(record, c.profile_id, "profile_id")?;
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
    let scope = text(record, c.scope, "scope")?;
    if scope.is_empty() {
        return Err("the `scope` column is empty: which test was this?".into());
    }
    let test = state.test.get(scope.as_bytes(), 0, || pool.test(scope));
    let finished = optional(record, c.finished, "finished")?;
    let attempt_id = optional(record, c.attempt_id, "attempt_id")?;
    let key: Cow<'_, str> = if attempt_id.is_empty() {
        if answer {
            return Err("an answer row needs the `attempt_id` of its attempt".into());
        }
        // Older files have no attempt ids: an attempt is its test, finish time and title.
        Cow::Owned(format!(
            "{scope}|{finished}|{}",
            optional(record, c.title, "title")?
        ))
    } else {
        Cow::Borrowed(attempt_id)
    };
    let attempt = state.attempt.get(key.as_bytes(), learner, || {
        pool.attempt(learner, &key, test)
    });
    let points = number(record, c.score, "score")?;
    let max = number(record, c.max, "max")?;
    if max <= 0.0 {
        return Err(format!("`max` is {max}; it must be above 0"));
    }
    if !answer {
        let when = millis(finished)?;
        if let Some(a) = pool.attempt_mut(attempt) {
            a.saw(when);
            a.total.get_or_insert((points, max));
        }
        return Ok(());
    }
    let id = optional(record, c.question, "question")?;
    if id.is_empty() {
        return Err("an answer row needs the `question` it answers".into());
    }
    let question = state.question.get(id.as_bytes(), 0, || pool.question(id));
    let i = question as usize;
    if state.shapes.len() <= i {
        state.shapes.resize(i + 1, None);
    }
    let shape = *state.shapes[i].get_or_insert_with(|| Shape::of(course, id));
    let picked = shape.parse(optional(record, c.response, "response")?, |_| None);
    let position = optional(record, c.position, "position")?;
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
    if a.total.is_none() {
        // Without its attempt row, the attempt's time is that of its answers.
        a.saw(millis(finished)?);
    }
    let seq = a.items.len() as u32;
    a.items.push(super::pool::Item {
        question,
        order,
        seq,
        score: (points / max).clamp(0.0, 1.0),
        picked,
    });
    Ok(())
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
