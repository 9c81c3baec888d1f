//! What a course's own text says about its words: the abbreviations it introduces ("UN Office
//! on Drugs and Crime (UNODC)") and the words it writes in lower case (common words, not
//! names). The fill-in checks use both.

use std::collections::{BTreeMap, HashSet};

use crate::content::Course;
use crate::quiz::text::normalize;

/// What the course's own text says about its words: the abbreviations it introduces ("UN
/// Office on Drugs and Crime (UNODC)") and the words it uses in lower case (common words, not
/// names).
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    /// Folded abbreviation to the folded full names that introduce it, and back.
    pairs: BTreeMap<String, Vec<String>>,
    /// Words written in lower case somewhere in the course.
    common: HashSet<String>,
}

impl Abbreviations {
    /// Reads the abbreviations and common words of a course's text.
    #[must_use]
    pub fn of(course: &Course) -> Self {
        let mut texts: Vec<&str> = Vec::new();
        for m in &course.modules {
            texts.push(&m.summary);
            for s in &m.sections {
                texts.push(&s.title);
                texts.extend(s.text.as_deref());
            }
            texts.extend(m.facts.iter().map(|f| f.text.as_str()));
            for t in &m.terms {
                texts.push(&t.term);
                texts.push(&t.definition);
            }
            for e in &m.events {
                texts.push(&e.title);
                texts.push(&e.description);
            }
            for q in &m.questions {
                texts.push(&q.prompt);
                texts.push(&q.explanation);
            }
        }
        let mut out = Self::default();
        for text in texts {
            out.read(text);
        }
        out
    }

    /// Adds the abbreviations and common words of one text.
    pub fn read(&mut self, text: &str) {
        for w in text.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
            if !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '\'') {
                self.common.insert(w.to_owned());
            }
        }
        let mut rest = text;
        while let Some(open) = rest.find('(') {
            let before = &rest[..open];
            let after = &rest[open + 1..];
            let Some(close) = after.find(')') else { break };
            let short = &after[..close];
            if is_abbreviation(short)
                && let Some(long) = expand(short, before)
            {
                self.pair(short, &long);
            }
            rest = &after[close..];
        }
    }

    fn pair(&mut self, short: &str, long: &str) {
        let (s, l) = (normalize(short), normalize(long));
        for (a, b) in [(&s, &l), (&l, &s)] {
            let list = self.pairs.entry(a.clone()).or_default();
            if !list.contains(b) {
                list.push(b.clone());
            }
        }
    }

    /// Whether the course writes this word in lower case somewhere.
    #[must_use]
    pub fn is_common(&self, word: &str) -> bool {
        self.common.contains(word)
    }

    /// The other forms of an answer: its full names if it is an abbreviation, its abbreviation
    /// if it is a full name.
    #[must_use]
    pub fn others(&self, answer: &str) -> &[String] {
        let folded = normalize(answer);
        let folded = folded.strip_prefix("the ").unwrap_or(&folded);
        self.pairs.get(folded).map_or(&[], Vec::as_slice)
    }
}

/// Whether a text in parentheses looks like an abbreviation: 2 to 10 characters, at least two
/// capitals, nothing but letters, digits, dots and dashes.
fn is_abbreviation(text: &str) -> bool {
    let n = text.chars().count();
    (2..=10).contains(&n)
        && text.chars().filter(char::is_ascii_uppercase).count() >= 2
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// The words just before an abbreviation that spell it, e.g. "UN Office on Drugs and Crime"
/// for UNODC: each word gives its initial (a word in capitals gives all its letters), and short
/// lower-case words may be left out.
fn expand(short: &str, before: &str) -> Option<String> {
    let letters: Vec<char> = short.chars().filter(char::is_ascii_uppercase).collect();
    let all: Vec<&str> = before.split_whitespace().collect();
    let tail = &all[all.len().saturating_sub(12)..];
    let start = spell(tail, tail.len(), &letters)?;
    let long = tail[start..]
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned();
    (!long.is_empty()).then_some(long)
}

/// Matches `letters` against the words before `end`, from the back; the index of the first
/// word used.
fn spell(words: &[&str], end: usize, letters: &[char]) -> Option<usize> {
    if letters.is_empty() {
        return Some(end);
    }
    let word = words.get(end.checked_sub(1)?)?;
    let clean: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let upper = clean.chars().count() >= 2 && clean.chars().all(|c| c.is_ascii_uppercase());
    if upper
        && let Some(rest) = letters.len().checked_sub(clean.len())
        && letters[rest..].iter().copied().eq(clean.chars())
        && let Some(found) = spell(words, end - 1, &letters[..rest])
    {
        return Some(found.min(end - 1));
    }
    let initial = clean.chars().next().map(|c| c.to_ascii_uppercase());
    if initial == letters.last().copied()
        && let Some(found) = spell(words, end - 1, &letters[..letters.len() - 1])
    {
        return Some(found.min(end - 1));
    }
    let small = clean.chars().count() <= 3 && clean.chars().all(char::is_lowercase);
    if small {
        return spell(words, end - 1, letters);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(text: &str) -> Abbreviations {
        let mut v = Abbreviations::default();
        v.read(text);
        v
    }

    #[test]
    fn abbreviations_are_read_from_the_words_before_them() {
        let v = vocabulary(
            "The UN Office on Drugs and Crime (UNODC) and the annual Trafficking in Persons (TIP) Report; the Sustainable Development Goals (SDGs); a note (see below) (ABC)",
        );
        assert_eq!(v.others("UNODC"), ["un office on drugs and crime"]);
        assert_eq!(v.others("the UN Office on Drugs and Crime"), ["unodc"]);
        assert_eq!(v.others("TIP"), ["trafficking in persons"]);
        assert_eq!(v.others("SDGs"), ["sustainable development goals"]);
        assert!(v.others("ABC").is_empty());
        assert!(v.others("see below").is_empty());
    }
}
