//! What Beacon remembers about a learner: lesson positions, every answer, every attempt, an
//! unfinished quiz, and settings. Saved as JSON with a schema version; every field has a default
//! so older files load.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::memory::FactMemory;
use crate::quiz::{Outcome, QuizSpec, Response, Slot};

/// The schema version this build writes. Version 2 added the facts' memory states and the
/// review settings; a version 1 file loads with its memory rebuilt from its answers. Version 3
/// counts each fact's recalls after a delay (for mastery); a version 2 file gains them from its
/// answers.
pub const SCHEMA: u32 = 3;

/// A learner's saved progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    /// The schema version of the file.
    pub schema: u32,
    /// Who is learning.
    pub learner: Learner,
    /// Display settings.
    pub settings: Settings,
    /// Lesson progress by module id.
    pub lessons: BTreeMap<String, LessonProgress>,
    /// Every answer ever given, oldest first (written compactly as `answer_log`).
    #[serde(rename = "answer_log", with = "super::answer_log")]
    pub answers: Vec<AnswerRecord>,
    /// Answers as a version 1 file wrote them; moved into `answers` when loaded.
    #[serde(rename = "answers", skip_serializing)]
    pub legacy_answers: Vec<AnswerRecord>,
    /// Every finished attempt, oldest first.
    pub attempts: Vec<AttemptRecord>,
    /// A quiz left half way, to resume.
    pub unfinished: Option<UnfinishedQuiz>,
    /// Where the learner was last, for "Continue where you left off".
    pub last_place: Option<Place>,
    /// The memory state of every fact tested, by fact id (FSRS).
    pub memory: BTreeMap<String, FactMemory>,
    /// The classroom quiz last chosen on this profile, kept for next time.
    pub classroom: Option<ClassroomChoice>,
}

/// What a teacher chose on the Classroom screen: the same choice gives the same quiz on the
/// projector and on paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassroomChoice {
    /// Modules (none means the whole course).
    pub modules: Vec<String>,
    /// Number of questions.
    pub count: usize,
    /// The quiz number (seed).
    pub seed: u64,
    /// Questions swapped out of the quiz in the preview, by id.
    pub swapped: Vec<String>,
    /// Seconds per question in presenter mode; 0 for no countdown.
    pub seconds_per_question: u32,
}

impl Default for ClassroomChoice {
    fn default() -> Self {
        Self {
            modules: Vec::new(),
            count: 10,
            seed: 1,
            swapped: Vec::new(),
            seconds_per_question: 0,
        }
    }
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            schema: SCHEMA,
            learner: Learner::default(),
            settings: Settings::default(),
            lessons: BTreeMap::new(),
            answers: Vec::new(),
            legacy_answers: Vec::new(),
            attempts: Vec::new(),
            unfinished: None,
            last_place: None,
            memory: BTreeMap::new(),
            classroom: None,
        }
    }
}

/// The learner.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Learner {
    /// Name for certificates; optional.
    pub name: String,
    /// Whether the first-run screen has been seen.
    pub welcomed: bool,
}

/// Light, dark or as the system says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Display settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Theme.
    pub theme: ThemeChoice,
    /// Text size in percent, 100 to 200.
    pub text_size: u16,
    /// Facts never tested that a day's reviews may bring in.
    pub new_per_day: u16,
    /// The recall probability reviews aim at, 0.70 to 0.97.
    pub desired_retention: f64,
    /// Whether the statistics show the streak of days with activity.
    pub show_streak: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            text_size: 100,
            new_per_day: 10,
            desired_retention: 0.9,
            show_streak: true,
        }
    }
}

impl Settings {
    /// Smallest text size in percent.
    pub const MIN_TEXT: u16 = 100;
    /// Largest text size in percent.
    pub const MAX_TEXT: u16 = 200;

    /// The text size clamped to its range, as a factor.
    #[must_use]
    pub fn text_scale(&self) -> f32 {
        f32::from(self.text_size.clamp(Self::MIN_TEXT, Self::MAX_TEXT)) / 100.0
    }
}

/// Progress through one module's lesson.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LessonProgress {
    /// The page last open.
    pub page: usize,
    /// Pages seen.
    pub pages_read: BTreeSet<usize>,
    /// Whether the last page was reached.
    pub finished: bool,
    /// When the last page was first reached.
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    /// Seconds each page has been shown, in all, by page index.
    #[serde(default)]
    pub shown: BTreeMap<usize, f64>,
    /// When the lesson first counted as read for the final assessment: every page shown for a
    /// plausible reading time and every "check yourself" question answered.
    #[serde(default)]
    pub read_at: Option<DateTime<Utc>>,
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// Question id (authored or generated).
    pub question: String,
    /// Module id.
    pub module: String,
    /// When it was answered.
    pub at: DateTime<Utc>,
    /// Right, partly right, wrong or skipped.
    pub outcome: Outcome,
    /// Score from 0 to 1.
    pub score: f64,
    /// Seconds taken.
    pub seconds: f64,
    /// The attempt it belongs to; `None` for a "check yourself" question in a lesson.
    #[serde(default)]
    pub attempt: Option<u64>,
    /// What was answered.
    #[serde(default)]
    pub response: Option<Response>,
}

/// What identifies a quiz attempt, whether finished or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizInfo {
    /// Attempt id, unique for this learner.
    pub id: u64,
    /// What was asked for.
    pub spec: QuizSpec,
    /// The seed that rebuilds the quiz.
    pub seed: u64,
    /// Shown in history, e.g. a module title or "Quick quiz".
    pub title: String,
    /// The module id when the quiz was on one module.
    #[serde(default)]
    pub module: Option<String>,
    /// When it started.
    pub started: DateTime<Utc>,
    /// Whether it is a spaced review (or weak-spots practice) rather than a quiz.
    #[serde(default)]
    pub review: bool,
    /// Whether it is the course's final assessment.
    #[serde(default)]
    pub assessment: bool,
}

/// One finished attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptRecord {
    /// Which quiz it was.
    #[serde(flatten)]
    pub info: QuizInfo,
    /// When it ended.
    pub finished: DateTime<Utc>,
    /// Total score (partial credit counts).
    pub score: f64,
    /// Number of questions.
    pub max: usize,
    /// Seconds spent answering.
    pub seconds: f64,
    /// The question ids in the order asked.
    pub questions: Vec<String>,
    /// The ids not answered fully right.
    #[serde(default)]
    pub missed: Vec<String>,
    /// For the final assessment: whether the pass mark was reached.
    #[serde(default)]
    pub passed: Option<bool>,
}

impl AttemptRecord {
    /// The score as a percentage, rounded.
    #[must_use]
    pub fn percent(&self) -> u32 {
        if self.max == 0 {
            0
        } else {
            (self.score / self.max as f64 * 100.0).round() as u32
        }
    }
}

/// A quiz left before the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnfinishedQuiz {
    /// Which quiz it is.
    #[serde(flatten)]
    pub info: QuizInfo,
    /// The question ids in order, to notice if the course changed.
    pub questions: Vec<String>,
    /// What happened to each question so far.
    pub slots: Vec<Slot>,
    /// The question showing.
    pub current: usize,
}

/// Where the learner was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Place {
    /// Reading a lesson page.
    Lesson {
        /// Module id.
        module: String,
        /// Page index.
        page: usize,
    },
    /// Taking the unfinished quiz.
    Quiz,
}

impl Progress {
    /// Moves answers read in the version 1 layout into `answers`, oldest first.
    pub fn absorb_legacy(&mut self) {
        if !self.legacy_answers.is_empty() {
            let mut legacy = std::mem::take(&mut self.legacy_answers);
            legacy.append(&mut self.answers);
            legacy.sort_by_key(|a| a.at);
            self.answers = legacy;
        }
    }

    /// The finished attempts on one module, oldest first.
    pub fn attempts_on<'a>(
        &'a self,
        module: &'a str,
    ) -> impl Iterator<Item = &'a AttemptRecord> + 'a {
        self.attempts
            .iter()
            .filter(move |a| a.info.module.as_deref() == Some(module))
    }

    /// The best score on a module's quiz, as a percentage.
    #[must_use]
    pub fn best_percent(&self, module: &str) -> Option<u32> {
        self.attempts_on(module).map(AttemptRecord::percent).max()
    }

    /// The last score on a module's quiz, as a percentage.
    #[must_use]
    pub fn last_percent(&self, module: &str) -> Option<u32> {
        self.attempts_on(module).last().map(AttemptRecord::percent)
    }

    /// A fresh attempt id.
    #[must_use]
    pub fn next_attempt_id(&self) -> u64 {
        let used = self
            .attempts
            .iter()
            .map(|a| a.info.id)
            .chain(self.unfinished.iter().map(|u| u.info.id))
            .max();
        used.map_or(1, |m| m + 1)
    }
}
