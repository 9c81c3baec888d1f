//! Finding a module's terms in running text, so a lesson can mark them: case-insensitive,
//! whole words, the first occurrence of each term, longest term first. Works on any Unicode
//! text: case folding that changes a character's length never shifts a cut off a character
//! boundary.

use crate::content::Term;

/// The text folded to lower case, one entry per lower-case character, each with the byte range
/// of the original character it came from.
struct Folded {
    chars: Vec<char>,
    /// For each folded character: the start and end byte of its original character, and
    /// whether it is the first folded character of that original.
    origin: Vec<(usize, usize, bool)>,
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            for (i, lower) in c.to_lowercase().enumerate() {
                chars.push(lower);
                origin.push((at, end, i == 0));
            }
        }
        Self { chars, origin }
    }

    /// The original byte range of folded characters `from..to`, when they cover whole original
    /// characters.
    fn bytes(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let &(start, _, first) = self.origin.get(from)?;
        let &(_, end, _) = self.origin.get(to.checked_sub(1)?)?;
        let ends_whole = self
            .origin
            .get(to)
            .is_none_or(|&(_, _, next_first)| next_first);
        (first && ends_whole).then_some((start, end))
    }
}

/// Splits `text` into plain runs and term occurrences; joined again, the runs are `text`.
#[must_use]
pub fn split_terms<'t>(text: &'t str, terms: &'t [Term]) -> Vec<(&'t str, Option<&'t Term>)> {
    let folded = Folded::new(text);
    let mut sorted: Vec<&Term> = terms.iter().collect();
    sorted.sort_by_key(|t| std::cmp::Reverse(t.term.chars().count()));
    let mut hits: Vec<(usize, usize, &Term)> = Vec::new();
    for t in sorted {
        let needle: Vec<char> = t.term.chars().flat_map(char::to_lowercase).collect();
        if needle.is_empty() || needle.len() > folded.chars.len() {
            continue;
        }
        for from in 0..=folded.chars.len() - needle.len() {
            if folded.chars[from..from + needle.len()] != needle[..] {
                continue;
            }
            let Some((start, end)) = folded.bytes(from, from + needle.len()) else {
                continue;
            };
            let word_start = !text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let word_end = !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            let free = hits.iter().all(|&(s, e, _)| end <= s || start >= e);
            if word_start && word_end && free {
                hits.push((start, end, t));
                break;
            }
        }
    }
    hits.sort_by_key(|h| h.0);
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, t) in hits {
        if start > at {
            out.push((&text[at..start], None));
        }
        out.push((&text[start..end], Some(t)));
        at = end;
    }
    if at < text.len() {
        out.push((&text[at..], None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Source;
    use proptest::prelude::*;

    fn term(t: &str) -> Term {
        Term {
            term: t.into(),
            definition: "d".into(),
            section: "s".into(),
            source: Source::new("seed", Some("P2")),
            fact: None,
        }
    }

    fn marked<'a>(parts: &[(&'a str, Option<&Term>)]) -> Vec<&'a str> {
        parts
            .iter()
            .filter(|(_, t)| t.is_some())
            .map(|(s, _)| *s)
            .collect()
    }

    #[test]
    fn terms_are_found_as_whole_words_case_insensitively() {
        let terms = [term("Migrant smuggling"), term("smuggling"), term("Party")];
        let text = "Migrant smuggling differs; a party joins. Partying is not.";
        let parts = split_terms(text, &terms);
        assert_eq!(marked(&parts), ["Migrant smuggling", "party"]);
        assert_eq!(parts.iter().map(|(s, _)| *s).collect::<String>(), text);
    }

    #[test]
    fn case_folding_that_changes_lengths_does_not_panic_and_still_marks() {
        // Ⱥ (2 bytes) folds to ⱥ (3 bytes) and ẞ (3 bytes) to ß (2 bytes): the lengths match,
        // the offsets do not.
        let terms = [term("a")];
        let parts = split_terms("ȺȺ a ẞẞ", &terms);
        assert_eq!(marked(&parts), ["a"]);
        let terms = [term("protocol"), term("i")];
        let parts = split_terms("İstanbul Protocol", &terms);
        assert_eq!(marked(&parts), ["Protocol"]);
        let terms = [term("straße")];
        let parts = split_terms("STRASSE Straße", &terms);
        assert_eq!(marked(&parts), ["Straße"]);
    }

    proptest! {
        #[test]
        fn any_text_splits_back_into_itself(text in any::<String>(), t in any::<String>()) {
            let terms = [term(&t), term("a"), term("ß")];
            let parts = split_terms(&text, &terms);
            prop_assert_eq!(parts.iter().map(|(s, _)| *s).collect::<String>(), text);
        }
    }
}
