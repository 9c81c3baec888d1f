//! The one place where the cue checks' thresholds and word lists live. [`CueSettings::default`]
//! gives Beacon's values; a course overrides any of them in the `[cues]` table of `course.toml`
//! (docs/content-format.md, "Cues a test-wise learner could use").

/// Thresholds and word lists of the cue checks.
///
/// Limits are in percentage points. A share "against chance" is the share of items that show
/// the cue, compared with the share that would show it if lengths and words were unrelated to
/// the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct CueSettings {
    /// Most points by which the share of single-choice items (questions and scenario parts)
    /// whose key is the strictly longest choice may exceed chance (the mean of 1/choices).
    /// With four choices, chance is 25% and the default allows 30%.
    pub longest_key_above_chance: f64,
    /// Most points by which the share of multiple-answer items whose right choices are all
    /// longer than every wrong one may exceed chance (the mean of 1/C(choices, right)).
    pub longer_right_above_chance: f64,
    /// Most points by which the share of false statements holding an absolute word may exceed
    /// the share of true statements holding one (true/false questions and parts).
    pub absolutes_apart: f64,
    /// Most points by which the share of true statements holding a hedge may exceed the share
    /// of false statements holding one.
    pub hedges_apart: f64,
    /// Most points by which the cue guesser's expected score on the final assessment's pool
    /// may exceed pure chance.
    pub guesser_above_chance: f64,
    /// A question A gives away the answer of a question B when B's answer appears in what A
    /// shows and the two are about the same thing: they test a common fact, or the sentence,
    /// choice or item of A that shows the answer holds at least two and at least this share
    /// (0 to 1) of the content words of B's prompt.
    pub give_away_context: f64,
    /// Words and phrases that state without exception ("only", "never", ...).
    pub absolutes: Vec<String>,
    /// Words and phrases that soften a statement ("may", "often", ...).
    pub hedges: Vec<String>,
    /// Words in a numeric prompt that ask for an approximate figure ("about", ...).
    pub approximate: Vec<String>,
    /// Choices that refer to the other choices ("all of the above", ...).
    pub above: Vec<String>,
    /// Words that carry no content, left out when prompts and choices are compared.
    pub stop_words: Vec<String>,
}

/// Absolute words and phrases (whole words, any case).
pub const ABSOLUTES: &[&str] = &[
    "only",
    "never",
    "always",
    "cannot",
    "can't",
    "can not",
    "proves",
    "prove",
    "proven",
    "all",
    "none",
    "every",
    "everyone",
    "everything",
    "everywhere",
    "no one",
    "nobody",
    "nothing",
    "must",
    "entirely",
    "completely",
    "solely",
    "exclusively",
    "guarantees",
    "impossible",
    "certainly",
    "without exception",
];

/// Hedging words and phrases (whole words, any case).
pub const HEDGES: &[&str] = &[
    "may",
    "might",
    "can",
    "could",
    "often",
    "some",
    "usually",
    "sometimes",
    "generally",
    "typically",
    "many",
    "most",
    "mostly",
    "likely",
    "probably",
    "possibly",
    "perhaps",
    "frequently",
    "tend",
    "tends",
    "partly",
];

/// Words of a numeric prompt that ask for an approximate figure.
pub const APPROXIMATE: &[&str] = &[
    "about",
    "approximately",
    "approx",
    "around",
    "some",
    "nearly",
    "roughly",
    "almost",
    "circa",
    "estimate",
    "estimates",
    "estimated",
];

/// Choices that refer to the other choices.
pub const ABOVE: &[&str] = &[
    "all of the above",
    "none of the above",
    "both of the above",
    "neither of the above",
    "all the above",
    "all of these",
    "none of these",
    "both of these",
    "neither of these",
];

/// Words without content of their own.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "from",
    "as",
    "into",
    "about",
    "than",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "which",
    "what",
    "who",
    "whom",
    "whose",
    "when",
    "where",
    "why",
    "how",
    "not",
    "no",
    "so",
    "if",
    "then",
    "there",
    "their",
    "they",
    "them",
    "he",
    "she",
    "his",
    "her",
    "you",
    "your",
    "we",
    "our",
    "i",
    "me",
    "my",
    "one",
    "two",
    "would",
    "should",
    "will",
    "shall",
    "year",
    "happen",
    "date",
    "according",
    "many",
    "much",
    "number",
    "called",
    "name",
    "true",
    "false",
    "statement",
    "following",
    "best",
    "describe",
    "describes",
    "term",
    "means",
    "match",
    "put",
    "order",
    "read",
    "case",
    "part",
    "answer",
    "each",
];

fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|&w| w.to_owned()).collect()
}

impl Default for CueSettings {
    fn default() -> Self {
        Self {
            longest_key_above_chance: 5.0,
            longer_right_above_chance: 10.0,
            absolutes_apart: 10.0,
            hedges_apart: 10.0,
            guesser_above_chance: 10.0,
            give_away_context: 0.6,
            absolutes: owned(ABSOLUTES),
            hedges: owned(HEDGES),
            approximate: owned(APPROXIMATE),
            above: owned(ABOVE),
            stop_words: owned(STOP_WORDS),
        }
    }
}

/// Reads `[cues]`, recording values out of range and empty words as errors at their place;
/// anything left out or wrong keeps its default.
pub(crate) fn settings_from(
    ck: &mut crate::content::check::Checker<'_>,
    raw: &crate::content::raw::RawCues,
) -> CueSettings {
    use toml::Spanned;
    let mut out = CueSettings::default();
    let mut number = |field: &Option<Spanned<f64>>, name: &str, max: f64, into: &mut f64| {
        if let Some(f) = field {
            let v = *f.get_ref();
            if (0.0..=max).contains(&v) {
                *into = v;
            } else {
                ck.error(
                    &f.span(),
                    format!("`{name}` in [cues] must be from 0 to {max}, not {v}"),
                );
            }
        }
    };
    number(
        &raw.longest_key_above_chance,
        "longest_key_above_chance",
        100.0,
        &mut out.longest_key_above_chance,
    );
    number(
        &raw.longer_right_above_chance,
        "longer_right_above_chance",
        100.0,
        &mut out.longer_right_above_chance,
    );
    number(
        &raw.absolutes_apart,
        "absolutes_apart",
        100.0,
        &mut out.absolutes_apart,
    );
    number(
        &raw.hedges_apart,
        "hedges_apart",
        100.0,
        &mut out.hedges_apart,
    );
    number(
        &raw.guesser_above_chance,
        "guesser_above_chance",
        100.0,
        &mut out.guesser_above_chance,
    );
    number(
        &raw.give_away_context,
        "give_away_context",
        1.0,
        &mut out.give_away_context,
    );
    let mut list =
        |field: &Option<Spanned<Vec<Spanned<String>>>>, name: &str, into: &mut Vec<String>| {
            let Some(f) = field else { return };
            let mut ok = true;
            for entry in f.get_ref() {
                if super::words::words(entry.get_ref()).is_empty() {
                    ck.error(
                        &entry.span(),
                        format!("an entry of `{name}` in [cues] has no word in it"),
                    );
                    ok = false;
                }
            }
            if ok {
                *into = f
                    .get_ref()
                    .iter()
                    .map(|e| e.get_ref().trim().to_owned())
                    .collect();
            }
        };
    list(&raw.absolutes, "absolutes", &mut out.absolutes);
    list(&raw.hedges, "hedges", &mut out.hedges);
    list(&raw.approximate, "approximate", &mut out.approximate);
    list(&raw.above, "above", &mut out.above);
    list(&raw.stop_words, "stop_words", &mut out.stop_words);
    out
}
