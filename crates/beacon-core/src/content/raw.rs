//! The serde mirror of the course files: every field optional and spanned, so that one pass can
//! report every missing, empty or wrong field with its line instead of stopping at the first.
//! It is also what other formats are turned into (GIFT), and what a course is written back as
//! (absent fields are left out).

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// A spanned optional value: `None` when the key is absent.
pub type Field<T> = Option<Spanned<T>>;

/// `course.toml` as written.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawCourse {
    pub id: Field<String>,
    pub title: Field<String>,
    pub version: Field<String>,
    pub language: Field<String>,
    pub description: Field<String>,
    pub content_note: Field<String>,
    pub modules: Field<Vec<Spanned<String>>>,
    pub seed_paragraphs: Field<Vec<u32>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub help_lines: Vec<Spanned<RawHelpLine>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Spanned<RawSource>>,
    pub xapi_base: Field<String>,
    pub study_hours: Field<f64>,
    pub assessment: Field<RawAssessment>,
    pub cues: Field<RawCues>,
    pub organisation: Field<RawOrganisation>,
}

/// `[cues]`: thresholds and word lists of the cue checks; anything left out keeps its default.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawCues {
    pub longest_key_above_chance: Field<f64>,
    pub longer_right_above_chance: Field<f64>,
    pub absolutes_apart: Field<f64>,
    pub hedges_apart: Field<f64>,
    pub guesser_above_chance: Field<f64>,
    pub give_away_context: Field<f64>,
    pub absolutes: Field<Vec<Spanned<String>>>,
    pub hedges: Field<Vec<Spanned<String>>>,
    pub approximate: Field<Vec<Spanned<String>>>,
    pub above: Field<Vec<Spanned<String>>>,
    pub stop_words: Field<Vec<Spanned<String>>>,
}

/// `[organisation]`: who runs the course and issues its certificates.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawOrganisation {
    pub name: Field<String>,
    pub home_page: Field<String>,
    pub logo: Field<String>,
    pub signatory: Field<String>,
    pub signatory_role: Field<String>,
}

/// `[assessment]`: the course path and the final assessment.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawAssessment {
    pub required: Field<Vec<Spanned<String>>>,
    pub questions: Field<i64>,
    pub pass_mark: Field<i64>,
    pub module_pass_mark: Field<i64>,
    pub time_limit_minutes: Field<i64>,
    pub attempts: Field<i64>,
    pub cooldown_hours: Field<i64>,
    pub lessons_first: Field<bool>,
    pub reading_words_per_minute: Field<i64>,
}

/// One entry of `help_lines`.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawHelpLine {
    pub name: Field<String>,
    pub contact: Field<String>,
    pub country: Field<String>,
    pub note: Field<String>,
}

/// One entry of `sources`.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawSource {
    pub id: Field<String>,
    pub title: Field<String>,
    pub url: Field<String>,
    pub author: Field<String>,
    pub date: Field<String>,
}

/// A module file as written.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawModule {
    pub id: Field<String>,
    pub title: Field<String>,
    pub summary: Field<String>,
    pub objectives: Field<Vec<Spanned<String>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Spanned<RawSection>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Spanned<RawFact>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Spanned<RawTerm>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Spanned<RawEvent>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Spanned<RawQuestion>>,
}

/// One `[[sections]]` entry.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawSection {
    pub id: Field<String>,
    pub title: Field<String>,
    pub text: Field<String>,
}

/// One `[[facts]]` entry.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawFact {
    pub id: Field<String>,
    pub section: Field<String>,
    pub text: Field<String>,
    pub source: Field<String>,
    pub year: Field<i64>,
    pub date: Field<String>,
    pub number: Field<RawNumber>,
    pub quiz: Field<bool>,
}

/// A fact's `number = { value, ask, unit, tolerance }`.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawNumber {
    pub value: Field<f64>,
    pub ask: Field<String>,
    pub unit: Field<String>,
    pub tolerance: Field<f64>,
}

/// One `[[terms]]` entry.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawTerm {
    pub term: Field<String>,
    pub definition: Field<String>,
    pub section: Field<String>,
    pub source: Field<String>,
    pub fact: Field<String>,
}

/// One `[[events]]` entry.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawEvent {
    pub id: Field<String>,
    pub date: Field<String>,
    pub title: Field<String>,
    pub description: Field<String>,
    pub source: Field<String>,
    pub fact: Field<String>,
}

/// One `[[questions]]` entry, or one `[[questions.parts]]` entry of a scenario: the shared fields
/// and the answer fields of every kind. Fields a part may not have are reported at conversion.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawQuestion {
    pub id: Field<String>,
    pub kind: Field<String>,
    pub prompt: Field<String>,
    pub facts: Field<Vec<Spanned<String>>>,
    pub difficulty: Field<i64>,
    pub explanation: Field<String>,
    pub choices: Field<Vec<Spanned<String>>>,
    pub answer: Field<toml::Value>,
    pub answers: Field<Vec<Spanned<String>>>,
    pub fixed: Field<Vec<Spanned<String>>>,
    pub keep_order: Field<bool>,
    pub accept: Field<Vec<Spanned<String>>>,
    pub tolerance: Field<f64>,
    pub min: Field<f64>,
    pub max: Field<f64>,
    pub unit: Field<String>,
    pub pairs: Field<Vec<Spanned<RawPair>>>,
    pub items: Field<Vec<Spanned<String>>>,
    pub case: Field<String>,
    pub parts: Field<Vec<Spanned<RawQuestion>>>,
}

/// One matching pair.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct RawPair {
    pub left: Field<String>,
    pub right: Field<String>,
}
