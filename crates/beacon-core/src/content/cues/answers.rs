//! Cues in typed answers: an approximate figure asked with no tolerance, and a fill-in that does
//! not accept an obvious form of its answer (a date typed as numbers, an abbreviation or its
//! full name, a plural or singular, a number as a word or in digits).

pub use super::vocabulary::Abbreviations;
use super::words::words;
use super::{Cue, Item, Lens, quoted};
use crate::content::Body;
use crate::quiz::text::{matches_any, normalize};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const NUMBERS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

const ORDINALS: [&str; 21] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// Approximate words that ask for a figure only before "how", "what" or a number.
const AMBIGUOUS: [&str; 3] = ["about", "around", "some"];

/// Plurals that do not add an s.
const IRREGULAR: [(&str, &str); 4] = [
    ("woman", "women"),
    ("man", "men"),
    ("child", "children"),
    ("person", "people"),
];

/// Checks the typed answers of one item.
pub(super) fn check(
    item: &Item<'_>,
    lens: &Lens,
    vocabulary: &Abbreviations,
    found: &mut impl FnMut(Cue, String),
) {
    match item.body {
        Body::Numeric(n) if (n.max - n.min).abs() < 1e-12 => {
            if let Some(m) = approximate(item.prompt, item.explanation.unwrap_or(""), n.shown, lens)
            {
                found(
                    Cue::Approximate,
                    format!(
                        "{m}, but only exactly {} is accepted; add a `tolerance` (or `min` and `max`)",
                        crate::quiz::format_number(n.shown)
                    ),
                );
            }
        }
        Body::FillIn(accepted) => {
            let missing = missing_forms(accepted, vocabulary);
            if !missing.is_empty() {
                found(
                    Cue::MissingForm,
                    format!(
                        "the accepted answers do not take {}; add them to `accept`",
                        quoted(&missing)
                    ),
                );
            }
        }
        _ => {}
    }
}

/// For a fact's `number` with no tolerance whose question or text calls it approximate: what to
/// fix.
#[must_use]
pub(super) fn approximate_number(
    ask: &str,
    text: &str,
    value: f64,
    tolerance: f64,
    lens: &Lens,
) -> Option<String> {
    if tolerance > 0.0 {
        return None;
    }
    approximate(ask, text, value, lens).map(|m| {
        format!(
            "{m}, but its `number` accepts only exactly {}; add a `tolerance` to `number`",
            crate::quiz::format_number(value)
        )
    })
}

/// Why a figure is approximate: the question asks "about how many", or the text says "about"
/// just before the figure.
fn approximate(prompt: &str, text: &str, value: f64, lens: &Lens) -> Option<String> {
    let p = words(prompt);
    let asks = lens.approximate.find(&p).into_iter().find(|(start, word)| {
        // "about his job", "around the world": these words ask for a figure only before
        // "how", "what" or a number.
        !AMBIGUOUS.contains(&word.as_str())
            || p.get(start + 1).is_some_and(|next| {
                next == "how"
                    || next == "what"
                    || next.chars().all(|c| c.is_ascii_digit())
                    || NUMBERS.contains(&next.as_str())
            })
    });
    if let Some((_, word)) = asks {
        return Some(format!(
            "the question asks for an approximate figure (\"{word}\")"
        ));
    }
    let heads = number_heads(value);
    let w = words(text);
    lens.approximate
        .find(&w)
        .into_iter()
        .find_map(|(start, word)| {
            let figure = w.get(start + words(&word).len())?;
            heads
                .contains(figure)
                .then(|| format!("the text calls the figure approximate (\"{word} {figure}\")"))
        })
}

/// How a figure's first word may be written: "27" for 27.6, "50" for 50 million or
/// 50,000,000.
fn number_heads(value: f64) -> Vec<String> {
    let whole = value.trunc().abs();
    let mut out = vec![format!("{whole:.0}")];
    let digits = format!("{whole:.0}");
    let lead = digits.len() % 3;
    if digits.len() > 3 {
        out.push(digits[..if lead == 0 { 3 } else { lead }].to_owned());
    }
    if whole >= 1e6 {
        out.push(format!("{:.0}", (whole / 1e6).trunc()));
    }
    out
}

/// The obvious forms of the accepted answers that the grader does not accept.
#[must_use]
pub fn missing_forms(accepted: &[String], vocabulary: &Abbreviations) -> Vec<String> {
    let mut wanted: Vec<Vec<String>> = Vec::new();
    if let Some(forms) = accepted.iter().find_map(|a| date_forms(a)) {
        wanted.extend(forms.into_iter().map(|f| vec![f]));
    }
    // A count is a number in every accepted form; "9" beside "September" is a month.
    let counting = accepted.iter().all(|a| number_form(a).is_some());
    for a in accepted {
        let others = vocabulary.others(a);
        if !others.is_empty() {
            wanted.push(others.to_vec());
        }
        if counting {
            wanted.extend(number_form(a).map(|f| vec![f]));
        }
        wanted.extend(plural_form(a, vocabulary).map(|f| vec![f]));
    }
    let mut out: Vec<String> = Vec::new();
    for alternatives in wanted {
        if !alternatives.iter().any(|f| matches_any(f, accepted))
            && let Some(first) = alternatives.into_iter().next()
            && !out.contains(&first)
        {
            out.push(first);
        }
    }
    out
}

/// A date answer ("30 July", "July 30, 2013") typed as numbers: "30/07" and "30.7." (with the
/// year when the answer has one).
fn date_forms(answer: &str) -> Option<Vec<String>> {
    let w = words(answer);
    let month_of = |s: &str| {
        MONTHS
            .iter()
            .position(|m| *m == s || (s.len() == 3 && m.starts_with(s)))
            .map(|i| i + 1)
    };
    let day_of = |s: &str| {
        let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
    };
    let (d, m, year) = match w.as_slice() {
        [a, b] if month_of(b).is_some() => (a, b, None),
        [a, b] => (b, a, None),
        [a, b, y] if month_of(b).is_some() => (a, b, Some(y)),
        [a, b, y] => (b, a, Some(y)),
        _ => return None,
    };
    let (day, month) = (day_of(d)?, month_of(m)?);
    if let Some(y) = year
        && !(y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let tail = |sep: &str| year.map_or(String::new(), |y| format!("{sep}{y}"));
    Some(vec![
        format!("{day}/{month:02}{}", tail("/")),
        format!("{day}.{month}.{}", year.cloned().unwrap_or_default()),
    ])
}

/// A number as a word ("three") in digits, or in digits as a word; ordinals too ("8th",
/// "eighth").
fn number_form(answer: &str) -> Option<String> {
    let a = normalize(answer);
    if let Some(n) = NUMBERS.iter().position(|w| *w == a) {
        return Some(n.to_string());
    }
    if let Some(n) = ORDINALS.iter().position(|w| *w == a) {
        return Some(format!("{n}{}", suffix(n)));
    }
    if let Ok(n) = a.parse::<usize>() {
        return NUMBERS.get(n).map(|w| (*w).to_owned());
    }
    let digits = a.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let n: usize = digits.parse().ok()?;
    (a == format!("{n}{}", suffix(n)))
        .then(|| ORDINALS.get(n).map(|w| (*w).to_owned()))
        .flatten()
}

fn suffix(n: usize) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// The answer with its last word made plural or singular, when both forms are words the
/// course uses in lower case (so names and verbs are left alone).
fn plural_form(answer: &str, vocabulary: &Abbreviations) -> Option<String> {
    let w = words(answer);
    let (last, head) = w.split_last()?;
    if last.chars().count() < 3 || !last.chars().all(char::is_alphabetic) {
        return None;
    }
    // A name of several words ("UN Office on Drugs and Crime") has no plural.
    let written_last = answer.split_whitespace().last().unwrap_or("");
    if !head.is_empty() && written_last.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let other = other_number(last);
    if !(vocabulary.is_common(last) && vocabulary.is_common(&other)) {
        return None;
    }
    let mut out = head.to_vec();
    out.push(other);
    Some(out.join(" "))
}

/// The plural of a singular English noun, or the singular of a plural one.
fn other_number(word: &str) -> String {
    for (one, many) in IRREGULAR {
        if word == one {
            return many.to_owned();
        }
        if word == many {
            return one.to_owned();
        }
    }
    if let Some(base) = word.strip_suffix("ies") {
        return format!("{base}y");
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return format!("{word}es");
    }
    if let Some(base) = word.strip_suffix("es")
        && (base.ends_with("ch") || base.ends_with("sh") || base.ends_with('x'))
    {
        return base.to_owned();
    }
    if let Some(base) = word.strip_suffix('s') {
        return base.to_owned();
    }
    let vowel_before_y = word
        .strip_suffix('y')
        .and_then(|b| b.chars().last())
        .is_some_and(|c| "aeiou".contains(c));
    if word.ends_with('y') && !vowel_before_y {
        return format!("{}ies", &word[..word.len() - 1]);
    }
    if word.ends_with("ch") || word.ends_with("sh") || word.ends_with('x') {
        return format!("{word}es");
    }
    format!("{word}s")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::cues::CueSettings;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    fn vocabulary(text: &str) -> Abbreviations {
        let mut v = Abbreviations::default();
        v.read(text);
        v
    }

    #[test]
    fn a_date_needs_its_number_forms() {
        let v = Abbreviations::default();
        assert_eq!(missing_forms(&list(&["30 July"]), &v), ["30/07", "30.7."]);
        assert_eq!(
            missing_forms(&list(&["July 30, 2013"]), &v),
            ["30/07/2013", "30.7.2013"]
        );
        assert!(missing_forms(&list(&["30 July", "30/07", "30/7"]), &v).is_empty());
        assert!(missing_forms(&list(&["Palermo"]), &v).is_empty());
    }

    #[test]
    fn an_abbreviation_and_its_full_name_go_together() {
        let v = vocabulary("The UN Office on Drugs and Crime (UNODC) is the guardian.");
        assert_eq!(
            missing_forms(&list(&["UN Office on Drugs and Crime"]), &v),
            ["unodc"]
        );
        assert_eq!(
            missing_forms(&list(&["UNODC"]), &v),
            ["un office on drugs and crime"]
        );
        assert!(missing_forms(&list(&["UNODC", "UN Office on Drugs and Crime"]), &v).is_empty());
    }

    #[test]
    fn plurals_are_asked_only_for_common_words_the_grader_does_not_forgive() {
        let v = vocabulary("each party and all parties; a state and some states; Palermo");
        assert_eq!(missing_forms(&list(&["party"]), &v), ["parties"]);
        // "states" is one letter from "state", but the typo rule needs 6 letters.
        assert_eq!(missing_forms(&list(&["state"]), &v), ["states"]);
        assert!(missing_forms(&list(&["Palermo"]), &v).is_empty());
        assert!(missing_forms(&list(&["Party", "Parties"]), &v).is_empty());
        let v = vocabulary("crime and crimes; the UN Office on Drugs and Crime");
        assert!(missing_forms(&list(&["UN Office on Drugs and Crime"]), &v).is_empty());
        assert_eq!(
            missing_forms(&list(&["organised crime"]), &v),
            ["organised crimes"]
        );
        let v = vocabulary("government and governments");
        assert!(
            missing_forms(&list(&["governments"]), &v).is_empty(),
            "one letter more in a long word is forgiven by the grader"
        );
    }

    #[test]
    fn numbers_as_words_and_digits_go_together() {
        let v = Abbreviations::default();
        assert_eq!(missing_forms(&list(&["three"]), &v), ["3"]);
        assert_eq!(missing_forms(&list(&["3"]), &v), ["three"]);
        assert_eq!(missing_forms(&list(&["8th"]), &v), ["eighth"]);
        assert_eq!(missing_forms(&list(&["eighth"]), &v), ["8th"]);
        assert!(missing_forms(&list(&["182"]), &v).is_empty());
        assert!(
            missing_forms(&list(&["September", "9"]), &v).is_empty(),
            "a month's number is not a count"
        );
    }

    #[test]
    fn approximate_figures_need_a_tolerance() {
        let lens = Lens::new(&CueSettings::default());
        assert!(
            approximate("About how many million people?", "", 50.0, &lens)
                .is_some_and(|m| m.contains("\"about\""))
        );
        assert!(
            approximate(
                "How many million?",
                "About 22 million people were",
                22.0,
                &lens
            )
            .is_some_and(|m| m.contains("\"about 22\""))
        );
        assert!(approximate("How many million?", "About 50 million in all", 22.0, &lens).is_none());
        assert!(approximate("In which year?", "It was in 2003.", 2003.0, &lens).is_none());
        assert!(approximate("Five things about his job: how many?", "", 3.0, &lens).is_none());
        assert!(approximate("Which action is about young people?", "", 35.0, &lens).is_none());
        assert!(approximate("Some 40 states, or how many?", "", 40.0, &lens).is_some());
        assert!(approximate("Roughly how many?", "", 40.0, &lens).is_some());
        assert!(approximate_number("About how many?", "", 50.0, 5.0, &lens).is_none());
        assert!(approximate_number("About how many?", "", 50.0, 0.0, &lens).is_some());
        assert_eq!(number_heads(50_000_000.0), ["50000000", "50", "50"]);
    }
}
