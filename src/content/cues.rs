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
mod guesser;
mod overlap;
mod settings;
mod statements;
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

/// A count of items that show a cue, with the count chance alone would give.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Share {
    /// Items that show the cue.
    pub hits: usize,
    /// Items looked at.
    pub items: usize,
    /// Expected hits by chance (a sum of probabilities).
    pub chance: f64,
}

impl Share {
    /// Hits in percent of items (0 when there are none).
    #[must_use]
    pub fn percent(&self) -> f64 {
        percent(self.hits as f64, self.items)
    }

    /// Chance in percent of items.
    #[must_use]
    pub fn chance_percent(&self) -> f64 {
        percent(self.chance, self.items)
    }

    fn add(&mut self, hit: bool, chance: f64) {
        self.items += 1;
        self.hits += usize::from(hit);
        self.chance += chance;
    }
}

fn percent(part: f64, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part / whole as f64 * 100.0
    }
}

/// The course totals of the cues that matter in bulk.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    /// Single-choice questions whose key is the strictly longest choice.
    pub longest_key_questions: Share,
    /// Single-choice scenario parts whose key is the strictly longest choice.
    pub longest_key_parts: Share,
    /// Multiple-answer items (questions and parts) whose right choices are all longer.
    pub longer_right: Share,
    /// False statements holding an absolute word.
    pub false_absolute: Share,
    /// True statements holding an absolute word.
    pub true_absolute: Share,
    /// True statements holding a hedge.
    pub true_hedge: Share,
    /// False statements holding a hedge.
    pub false_hedge: Share,
}

impl Totals {
    /// All single-choice items, questions and parts together.
    #[must_use]
    pub fn longest_key(&self) -> Share {
        let (q, p) = (self.longest_key_questions, self.longest_key_parts);
        Share {
            hits: q.hits + p.hits,
            items: q.items + p.items,
            chance: q.chance + p.chance,
        }
    }

    /// How far a bulk cue's measure is above its reference, in points: the share against
    /// chance, or false statements against true ones (for hedges, true against false).
    #[must_use]
    pub fn above(&self, cue: Cue) -> f64 {
        match cue {
            Cue::LongestKey => {
                let s = self.longest_key();
                s.percent() - s.chance_percent()
            }
            Cue::LongerRight => self.longer_right.percent() - self.longer_right.chance_percent(),
            Cue::Absolute => self.false_absolute.percent() - self.true_absolute.percent(),
            Cue::Hedge => self.true_hedge.percent() - self.false_hedge.percent(),
            _ => 0.0,
        }
    }
}

/// Everything the cue checks found in a course.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Every finding, bulk cues included, in course order.
    pub findings: Vec<Finding>,
    /// The course totals.
    pub totals: Totals,
    /// The settings the report was made with.
    pub settings: CueSettings,
}

impl Report {
    /// The most a bulk cue may be above its reference, in points.
    #[must_use]
    pub fn limit(&self, cue: Cue) -> f64 {
        let s = &self.settings;
        match cue {
            Cue::LongestKey => s.longest_key_above_chance,
            Cue::LongerRight => s.longer_right_above_chance,
            Cue::Absolute => s.absolutes_apart,
            Cue::Hedge => s.hedges_apart,
            _ => 0.0,
        }
    }

    /// Whether a bulk cue's course total is over its limit (never for other cues).
    #[must_use]
    pub fn over(&self, cue: Cue) -> bool {
        cue.is_in_bulk() && self.totals.above(cue) > self.limit(cue) + 1e-9
    }

    /// The findings that are warnings: every finding of a cue that is always one, and those of
    /// a bulk cue whose course total is over its limit.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| !f.cue.is_in_bulk() || self.over(f.cue))
    }

    /// The findings of bulk cues within their limits: notes, not warnings.
    pub fn notes(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.cue.is_in_bulk() && !self.over(f.cue))
    }

    /// The course totals as lines of text, each against chance (or its counterpart) and its
    /// limit.
    #[must_use]
    pub fn total_lines(&self) -> Vec<String> {
        let totals = &self.totals;
        let verdict = |cue: Cue| {
            if self.over(cue) {
                format!("OVER the limit of {:.0} points", self.limit(cue))
            } else {
                format!("within the limit of {:.0} points", self.limit(cue))
            }
        };
        let all = totals.longest_key();
        let (questions, parts) = (totals.longest_key_questions, totals.longest_key_parts);
        let mut out = vec![format!(
            "key strictly the longest choice: {} of {} single-choice items ({:.1}%; questions {} of {}, scenario parts {} of {}), chance {:.1}%: {}",
            all.hits,
            all.items,
            all.percent(),
            questions.hits,
            questions.items,
            parts.hits,
            parts.items,
            all.chance_percent(),
            verdict(Cue::LongestKey)
        )];
        let m = totals.longer_right;
        out.push(format!(
            "right choices all longer than the wrong ones: {} of {} multiple-answer items ({:.1}%), chance {:.1}%: {}",
            m.hits,
            m.items,
            m.percent(),
            m.chance_percent(),
            verdict(Cue::LongerRight)
        ));
        let (fa, ta) = (totals.false_absolute, totals.true_absolute);
        out.push(format!(
            "absolute words: in {} of {} false statements ({:.1}%) and {} of {} true ones ({:.1}%), {:.1} points apart: {}",
            fa.hits,
            fa.items,
            fa.percent(),
            ta.hits,
            ta.items,
            ta.percent(),
            self.totals.above(Cue::Absolute),
            verdict(Cue::Absolute)
        ));
        let (th, fh) = (totals.true_hedge, totals.false_hedge);
        out.push(format!(
            "hedges: in {} of {} true statements ({:.1}%) and {} of {} false ones ({:.1}%), {:.1} points apart: {}",
            th.hits,
            th.items,
            th.percent(),
            fh.hits,
            fh.items,
            fh.percent(),
            self.totals.above(Cue::Hedge),
            verdict(Cue::Hedge)
        ));
        for cue in Cue::ALL.into_iter().filter(|c| !c.is_in_bulk()) {
            let n = self.findings.iter().filter(|f| f.cue == cue).count();
            out.push(format!("{}: {n}", cue.name()));
        }
        out
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
