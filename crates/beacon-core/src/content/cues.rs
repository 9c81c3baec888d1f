//! Cue checks: what a test-wise learner who knows nothing could use to answer, found in the
//! course text before any learner meets it. Each cue is reported per question and, where it is
//! a matter of how often it happens, as a course total against chance.
//!
//! | cue | per question | course total |
//! |---|---|---|
//! | the key is the strictly longest choice | yes | share of single-choice items vs the mean of 1/choices |
//! | right choices all longer than wrong ones | yes | share of multiple-answer items vs the mean of 1/C(choices, right) |
//! | an absolute word in a false statement | yes | share of false statements with one vs share of true ones |
//! | a hedge in a true statement | yes | share of true statements with one vs share of false ones |
//! | "all/none of the above" | yes | |
//! | prompt words repeated only in the key | yes | |
//! | an approximate figure asked with no tolerance | yes | |
//! | a fill-in missing an obvious form | yes | |
//! | a question that gives away another's answer | yes | |
//! | the same prompt, or the same fact and answer, twice | yes | |
//!
//! The first four are cues only in bulk (a key is the longest choice in one question of four by
//! chance), so their findings are warnings only when the course total is over its limit; the
//! others are always warnings. Thresholds and word lists: [`CueSettings`]. No file access here:
//! the loader turns findings into problems with file and line.

mod answers;
mod choices;
mod duplicates;
mod guesser;
mod overlap;
mod report;
mod settings;
mod statements;
mod vocabulary;
mod words;

use std::collections::HashSet;
use std::fmt::Write;

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::model::{Body, Course, Question};
use crate::quiz::generate;

pub use answers::Abbreviations;
pub use guesser::{Expected, Guess, expected, guess};
pub use overlap::Telling;
pub(crate) use report::percent;
pub use report::{Report, Share, Totals};
pub use settings::CueSettings;
pub(crate) use settings::settings_from;
pub use words::{Phrases, words};

/// What a cue check looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cue {
    /// The key of a single-choice item is strictly longer than every other choice.
    LongestKey,
    /// The right choices of a multiple-answer item are all longer than every wrong one.
    LongerRight,
    /// A false statement holds an absolute word ("only", "never", ...).
    Absolute,
    /// A true statement holds a hedge ("may", "often", ...).
    Hedge,
    /// A choice refers to the others ("all of the above").
    Above,
    /// Only the key repeats words of the prompt.
    PromptEcho,
    /// A numeric answer to an approximate question ("about how many") has no tolerance.
    Approximate,
    /// A fill-in does not accept an obvious form of its answer.
    MissingForm,
    /// A question shows the answer of another.
    GivesAway,
    /// Two questions ask the same thing.
    Duplicate,
}

impl Cue {
    /// Every cue, in report order.
    pub const ALL: [Cue; 10] = [
        Cue::LongestKey,
        Cue::LongerRight,
        Cue::Absolute,
        Cue::Hedge,
        Cue::Above,
        Cue::PromptEcho,
        Cue::Approximate,
        Cue::MissingForm,
        Cue::GivesAway,
        Cue::Duplicate,
    ];

    /// Whether this cue matters only in bulk, against chance.
    #[must_use]
    pub fn is_in_bulk(self) -> bool {
        matches!(
            self,
            Cue::LongestKey | Cue::LongerRight | Cue::Absolute | Cue::Hedge
        )
    }

    /// A short name for totals.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Cue::LongestKey => "key strictly the longest choice",
            Cue::LongerRight => "right choices all longer than wrong ones",
            Cue::Absolute => "absolute words in false statements",
            Cue::Hedge => "hedges in true statements",
            Cue::Above => "all/none of the above",
            Cue::PromptEcho => "prompt words repeated only in the key",
            Cue::Approximate => "approximate figure with no tolerance",
            Cue::MissingForm => "fill-in missing an obvious form",
            Cue::GivesAway => "gives away another question's answer",
            Cue::Duplicate => "asked twice",
        }
    }
}

/// What a finding is about: an authored question, or the fact, event or term a generated
/// question is built from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// An authored question, by id.
    Question(String),
    /// A fact, by id (its `number` makes a question).
    Fact(String),
    /// A timeline event, by id.
    Event(String),
    /// A glossary term, lower-cased.
    Term(String),
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Question(id) => write!(f, "question `{id}`"),
            Subject::Fact(id) => write!(f, "fact `{id}`"),
            Subject::Event(id) => write!(f, "event `{id}`"),
            Subject::Term(t) => write!(f, "term `{t}`"),
        }
    }
}

/// One cue found in one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where to fix it.
    pub subject: Subject,
    /// The scenario part (0-based), if the cue is in a part.
    pub part: Option<usize>,
    /// Which cue.
    pub cue: Cue,
    /// What was found and how to fix it, in a sentence.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cue in {}", self.subject)?;
        if let Some(p) = self.part {
            write!(f, ", part {}", p + 1)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The settings compiled for matching: phrase lists and the stop-word set.
#[derive(Debug, Clone)]
pub struct Lens {
    /// The settings.
    pub settings: CueSettings,
    absolutes: Phrases,
    hedges: Phrases,
    approximate: Phrases,
    above: Phrases,
    stop: HashSet<String>,
}

impl Lens {
    /// Compiles the settings.
    #[must_use]
    pub fn new(settings: &CueSettings) -> Self {
        Self {
            absolutes: Phrases::new(&settings.absolutes),
            hedges: Phrases::new(&settings.hedges),
            approximate: Phrases::new(&settings.approximate),
            above: Phrases::new(&settings.above),
            stop: settings.stop_words.iter().flat_map(|w| words(w)).collect(),
            settings: settings.clone(),
        }
    }
}

/// One thing a learner answers: a question, or one part of a scenario.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'q> {
    /// The part's index, for a scenario part.
    pub part: Option<usize>,
    /// What the learner reads for it.
    pub prompt: &'q str,
    /// Its answer data.
    pub body: &'q Body,
    /// Its explanation, if any.
    pub explanation: Option<&'q str>,
}

/// The items of a question: the question itself, or each part of a scenario.
pub(crate) fn items(q: &Question) -> Vec<Item<'_>> {
    match &q.body {
        Body::Scenario { parts, .. } => parts
            .iter()
            .enumerate()
            .map(|(i, p)| Item {
                part: Some(i),
                prompt: &p.prompt,
                body: &p.body,
                explanation: p.explanation.as_deref(),
            })
            .collect(),
        body => vec![Item {
            part: None,
            prompt: &q.prompt,
            body,
            explanation: Some(&q.explanation),
        }],
    }
}

/// Runs every cue check on a course's authored questions and the questions Beacon generates
/// from its data.
#[must_use]
pub fn check(course: &Course, settings: &CueSettings) -> Report {
    let lens = Lens::new(settings);
    let abbreviations = Abbreviations::of(course);
    let mut findings = Vec::new();
    let mut totals = Totals::default();
    for q in course.questions() {
        let subject = Subject::Question(q.id.clone());
        for item in items(q) {
            let mut found = |cue: Cue, message: String| {
                findings.push(Finding {
                    subject: subject.clone(),
                    part: item.part,
                    cue,
                    message,
                });
            };
            choices::check(&item, &lens, &mut totals, &mut found);
            statements::check(&item, &lens, &mut totals, &mut found);
            answers::check(&item, &lens, &abbreviations, &mut found);
        }
    }
    for m in &course.modules {
        for fact in m.facts.iter().filter(|f| f.quiz) {
            if let Some(message) = fact.number.as_ref().and_then(|n| {
                answers::approximate_number(&n.ask, &fact.text, n.value, n.tolerance, &lens)
            }) {
                findings.push(Finding {
                    subject: Subject::Fact(fact.id.clone()),
                    part: None,
                    cue: Cue::Approximate,
                    message,
                });
            }
        }
    }
    let mut rng = StdRng::seed_from_u64(0);
    let generated: Vec<Question> = course
        .modules
        .iter()
        .flat_map(|m| generate::for_module(course, m, &mut rng))
        .collect();
    let all: Vec<&Question> = course.questions().chain(&generated).collect();
    findings.extend(overlap::check(course, &all, &lens));
    findings.extend(duplicates::duplicates(course, &all));
    Report {
        findings,
        totals,
        settings: settings.clone(),
    }
}

/// The subject to fix for a question: itself when authored, else what it is generated from.
#[must_use]
pub fn subject_of(course: &Course, q: &Question) -> Subject {
    if !q.generated {
        return Subject::Question(q.id.clone());
    }
    let rest = q.id.strip_prefix(generate::PREFIX).unwrap_or(&q.id);
    let (kind, arg) = rest.split_once(':').unwrap_or((rest, ""));
    let first = arg.split('+').next().unwrap_or(arg);
    let term = |arg: &str| {
        let (module, list) = arg.split_once(':')?;
        let i: usize = list.split('+').next()?.parse().ok()?;
        let t = course.module(module)?.terms.get(i)?;
        Some(Subject::Term(t.term.to_lowercase()))
    };
    match kind {
        "year" | "order" => Subject::Event(first.to_owned()),
        "number" => Subject::Fact(arg.to_owned()),
        "term" | "match" => term(arg).unwrap_or_else(|| Subject::Question(q.id.clone())),
        _ => Subject::Question(q.id.clone()),
    }
}

/// A list of quoted words: `"only", "never"`.
pub(crate) fn quoted(list: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "\"{w}\"");
    }
    out
}

/// Small courses written in the file format, for the cue checks' tests.
#[cfg(test)]
pub(crate) mod fixture {
    use crate::content::{Course, CourseInfo, parse_module};

    /// A one-module course with facts `f1` and `f2` and the given questions (TOML).
    pub fn course(questions: &str) -> Course {
        let text = format!(
            "id = \"m\"\ntitle = \"M\"\nsummary = \"S.\"\nobjectives = [\"O.\"]\n\n[[sections]]\nid = \"s\"\ntitle = \"S\"\n\n\
             [[facts]]\nid = \"f1\"\nsection = \"s\"\ntext = \"One.\"\nsource = \"facts:3\"\n\n\
             [[facts]]\nid = \"f2\"\nsection = \"s\"\ntext = \"Two.\"\nsource = \"facts:3\"\n\n{questions}"
        );
        let (module, problems) = parse_module(&text, std::path::Path::new("m.toml"));
        assert!(problems.is_empty(), "{problems:?}");
        Course::new(CourseInfo::default(), vec![module.expect("module")])
    }

    /// A question on one fact, with its kind, prompt and answer fields.
    pub fn question(id: &str, fact: &str, kind_and_answer: &str) -> String {
        format!(
            "[[questions]]\nid = \"{id}\"\nfacts = [\"{fact}\"]\ndifficulty = 1\nexplanation = \"E.\"\n{kind_and_answer}\n\n"
        )
    }
}
