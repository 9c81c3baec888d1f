//! Comparing texts by the words they carry, for lessons that read well: whether a section's
//! paragraph already says a fact (so its key point is not repeated word for word), which section
//! an objective is about, and how long a lesson takes to read.

use std::collections::HashSet;

/// Words a reader gets through in a minute of careful reading of a lesson (adults reading
/// instructional text, many not in their first language, read 150 to 250).
pub const WORDS_PER_MINUTE: usize = 200;

/// Share of a statement's content words that a paragraph must contain to count as saying it.
/// Chosen on the shipped course: at 78% the paragraphs that retell a fact in other words hide
/// it ("affected by a wide range of" for "shaped by"), while a fact that adds a phrase of its own
/// ("multi-billion-dollar businesses", "forced labour") stays a key point.
const SAID: f64 = 0.78;

/// Short words that carry no content of their own.
const STOP: &[&str] = &[
    "the", "and", "for", "are", "was", "were", "been", "with", "from", "that", "this", "its",
    "their", "his", "her", "can", "not", "into", "than", "then", "which", "who", "what", "why",
    "how", "when", "has", "have", "had", "also", "any", "all", "these", "those", "there", "they",
    "them", "such", "other", "own", "one", "two", "three", "four", "five",
];

/// The content words of `text`, lower case: every number, and every word of three letters or
/// more that is not a stop word, with a common ending (-ing, -ed, -es, -s) dropped so that
/// "trafficked" meets "trafficking" and "victims" meets "victim".
#[must_use]
pub fn content_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| {
            w.chars().any(|c| c.is_ascii_digit())
                || (w.chars().count() >= 3 && !STOP.contains(&w.as_str()))
        })
        .map(|w| stem(&w))
        .collect()
}

/// A word without a common ending, when at least three letters stay.
fn stem(word: &str) -> String {
    if word.chars().count() > 4 && !word.chars().any(|c| c.is_ascii_digit()) {
        for ending in ["ing", "ed", "es", "s"] {
            if let Some(rest) = word.strip_suffix(ending)
                && rest.chars().count() >= 3
                && !(ending == "s" && rest.ends_with('s'))
            {
                return rest.to_owned();
            }
        }
    }
    word.to_owned()
}

/// Whether `paragraph` already says `statement`: it holds at least 78% of the statement's content
/// words and every number in it. A statement that adds a date, a count or a clause of its own is
/// not said, so such a detail is never hidden.
#[must_use]
pub fn said_in(paragraph: &str, statement: &str) -> bool {
    let words = content_words(statement);
    if words.is_empty() {
        return false;
    }
    let have: HashSet<String> = content_words(paragraph).into_iter().collect();
    let missing: Vec<&String> = words.iter().filter(|w| !have.contains(*w)).collect();
    let share = 1.0 - missing.len() as f64 / words.len() as f64;
    share + 1e-9 >= SAID
        && !missing
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// The share of `text`'s content words found in `other`, from 0 to 1.
#[must_use]
pub fn overlap<S: std::hash::BuildHasher>(text: &str, other: &HashSet<String, S>) -> f64 {
    let words: HashSet<String> = content_words(text).into_iter().collect();
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| other.contains(*w)).count() as f64 / words.len() as f64
}

/// Words in `text`, as a reader counts them.
#[must_use]
pub fn count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Minutes to read `words` words, rounded up, at least 1.
#[must_use]
pub fn minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_says_a_statement_it_repeats_but_not_one_that_adds_a_detail() {
        let text = "Human trafficking can happen inside a single country or across international \
                    borders. UN.GIFT closed at the end of 2014.";
        assert!(said_in(
            text,
            "Human trafficking can happen within a single country or across international borders."
        ));
        assert!(
            !said_in(text, "UN.GIFT closed on 31 December 2014."),
            "the day and month are a detail the paragraph does not give"
        );
        assert!(
            !said_in(
                "UN.GIFT was launched in London in March 2007.",
                "UN.GIFT was launched on 26 March 2007 in London."
            ),
            "a two-digit day is a number too"
        );
        assert!(!said_in(text, "Smuggling ends on arrival."));
        assert!(!said_in(text, ""), "an empty statement is never said");
    }

    #[test]
    fn content_words_ignore_case_plurals_and_short_words() {
        assert_eq!(
            content_words("The Victims of it, and victim's 182 parties trafficked 31 trafficking"),
            [
                "victim", "victim", "182", "parti", "traffick", "31", "traffick"
            ]
        );
    }

    #[test]
    fn reading_time_rounds_up_to_whole_minutes() {
        assert_eq!(minutes(0), 1);
        assert_eq!(minutes(WORDS_PER_MINUTE), 1);
        assert_eq!(minutes(WORDS_PER_MINUTE + 1), 2);
        assert_eq!(count("one  two\nthree"), 3);
    }
}
