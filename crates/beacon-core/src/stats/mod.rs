//! Item statistics for teachers and coordinators: which questions work, which need a look, and
//! how consistent each test is, from results pooled across computers and systems. No window
//! system and no file system here: files come in as bytes, the report goes out as values.
//!
//! # What is read
//!
//! - **Beacon's results CSV** (`beacon export results --format csv`, or Classroom → Export
//!   results). Attempt rows give each attempt's score; the answer rows that follow give each
//!   question's score (0 to 1) and response. Files exported before answer rows existed still
//!   load: their attempts count in the tests' scores, not in the questions'.
//! - **Beacon's xAPI export**, and **any xAPI 1.0.3 statements** as a JSON array or as an LRS
//!   returns them (`{"statements": [...], "more": "..."}`). Every `answered` statement (any
//!   verb IRI ending in `/answered`) about a question of the course counts: its activity id is
//!   `XAPI_BASE/questions/ID` (the course's `xapi_base`), a bare question id, or any IRI whose
//!   last segment is a question id. Its score is `result.score.scaled`, else `raw` within
//!   `min`..`max`, else `result.success` as 1 or 0. Voided statements are left out.
//!
//! # Learners, attempts and tests
//!
//! - A **learner** is an xAPI actor's inverse functional identifier (mbox, mbox_sha1sum, openid
//!   or account), as xAPI defines; Beacon's own statements name a profile by an account whose
//!   name is the profile's id, and the CSV's `profile_id` is that same id, so a profile is the
//!   same learner in both. Profiles named `p1`, `p2`, ... are numbered anew on each computer, so
//!   for those the profile's name is part of the key. A CSV from before profile ids were written
//!   identifies learners by profile name alone (ignoring case and surrounding spaces). One
//!   person with a profile on two computers is two learners: merging by name would merge two
//!   different learners who share a name.
//! - An **attempt** is a Beacon attempt (CSV `attempt_id`, the same as its xAPI
//!   `context.registration`), or an xAPI registration. Answers without a registration form one
//!   attempt per learner and test. Within an attempt each question counts once, its first
//!   answer; reading the same file twice therefore changes nothing. Beacon attempts that were
//!   never finished (answers with no result statement) are left out.
//! - A **test** is what the attempt was: `final` (the final assessment), a module id (that
//!   module's quiz), `review`, `mixed` (quick quizzes), `checks:MODULE` (a lesson's "check
//!   yourself" questions), or, for other systems, the registration's activity or the answer's
//!   parent activity.
//! - **Which attempts count**: by default each learner's *first* attempt at each test (the
//!   earliest to finish), as Moodle's quiz statistics report did by default (Moodle 2.x; recent
//!   versions start from the quiz's grading method and still offer "first attempt"): later
//!   attempts come after feedback and would make questions look easier than they are.
//!   [`Which::All`] counts every attempt.
//!
//! # Formulas
//!
//! Item scores `x` are from 0 to 1 (partial credit counts). Variances and covariances divide by
//! n - 1, as Moodle does.
//!
//! For each question, over the counted attempts that asked it (optionally only one test's):
//! - **attempts** `n`;
//! - **facility index** `F = mean(x)` (Moodle shows it as a percentage);
//! - **standard deviation** `sd(x)`;
//! - **discrimination index** `D = cov(x, r) / sqrt(var(x) var(r))`, Pearson's correlation of
//!   the item score with the **rest of the test** `r`: the mean score of the attempt's other
//!   questions. Moodle uses their sum; with attempts of equal length the two give the same
//!   correlation, and the mean keeps attempts of different lengths comparable. Attempts with no
//!   other question are left out of `D`. Undefined when `x` or `r` does not vary.
//! - **discriminative efficiency** `E = cov(x, r) / cov_max(x, r)`, where `cov_max` is the
//!   covariance of `x` and `r` each sorted in increasing order (the largest covariance their
//!   distributions allow), as Moodle computes it. Undefined when `cov_max` is 0. At most 1;
//!   below 0 it has no floor (a skewed question can reach -200%), as in Moodle.
//! - **choices picked**: for authored single, multiple-answer and true/false questions, the
//!   share of recorded responses that picked each choice (generated questions draw their wrong
//!   choices at random, so they cannot be counted afterwards).
//!
//! For each test, over its counted attempts:
//! - **learners**, **attempts**; **mean**, **median** and **standard deviation** of the
//!   attempts' scores as a share of the maximum (the attempt's own score and maximum where the
//!   file has them, held to 0 to 1 as item scores are, else the mean of its item scores);
//! - **Cronbach's alpha** (equal to KR-20 when every item is right or wrong):
//!   `alpha = k / (k - 1) (1 - sum_j var(x_j) / var(T))` over the attempts with `k` questions
//!   answered, `k` being the most common number; `x_j` is the score of the j-th question asked
//!   and `T` the attempt's total. Beacon draws each quiz at random, so, as Moodle does for
//!   random questions, an item is a position in the test, not a fixed question.
//! - **error ratio** `sqrt(1 - alpha)` and **standard error** `SE = sd(T / k) sqrt(1 - alpha)`,
//!   Moodle's "standard error" of the test: the standard error of measurement, in the units of
//!   the score (a share of the maximum).
//!
//! Flags and their thresholds are in [`flags`]. Everything here is checked against an outside
//! computation (numpy, scipy and pingouin) by `tests/stats.rs`, from
//! `tests/fixtures/stats/generate.py`.

mod analyse;
pub mod flags;
mod math;
mod pool;
mod read_csv;
mod read_xapi;
pub mod render;
mod statement;

pub use analyse::{ChoiceShare, Options, QuestionStats, Report, TestStats, Which, analyse};
pub use flags::{Flag, FlagKind, Thresholds};
pub use pool::{Format, NOTES_PER_FILE, Note, Pool, account_key, name_key};
