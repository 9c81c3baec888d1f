//! What the cue checks found: the findings, the course totals against chance, and which
//! findings are warnings.

use super::{Cue, CueSettings, Finding};

/// A count of items that show a cue, with the count chance alone would give.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Share {
    /// Items that show the cue.
    pub hits: usize,
    /// Items looked at.
    pub items: usize,
    /// Expected hits by chance (a sum of probabilities).
    pub chance: f64,
}

impl Share {
    /// Hits in percent of items (0 when there are none).
    #[must_use]
    pub fn percent(&self) -> f64 {
        percent(self.hits as f64, self.items)
    }

    /// Chance in percent of items.
    #[must_use]
    pub fn chance_percent(&self) -> f64 {
        percent(self.chance, self.items)
    }

    pub(super) fn add(&mut self, hit: bool, chance: f64) {
        self.items += 1;
        self.hits += usize::from(hit);
        self.chance += chance;
    }
}

/// `part` in percent of `whole` (0 when `whole` is 0).
pub(crate) fn percent(part: f64, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part / whole as f64 * 100.0
    }
}

/// The course totals of the cues that matter in bulk.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    /// Single-choice questions whose key is the strictly longest choice.
    pub longest_key_questions: Share,
    /// Single-choice scenario parts whose key is the strictly longest choice.
    pub longest_key_parts: Share,
    /// Multiple-answer items (questions and parts) whose right choices are all longer.
    pub longer_right: Share,
    /// False statements holding an absolute word.
    pub false_absolute: Share,
    /// True statements holding an absolute word.
    pub true_absolute: Share,
    /// True statements holding a hedge.
    pub true_hedge: Share,
    /// False statements holding a hedge.
    pub false_hedge: Share,
}

impl Totals {
    /// All single-choice items, questions and parts together.
    #[must_use]
    pub fn longest_key(&self) -> Share {
        let (q, p) = (self.longest_key_questions, self.longest_key_parts);
        Share {
            hits: q.hits + p.hits,
            items: q.items + p.items,
            chance: q.chance + p.chance,
        }
    }

    /// How far a bulk cue's measure is above its reference, in points: the share against
    /// chance, or false statements against true ones (for hedges, true against false).
    #[must_use]
    pub fn above(&self, cue: Cue) -> f64 {
        match cue {
            Cue::LongestKey => {
                let s = self.longest_key();
                s.percent() - s.chance_percent()
            }
            Cue::LongerRight => self.longer_right.percent() - self.longer_right.chance_percent(),
            Cue::Absolute => self.false_absolute.percent() - self.true_absolute.percent(),
            Cue::Hedge => self.true_hedge.percent() - self.false_hedge.percent(),
            _ => 0.0,
        }
    }
}

/// Everything the cue checks found in a course.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Every finding, bulk cues included, in course order.
    pub findings: Vec<Finding>,
    /// The course totals.
    pub totals: Totals,
    /// The settings the report was made with.
    pub settings: CueSettings,
}

impl Report {
    /// The most a bulk cue may be above its reference, in points.
    #[must_use]
    pub fn limit(&self, cue: Cue) -> f64 {
        let s = &self.settings;
        match cue {
            Cue::LongestKey => s.longest_key_above_chance,
            Cue::LongerRight => s.longer_right_above_chance,
            Cue::Absolute => s.absolutes_apart,
            Cue::Hedge => s.hedges_apart,
            _ => 0.0,
        }
    }

    /// Whether a bulk cue's course total is over its limit (never for other cues).
    #[must_use]
    pub fn over(&self, cue: Cue) -> bool {
        cue.is_in_bulk() && self.totals.above(cue) > self.limit(cue) + 1e-9
    }

    /// The findings that are warnings: every finding of a cue that is always one, and those of
    /// a bulk cue whose course total is over its limit.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| !f.cue.is_in_bulk() || self.over(f.cue))
    }

    /// The findings of bulk cues within their limits: notes, not warnings.
    pub fn notes(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.cue.is_in_bulk() && !self.over(f.cue))
    }

    /// The course totals as lines of text, each against chance (or its counterpart) and its
    /// limit.
    #[must_use]
    pub fn total_lines(&self) -> Vec<String> {
        let totals = &self.totals;
        let verdict = |cue: Cue| {
            if self.over(cue) {
                format!("OVER the limit of {:.0} points", self.limit(cue))
            } else {
                format!("within the limit of {:.0} points", self.limit(cue))
            }
        };
        let all = totals.longest_key();
        let (questions, parts) = (totals.longest_key_questions, totals.longest_key_parts);
        let mut out = vec![format!(
            "key strictly the longest choice: {} of {} single-choice items ({:.1}%; questions {} of {}, scenario parts {} of {}), chance {:.1}%: {}",
            all.hits,
            all.items,
            all.percent(),
            questions.hits,
            questions.items,
            parts.hits,
            parts.items,
            all.chance_percent(),
            verdict(Cue::LongestKey)
        )];
        let m = totals.longer_right;
        out.push(format!(
            "right choices all longer than the wrong ones: {} of {} multiple-answer items ({:.1}%), chance {:.1}%: {}",
            m.hits,
            m.items,
            m.percent(),
            m.chance_percent(),
            verdict(Cue::LongerRight)
        ));
        let (fa, ta) = (totals.false_absolute, totals.true_absolute);
        out.push(format!(
            "absolute words: in {} of {} false statements ({:.1}%) and {} of {} true ones ({:.1}%), {:.1} points apart: {}",
            fa.hits,
            fa.items,
            fa.percent(),
            ta.hits,
            ta.items,
            ta.percent(),
            self.totals.above(Cue::Absolute),
            verdict(Cue::Absolute)
        ));
        let (th, fh) = (totals.true_hedge, totals.false_hedge);
        out.push(format!(
            "hedges: in {} of {} true statements ({:.1}%) and {} of {} false ones ({:.1}%), {:.1} points apart: {}",
            th.hits,
            th.items,
            th.percent(),
            fh.hits,
            fh.items,
            fh.percent(),
            self.totals.above(Cue::Hedge),
            verdict(Cue::Hedge)
        ));
        for cue in Cue::ALL.into_iter().filter(|c| !c.is_in_bulk()) {
            let n = self.findings.iter().filter(|f| f.cue == cue).count();
            out.push(format!("{}: {n}", cue.name()));
        }
        out
    }
}
