//! The course as data: the file format (a serde mirror), loading, and checking into a typed
//! [`Course`]. No egui here.

mod check;
mod load;
pub mod locate;
pub mod model;
mod module;
pub mod problem;
mod question;
mod raw;
pub mod shelf;

pub use check::{did_you_mean, parse_date, parse_source};
pub use load::{COURSE_FILE, LoadError, Loaded, MAX_FILE_BYTES, load, parse_module, read_text};
pub use model::*;
pub use problem::{Problem, Severity};
