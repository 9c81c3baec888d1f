//! Responses in words: what a learner answered and what was right, for reviews and printouts.

use super::grade::Response;
use crate::content::Body;

/// A response to a question with this body, in words. Missing parts read "no answer".
#[must_use]
pub fn describe(body: &Body, response: &Response) -> String {
    match (body, response) {
        (Body::Single(c), Response::Choice(i)) => {
            c.0.get(*i).map_or_else(no_answer, |c| c.text.clone())
        }
        (Body::Multiple(c), Response::Choices(set)) => {
            let picked: Vec<&str> = set
                .iter()
                .filter_map(|i| c.0.get(*i).map(|c| c.text.as_str()))
                .collect();
            if picked.is_empty() {
                no_answer()
            } else {
                picked.join("; ")
            }
        }
        (Body::TrueFalse(_), Response::Bool(b)) => if *b { "True" } else { "False" }.to_owned(),
        (Body::FillIn(_), Response::Text(t)) => {
            if t.trim().is_empty() {
                no_answer()
            } else {
                t.trim().to_owned()
            }
        }
        (Body::Numeric(n), Response::Number(x)) => {
            let value = format_number(*x);
            match &n.unit {
                Some(u) => format!("{value} {u}"),
                None => value,
            }
        }
        (Body::Matching(pairs), Response::Matching(chosen)) => pairs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let partner = chosen
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(|j| pairs.get(j))
                    .map_or_else(no_answer, |q| q.right.clone());
                format!("{}: {partner}", p.left)
            })
            .collect::<Vec<_>>()
            .join("; "),
        (Body::Ordering(items), Response::Ordering(order)) => order
            .iter()
            .filter_map(|i| items.get(*i).cloned())
            .collect::<Vec<_>>()
            .join(", then "),
        (Body::Scenario { parts, .. }, Response::Parts(answers)) => parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let answer = answers
                    .get(i)
                    .and_then(Option::as_ref)
                    .map_or_else(no_answer, |r| describe(&p.body, r));
                format!("({}) {answer}", i + 1)
            })
            .collect::<Vec<_>>()
            .join(" "),
        _ => no_answer(),
    }
}

/// A number without a trailing `.0`, and with at most 2 decimals.
#[must_use]
pub fn format_number(x: f64) -> String {
    if x.fract().abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A score in questions: a whole number where it is whole ("6"), else one decimal ("6.5").
#[must_use]
pub fn format_score(score: f64) -> String {
    let tenths = (score * 10.0).round() / 10.0;
    if tenths.fract().abs() < 1e-9 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

fn no_answer() -> String {
    "no answer".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::NumericAnswer;

    #[test]
    fn scores_are_whole_where_whole_else_one_decimal() {
        assert_eq!(format_score(6.0), "6");
        assert_eq!(format_score(6.0 - 1e-12), "6");
        assert_eq!(format_score(6.5), "6.5");
        assert_eq!(format_score(2.0 / 3.0 + 5.0), "5.7");
        assert_eq!(format_score(0.0), "0");
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(format_number(2000.0), "2000");
        assert_eq!(format_number(27.6), "27.6");
        assert_eq!(format_number(0.25), "0.25");
        let body = Body::Numeric(NumericAnswer {
            min: 61.0,
            max: 61.0,
            shown: 61.0,
            unit: Some("%".into()),
        });
        assert_eq!(describe(&body, &Response::Number(61.0)), "61 %");
        assert_eq!(describe(&body, &Response::Bool(true)), "no answer");
    }
}
