//! What deserves a teacher's look, with the reason in plain words, and the thresholds that
//! decide it (all in one place).

use serde::Serialize;

/// When a question is flagged. The defaults follow common practice in classical test theory.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// Fewer attempts than this and a question gets no flag but "few attempts".
    pub min_attempts: usize,
    /// A discrimination index below this (but not below 0) is near zero.
    pub low_discrimination: f64,
    /// A facility index above this is too easy to tell anyone apart.
    pub easy: f64,
    /// A facility index below this is too hard.
    pub hard: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            min_attempts: 5,
            low_discrimination: 0.1,
            easy: 0.95,
            hard: 0.2,
        }
    }
}

/// The kinds of flag, most serious first (the order the report sorts by).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Stronger learners do worse on it than weaker ones.
    NegativeDiscrimination,
    /// It does not tell stronger from weaker learners.
    LowDiscrimination,
    /// Fewer than one in five get it right.
    TooHard,
    /// A wrong choice nobody picks.
    UnusedChoice,
    /// Almost everyone gets it right.
    TooEasy,
    /// Too few attempts to judge.
    FewAttempts,
}

impl FlagKind {
    /// A short label for tables.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::NegativeDiscrimination => "Check the key",
            FlagKind::LowDiscrimination => "Does not discriminate",
            FlagKind::TooHard => "Very hard",
            FlagKind::UnusedChoice => "Unused choice",
            FlagKind::TooEasy => "Very easy",
            FlagKind::FewAttempts => "Few attempts",
        }
    }
}

/// A flag on a question, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// What kind.
    pub kind: FlagKind,
    /// Why, in plain words, and what to do.
    pub reason: String,
}

/// The figures a question's flags are decided on.
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    /// Attempts at the question.
    pub attempts: usize,
    /// Facility index, 0 to 1.
    pub facility: f64,
    /// Discrimination index, -1 to 1, when it could be computed.
    pub discrimination: Option<f64>,
    /// Responses recorded (for choice questions).
    pub responses: usize,
    /// The wrong choices nobody picked.
    pub unused: &'a [String],
}

/// The flags of a question, most serious first.
#[must_use]
pub fn flags(f: &Figures<'_>, t: &Thresholds) -> Vec<Flag> {
    let flag = |kind, reason: String| Flag { kind, reason };
    if f.attempts < t.min_attempts {
        return vec![flag(
            FlagKind::FewAttempts,
            format!(
                "Only {} attempt{}: too few to judge; flags wait for {}.",
                f.attempts,
                if f.attempts == 1 { "" } else { "s" },
                t.min_attempts
            ),
        )];
    }
    let mut out = Vec::new();
    match f.discrimination {
        Some(d) if d < 0.0 => out.push(flag(
            FlagKind::NegativeDiscrimination,
            format!(
                "Strong learners get this wrong more often than weaker ones (discrimination {d:.2}): check the key and the wording."
            ),
        )),
        Some(d) if d < t.low_discrimination => out.push(flag(
            FlagKind::LowDiscrimination,
            format!(
                "Strong learners get this wrong about as often as weaker ones (discrimination {d:.2}), so it does not tell them apart: check the key and the wording."
            ),
        )),
        _ => {}
    }
    if f.facility < t.hard {
        out.push(flag(
            FlagKind::TooHard,
            format!(
                "Fewer than one in five get this right ({}): check the key, the wording, and whether the lesson teaches it.",
                percent(f.facility)
            ),
        ));
    }
    if f.responses >= t.min_attempts {
        for choice in f.unused {
            out.push(flag(
                FlagKind::UnusedChoice,
                format!(
                    "Nobody picked \u{201c}{choice}\u{201d}: replace it with a mistake learners really make."
                ),
            ));
        }
    }
    if f.facility > t.easy {
        out.push(flag(
            FlagKind::TooEasy,
            format!(
                "Almost everyone gets this right ({}): it tells you little about who has learned; make the wrong choices more tempting, or keep it as a warm-up.",
                percent(f.facility)
            ),
        ));
    }
    out
}

/// A share as a whole percentage, e.g. `97%`.
#[must_use]
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(f: &Figures<'_>) -> Vec<FlagKind> {
        flags(f, &Thresholds::default())
            .into_iter()
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn each_threshold_raises_its_flag() {
        let base = Figures {
            attempts: 30,
            facility: 0.6,
            discrimination: Some(0.4),
            responses: 30,
            unused: &[],
        };
        assert!(kinds(&base).is_empty(), "a good question has no flag");
        let negative = Figures {
            discrimination: Some(-0.2),
            ..base
        };
        assert_eq!(kinds(&negative), [FlagKind::NegativeDiscrimination]);
        assert!(
            flags(&negative, &Thresholds::default())[0]
                .reason
                .contains("check the key and the wording")
        );
        let flat = Figures {
            discrimination: Some(0.05),
            ..base
        };
        assert_eq!(kinds(&flat), [FlagKind::LowDiscrimination]);
        let easy = Figures {
            facility: 0.97,
            ..base
        };
        assert_eq!(kinds(&easy), [FlagKind::TooEasy]);
        let hard = Figures {
            facility: 0.1,
            ..base
        };
        assert_eq!(kinds(&hard), [FlagKind::TooHard]);
        let unused = ["Party".to_owned()];
        let with_unused = Figures {
            unused: &unused,
            ..base
        };
        assert_eq!(kinds(&with_unused), [FlagKind::UnusedChoice]);
        let few = Figures {
            attempts: 3,
            facility: 1.0,
            ..base
        };
        assert_eq!(kinds(&few), [FlagKind::FewAttempts]);
    }
}
