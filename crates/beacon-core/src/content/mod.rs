//! The course as data: the file format (a serde mirror), loading, and checking into a typed
//! [`Course`].

mod check;
pub mod cues;
mod load;
pub(crate) mod lower;
pub mod model;
mod module;
pub(crate) mod parts;
pub mod problem;
mod question;
pub(crate) mod raw;

pub use check::{did_you_mean, parse_date, parse_source};
pub use load::{
    COURSE_FILE, CourseFile, Loaded, MAX_FILE_BYTES, Places, load_files, load_files_without_cues,
    parse_module, text_of,
};
pub use lower::{course_toml, module_toml, question_toml};
pub use model::*;
pub use problem::{Problem, Severity};
pub use question::{GENERATED_PREFIX, MAX_QUESTION_CHARS};
