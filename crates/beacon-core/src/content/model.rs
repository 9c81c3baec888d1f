//! The typed course: what the loader produces once the files have been checked. Every later step
//! (lessons, quizzes, progress, the UI) trusts these values.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

/// A whole course: its description and its modules in teaching order.
#[derive(Debug, Clone)]
pub struct Course {
    /// What `course.toml` says about the course.
    pub info: CourseInfo,
    /// The modules, in the order of `course.toml`.
    pub modules: Vec<Module>,
    fact_index: HashMap<String, (usize, usize)>,
    question_index: HashMap<String, (usize, usize)>,
}

impl Course {
    /// Builds a course and its id indexes. Ids must already be unique (the loader checks).
    #[must_use]
    pub fn new(info: CourseInfo, modules: Vec<Module>) -> Self {
        let mut fact_index = HashMap::new();
        let mut question_index = HashMap::new();
        for (m, module) in modules.iter().enumerate() {
            for (f, fact) in module.facts.iter().enumerate() {
                fact_index.insert(fact.id.clone(), (m, f));
            }
            for (q, question) in module.questions.iter().enumerate() {
                question_index.insert(question.id.clone(), (m, q));
            }
        }
        Self {
            info,
            modules,
            fact_index,
            question_index,
        }
    }

    /// The module with this id.
    #[must_use]
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// The fact with this id, anywhere in the course.
    #[must_use]
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        let &(m, f) = self.fact_index.get(id)?;
        self.modules.get(m)?.facts.get(f)
    }

    /// The authored question with this id, anywhere in the course.
    #[must_use]
    pub fn question(&self, id: &str) -> Option<&Question> {
        let &(m, q) = self.question_index.get(id)?;
        self.modules.get(m)?.questions.get(q)
    }

    /// The module that holds the authored question with this id.
    #[must_use]
    pub fn module_of_question(&self, id: &str) -> Option<&Module> {
        let &(m, _) = self.question_index.get(id)?;
        self.modules.get(m)
    }

    /// All authored questions of the course.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.modules.iter().flat_map(|m| m.questions.iter())
    }

    /// The paragraphs of the source article (the source `seed`, cited as `seed:P7`) that facts,
    /// terms or events cite, in order.
    #[must_use]
    pub fn taught_paragraphs(&self) -> std::collections::BTreeSet<u32> {
        let sources = self.modules.iter().flat_map(|m| {
            m.facts
                .iter()
                .map(|f| &f.source)
                .chain(m.terms.iter().map(|t| &t.source))
                .chain(m.events.iter().map(|e| &e.source))
        });
        sources.filter_map(Source::seed_paragraph).collect()
    }

    /// The declared source with this id.
    #[must_use]
    pub fn reference(&self, id: &str) -> Option<&Reference> {
        self.info.sources.iter().find(|r| r.id == id)
    }

    /// A citation in words: the declared source's title and the place in it, e.g. "UNODC,
    /// Global Report on Trafficking in Persons 2024, p. 12".
    #[must_use]
    pub fn cite(&self, source: &Source) -> String {
        let title = self
            .reference(&source.id)
            .map_or(source.id.as_str(), |r| r.title.as_str());
        match &source.locator {
            Some(at) => format!("{title}, {}", readable_locator(at)),
            None => title.to_owned(),
        }
    }

    /// Where the facts a question tests come from, in words, without repeats.
    #[must_use]
    pub fn sources_of(&self, question: &Question) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for source in question
            .facts
            .iter()
            .filter_map(|f| self.fact(f))
            .map(|f| self.cite(&f.source))
        {
            if !out.contains(&source) {
                out.push(source);
            }
        }
        out
    }

    /// All facts of the course.
    pub fn facts(&self) -> impl Iterator<Item = &Fact> {
        self.modules.iter().flat_map(|m| m.facts.iter())
    }
}

/// A place in a source in words, for the course format's two short forms: `P7` is paragraph 7
/// (of the source article) and `3 definition` is section 3, on the definition (of the fact
/// check); any other locator ("chapter 2") is already in words and is kept as written.
fn readable_locator(at: &str) -> String {
    if let Some(n) = at.strip_prefix('P')
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("paragraph {n}");
    }
    let digits = at.bytes().take_while(u8::is_ascii_digit).count();
    match at.split_at(digits) {
        ("", _) => at.to_owned(),
        (n, "") => format!("section {n}"),
        (n, rest) if rest.starts_with(' ') => format!("section {n}: {}", rest.trim_start()),
        _ => at.to_owned(),
    }
}

/// The course's own description, from `course.toml`.
#[derive(Debug, Clone, Default)]
pub struct CourseInfo {
    /// Short id, e.g. `un-against-trafficking`.
    pub id: String,
    /// Title shown in the app.
    pub title: String,
    /// The content version, e.g. `1.0.0`.
    pub version: String,
    /// Language tag, e.g. `en`.
    pub language: String,
    /// A few sentences on what the course teaches.
    pub description: String,
    /// The calm note shown before the first lesson.
    pub content_note: String,
    /// Places to get help, by country. May be empty.
    pub help_lines: Vec<HelpLine>,
    /// The sources the course declares (`[[sources]]`), which facts, terms and events cite;
    /// also shown in the About screen.
    pub sources: Vec<Reference>,
    /// The course path and final assessment.
    pub assessment: Assessment,
    /// Base IRI of xAPI activity ids, e.g. `https://example.org/beacon/un-against-trafficking`.
    pub xapi_base: String,
    /// Who runs the course and issues its certificates.
    pub organisation: Organisation,
    /// Hours of study the course takes, as the author states it; `None` to estimate it from
    /// the lessons (see `progress::assessment::study_hours`).
    pub study_hours: Option<f64>,
    /// Paragraphs of the source article that the course must teach (`beacon check` reports
    /// the ones no fact, term or event cites).
    pub seed_paragraphs: Vec<u32>,
    /// Thresholds and word lists of the cue checks, from `[cues]`.
    pub cues: super::cues::CueSettings,
    /// The folder the course was loaded from.
    pub folder: PathBuf,
}

/// The required path and the final assessment, from `[assessment]` in `course.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Modules that must be passed through; empty means every module.
    pub required: Vec<String>,
    /// Questions in the final assessment.
    pub questions: usize,
    /// Pass mark in percent.
    pub pass_mark: u8,
    /// The score in percent at which a module quiz counts as passed (the course's mastery
    /// threshold); the pass mark unless set.
    pub module_pass_mark: u8,
    /// Time limit, if any.
    pub time_limit_minutes: Option<u32>,
    /// Most attempts allowed, if limited (3 unless `attempts = 0` asks for no limit).
    pub attempts: Option<u32>,
    /// Hours to wait after an attempt before the next one (0 for none).
    pub cooldown_hours: u32,
    /// Whether the required lessons must be read first.
    pub lessons_first: bool,
    /// The fastest plausible reading speed: a lesson page counts as read only after it was
    /// shown for its words at this speed (and at least [`Assessment::MIN_PAGE_SECONDS`]).
    pub reading_words_per_minute: u32,
}

impl Assessment {
    /// The attempt limit when `course.toml` sets none.
    pub const DEFAULT_ATTEMPTS: u32 = 3;
    /// The cool-down between attempts when `course.toml` sets none, in hours.
    pub const DEFAULT_COOLDOWN_HOURS: u32 = 24;
    /// The reading speed when `course.toml` sets none, in words per minute: faster than almost
    /// anyone reads for understanding (about 250), slower than flicking through.
    pub const DEFAULT_WORDS_PER_MINUTE: u32 = 500;
    /// The least time a page must be shown, however short it is.
    pub const MIN_PAGE_SECONDS: f64 = 3.0;
}

impl Default for Assessment {
    fn default() -> Self {
        Self {
            required: Vec::new(),
            questions: 20,
            pass_mark: 80,
            module_pass_mark: 80,
            time_limit_minutes: None,
            attempts: Some(Self::DEFAULT_ATTEMPTS),
            cooldown_hours: Self::DEFAULT_COOLDOWN_HOURS,
            lessons_first: false,
            reading_words_per_minute: Self::DEFAULT_WORDS_PER_MINUTE,
        }
    }
}

/// Who runs the course and issues its certificates, from `[organisation]` in `course.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Organisation {
    /// The organisation's name, printed on certificates as their issuer.
    pub name: String,
    /// Its web address: the `homePage` of learners' xAPI accounts, and where certificates say
    /// to ask when checking one. Empty when not set.
    pub home_page: String,
    /// A logo printed on certificates: a PNG file in the course folder.
    pub logo: Option<Logo>,
    /// The name printed under the signature line of certificates.
    pub signatory: Option<String>,
    /// The signatory's role, printed under their name.
    pub signatory_role: Option<String>,
}

/// A logo image from the course folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// The file name as `course.toml` gives it.
    pub file: String,
    /// The PNG file's bytes.
    pub png: Vec<u8>,
}

/// A place to get help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// Name of the service.
    pub name: String,
    /// Phone number, web address or other contact.
    pub contact: String,
    /// Country or region it serves.
    pub country: String,
    /// Optional remark (opening hours, languages).
    pub note: Option<String>,
}

/// A source the course declares and cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Short id that citations use, e.g. `seed` in `seed:P7`.
    pub id: String,
    /// Human-readable title.
    pub title: String,
    /// Optional web address.
    pub url: Option<String>,
    /// Optional author (a person or an organisation).
    pub author: Option<String>,
    /// Optional date of publication.
    pub date: Option<Date>,
}

impl Reference {
    /// The source in words, as a list of references gives it: its title, then its author and
    /// its date when known, e.g. "Global Report on Trafficking in Persons 2024, UNODC (December 2024)".
    #[must_use]
    pub fn describe(&self) -> String {
        let mut out = self.title.clone();
        if let Some(author) = &self.author {
            out.push_str(", ");
            out.push_str(author);
        }
        if let Some(date) = &self.date {
            use std::fmt::Write as _;
            let _ = write!(out, " ({date})");
        }
        out
    }
}

/// One module: a lesson's worth of facts, terms, events and questions.
#[derive(Debug, Clone)]
pub struct Module {
    /// Module id, e.g. `palermo`.
    pub id: String,
    /// Title.
    pub title: String,
    /// One or two sentences for the course map.
    pub summary: String,
    /// What a learner can do afterwards.
    pub objectives: Vec<String>,
    /// Lesson pages, in order.
    pub sections: Vec<Section>,
    /// Key points taught.
    pub facts: Vec<Fact>,
    /// Glossary entries.
    pub terms: Vec<Term>,
    /// Timeline entries, sorted by date.
    pub events: Vec<Event>,
    /// Authored questions.
    pub questions: Vec<Question>,
    /// The file the module came from.
    pub file: PathBuf,
}

impl Module {
    /// The facts of one section, in file order.
    pub fn facts_of<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Fact> + 'a {
        self.facts.iter().filter(move |f| f.section == section)
    }
}

/// A lesson page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Section id, unique in its module.
    pub id: String,
    /// Page title.
    pub title: String,
    /// Optional introductory paragraph.
    pub text: Option<String>,
}

/// A key point, with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Fact id, unique in the course.
    pub id: String,
    /// The section of its module that teaches it.
    pub section: String,
    /// The statement taught.
    pub text: String,
    /// Where it comes from.
    pub source: Source,
    /// The year it is about, if any.
    pub year: Option<i32>,
    /// The date it is about, if any.
    pub date: Option<Date>,
    /// A number stated by the fact, from which a question can be generated.
    pub number: Option<FactNumber>,
    /// False for a claim that is taught as reported but never quizzed as settled.
    pub quiz: bool,
}

/// A number stated by a fact, with the question that asks for it.
#[derive(Debug, Clone, PartialEq)]
pub struct FactNumber {
    /// The number.
    pub value: f64,
    /// The question that asks for it.
    pub ask: String,
    /// Unit shown after the number field.
    pub unit: Option<String>,
    /// Accepted distance from the value.
    pub tolerance: f64,
}

/// Where a fact, term or event comes from: a citation `SOURCE[:LOCATOR]` of a source the course
/// declares in `[[sources]]`, e.g. `seed:P7` (paragraph 7 of the source `seed`) or `glotip:p. 12`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    /// The id of the declared source.
    pub id: String,
    /// Where in it (a paragraph, section or page), as written after the `:`.
    pub locator: Option<String>,
}

impl Source {
    /// A citation of `id` at `locator`.
    #[must_use]
    pub fn new(id: impl Into<String>, locator: Option<&str>) -> Self {
        Self {
            id: id.into(),
            locator: locator.map(ToOwned::to_owned),
        }
    }

    /// The paragraph number of a citation of the source article, `seed:P<n>`.
    #[must_use]
    pub fn seed_paragraph(&self) -> Option<u32> {
        if self.id != "seed" {
            return None;
        }
        self.locator
            .as_deref()?
            .strip_prefix('P')?
            .parse()
            .ok()
            .filter(|n| *n > 0)
    }
}

impl fmt::Display for Source {
    /// The citation as written: `SOURCE[:LOCATOR]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.locator {
            Some(at) => write!(f, "{}:{at}", self.id),
            None => write!(f, "{}", self.id),
        }
    }
}

/// A calendar date with optional month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1-12, if known.
    pub month: Option<u8>,
    /// Day 1-31, if known.
    pub day: Option<u8>,
}

impl Date {
    /// Whether this date is certainly earlier than `other`, given what each date states
    /// ("2007" is not clearly before or after "2007-03").
    #[must_use]
    pub fn is_clearly_before(&self, other: &Date) -> bool {
        if self.year != other.year {
            return self.year < other.year;
        }
        match (self.month, other.month) {
            (Some(a), Some(b)) if a != b => a < b,
            (Some(_), Some(_)) => matches!((self.day, other.day), (Some(a), Some(b)) if a < b),
            _ => false,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = self
            .month
            .and_then(|m| MONTHS.get(usize::from(m).saturating_sub(1)));
        match (self.day, month) {
            (Some(d), Some(m)) => write!(f, "{d} {m} {}", self.year),
            (None, Some(m)) => write!(f, "{m} {}", self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

/// A glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term.
    pub term: String,
    /// What it means.
    pub definition: String,
    /// The section that shows it.
    pub section: String,
    /// Where the definition comes from.
    pub source: Source,
    /// The fact it belongs to, if any.
    pub fact: Option<String>,
}

/// A timeline entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Event id, unique in the course.
    pub id: String,
    /// When it happened.
    pub date: Date,
    /// Short title.
    pub title: String,
    /// One or two sentences.
    pub description: String,
    /// Where it comes from.
    pub source: Source,
    /// The fact it belongs to, if any.
    pub fact: Option<String>,
}

/// A question, authored or generated.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Question id, unique in the course.
    pub id: String,
    /// What is asked.
    pub prompt: String,
    /// The facts it tests.
    pub facts: Vec<String>,
    /// 1 recall, 2 understanding, 3 applying.
    pub difficulty: u8,
    /// Why the right answer is right.
    pub explanation: String,
    /// The kind and its answer data.
    pub body: Body,
    /// True when Beacon built it from facts, terms or events.
    pub generated: bool,
}

/// The kind of a question with the data that says what is right.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// One right choice.
    Single(Choices),
    /// Any number of right choices; partial credit.
    Multiple(Choices),
    /// A statement that is true or false.
    TrueFalse(bool),
    /// A typed answer; the prompt holds a blank `___`.
    FillIn(Vec<String>),
    /// A number within a tolerance or range.
    Numeric(NumericAnswer),
    /// Pairs to match; partial credit.
    Matching(Vec<Pair>),
    /// Items in their right order; partial credit.
    Ordering(Vec<String>),
    /// A case with sub-questions; the average of its parts.
    Scenario {
        /// The case text.
        case: String,
        /// The sub-questions.
        parts: Vec<Part>,
    },
}

impl Body {
    /// The kind of this body.
    #[must_use]
    pub fn kind(&self) -> Kind {
        match self {
            Self::Single(_) => Kind::Single,
            Self::Multiple(_) => Kind::Multiple,
            Self::TrueFalse(_) => Kind::TrueFalse,
            Self::FillIn(_) => Kind::FillIn,
            Self::Numeric(_) => Kind::Numeric,
            Self::Matching(_) => Kind::Matching,
            Self::Ordering(_) => Kind::Ordering,
            Self::Scenario { .. } => Kind::Scenario,
        }
    }
}

/// A sub-question of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// What is asked.
    pub prompt: String,
    /// Its kind and answer data (never a scenario).
    pub body: Body,
    /// Optional explanation of this part.
    pub explanation: Option<String>,
}

/// The choices of a single or multiple choice question, in authored order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices(pub Vec<Choice>);

/// One choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Text shown.
    pub text: String,
    /// Whether ticking it is right.
    pub correct: bool,
    /// Whether it keeps its place when choices are shuffled.
    pub fixed: bool,
}

/// What a numeric question accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericAnswer {
    /// Lowest accepted value.
    pub min: f64,
    /// Highest accepted value.
    pub max: f64,
    /// The value shown as the right answer.
    pub shown: f64,
    /// Unit shown after the field, e.g. `%`.
    pub unit: Option<String>,
}

/// One matching pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// Item on the left.
    pub left: String,
    /// Its partner.
    pub right: String,
}

/// The question kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// One right choice.
    Single,
    /// Select all that apply.
    Multiple,
    /// True or false.
    TrueFalse,
    /// Fill in the blank.
    FillIn,
    /// A number.
    Numeric,
    /// Match pairs.
    Matching,
    /// Put in order.
    Ordering,
    /// A case with sub-questions.
    Scenario,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 8] = [
        Kind::Single,
        Kind::Multiple,
        Kind::TrueFalse,
        Kind::FillIn,
        Kind::Numeric,
        Kind::Matching,
        Kind::Ordering,
        Kind::Scenario,
    ];

    /// The name used in the files.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::TrueFalse => "true_false",
            Kind::FillIn => "fill_in",
            Kind::Numeric => "numeric",
            Kind::Matching => "matching",
            Kind::Ordering => "ordering",
            Kind::Scenario => "scenario",
        }
    }

    /// The kind with this file name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::readable_locator;

    #[test]
    fn short_locators_read_as_words_and_others_stay_as_written() {
        assert_eq!(readable_locator("P7"), "paragraph 7");
        assert_eq!(readable_locator("P27"), "paragraph 27");
        assert_eq!(readable_locator("3 definition"), "section 3: definition");
        assert_eq!(readable_locator("4"), "section 4");
        assert_eq!(
            readable_locator("2 Pact for the Future"),
            "section 2: Pact for the Future"
        );
        assert_eq!(readable_locator("chapter 2"), "chapter 2");
        assert_eq!(readable_locator("Pages 3-4"), "Pages 3-4");
        assert_eq!(readable_locator("P"), "P");
        assert_eq!(readable_locator("16.2.2"), "16.2.2");
    }
}
