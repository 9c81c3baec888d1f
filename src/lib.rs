//! Beacon: a desktop course and quiz on how the United Nations and its partners fight human
//! trafficking. The core (content, lessons, quizzes, progress) has no egui; `ui` and `app` sit on
//! top of it.

pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod content;
pub mod documents;
pub mod gift;
pub mod lesson;
pub mod moodle;
pub mod progress;
pub mod quiz;
pub mod scorm;
pub mod ui;
