//! Cues between questions: one question shows the answer of another, or two questions ask the
//! same thing. Quiz assembly uses the same test ([`Telling::gives_away`]) to keep such pairs
//! out of one quiz.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use super::words::{folded, is_folded_content_word, push_folded, push_stem};
use super::{Cue, Finding, Lens, items, subject_of};
use crate::content::{Body, Course, Question};
use crate::quiz::format_number;

/// One answer of a question, as it would appear in another question's text.
#[derive(Debug, Clone)]
struct Answer {
    /// As written, for messages.
    display: String,
    /// Folded, with a space at each end.
    folded: String,
    /// The item's wrong choices, folded: a text that shows them too does not give the key away.
    distractors: Vec<String>,
}

/// A word of a [`Telling`]: where it is in the telling's `vocabulary`.
type Word = (u32, u32);

/// One piece of what a question shows: a sentence of its prompt or case, a choice, an item.
#[derive(Debug, Clone)]
struct Segment {
    /// Where it is in the telling's `shown`: folded, with a space at each end.
    folded: Range<usize>,
    /// Its content words, in order, each once.
    words: Vec<Word>,
    /// Whether it is shown only in the feedback, after answering.
    feedback: bool,
}

/// What a question shows (before it is answered, and in its feedback after), and what its
/// answers are, folded once so that many pairs can be compared quickly.
#[derive(Debug, Clone)]
pub struct Telling {
    id: String,
    generated: bool,
    facts: BTreeSet<String>,
    /// Everything shown (before answering and in the feedback), folded, with a space at each end.
    shown: String,
    /// The sentences, choices and items shown.
    segments: Vec<Segment>,
    /// The content words of the segments, one after another: what [`Word`]s point into (one
    /// string for all, rather than a string for each word).
    vocabulary: String,
    /// Content words of the prompt (and case): what the question is about, in order, each once.
    about: Vec<Word>,
    answers: Vec<Answer>,
}

impl Telling {
    /// Reads a question.
    #[must_use]
    pub fn new(q: &Question, lens: &Lens) -> Self {
        // What is shown, each with whether it says what the question is about.
        let mut texts: Vec<(&str, bool)> = sentences(&q.prompt)
            .into_iter()
            .map(|t| (t, true))
            .collect();
        if let Body::Scenario { case, .. } = &q.body {
            texts.extend(sentences(case).into_iter().map(|t| (t, true)));
        }
        // The feedback is shown too, once answered, before the next question: an explanation
        // that names another question's answer gives it away as surely as a choice would.
        let asked = texts.len();
        texts.extend(sentences(&q.explanation).into_iter().map(|t| (t, false)));
        if let Body::Scenario { parts, .. } = &q.body {
            for e in parts.iter().filter_map(|p| p.explanation.as_deref()) {
                texts.extend(sentences(e).into_iter().map(|t| (t, false)));
            }
        }
        let mut answers = Vec::new();
        let answer = |display: &str, distractors: Vec<String>| Answer {
            display: display.to_owned(),
            folded: folded(display),
            distractors,
        };
        for item in items(q) {
            if item.part.is_some() {
                texts.extend(sentences(item.prompt).into_iter().map(|t| (t, true)));
            }
            match item.body {
                Body::Single(c) | Body::Multiple(c) => {
                    texts.extend(c.0.iter().map(|c| (c.text.as_str(), false)));
                    let wrong: Vec<String> =
                        c.0.iter()
                            .filter(|c| !c.correct)
                            .map(|c| folded(&c.text))
                            .collect();
                    answers.extend(
                        c.0.iter()
                            .filter(|c| c.correct)
                            .map(|c| answer(&c.text, wrong.clone())),
                    );
                }
                Body::FillIn(accepted) => {
                    answers.extend(accepted.iter().map(|a| answer(a, Vec::new())));
                }
                Body::Numeric(n) => {
                    answers.extend(
                        number_texts(n.shown, n.unit.as_deref())
                            .iter()
                            .map(|t| answer(t, Vec::new())),
                    );
                }
                Body::Matching(pairs) => {
                    for p in pairs {
                        texts.push((&p.left, false));
                        texts.push((&p.right, false));
                    }
                }
                Body::Ordering(list) => texts.extend(list.iter().map(|t| (t.as_str(), false))),
                Body::TrueFalse(_) | Body::Scenario { .. } => {}
            }
        }
        // Everything shown, folded into one string (the segments joined by a bullet), and
        // their content words into another.
        let mut shown = String::with_capacity(texts.iter().map(|(t, _)| t.len() + 5).sum());
        let mut vocabulary = String::new();
        let mut about: Vec<Word> = Vec::new();
        let mut segments: Vec<Segment> = Vec::with_capacity(texts.len());
        for (k, &(t, says_about)) in texts.iter().enumerate() {
            if k > 0 {
                shown.push('\u{2022}');
            }
            let start = shown.len();
            push_folded(t, &mut shown);
            let mut words: Vec<Word> = Vec::new();
            for w in shown[start..]
                .split_whitespace()
                .filter(|w| is_folded_content_word(w, &lens.stop))
            {
                let from = vocabulary.len();
                push_stem(w, &mut vocabulary);
                words.push((from as u32, vocabulary.len() as u32));
            }
            sort_words(&vocabulary, &mut words);
            if says_about {
                about.extend_from_slice(&words);
            }
            segments.push(Segment {
                folded: start..shown.len(),
                words,
                feedback: k >= asked,
            });
        }
        sort_words(&vocabulary, &mut about);
        // An answer the question's own prompt states, or one too short to mean anything,
        // gives nothing away.
        let stated: Vec<&str> = segments
            .iter()
            .zip(&texts)
            .filter(|(_, (_, says_about))| *says_about)
            .map(|(s, _)| &shown[s.folded.clone()])
            .collect();
        answers.retain(|a| {
            let text = a.folded.trim();
            let meaningful = text
                .split_whitespace()
                .any(|w| is_folded_content_word(w, &lens.stop))
                || text.chars().all(|c| c.is_ascii_digit() || c == ' ');
            text.chars().count() >= 2 && meaningful && !stated.iter().any(|s| s.contains(&a.folded))
        });
        Self {
            id: q.id.clone(),
            generated: q.generated,
            facts: q.facts.iter().cloned().collect(),
            about,
            shown,
            segments,
            vocabulary,
            answers,
        }
    }

    /// The text of one of this telling's words.
    fn word(&self, (from, to): Word) -> &str {
        &self.vocabulary[from as usize..to as usize]
    }

    /// How many of this telling's `about` words are among `words`, words of `other`.
    fn about_in(&self, other: &Telling, words: &[Word]) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while let (Some(&a), Some(&b)) = (self.about.get(i), words.get(j)) {
            match self.word(a).cmp(other.word(b)) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// Whether the two questions test a common fact.
    #[must_use]
    pub fn shares_fact(&self, other: &Telling) -> bool {
        self.facts.intersection(&other.facts).next().is_some()
    }

    /// The answer of `other` that this question shows, when the two are about the same thing:
    /// they test a common fact, or the sentence, choice or item that shows the answer also
    /// holds enough of the content words of `other`'s prompt
    /// ([`super::CueSettings::give_away_context`]). A key shown together with one of that
    /// item's wrong choices gives nothing away.
    #[must_use]
    pub fn gives_away<'o>(&self, other: &'o Telling, lens: &Lens) -> Option<&'o str> {
        self.gives_away_in(other, lens, true)
    }

    /// [`Self::gives_away`], looking in the feedback too or only in what is shown before
    /// answering (what an author is asked to reword: explanations repeat facts by nature).
    fn gives_away_in<'o>(
        &self,
        other: &'o Telling,
        lens: &Lens,
        feedback: bool,
    ) -> Option<&'o str> {
        if self.id == other.id {
            return None;
        }
        let shared = self.shares_fact(other);
        let about = other.about.len().max(1) as f64;
        other
            .answers
            .iter()
            // A text that does not hold the answer as whole words cannot show it.
            .filter(|a| self.shown.contains(a.folded.as_str()))
            .filter(|a| {
                !a.distractors
                    .iter()
                    .any(|d| self.shown.contains(d.as_str()))
            })
            .find(|a| {
                self.segments
                    .iter()
                    .filter(|s| feedback || !s.feedback)
                    .any(|s| {
                        self.shown[s.folded.clone()].contains(&a.folded)
                            && (shared || {
                                let met = other.about_in(self, &s.words);
                                met >= 2 && met as f64 / about >= lens.settings.give_away_context
                            })
                    })
            })
            .map(|a| a.display.as_str())
    }

    /// Whether this question and `q` test a common fact.
    #[must_use]
    pub fn shares_fact_with(&self, q: &Question) -> bool {
        q.facts.iter().any(|f| self.facts.contains(f))
    }

    /// Whether either question gives away the other, or they test a common fact: the two
    /// should not be in one quiz.
    #[must_use]
    pub fn clashes(&self, other: &Telling, lens: &Lens) -> bool {
        self.shares_fact(other)
            || self.gives_away(other, lens).is_some()
            || other.gives_away(self, lens).is_some()
    }
}

/// Sorts words by their text in `vocabulary`, each once.
fn sort_words(vocabulary: &str, words: &mut Vec<Word>) {
    let text = |(from, to): Word| &vocabulary[from as usize..to as usize];
    words.sort_unstable_by(|&a, &b| text(a).cmp(text(b)));
    words.dedup_by(|a, b| text(*a) == text(*b));
}

/// The sentences of a text (split after `.`, `?`, `!` or `;` followed by a space).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'?' | b'!' | b';') && bytes.get(i + 1) == Some(&b' ') {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

/// How a figure may appear in a text: as written ("27.6", "2003"), in thousands
/// ("50,000,000") and in millions ("50 million") when large or when its unit says so.
fn number_texts(value: f64, unit: Option<&str>) -> Vec<String> {
    let mut out = vec![format_number(value)];
    let in_millions = unit.is_some_and(|u| u.split_whitespace().next() == Some("million"));
    if in_millions {
        out.push(format!("{} million", format_number(value)));
    }
    if value.fract() == 0.0 && value.abs() >= 1e4 {
        let digits = format_number(value.abs());
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        out.push(grouped);
    }
    if value.abs() >= 1e6 {
        out.push(format!("{} million", format_number(value / 1e6)));
    }
    out
}

/// The give-away and duplicate findings of a course: `all` holds its authored and generated
/// questions.
pub(super) fn check(course: &Course, all: &[&Question], lens: &Lens) -> Vec<Finding> {
    let tellings: Vec<Telling> = all.iter().map(|q| Telling::new(q, lens)).collect();
    let mut out = Vec::new();
    // Index the words each question shows, so each answer is looked for only where its
    // rarest word appears.
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in tellings.iter().enumerate() {
        for w in t.shown.split_whitespace() {
            let list = index.entry(w).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    // The candidates of an answer: the questions that show the rarest of its words.
    let listed = |answer: &Answer| {
        answer
            .folded
            .split_whitespace()
            .map(|w| index.get(w).map_or(&[][..], Vec::as_slice))
            .min_by_key(|list| list.len())
    };
    // Of those, the authored questions that show it and none of its item's wrong
    // choices: worked out once for each answer and set of wrong choices, since a course made
    // from a template repeats them (checking each pair again made this check quadratic).
    let mut showing: HashMap<(&str, &[String]), Vec<usize>> = HashMap::new();
    // The answering question `a` was last tried against, so each pair is tried once.
    let mut tried: Vec<usize> = vec![usize::MAX; tellings.len()];
    for (b, tb) in tellings.iter().enumerate() {
        // Two questions on one fact are never in one quiz, and say the same things by nature:
        // only authored questions on different facts are reported (generated questions draw
        // random choices, and the years they ask are mentioned everywhere; assembly keeps all
        // such pairs apart).
        if tb.generated {
            continue;
        }
        let mut found: Vec<(usize, &str)> = Vec::new();
        for answer in &tb.answers {
            let Some(candidates) = listed(answer) else {
                continue;
            };
            let shown_in = showing
                .entry((answer.folded.as_str(), answer.distractors.as_slice()))
                .or_insert_with(|| {
                    candidates
                        .iter()
                        .copied()
                        .filter(|&a| {
                            let ta = &tellings[a];
                            !ta.generated
                                && ta.shown.contains(answer.folded.as_str())
                                && !answer
                                    .distractors
                                    .iter()
                                    .any(|d| ta.shown.contains(d.as_str()))
                        })
                        .collect()
                });
            for &a in shown_in.iter() {
                if tried[a] == b {
                    continue;
                }
                tried[a] = b;
                let ta = &tellings[a];
                if ta.shares_fact(tb) {
                    continue;
                }
                if let Some(shown) = ta.gives_away_in(tb, lens, false) {
                    found.push((a, shown));
                }
            }
        }
        // In the order of the answers whose candidates list them, as each answer's candidates
        // are in question order.
        found.sort_by_key(|&(a, _)| {
            let first = tb
                .answers
                .iter()
                .position(|x| listed(x).is_some_and(|list| list.binary_search(&a).is_ok()));
            (first, a)
        });
        for (a, shown) in found {
            out.push(Finding {
                subject: subject_of(course, all[a]),
                part: None,
                cue: Cue::GivesAway,
                message: format!(
                    "it shows \"{shown}\" next to the words of question `{}`, which asks for it; reword one of them (Beacon never puts the two in one quiz)",
                    tb.id
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::cues::CueSettings;
    use crate::content::cues::fixture::{course, question};

    fn telling(course: &Course, id: &str) -> Telling {
        let lens = Lens::new(&CueSettings::default());
        Telling::new(course.question(id).expect("question"), &lens)
    }

    #[test]
    fn feedback_that_names_another_answer_gives_it_away() {
        let c = course(&format!(
            "{}{}",
            question(
                "ask",
                "f1",
                "kind = \"fill_in\"\nprompt = \"The Convention was opened for signature in ___.\"\naccept = [\"Palermo\"]"
            ),
            "[[questions]]\nid = \"told\"\nfacts = [\"f2\"]\ndifficulty = 1\n\
             explanation = \"Yes. The Convention was opened for signature in Palermo in December 2000.\"\n\
             kind = \"true_false\"\nprompt = \"The Convention came before its Protocols.\"\nanswer = true\n\n",
        ));
        let lens = Lens::new(&CueSettings::default());
        assert_eq!(
            telling(&c, "told").gives_away(&telling(&c, "ask"), &lens),
            Some("Palermo"),
            "its feedback is read before the next question"
        );
        let all: Vec<&Question> = c.questions().collect();
        assert!(
            check(&c, &all, &lens).is_empty(),
            "but authors are not asked to reword an explanation: assembly keeps the two apart"
        );
    }

    #[test]
    fn an_answer_is_given_away_only_next_to_what_its_question_asks() {
        let c = course(&format!(
            "{}{}{}",
            question(
                "ask",
                "f1",
                "kind = \"fill_in\"\nprompt = \"The Convention was opened for signature in ___.\"\naccept = [\"Palermo\"]"
            ),
            question(
                "show",
                "f2",
                "kind = \"true_false\"\nprompt = \"A conference met. The Convention was opened for signature in Palermo.\"\nanswer = true"
            ),
            question(
                "elsewhere",
                "f2",
                "kind = \"true_false\"\nprompt = \"The Convention was opened for signature. A football club plays in Palermo.\"\nanswer = true"
            ),
        ));
        let lens = Lens::new(&CueSettings::default());
        let (ask, show, elsewhere) = (
            telling(&c, "ask"),
            telling(&c, "show"),
            telling(&c, "elsewhere"),
        );
        assert_eq!(show.gives_away(&ask, &lens), Some("Palermo"));
        assert_eq!(elsewhere.gives_away(&ask, &lens), None, "another sentence");
        assert_eq!(
            ask.gives_away(&show, &lens),
            None,
            "a true/false has no answer to show"
        );
        assert!(show.clashes(&ask, &lens) && ask.clashes(&show, &lens));
    }

    #[test]
    fn a_key_shown_with_one_of_its_wrong_choices_gives_nothing_away() {
        let c = course(&format!(
            "{}{}{}",
            question(
                "when",
                "f1",
                "kind = \"single\"\nprompt = \"When was the Convention adopted?\"\nchoices = [\"15 November 2000\", \"31 May 2001\"]\nanswer = \"15 November 2000\""
            ),
            question(
                "both",
                "f1",
                "kind = \"single\"\nprompt = \"Which protocol came later?\"\nchoices = [\"The Convention, adopted 15 November 2000\", \"Firearms, 31 May 2001\"]\nanswer = \"Firearms, 31 May 2001\""
            ),
            question(
                "one",
                "f1",
                "kind = \"true_false\"\nprompt = \"The Convention was adopted on 15 November 2000.\"\nanswer = true"
            ),
        ));
        let lens = Lens::new(&CueSettings::default());
        let when = telling(&c, "when");
        assert_eq!(telling(&c, "both").gives_away(&when, &lens), None);
        assert_eq!(
            telling(&c, "one").gives_away(&when, &lens),
            Some("15 November 2000"),
            "on a common fact any mention counts"
        );
    }

    #[test]
    fn figures_are_looked_for_as_they_are_written() {
        assert_eq!(number_texts(2003.0, None), ["2003"]);
        assert_eq!(
            number_texts(27.6, Some("million people")),
            ["27.6", "27.6 million"]
        );
        assert_eq!(
            number_texts(50_000_000.0, None),
            ["50000000", "50,000,000", "50 million"]
        );
        assert_eq!(
            sentences("First one. Then 27.6 million? Yes; done"),
            ["First one.", " Then 27.6 million?", " Yes;", " done"]
        );
    }
}
