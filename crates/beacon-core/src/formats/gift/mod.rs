//! Moodle's GIFT format: a parser, import into a Beacon course, and export of a Beacon course.

pub mod export;
pub mod html;
pub mod import;
pub mod meta;
pub mod parse;

pub use export::{Exported, to_gift};
pub use import::{Imported, MAX_QUESTIONS, Note, import};
pub use parse::{Answers, GiftFile, Number, Problem, Question, TextFormat, Weighted, parse};
