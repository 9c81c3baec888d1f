//! Cues in the choices of single and multiple-answer items: the key is the longest choice, the
//! right choices are the longer ones, a choice refers to the others, and only the key repeats
//! the prompt's words.

use super::words::{content_words, length, words};
use super::{Cue, Item, Lens, Totals, quoted};
use crate::content::{Body, Choices};

/// Checks the choices of one item and counts it in the totals.
pub(super) fn check(
    item: &Item<'_>,
    lens: &Lens,
    totals: &mut Totals,
    found: &mut impl FnMut(Cue, String),
) {
    let (choices, multiple) = match item.body {
        Body::Single(c) => (c, false),
        Body::Multiple(c) => (c, true),
        _ => return,
    };
    let n = choices.0.len();
    if multiple {
        let right = choices.0.iter().filter(|c| c.correct).count();
        if right > 0 && right < n {
            let hit = right_all_longer(choices);
            totals
                .longer_right
                .add(hit, 1.0 / binomial(n, right) as f64);
            if hit {
                found(
                    Cue::LongerRight,
                    format!(
                        "the {right} right choices are the {right} longest: a learner who ticks the long ones gets full marks; lengthen some wrong choices or shorten right ones"
                    ),
                );
            }
        }
    } else if n > 0 {
        let longest = longest_key(choices);
        let share = if item.part.is_some() {
            &mut totals.longest_key_parts
        } else {
            &mut totals.longest_key_questions
        };
        share.add(longest.is_some(), 1.0 / n as f64);
        if let Some((key, next)) = longest {
            found(
                Cue::LongestKey,
                format!(
                    "the key is the strictly longest choice ({key} characters; the next longest has {next}); lengthen a wrong choice with plausible detail or trim the key"
                ),
            );
        }
    }
    if let Some(text) = refers_to_others(choices, lens) {
        found(
            Cue::Above,
            format!(
                "the choice \"{text}\" refers to the other choices: it breaks when choices are shuffled and is right far more often than chance; write a real choice instead"
            ),
        );
    }
    let echoed = echo(item.prompt, choices, lens);
    if !echoed.is_empty() {
        found(
            Cue::PromptEcho,
            format!(
                "only the key repeats words of the prompt ({}); use them in a wrong choice too, or reword the key",
                quoted(&echoed)
            ),
        );
    }
}

/// For a single-choice key that is strictly longer than every other choice: its length and
/// that of the next longest choice.
#[must_use]
pub(super) fn longest_key(choices: &Choices) -> Option<(usize, usize)> {
    let key = choices.0.iter().find(|c| c.correct)?;
    let key_len = length(&key.text);
    let next = choices
        .0
        .iter()
        .filter(|c| !c.correct)
        .map(|c| length(&c.text))
        .max()?;
    (key_len > next).then_some((key_len, next))
}

/// Whether every right choice of a multiple-answer item is longer than every wrong one.
#[must_use]
pub(super) fn right_all_longer(choices: &Choices) -> bool {
    let shortest_right = choices
        .0
        .iter()
        .filter(|c| c.correct)
        .map(|c| length(&c.text))
        .min();
    let longest_wrong = choices
        .0
        .iter()
        .filter(|c| !c.correct)
        .map(|c| length(&c.text))
        .max();
    matches!((shortest_right, longest_wrong), (Some(r), Some(w)) if r > w)
}

/// The number of ways to choose `k` of `n`.
#[must_use]
pub(super) fn binomial(n: usize, k: usize) -> u64 {
    let k = k.min(n - k.min(n));
    (0..k).fold(1u64, |acc, i| acc * (n - i) as u64 / (i as u64 + 1))
}

/// The first choice that refers to the others, such as "All of the above".
fn refers_to_others<'c>(choices: &'c Choices, lens: &Lens) -> Option<&'c str> {
    choices
        .0
        .iter()
        .find(|c| lens.above.any_in(&words(&c.text)))
        .map(|c| c.text.as_str())
}

/// The prompt's content words that the key (or a right choice) repeats, when no wrong choice
/// repeats any word of the prompt; empty otherwise.
fn echo(prompt: &str, choices: &Choices, lens: &Lens) -> Vec<String> {
    let prompt_words = content_words(prompt, &lens.stop);
    let shared = |text: &str| -> Vec<String> {
        content_words(text, &lens.stop)
            .intersection(&prompt_words)
            .cloned()
            .collect()
    };
    let wrong_echo = choices
        .0
        .iter()
        .filter(|c| !c.correct)
        .any(|c| !shared(&c.text).is_empty());
    if wrong_echo || choices.0.iter().all(|c| c.correct) {
        return Vec::new();
    }
    let mut out: Vec<String> = choices
        .0
        .iter()
        .filter(|c| c.correct)
        .flat_map(|c| shared(&c.text))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::cues::CueSettings;
    use crate::content::{Choice, Choices};

    fn choices(right: &[&str], wrong: &[&str]) -> Choices {
        let make = |t: &&str, correct| Choice {
            text: (*t).to_owned(),
            correct,
            fixed: false,
        };
        Choices(
            right
                .iter()
                .map(|t| make(t, true))
                .chain(wrong.iter().map(|t| make(t, false)))
                .collect(),
        )
    }

    fn run(prompt: &str, body: &Body) -> (Vec<(Cue, String)>, Totals) {
        let lens = Lens::new(&CueSettings::default());
        let mut totals = Totals::default();
        let mut out = Vec::new();
        let item = Item {
            part: None,
            prompt,
            body,
            explanation: None,
        };
        check(&item, &lens, &mut totals, &mut |c, m| out.push((c, m)));
        (out, totals)
    }

    #[test]
    fn a_key_strictly_longer_than_every_choice_is_found_and_a_tie_is_not() {
        let body = Body::Single(choices(
            &["The UN Office on Drugs and Crime"],
            &["IOM", "ILO", "OHCHR"],
        ));
        let (found, totals) = run("Which entity is the guardian?", &body);
        assert_eq!(found[0].0, Cue::LongestKey);
        assert!(found[0].1.contains("32 characters; the next longest has 5"));
        assert_eq!(totals.longest_key_questions.hits, 1);
        assert!((totals.longest_key_questions.chance - 0.25).abs() < 1e-12);

        let tie = Body::Single(choices(&["abcd"], &["wxyz", "ab"]));
        let (found, totals) = run("Pick one.", &tie);
        assert!(found.is_empty());
        assert_eq!(totals.longest_key_questions.hits, 0);
        assert_eq!(totals.longest_key_questions.items, 1);
    }

    #[test]
    fn right_choices_that_are_all_the_longest_are_found() {
        let body = Body::Multiple(choices(
            &[
                "Someone else holds her documents",
                "Her movement is controlled",
            ],
            &["She works", "She is tired", "She smiles"],
        ));
        let (found, totals) = run("Which signs are present?", &body);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Cue::LongerRight);
        // C(5, 2) = 10 ways to choose which two are right.
        assert!((totals.longer_right.chance - 0.1).abs() < 1e-12);

        let mixed = Body::Multiple(choices(
            &["Someone else holds her documents", "Debt"],
            &["She works in a shop", "She is tired"],
        ));
        assert!(run("Which signs are present?", &mixed).0.is_empty());
    }

    #[test]
    fn all_of_the_above_is_found_in_any_case() {
        let body = Body::Single(choices(&["All of the above."], &["Red", "Blue"]));
        let (found, _) = run("Which colour?", &body);
        assert!(
            found
                .iter()
                .any(|(c, m)| *c == Cue::Above && m.contains("All of the above."))
        );
    }

    #[test]
    fn prompt_words_repeated_only_in_the_key_are_found() {
        let body = Body::Single(choices(
            &["They report to the national referral mechanism"],
            &["Call a journalist", "Post online", "Wait"],
        ));
        let (found, _) = run("What does a national referral mechanism do?", &body);
        let echo = found.iter().find(|(c, _)| *c == Cue::PromptEcho);
        assert!(
            echo.is_some_and(|(_, m)| m.contains("\"mechanism\", \"national\", \"referral\"")),
            "{found:?}"
        );
        // A wrong choice that repeats a prompt word too takes the cue away.
        let fair = Body::Single(choices(
            &["They report to the national referral mechanism"],
            &["A national hotline", "Post online", "Wait"],
        ));
        let (found, _) = run("What does a national referral mechanism do?", &fair);
        assert!(found.iter().all(|(c, _)| *c != Cue::PromptEcho));
    }

    #[test]
    fn binomials() {
        assert_eq!(binomial(5, 2), 10);
        assert_eq!(binomial(4, 1), 4);
        assert_eq!(binomial(8, 4), 70);
        assert_eq!(binomial(3, 3), 1);
    }
}
