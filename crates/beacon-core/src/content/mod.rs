//! The course as data: the file format (a serde mirror), loading, and checking into a typed
//! [`Course`].

mod check;
mod load;
pub mod model;
mod module;
pub mod problem;
mod question;
mod raw;

pub use check::{did_you_mean, parse_date, parse_source};
pub use load::{
    COURSE_FILE, CourseFile, Loaded, MAX_FILE_BYTES, load_files, parse_module, text_of,
};
pub use model::*;
pub use problem::{Problem, Severity};
