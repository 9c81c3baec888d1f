//! Interchange formats: the course to Moodle (GIFT, Moodle XML) and Anki, results to a
//! spreadsheet (CSV) and to a learning record store (xAPI).

pub mod anki;
pub mod gift;
pub mod moodle_xml;
pub mod results_csv;
pub mod xapi;

use std::fmt::Write;

use crate::progress::{AttemptRecord, Progress};
use crate::quiz::format_number;

/// One learner's records, as exported.
#[derive(Debug, Clone, Copy)]
pub struct Learner<'a> {
    /// Profile id on this computer.
    pub id: &'a str,
    /// The profile's UUID: the account name in xAPI and the learner column of the CSV, the
    /// same on every export and different on every computer.
    pub uuid: &'a str,
    /// Profile name.
    pub name: &'a str,
    /// Their progress.
    pub progress: &'a Progress,
}

/// What an attempt was, for the CSV's `scope` column.
#[must_use]
pub fn scope(attempt: &AttemptRecord) -> String {
    if attempt.info.assessment {
        "final".to_owned()
    } else if let Some(m) = &attempt.info.module {
        m.clone()
    } else if attempt.info.review {
        "review".to_owned()
    } else {
        "mixed".to_owned()
    }
}

/// A text cell a spreadsheet will not run as a formula: one that begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a `'` in front (as OWASP advises for CSV injection).
#[must_use]
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// An ISO 8601 duration, e.g. `PT3M5S` or `PT4.5S`.
#[must_use]
pub fn iso_duration(seconds: f64) -> String {
    let total = seconds.max(0.0);
    let whole = total.trunc() as u64;
    let (h, m, s) = (whole / 3600, (whole % 3600) / 60, whole % 60);
    let frac = total - total.trunc();
    let mut out = String::from("PT");
    if h > 0 {
        let _ = write!(out, "{h}H");
    }
    if m > 0 {
        let _ = write!(out, "{m}M");
    }
    if frac >= 0.05 {
        let _ = write!(
            out,
            "{}S",
            format_number(((s as f64 + frac) * 10.0).round() / 10.0)
        );
    } else if s > 0 || (h == 0 && m == 0) {
        let _ = write!(out, "{s}S");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_quoted() {
        for (given, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("Ada = Byron", "Ada = Byron"),
            ("Ada", "Ada"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(given), written, "{given}");
        }
    }

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(0.0), "PT0S");
        assert_eq!(iso_duration(5.0), "PT5S");
        assert_eq!(iso_duration(185.0), "PT3M5S");
        assert_eq!(iso_duration(3600.0), "PT1H");
        assert_eq!(iso_duration(4.5), "PT4.5S");
        assert_eq!(iso_duration(-3.0), "PT0S");
    }
}
