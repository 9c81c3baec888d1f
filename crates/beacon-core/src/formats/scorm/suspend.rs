//! A learner's progress in `cmi.suspend_data`: compact enough that a learner who has done
//! everything (every lesson read, every module quizzed, the final assessment passed, a memory
//! state for every fact) fits SCORM 1.2's 4,096 characters, with SCORM 2004's 64,000 used for
//! history when the LMS offers them.
//!
//! The progress is rewritten as columns of small numbers (postcard's variable-length integers):
//! ids as positions in a table built from the course (facts first, then questions, modules,
//! events), times in minutes after the earliest one, scores in thousandths; then deflated and
//! written in URL-safe Base64, which every LMS stores as it is. A fingerprint of the table
//! guards against a package whose course changed: then the parts keyed by course ids are
//! dropped rather than misread.
//!
//! What always goes in: the learner, settings, lessons, the final assessments, each module's
//! best and last quiz, the unfinished quiz, the place, and the memory of every fact still in the
//! course. What goes in as room allows, newest first: the other attempts, then the answer
//! history. Times are kept to the minute and FSRS numbers to a thousandth.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write};

use chrono::{DateTime, Duration, Utc};
use data_encoding::BASE64URL_NOPAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::content::Course;
use crate::progress::{
    AnswerRecord, AttemptRecord, FactMemory, Learner, LessonProgress, Place, Progress, QuizInfo,
    Settings, ThemeChoice, UnfinishedQuiz, decode_response, encode_response,
};
use crate::quiz::{Outcome, QuizSpec, Scope, Slot, generate};

/// What every encoded text starts with (format version 1).
const PREFIX: &str = "B1";

/// The most bytes an encoded text may inflate to (a guard against a crafted text).
const MAX_INFLATED: u64 = 8 << 20;

/// Why progress could not be encoded or decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SuspendError {
    /// Even the parts that always go in do not fit.
    #[error("the progress needs {needed} characters, more than the {limit} the LMS keeps")]
    TooLarge {
        /// Characters needed.
        needed: usize,
        /// Characters allowed.
        limit: usize,
    },
    /// The text is not Beacon's.
    #[error("the saved progress from the LMS is not in Beacon's format")]
    NotBeacon,
    /// The text is Beacon's but damaged.
    #[error("the saved progress from the LMS is damaged: {0}")]
    Damaged(String),
}

/// The encoded text and what did not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// The text for `cmi.suspend_data`.
    pub text: String,
    /// Attempts left out (the oldest that are neither finals nor a module's best or last).
    pub attempts_left_out: usize,
    /// Answers left out of the history (the oldest).
    pub answers_left_out: usize,
}

/// Decoded progress and what could not be restored.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The progress.
    pub progress: Progress,
    /// Whether the course changed since it was saved, so memory, answers and the unfinished
    /// quiz (keyed by course ids) were dropped.
    pub course_changed: bool,
}

/// The ids of a course in a fixed order: facts, questions (authored, then the generated ones
/// whose ids the course fixes), modules, events.
#[derive(Debug, Clone)]
pub struct Ids {
    list: Vec<String>,
    index: HashMap<String, u32>,
    fingerprint: u32,
}

impl Ids {
    /// The table of `course`.
    #[must_use]
    pub fn of(course: &Course) -> Self {
        let mut list: Vec<String> = Vec::new();
        let modules = &course.modules;
        list.extend(
            modules
                .iter()
                .flat_map(|m| m.facts.iter().map(|f| f.id.clone())),
        );
        list.extend(
            modules
                .iter()
                .flat_map(|m| m.questions.iter().map(|q| q.id.clone())),
        );
        for m in modules {
            list.extend(
                m.events
                    .iter()
                    .map(|e| format!("{}year:{}", generate::PREFIX, e.id)),
            );
            list.extend(
                m.facts
                    .iter()
                    .filter(|f| f.number.is_some())
                    .map(|f| format!("{}number:{}", generate::PREFIX, f.id)),
            );
            list.extend(
                (0..m.terms.len()).map(|i| format!("{}term:{}:{i}", generate::PREFIX, m.id)),
            );
        }
        list.extend(modules.iter().map(|m| m.id.clone()));
        list.extend(
            modules
                .iter()
                .flat_map(|m| m.events.iter().map(|e| e.id.clone())),
        );
        let mut index = HashMap::new();
        for (i, id) in list.iter().enumerate() {
            index
                .entry(id.clone())
                .or_insert_with(|| u32::try_from(i).unwrap_or(u32::MAX));
        }
        let digest = Sha256::digest(list.join("\n").as_bytes());
        let fingerprint = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
        Self {
            list,
            index,
            fingerprint,
        }
    }

    fn id(&self, s: &str) -> Id {
        self.index
            .get(s)
            .map_or_else(|| Id::Text(s.to_owned()), |&i| Id::Index(i))
    }

    fn text(&self, id: Id) -> Option<String> {
        match id {
            Id::Index(i) => self.list.get(usize::try_from(i).ok()?).cloned(),
            Id::Text(t) => Some(t),
        }
    }
}

/// An id: its position in the course's table, or its text when the course lacks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Id {
    Index(u32),
    Text(String),
}

/// The whole encoded progress. Field order is the format: never reorder, only append.
/// A lesson: module, page open, pages read, finished, when finished and when it counted as read
/// (minutes after the base). The seconds each page was shown are left out: `read_at` keeps what
/// they decided.
type LessonRow = (String, u32, Vec<u32>, bool, Option<u32>, Option<u32>);

#[derive(Debug, Default, Serialize, Deserialize)]
struct Compact {
    fingerprint: u32,
    /// Minutes since 1970 that the other times count from.
    base: i64,
    name: String,
    welcomed: bool,
    /// Theme (0 system, 1 light, 2 dark), text size, new facts per day, retention in
    /// thousandths, streak shown.
    settings: (u8, u16, u16, u16, bool),
    lessons: Vec<LessonRow>,
    attempts: Vec<Attempt>,
    unfinished: Option<Unfinished>,
    /// `None`: nowhere; `Some(None)`: the unfinished quiz; `Some(Some((module, page)))`.
    #[allow(
        clippy::option_option,
        reason = "three states in the fewest bytes of postcard"
    )]
    place: Option<Option<(String, u32)>>,
    memory: Memory,
    answers: Answers,
}

/// What identifies a quiz, compactly.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Info {
    id: u64,
    /// 0 the course, 1 modules, 2 questions; then the modules or question ids.
    scope: (u8, Vec<Id>),
    count: u32,
    generated: bool,
    seed: u64,
    title: String,
    module: Option<String>,
    started: u32,
    review: bool,
    assessment: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Attempt {
    info: Info,
    /// Minutes after the start.
    finished: u32,
    /// Thousandths of a point.
    score: u32,
    max: u32,
    /// Tenths of a second.
    seconds: u32,
    questions: Vec<Id>,
    missed: Vec<Id>,
    passed: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Unfinished {
    info: Info,
    questions: Vec<Id>,
    /// 0 open, 1 skipped, 2 answered; the response, thousandths, tenths of a second.
    slots: Vec<(u8, String, u32, u32)>,
    current: u32,
}

/// Memory states as columns, in the order of the facts' positions in the table.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Memory {
    /// Each fact's position minus the previous one's.
    facts: Vec<u32>,
    /// Thousandths.
    stability: Vec<u32>,
    difficulty: Vec<u32>,
    /// Minutes after the base.
    last: Vec<u32>,
    /// Days from the last review to the next.
    interval: Vec<u32>,
    /// Days from the first review to the last.
    age: Vec<u32>,
    reviews: Vec<u32>,
    lapses: Vec<u32>,
    last_question: Vec<Option<Id>>,
    delayed_recalls: Vec<u32>,
}

/// Answers as columns, oldest first.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Answers {
    question: Vec<Id>,
    module: Vec<Id>,
    /// Minutes after the previous answer (the first: after the base).
    at: Vec<u32>,
    outcome: Vec<Outcome>,
    score: Vec<u32>,
    seconds: Vec<u32>,
    attempt: Vec<Option<u64>>,
    response: Vec<Option<String>>,
}

fn minutes(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(60)
}

fn thousandths(x: f64) -> u32 {
    (x.max(0.0) * 1000.0).round() as u32
}

fn tenths(x: f64) -> u32 {
    (x.max(0.0) * 10.0).round() as u32
}

/// The earliest time in the progress, in minutes since 1970.
fn earliest(p: &Progress) -> i64 {
    let times = p
        .answers
        .iter()
        .map(|a| a.at)
        .chain(p.attempts.iter().map(|a| a.info.started))
        .chain(p.unfinished.iter().map(|u| u.info.started))
        .chain(p.memory.values().map(|m| m.last_review))
        .chain(p.lessons.values().filter_map(|l| l.finished_at))
        .chain(p.lessons.values().filter_map(|l| l.read_at));
    times.map(minutes).min().unwrap_or(0)
}

struct Encoder<'a> {
    ids: &'a Ids,
    base: i64,
}

impl Encoder<'_> {
    fn after(&self, t: DateTime<Utc>) -> u32 {
        u32::try_from((minutes(t) - self.base).max(0)).unwrap_or(u32::MAX)
    }

    fn ids(&self, list: &[String]) -> Vec<Id> {
        list.iter().map(|s| self.ids.id(s)).collect()
    }

    fn info(&self, i: &QuizInfo) -> Info {
        let scope = match &i.spec.scope {
            Scope::Course => (0, Vec::new()),
            Scope::Modules(m) => (1, self.ids(m)),
            Scope::Questions(q) => (2, self.ids(q)),
        };
        Info {
            id: i.id,
            scope,
            count: u32::try_from(i.spec.count).unwrap_or(u32::MAX),
            generated: i.spec.generated,
            seed: i.seed,
            title: i.title.clone(),
            module: i.module.clone(),
            started: self.after(i.started),
            review: i.review,
            assessment: i.assessment,
        }
    }

    fn attempt(&self, a: &AttemptRecord, with_questions: bool) -> Attempt {
        Attempt {
            info: self.info(&a.info),
            finished: u32::try_from((minutes(a.finished) - minutes(a.info.started)).max(0))
                .unwrap_or(u32::MAX),
            score: thousandths(a.score),
            max: u32::try_from(a.max).unwrap_or(u32::MAX),
            seconds: tenths(a.seconds),
            questions: if with_questions {
                self.ids(&a.questions)
            } else {
                Vec::new()
            },
            missed: self.ids(&a.missed),
            passed: a.passed,
        }
    }

    fn memory(&self, memory: &BTreeMap<String, FactMemory>) -> Memory {
        let mut known: Vec<(u32, &FactMemory)> = memory
            .iter()
            .filter_map(|(fact, m)| match self.ids.id(fact) {
                Id::Index(i) => Some((i, m)),
                Id::Text(_) => None,
            })
            .collect();
        known.sort_by_key(|(i, _)| *i);
        let mut out = Memory::default();
        let mut previous = 0;
        for (i, m) in known {
            out.facts.push(i - previous);
            previous = i;
            out.stability.push(thousandths(m.stability));
            out.difficulty.push(thousandths(m.difficulty));
            out.last.push(self.after(m.last_review));
            let days = |a: DateTime<Utc>, b: DateTime<Utc>| {
                u32::try_from((b - a).num_days().max(0)).unwrap_or(u32::MAX)
            };
            out.interval.push(days(m.last_review, m.due));
            out.age.push(days(m.first_review, m.last_review));
            out.reviews.push(m.reviews);
            out.lapses.push(m.lapses);
            out.delayed_recalls.push(m.delayed_recalls);
            out.last_question
                .push(m.last_question.as_deref().map(|q| self.ids.id(q)));
        }
        out
    }

    fn answers(&self, answers: &[AnswerRecord]) -> Answers {
        let mut out = Answers::default();
        let mut previous = self.base;
        for a in answers {
            let at = minutes(a.at).max(previous);
            out.question.push(self.ids.id(&a.question));
            out.module.push(self.ids.id(&a.module));
            out.at
                .push(u32::try_from(at - previous).unwrap_or(u32::MAX));
            previous = at;
            out.outcome.push(a.outcome);
            out.score.push(thousandths(a.score));
            out.seconds.push(tenths(a.seconds));
            out.attempt.push(a.attempt);
            out.response.push(a.response.as_ref().map(encode_response));
        }
        out
    }
}

/// The attempts that always go in (finals, each module's best and last) and the others,
/// newest first.
fn split_attempts(attempts: &[AttemptRecord]) -> (BTreeSet<usize>, Vec<usize>) {
    let mut keep = BTreeSet::new();
    let mut best: HashMap<&str, usize> = HashMap::new();
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, a) in attempts.iter().enumerate() {
        if a.info.assessment {
            keep.insert(i);
        } else if let Some(m) = a.info.module.as_deref() {
            last.insert(m, i);
            let better = best
                .get(m)
                .is_none_or(|&b| a.percent() > attempts[b].percent());
            if better {
                best.insert(m, i);
            }
        }
    }
    keep.extend(best.values());
    keep.extend(last.values());
    let others = (0..attempts.len())
        .rev()
        .filter(|i| !keep.contains(i))
        .collect();
    (keep, others)
}

fn pack(c: &Compact) -> String {
    let bytes = postcard::to_allocvec(c).unwrap_or_default();
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into memory cannot fail.
    let _ = z.write_all(&bytes);
    let deflated = z.finish().unwrap_or_default();
    format!("{PREFIX}{}", BASE64URL_NOPAD.encode(&deflated))
}

/// Encodes `progress` for `course` in at most `limit` characters, leaving out the oldest
/// history first when it does not all fit.
///
/// # Errors
/// When even the parts that always go in need more than `limit`.
pub fn encode(progress: &Progress, ids: &Ids, limit: usize) -> Result<Encoded, SuspendError> {
    let base = earliest(progress);
    let e = Encoder { ids, base };
    let s = &progress.settings;
    let (keep, others) = split_attempts(&progress.attempts);
    let mut c = Compact {
        fingerprint: ids.fingerprint,
        base,
        name: progress.learner.name.clone(),
        welcomed: progress.learner.welcomed,
        settings: (
            match s.theme {
                ThemeChoice::System => 0,
                ThemeChoice::Light => 1,
                ThemeChoice::Dark => 2,
            },
            s.text_size,
            s.new_per_day,
            u16::try_from(thousandths(s.desired_retention)).unwrap_or(u16::MAX),
            s.show_streak,
        ),
        lessons: progress
            .lessons
            .iter()
            .map(|(m, l)| {
                (
                    m.clone(),
                    u32::try_from(l.page).unwrap_or(u32::MAX),
                    l.pages_read
                        .iter()
                        .map(|&p| u32::try_from(p).unwrap_or(u32::MAX))
                        .collect(),
                    l.finished,
                    l.finished_at.map(|t| e.after(t)),
                    l.read_at.map(|t| e.after(t)),
                )
            })
            .collect(),
        attempts: Vec::new(),
        unfinished: progress.unfinished.as_ref().map(|u| Unfinished {
            info: e.info(&u.info),
            questions: e.ids(&u.questions),
            slots: u
                .slots
                .iter()
                .map(|s| match s {
                    Slot::Open => (0, String::new(), 0, 0),
                    Slot::Skipped => (1, String::new(), 0, 0),
                    Slot::Answered {
                        response,
                        score,
                        seconds,
                    } => (
                        2,
                        encode_response(response),
                        thousandths(*score),
                        tenths(*seconds),
                    ),
                })
                .collect(),
            current: u32::try_from(u.current).unwrap_or(u32::MAX),
        }),
        place: progress.last_place.as_ref().map(|p| match p {
            Place::Lesson { module, page } => {
                Some((module.clone(), u32::try_from(*page).unwrap_or(u32::MAX)))
            }
            Place::Quiz => None,
        }),
        memory: e.memory(&progress.memory),
        answers: Answers::default(),
    };
    // The attempts in their order, with the first `extra` of the others.
    let attempts_with = |extra: usize, questions: bool| -> Vec<Attempt> {
        let chosen: BTreeSet<usize> = keep
            .iter()
            .copied()
            .chain(others.iter().take(extra).copied())
            .collect();
        chosen
            .into_iter()
            .map(|i| e.attempt(&progress.attempts[i], questions))
            .collect()
    };
    let answers = &progress.answers;
    let fits = |c: &Compact| {
        let text = pack(c);
        (text.len() <= limit).then_some(text)
    };

    // Everything, if it fits.
    c.attempts = attempts_with(others.len(), true);
    c.answers = e.answers(answers);
    if let Some(text) = fits(&c) {
        return Ok(Encoded {
            text,
            attempts_left_out: 0,
            answers_left_out: 0,
        });
    }
    // All attempts without their question lists, and as many recent answers as fit.
    c.attempts = attempts_with(others.len(), false);
    let with_answers = |c: &mut Compact, n: usize| {
        c.answers = e.answers(&answers[answers.len() - n..]);
    };
    with_answers(&mut c, 0);
    if fits(&c).is_some() {
        let n = largest(answers.len(), |n| {
            with_answers(&mut c, n);
            fits(&c).is_some()
        });
        with_answers(&mut c, n);
        let text = pack(&c);
        return Ok(Encoded {
            text,
            attempts_left_out: 0,
            answers_left_out: answers.len() - n,
        });
    }
    // No answers, and as many recent other attempts as fit.
    let n = largest(others.len(), |n| {
        c.attempts = attempts_with(n, false);
        fits(&c).is_some()
    });
    c.attempts = attempts_with(n, false);
    let text = pack(&c);
    if text.len() > limit {
        return Err(SuspendError::TooLarge {
            needed: text.len(),
            limit,
        });
    }
    Ok(Encoded {
        text,
        attempts_left_out: others.len() - n,
        answers_left_out: answers.len(),
    })
}

/// The largest `n` in `0..=max` for which `ok(n)` holds, given that it holds for 0 and, once
/// false, stays false for larger `n`.
fn largest(max: usize, mut ok: impl FnMut(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, max);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if ok(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// Reads progress written by [`encode`] for the same course.
///
/// # Errors
/// When the text is not Beacon's or is damaged.
pub fn decode(text: &str, ids: &Ids) -> Result<Decoded, SuspendError> {
    let body = text
        .trim()
        .strip_prefix(PREFIX)
        .ok_or(SuspendError::NotBeacon)?;
    let deflated = BASE64URL_NOPAD
        .decode(body.as_bytes())
        .map_err(|e| SuspendError::Damaged(e.to_string()))?;
    let mut bytes = Vec::new();
    flate2::read::DeflateDecoder::new(deflated.as_slice())
        .take(MAX_INFLATED)
        .read_to_end(&mut bytes)
        .map_err(|e| SuspendError::Damaged(e.to_string()))?;
    let c: Compact =
        postcard::from_bytes(&bytes).map_err(|e| SuspendError::Damaged(e.to_string()))?;
    let same = c.fingerprint == ids.fingerprint;
    let at = |m: u32| {
        DateTime::<Utc>::from_timestamp((c.base + i64::from(m)) * 60, 0).unwrap_or_default()
    };
    let id = |i: Id| if same { ids.text(i) } else { None };
    let id_list = |l: Vec<Id>| l.into_iter().filter_map(id).collect::<Vec<String>>();
    let info = |i: Info| QuizInfo {
        id: i.id,
        spec: QuizSpec {
            scope: match i.scope.0 {
                0 => Scope::Course,
                1 => Scope::Modules(id_list(i.scope.1)),
                _ => Scope::Questions(id_list(i.scope.1)),
            },
            count: i.count as usize,
            generated: i.generated,
        },
        seed: i.seed,
        title: i.title,
        module: i.module,
        started: at(i.started),
        review: i.review,
        assessment: i.assessment,
    };
    let (theme, text_size, new_per_day, retention, show_streak) = c.settings;
    let mut progress = Progress {
        learner: Learner {
            name: c.name,
            welcomed: c.welcomed,
        },
        settings: Settings {
            theme: match theme {
                1 => ThemeChoice::Light,
                2 => ThemeChoice::Dark,
                _ => ThemeChoice::System,
            },
            text_size,
            new_per_day,
            desired_retention: f64::from(retention) / 1000.0,
            show_streak,
        },
        ..Progress::default()
    };
    for (module, page, read, finished, finished_at, read_at) in c.lessons {
        progress.lessons.insert(
            module,
            LessonProgress {
                page: page as usize,
                pages_read: read.into_iter().map(|p| p as usize).collect(),
                finished,
                finished_at: finished_at.map(at),
                read_at: read_at.map(at),
                ..LessonProgress::default()
            },
        );
    }
    for a in c.attempts {
        let started = at(a.info.started);
        progress.attempts.push(AttemptRecord {
            info: info(a.info),
            finished: started + Duration::minutes(i64::from(a.finished)),
            score: f64::from(a.score) / 1000.0,
            max: a.max as usize,
            seconds: f64::from(a.seconds) / 10.0,
            questions: id_list(a.questions),
            missed: id_list(a.missed),
            passed: a.passed,
        });
    }
    if same {
        progress.unfinished = c.unfinished.map(|u| UnfinishedQuiz {
            info: info(u.info),
            questions: id_list(u.questions),
            slots: u
                .slots
                .into_iter()
                .map(|(state, response, score, seconds)| {
                    match (state, decode_response(&response)) {
                        (2, Some(response)) => Slot::Answered {
                            response,
                            score: f64::from(score) / 1000.0,
                            seconds: f64::from(seconds) / 10.0,
                        },
                        (1, _) => Slot::Skipped,
                        _ => Slot::Open,
                    }
                })
                .collect(),
            current: u.current as usize,
        });
        let m = c.memory;
        let mut fact = 0u32;
        for (i, delta) in m.facts.iter().enumerate() {
            fact = fact.saturating_add(*delta);
            let (Some(name), Some(&last)) = (ids.text(Id::Index(fact)), m.last.get(i)) else {
                continue;
            };
            let last = at(last);
            let get = |col: &[u32]| col.get(i).copied().unwrap_or(0);
            progress.memory.insert(
                name,
                FactMemory {
                    stability: f64::from(get(&m.stability)) / 1000.0,
                    difficulty: f64::from(get(&m.difficulty)) / 1000.0,
                    first_review: last - Duration::days(i64::from(get(&m.age))),
                    last_review: last,
                    due: last + Duration::days(i64::from(get(&m.interval))),
                    reviews: get(&m.reviews),
                    lapses: get(&m.lapses),
                    last_question: m.last_question.get(i).cloned().flatten().and_then(id),
                    delayed_recalls: get(&m.delayed_recalls),
                },
            );
        }
        let a = c.answers;
        let mut time = c.base;
        let columns = a
            .question
            .into_iter()
            .zip(a.module)
            .zip(a.at)
            .zip(a.outcome);
        let rest = a
            .score
            .into_iter()
            .zip(a.seconds)
            .zip(a.attempt)
            .zip(a.response);
        for ((((question, module), minutes), outcome), (((score, seconds), attempt), response)) in
            columns.zip(rest)
        {
            time += i64::from(minutes);
            let (Some(question), Some(module)) = (id(question), id(module)) else {
                continue;
            };
            progress.answers.push(AnswerRecord {
                question,
                module,
                at: DateTime::<Utc>::from_timestamp(time * 60, 0).unwrap_or_default(),
                outcome,
                score: f64::from(score) / 1000.0,
                seconds: f64::from(seconds) / 10.0,
                attempt,
                response: response.as_deref().and_then(decode_response),
            });
        }
    }
    progress.last_place = match c.place {
        Some(Some((module, page))) => Some(Place::Lesson {
            module,
            page: page as usize,
        }),
        Some(None) if progress.unfinished.is_some() => Some(Place::Quiz),
        _ => None,
    };
    Ok(Decoded {
        progress,
        course_changed: !same,
    })
}
