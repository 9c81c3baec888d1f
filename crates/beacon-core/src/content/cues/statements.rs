//! Cues in true/false statements: absolute words ("only", "never") that make a statement sound
//! false, and hedges ("may", "often") that make it sound true.

use super::words::words;
use super::{Cue, Item, Lens, Totals, quoted};
use crate::content::Body;

/// The absolute words and hedges a statement holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Absolute words and phrases, as listed.
    pub absolutes: Vec<String>,
    /// Hedges, as listed.
    pub hedges: Vec<String>,
}

/// Quantifiers that become hedges after "not": "not all", "not always", "not every".
const NEGATED_TO_HEDGE: &[&str] = &["all", "always", "every", "everyone", "everything"];

/// Finds the absolutes and hedges of a statement. After "not", a quantifier ("not all") counts
/// as a hedge and any other absolute ("not only") as neither; "may" next to a number is the
/// month.
#[must_use]
pub fn marks(statement: &str, lens: &Lens) -> Marks {
    let w = words(statement);
    let negated = |start: usize| start > 0 && w.get(start - 1).is_some_and(|p| p == "not");
    let mut out = Marks::default();
    for (start, phrase) in lens.absolutes.find(&w) {
        if negated(start) {
            if NEGATED_TO_HEDGE.contains(&phrase.as_str()) {
                out.hedges.push(format!("not {phrase}"));
            }
        } else {
            out.absolutes.push(phrase);
        }
    }
    let is_number = |i: Option<usize>| {
        i.and_then(|i| w.get(i))
            .is_some_and(|s| s.chars().all(|c| c.is_ascii_digit()))
    };
    for (start, phrase) in lens.hedges.find(&w) {
        let month =
            phrase == "may" && (is_number(start.checked_sub(1)) || is_number(Some(start + 1)));
        if !month {
            out.hedges.push(phrase);
        }
    }
    unique(&mut out.absolutes);
    unique(&mut out.hedges);
    out
}

/// Drops repeats, keeping the first of each.
fn unique(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|w| seen.insert(w.clone()));
}

/// Checks a true/false item and counts it in the totals.
pub(super) fn check(
    item: &Item<'_>,
    lens: &Lens,
    totals: &mut Totals,
    found: &mut impl FnMut(Cue, String),
) {
    let Body::TrueFalse(answer) = item.body else {
        return;
    };
    let m = marks(item.prompt, lens);
    let (absolute, hedge) = (!m.absolutes.is_empty(), !m.hedges.is_empty());
    let (absolutes, hedges) = if *answer {
        (&mut totals.true_absolute, &mut totals.true_hedge)
    } else {
        (&mut totals.false_absolute, &mut totals.false_hedge)
    };
    absolutes.add(absolute, 0.0);
    hedges.add(hedge, 0.0);
    let (cued, cue, what, list, verdict, fix) = if *answer {
        (
            hedge,
            Cue::Hedge,
            "a true statement with a hedge",
            &m.hedges,
            "True",
            "hedge some false statements too, or state this one plainly",
        )
    } else {
        (
            absolute,
            Cue::Absolute,
            "a false statement with an absolute word",
            &m.absolutes,
            "False",
            "make it false by its content, or use absolutes in true statements too where the sources support them",
        )
    };
    if cued {
        found(
            cue,
            format!(
                "{what} ({}): a test-wise learner answers {verdict} on sight; {fix}",
                quoted(list)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::cues::CueSettings;

    fn lens() -> Lens {
        Lens::new(&CueSettings::default())
    }

    #[test]
    fn absolutes_and_hedges_are_found_as_whole_words() {
        let m = marks("Only states can ever join, and they never leave.", &lens());
        assert_eq!(m.absolutes, ["only", "never"]);
        assert_eq!(m.hedges, ["can"]);
        let m = marks("Nobody cannot... no one; canny allsorts", &lens());
        assert_eq!(m.absolutes, ["nobody", "cannot", "no one"]);
        assert!(m.hedges.is_empty());
    }

    #[test]
    fn not_all_is_a_hedge_and_not_only_is_neither() {
        let m = marks("Not all parties are states, and not only women.", &lens());
        assert!(m.absolutes.is_empty(), "{m:?}");
        assert_eq!(m.hedges, ["not all"]);
    }

    #[test]
    fn may_next_to_a_number_is_the_month() {
        assert!(
            marks("It was adopted on 31 May 2001.", &lens())
                .hedges
                .is_empty()
        );
        assert!(
            marks("In May 2001 it was adopted.", &lens())
                .hedges
                .is_empty()
        );
        assert_eq!(marks("It may be adopted.", &lens()).hedges, ["may"]);
    }

    #[test]
    fn false_statements_with_absolutes_and_true_ones_with_hedges_are_counted() {
        let lens = lens();
        let mut totals = Totals::default();
        let mut found = Vec::new();
        let statements = [
            ("Trafficking always involves a border.", false),
            ("Smuggling never needs consent.", false),
            ("A victim may not see themselves as one.", true),
            ("The Protocol entered into force in 2003.", true),
        ];
        for (prompt, answer) in statements {
            let body = Body::TrueFalse(answer);
            let item = Item {
                part: None,
                prompt,
                body: &body,
                explanation: None,
            };
            check(&item, &lens, &mut totals, &mut |c, m| found.push((c, m)));
        }
        assert_eq!(
            (totals.false_absolute.hits, totals.false_absolute.items),
            (2, 2)
        );
        assert_eq!(
            (totals.true_absolute.hits, totals.true_absolute.items),
            (0, 2)
        );
        assert_eq!((totals.true_hedge.hits, totals.false_hedge.hits), (1, 0));
        assert!((totals.above(Cue::Absolute) - 100.0).abs() < 1e-9);
        assert!((totals.above(Cue::Hedge) - 50.0).abs() < 1e-9);
        let cues: Vec<Cue> = found.iter().map(|(c, _)| *c).collect();
        assert_eq!(cues, [Cue::Absolute, Cue::Absolute, Cue::Hedge]);
    }
}
