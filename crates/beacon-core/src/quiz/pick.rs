//! The picking rules of quiz assembly: questions are drawn in turn from each difficulty of each
//! module, and a question joins only if it tests no fact the quiz already tests and neither
//! shows nor is shown the answer of a question already in ([`Telling::gives_away`]). When
//! drawing stalls short of the count, swaps of one question for two grow the quiz while it
//! stays free of clashes; only then do questions that share a fact, and last any question, fill
//! it (the scope has too few facts for the count).

use std::cell::OnceCell;
use std::collections::BTreeMap;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use super::assemble::Candidate;
use crate::content::Course;
use crate::content::cues::{Lens, Telling};

/// How much a question may overlap those already in the quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tier {
    /// No common fact, nothing given away either way.
    Free,
    /// A common fact, but nothing given away.
    SharedFact,
    /// Anything (the scope is too small).
    Any,
}

/// The questions picked so far from a pool, by index.
pub(super) struct Selection<'p, 'c> {
    pool: &'p [Candidate<'c>],
    lens: Lens,
    /// What each candidate shows, read when first needed (boxed: most are never read, and
    /// a pool may hold thousands).
    told: Vec<OnceCell<Box<Telling>>>,
    /// The picked candidates, in the order picked.
    pub items: Vec<usize>,
    /// Most generated questions the quiz may hold.
    generated_budget: usize,
}

impl<'p, 'c> Selection<'p, 'c> {
    /// An empty selection from `pool`, with room for `generated_budget` generated questions.
    pub fn new(course: &Course, pool: &'p [Candidate<'c>], generated_budget: usize) -> Self {
        Self {
            pool,
            lens: Lens::new(&course.info.cues),
            told: (0..pool.len()).map(|_| OnceCell::new()).collect(),
            items: Vec::new(),
            generated_budget,
        }
    }

    fn telling(&self, i: usize) -> &Telling {
        self.told[i].get_or_init(|| Box::new(Telling::new(&self.pool[i].question, &self.lens)))
    }

    fn generated(&self, i: usize) -> usize {
        usize::from(self.pool[i].question.generated)
    }

    fn generated_in(&self) -> usize {
        self.items.iter().map(|&i| self.generated(i)).sum()
    }

    /// Whether two candidates may not be in one quiz at this tier.
    fn clash(&self, a: usize, b: usize, tier: Tier) -> bool {
        let (qa, qb) = (&self.pool[a].question, &self.pool[b].question);
        match tier {
            Tier::Any => false,
            Tier::Free if qa.facts.iter().any(|f| qb.facts.contains(f)) => true,
            Tier::Free | Tier::SharedFact => {
                let (ta, tb) = (self.telling(a), self.telling(b));
                ta.gives_away(tb, &self.lens).is_some() || tb.gives_away(ta, &self.lens).is_some()
            }
        }
    }

    /// Whether candidate `i` may join at this tier.
    pub fn allows(&self, i: usize, tier: Tier) -> bool {
        !self.items.contains(&i)
            && (self.generated(i) == 0 || self.generated_in() < self.generated_budget)
            && !self.items.iter().any(|&j| self.clash(i, j, tier))
    }

    /// Adds candidate `i`.
    pub fn take(&mut self, i: usize) {
        self.items.push(i);
    }

    /// Grows a clash-free selection towards `count` when drawing stalled: in a small pool (at
    /// most [`SEARCH_POOL`] candidates) by a bounded search for `count` questions without a
    /// clash, trying those already picked first and the others in a random order; in a larger
    /// one by swapping one picked question for two unused ones that clash with nothing else.
    pub fn augment(&mut self, count: usize, rng: &mut StdRng) {
        if self.pool.len() <= SEARCH_POOL {
            self.search(count, rng);
        } else {
            self.swap(count, rng);
        }
    }

    /// A depth-first search over the pool with clash sets as bit masks.
    fn search(&mut self, count: usize, rng: &mut StdRng) {
        let mut rest: Vec<usize> = (0..self.pool.len())
            .filter(|i| !self.items.contains(i))
            .collect();
        rest.shuffle(rng);
        let order: Vec<usize> = self.items.iter().copied().chain(rest).collect();
        let n = order.len();
        let mut clashes = vec![0u128; n];
        for a in 0..n {
            for b in a + 1..n {
                if self.clash(order[a], order[b], Tier::Free) {
                    clashes[a] |= 1 << b;
                    clashes[b] |= 1 << a;
                }
            }
        }
        let generated: Vec<bool> = order.iter().map(|&i| self.generated(i) == 1).collect();
        let mut search = Search {
            clashes: &clashes,
            generated: &generated,
            budget: self.generated_budget,
            count,
            steps: 0,
            best: 0,
        };
        let all = 1u128
            .checked_shl(u32::try_from(n).unwrap_or(u32::MAX))
            .map_or(u128::MAX, |bit| bit - 1);
        search.run(0, 0, all, 0);
        let found: Vec<usize> = (0..n)
            .filter(|b| search.best & (1 << b) != 0)
            .map(|b| order[b])
            .collect();
        if found.len() > self.items.len() {
            // Keep the draw's order for the questions kept, then the new ones.
            let mut items: Vec<usize> = self
                .items
                .iter()
                .copied()
                .filter(|i| found.contains(i))
                .collect();
            items.extend(found.into_iter().filter(|i| !self.items.contains(i)));
            self.items = items;
        }
    }

    /// Swaps one picked question for two unused ones, while such a swap exists.
    fn swap(&mut self, count: usize, rng: &mut StdRng) {
        while self.items.len() < count {
            let mut unused: Vec<usize> = (0..self.pool.len())
                .filter(|i| !self.items.contains(i))
                .collect();
            unused.shuffle(rng);
            // Unused questions that clash with exactly one picked question, by its place.
            let mut blocked_by: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &u in &unused {
                let mut hits = self
                    .items
                    .iter()
                    .enumerate()
                    .filter(|&(_, &z)| self.clash(u, z, Tier::Free))
                    .map(|(at, _)| at);
                if let (Some(at), None) = (hits.next(), hits.next()) {
                    blocked_by.entry(at).or_default().push(u);
                }
            }
            let generated = self.generated_in();
            let swap = blocked_by.iter().find_map(|(&at, list)| {
                let out = self.generated(self.items[at]);
                list.iter().enumerate().find_map(|(k, &u)| {
                    list[k + 1..].iter().find_map(|&v| {
                        let fits = generated - out + self.generated(u) + self.generated(v)
                            <= self.generated_budget;
                        (fits && !self.clash(u, v, Tier::Free)).then_some((at, u, v))
                    })
                })
            });
            let Some((at, u, v)) = swap else { break };
            self.items[at] = u;
            self.items.push(v);
        }
    }
}

/// The largest pool searched exhaustively (bit masks of 128 bits).
pub(super) const SEARCH_POOL: usize = 128;

/// Most steps of the search, so that assembly stays fast when no clash-free quiz exists.
const SEARCH_STEPS: usize = 20_000;

/// A bounded branch-and-bound search for the largest set of candidates with no clash between
/// them, stopping as soon as one of `count` is found.
struct Search<'a> {
    clashes: &'a [u128],
    generated: &'a [bool],
    budget: usize,
    count: usize,
    steps: usize,
    /// The largest clash-free set found.
    best: u128,
}

impl Search<'_> {
    /// Extends `chosen` with candidates from `at` on that are still `open` (including before
    /// leaving out); true when `count` is reached.
    fn run(&mut self, chosen: u128, at: usize, open: u128, generated: usize) -> bool {
        if chosen.count_ones() > self.best.count_ones() {
            self.best = chosen;
        }
        if chosen.count_ones() as usize >= self.count {
            return true;
        }
        self.steps += 1;
        // The open candidates from `at` on (none past the last bit).
        let ahead = 1u128
            .checked_shl(u32::try_from(at).unwrap_or(u32::MAX))
            .map_or(0, |bit| open & !(bit - 1));
        // Stop when out of steps, or when even taking every open candidate would not beat the
        // best found.
        if self.steps > SEARCH_STEPS
            || chosen.count_ones() + ahead.count_ones() <= self.best.count_ones()
        {
            return false;
        }
        let Some(next) = (at..self.clashes.len()).find(|&b| ahead & (1 << b) != 0) else {
            return false;
        };
        let gen_next = usize::from(self.generated[next]);
        if generated + gen_next <= self.budget
            && self.run(
                chosen | (1 << next),
                next + 1,
                open & !self.clashes[next],
                generated + gen_next,
            )
        {
            return true;
        }
        self.run(chosen, next + 1, open, generated)
    }
}

/// One module's candidates, drawn in turn from each difficulty (in a random order of
/// difficulties, each shuffled), so that easy and hard are mixed.
pub(super) struct Draw {
    buckets: Vec<Vec<usize>>,
    next_level: usize,
}

impl Draw {
    /// The draw of these candidates (indexes into `pool`).
    pub fn new(pool: &[Candidate<'_>], candidates: &[usize], rng: &mut StdRng) -> Self {
        let mut by_level: BTreeMap<u8, Vec<usize>> = BTreeMap::new();
        for &c in candidates {
            by_level
                .entry(pool[c].question.difficulty)
                .or_default()
                .push(c);
        }
        for bucket in by_level.values_mut() {
            bucket.shuffle(rng);
        }
        let mut levels: Vec<u8> = by_level.keys().copied().collect();
        levels.shuffle(rng);
        Self {
            buckets: levels.iter().filter_map(|l| by_level.remove(l)).collect(),
            next_level: 0,
        }
    }

    /// The next candidate that `accept` allows: the first such in the next difficulty that
    /// has one.
    pub fn next(&mut self, accept: impl Fn(usize) -> bool) -> Option<usize> {
        let n = self.buckets.len();
        for step in 0..n {
            let level = (self.next_level + step) % n;
            if let Some(&c) = self.buckets[level].iter().find(|&&c| accept(c)) {
                self.next_level = (level + 1) % n;
                return Some(c);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(clashes: &[u128], generated: &[bool], budget: usize, count: usize) -> u128 {
        let mut s = Search {
            clashes,
            generated,
            budget,
            count,
            steps: 0,
            best: 0,
        };
        let all = 1u128
            .checked_shl(u32::try_from(clashes.len()).unwrap_or(u32::MAX))
            .map_or(u128::MAX, |bit| bit - 1);
        s.run(0, 0, all, 0);
        s.best
    }

    #[test]
    fn the_search_finds_what_taking_the_first_fit_misses() {
        // Candidate 0 (a question on two facts) clashes with 1 and 2, which do not clash:
        // taking 0 first leaves a quiz of one; the search finds 1 and 2.
        let clashes = [0b110, 0b001, 0b001];
        assert_eq!(search(&clashes, &[false; 3], 0, 2), 0b110);
    }

    #[test]
    fn the_search_keeps_to_the_generated_budget_and_fills_a_full_pool() {
        // Nothing clashes, but only one generated question may be taken.
        let best = search(&[0; 4], &[true, true, false, false], 1, 4);
        assert_eq!(best.count_ones(), 3);
        // 128 candidates with no clash: every one, without overflowing the masks.
        let best = search(&[0; 128], &[false; 128], 0, 128);
        assert_eq!(best, u128::MAX);
    }
}
