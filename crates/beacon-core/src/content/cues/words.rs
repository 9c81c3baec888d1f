//! Words for the cue checks: whole-word matching of words and phrases, content words, and the
//! folded text in which answers are looked for.

use std::collections::{BTreeSet, HashSet};

/// A text as lower-case words: runs of letters and digits, with inner apostrophes kept
/// ("can't"); curly apostrophes count as straight ones.
#[must_use]
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        let c = if matches!(c, '\u{2019}' | '\u{2018}') {
            '\''
        } else {
            c
        };
        if c.is_alphanumeric() || (c == '\'' && !word.is_empty()) {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            let trimmed = word.trim_end_matches('\'');
            if !trimmed.is_empty() {
                out.push(trimmed.to_owned());
            }
            word.clear();
        }
    }
    out
}

/// A list of words and phrases to find as whole words.
#[derive(Debug, Clone)]
pub struct Phrases(Vec<Vec<String>>);

impl Phrases {
    /// The phrases of a word list (each entry may hold several words).
    #[must_use]
    pub fn new(list: &[String]) -> Self {
        Self(
            list.iter()
                .map(|p| words(p))
                .filter(|w| !w.is_empty())
                .collect(),
        )
    }

    /// Every place a phrase starts in `text`, with the phrase as written in the list.
    #[must_use]
    pub fn find(&self, text: &[String]) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for start in 0..text.len() {
            for phrase in &self.0 {
                if text.get(start..start + phrase.len()) == Some(phrase.as_slice()) {
                    out.push((start, phrase.join(" ")));
                }
            }
        }
        out
    }

    /// Whether some phrase is the whole of `text` or is contained in it.
    #[must_use]
    pub fn any_in(&self, text: &[String]) -> bool {
        !self.find(text).is_empty()
    }
}

/// The content words of a text: no stop words, no possessive `'s`, plurals folded to the
/// singular by dropping a final `s`, so that "Protocols" and "Protocol's" meet "protocol".
#[must_use]
pub fn content_words(text: &str, stop: &HashSet<String>) -> BTreeSet<String> {
    words(text)
        .into_iter()
        .map(|w| w.trim_end_matches("'s").to_owned())
        .filter(|w| !stop.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| stem(&w))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a word of a [`folded`] text is one of its content words (as [`content_words`],
/// with one letter words left out; the word is then folded by [`push_stem`]): longer than one
/// letter, not a stop word, not a figure.
#[must_use]
pub fn is_folded_content_word(word: &str, stop: &HashSet<String>) -> bool {
    word.len() > 1 && !stop.contains(word) && !word.chars().all(|c| c.is_ascii_digit())
}

/// A light plural fold: "parties" to "party", "reports" to "report"; "process" and "status"
/// stay.
fn stem(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_stem(word, &mut out);
    out
}

/// [`stem`], appended to `out`: never empty for a word that is not.
pub fn push_stem(word: &str, out: &mut String) {
    if word.chars().count() <= 3 || word.ends_with("ss") || word.ends_with("us") {
        out.push_str(word);
    } else if let Some(base) = word.strip_suffix("ies") {
        out.push_str(base);
        out.push('y');
    } else {
        out.push_str(word.strip_suffix('s').unwrap_or(word));
    }
}

/// A text folded as the fill-in grader folds it (case, accents, punctuation), with a space at
/// each end so that `" x "` finds `x` as whole words.
#[must_use]
pub fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_folded(text, &mut out);
    out
}

/// [`folded`], appended to `out`.
pub fn push_folded(text: &str, out: &mut String) {
    out.push(' ');
    crate::quiz::text::normalize_into(text, out);
    out.push(' ');
}

/// The length of a choice as a learner sees it: characters, without outer spaces.
#[must_use]
pub fn length(text: &str) -> usize {
    text.trim().chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_fold_case() {
        assert_eq!(
            words("UNODC\u{2019}s report can\u{2019}t, \"always\" 55/25."),
            list(&["unodc's", "report", "can't", "always", "55", "25"])
        );
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let p = Phrases::new(&list(&["all", "no one", "none of the above"]));
        let found = p.find(&words("Not all, but no one; finally none of the above"));
        let names: Vec<&str> = found.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(names, ["all", "no one", "none of the above"]);
        assert!(p.find(&words("Allowed nonetheless, noone")).is_empty());
    }

    #[test]
    fn content_words_drop_stop_words_and_fold_plurals() {
        let stop: HashSet<String> = ["the", "of"].iter().map(|s| (*s).to_owned()).collect();
        let got = content_words("The parties of the Protocols' process, UNODC's 2024", &stop);
        assert_eq!(
            got.into_iter().collect::<Vec<_>>(),
            list(&["party", "process", "protocol", "unodc"])
        );
    }

    #[test]
    fn folded_text_finds_answers_as_whole_words() {
        assert!(folded("Adopted on 15 November 2000.").contains(&folded("15 november 2000")));
        assert!(!folded("in 2000s").contains(&folded("2000")));
    }
}
