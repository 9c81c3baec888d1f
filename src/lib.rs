//! Beacon: a course and quiz on how the United Nations and its partners fight human
//! trafficking. This is the app crate: the eframe shell (`app`), the screens (`ui`), the command
//! line (`cli`), the desktop's storage (`storage`) and the shipped course (`shipped`), on top of
//! the window-free core crate, whose modules are re-exported here under their own names.

pub use beacon_core::{content, data, documents, formats, lesson, progress, quiz};

pub mod app;
pub mod cli;
pub mod shipped;
pub mod storage;
pub mod ui;
