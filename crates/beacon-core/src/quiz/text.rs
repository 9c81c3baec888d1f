//! The matching rule for typed answers: case, accents, punctuation and extra spaces are ignored,
//! and one typo is tolerated in a word of 6 or more letters.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Shortest word in which one typo is forgiven.
pub const TYPO_MIN_LETTERS: usize = 6;

/// Lower-cases, strips accents, turns punctuation into spaces and collapses spaces.
#[must_use]
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        normalize_ascii(text)
    } else {
        normalize_unicode(text)
    }
}

/// [`normalize`] for any text.
fn normalize_unicode(text: &str) -> String {
    // Compatibility decomposition also splits ligatures ("ﬁ" into "fi"); "ß" folds to "ss" as
    // its capital form "SS" does.
    let folded: String = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .replace('ß', "ss");
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`normalize`] for ASCII text, where decomposition changes nothing: one pass, no
/// allocation but the result.
fn normalize_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_ascii_into(text, &mut out);
    out
}

/// [`normalize`] of an ASCII text, appended to `out`.
fn normalize_ascii_into(text: &str, out: &mut String) {
    let start = out.len();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
        } else if out.len() > start && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.len() > start && out.ends_with(' ') {
        out.pop();
    }
}

/// [`normalize`], appended to `out`: the same text, without a new string for ASCII text.
pub fn normalize_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        normalize_ascii_into(text, out);
    } else {
        out.push_str(&normalize_unicode(text));
    }
}

/// Whether a typed answer matches an accepted one under the rule above.
#[must_use]
pub fn matches(typed: &str, accepted: &str) -> bool {
    let (typed, accepted) = (normalize(typed), normalize(accepted));
    if typed.is_empty() {
        return false;
    }
    if typed == accepted {
        return true;
    }
    let typed_words: Vec<&str> = typed.split(' ').collect();
    let accepted_words: Vec<&str> = accepted.split(' ').collect();
    if typed_words.len() != accepted_words.len() {
        return false;
    }
    typed_words.iter().zip(&accepted_words).all(|(t, a)| {
        t == a || (a.chars().count() >= TYPO_MIN_LETTERS && strsim::osa_distance(t, a) <= 1)
    })
}

/// Whether a typed answer matches any of the accepted answers.
#[must_use]
pub fn matches_any(typed: &str, accepted: &[String]) -> bool {
    accepted.iter().any(|a| matches(typed, a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn case_accents_punctuation_and_spaces_are_ignored() {
        assert!(matches("  palermo ", "Palermo"));
        assert!(matches("PALERMO, ITALY!", "Palermo Italy"));
        assert!(matches("Genève", "geneve"));
        assert!(matches("30   July", "30 july"));
        assert!(matches("co-operation", "co operation"));
    }

    #[test]
    fn one_typo_in_a_long_word_is_forgiven() {
        assert!(matches("Palremo", "Palermo"), "two letters swapped");
        assert!(matches("Palrmo", "Palermo"), "a letter missing");
        assert!(matches("Palermmo", "Palermo"), "a letter extra");
        assert!(matches("Palerma", "Palermo"), "a letter wrong");
    }

    #[test]
    fn short_words_and_two_typos_are_not_forgiven() {
        assert!(!matches("ILO", "IOM"), "short words must be exact");
        assert!(!matches("Pakt", "Pact"), "4 letters: no typo allowed");
        assert!(!matches("Heart", "Haert"), "5 letters: no typo allowed");
        assert!(matches("Vienne", "Vienna"), "6 letters: one typo allowed");
        assert!(!matches("Plaremmo", "Palermo"), "two typos");
        assert!(!matches("1999", "2000"));
        assert!(!matches("", "Palermo"));
        assert!(!matches("!!!", "Palermo"));
    }

    #[test]
    fn typos_count_per_word() {
        assert!(!matches("Blue Haert Campaign", "Blue Heart Campaign"));
        assert!(matches("Blue Heart Campaing", "Blue Heart Campaign"));
        assert!(!matches("Blue Heart", "Blue Heart Campaign"));
    }

    proptest! {
        #[test]
        fn an_accepted_answer_always_matches_itself(s in "[A-Za-zÀ-ÿ0-9 ,.'-]{1,40}") {
            prop_assume!(!normalize(&s).is_empty());
            prop_assert!(matches(&s, &s));
            prop_assert!(matches(&s.to_uppercase(), &s));
            let spaced = format!("  {s}  ");
            prop_assert!(matches(&spaced, &s));
        }

        #[test]
        fn the_ascii_shortcut_folds_as_the_full_rule(s in "[ -~\t\n]{0,60}") {
            prop_assert_eq!(normalize_ascii(&s), normalize_unicode(&s));
        }

        #[test]
        fn normalizing_is_idempotent(s in "\\PC{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
        }
    }
}
