//! Beacon's core: everything that has no window. The course as data (loading and checking),
//! lessons, quizzes (assembly, grading, attempts), progress (the model, spaced review, the final
//! assessment), the data folder's files behind a small [`storage::Storage`] interface,
//! interchange formats and documents. The same core runs in the desktop app, in the browser and
//! under the fuzzer; it never imports a window system and never touches the file system itself.

pub mod content;
pub mod data;
pub mod documents;
pub mod formats;
pub mod lesson;
pub mod plural;
pub mod progress;
pub mod quiz;
pub mod stats;
pub mod storage;

#[cfg(test)]
pub(crate) mod testing;
