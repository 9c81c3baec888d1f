//! Numbers as people type them: a decimal comma or point, spaces, a percent sign, and thousands
//! separators (`1,000`, `2,500,000`, `1.000.000`, `12 500`). A number that could be read two ways
//! is read the way the separators are grouped; one that cannot be read is refused, never
//! misread (`1,000` is a thousand, never one).

/// Parses a typed number, or `None` when the text is not a number Beacon can read for certain.
#[must_use]
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '%' && *c != '\'' && *c != '\u{2019}')
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if t.is_empty() {
        return None;
    }
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(&t)),
    };
    let plain = match (digits.rfind(','), digits.rfind('.')) {
        // Both: the last one is the decimal mark, the other groups thousands.
        (Some(c), Some(d)) => {
            let (group, decimal) = if c > d { ('.', ',') } else { (',', '.') };
            let (whole, frac) = digits.split_at(c.max(d));
            let frac = &frac[1..];
            if !grouped(whole, group) || frac.contains(decimal) || frac.contains(group) {
                return None;
            }
            format!("{}.{frac}", whole.replace(group, ""))
        }
        (Some(_), None) => one_mark(digits, ',')?,
        (None, Some(_)) => one_mark(digits, '.')?,
        (None, None) => digits.to_owned(),
    };
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    format!("{sign}{plain}")
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
}

/// Reads digits with one kind of mark: groups of three after the first (`1,000`, `2,500,000`)
/// are thousands; a single mark otherwise is the decimal mark (`27,6`, `0.5`).
fn one_mark(digits: &str, mark: char) -> Option<String> {
    let count = digits.matches(mark).count();
    if grouped(digits, mark) && count >= 1 && !digits.starts_with('0') {
        return Some(digits.replace(mark, ""));
    }
    if count == 1 {
        return Some(digits.replace(mark, "."));
    }
    None
}

/// Whether `s` is digits grouped in threes by `mark` (`1,000`, `12,500,000`), or plain digits.
fn grouped(s: &str, mark: char) -> bool {
    let mut parts = s.split(mark);
    let first = parts.next().unwrap_or("");
    let first_ok =
        !first.is_empty() && first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit());
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        return !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit());
    }
    first_ok
        && rest
            .iter()
            .all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_as_people_type_them() {
        for (typed, value) in [
            ("2000", 2000.0),
            (" 27,6 ", 27.6),
            ("27.6", 27.6),
            ("1,000", 1000.0),
            ("2,500,000", 2_500_000.0),
            ("1.000.000", 1_000_000.0),
            ("12 500", 12_500.0),
            ("1,000.5", 1000.5),
            ("1.000,5", 1000.5),
            ("61 %", 61.0),
            ("-3,5", -3.5),
            ("0,250", 0.25),
            ("50\u{a0}000\u{a0}000", 50_000_000.0),
        ] {
            assert_eq!(parse_number(typed), Some(value), "{typed:?}");
        }
    }

    #[test]
    fn what_cannot_be_read_for_certain_is_refused() {
        for typed in [
            "abc",
            "",
            "1,00,0",
            "1.2.3",
            "1,000.5.6",
            "1,2,3",
            "--1",
            "1e5x",
            "inf",
            "NaN",
        ] {
            assert_eq!(parse_number(typed), None, "{typed:?}");
        }
    }
}
